"""The desktop app: PySide6 widgets over the core :class:`~belgai_desktop.core.library.Library`.

Everything Qt lives here; the core never imports this package. Entry point: :func:`app.run`.
"""
