"""Switches the interface language of the running app in one place: our gettext catalog
(:func:`belgai_desktop.core.i18n.set_language`), Qt's own ``qtbase_<lang>.qm`` shipped in the
PySide6 wheel (standard dialog buttons, context menus), and the default ``QLocale``.

Qt's own catalogs have gaps: ``qtbase_nl`` and ``qtbase_fr`` leave the file dialog's "Look
in:" and "Files of type:" in English. :class:`QtGaps`, installed after ``qtbase``, answers
those few strings from our gettext catalog and lets every other string through.

Installing or removing a ``QTranslator`` makes Qt send ``LanguageChange`` to every widget,
so Qt's own widgets re-translate themselves; ours re-translate in ``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from belgai_desktop.core import i18n
from belgai_desktop.core.data import vocab  # vocab.LOCALES: the same locales babel formats with
from belgai_desktop.core.i18n import gettext as _

# Names of the languages in themselves, the same in every interface language.
AUTONYMS = {"en": "English", "nl": "Nederlands", "fr": "Français", "de": "Deutsch"}

_qt_translator: QTranslator | None = None
_gaps_translator: QTranslator | None = None


def _qt_gaps() -> dict[tuple[str, str], str]:
    """(Qt context, Qt's English text) → our translation, for what Qt's catalogs miss."""
    return {
        ("QFileDialog", "&Look in:"): _("&Look in:"),
        ("QFileDialog", "Files of &type:"): _("Files of &type:"),
        ("QFileDialog", "File &name:"): _("File &name:"),
    }


class QtGaps(QTranslator):
    """Fills the gaps in Qt's own translations; ``None`` lets Qt's catalog answer."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]
        text = _qt_gaps().get((context, source))
        return text if text and text != source else None

    def isEmpty(self) -> bool:
        return False


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_language(lang: str | None) -> str:
    """Use ``lang`` for everything from now on; returns the language actually in use."""
    global _qt_translator, _gaps_translator
    lang = i18n.set_language(lang)
    app = QCoreApplication.instance()
    if app is not None:
        for old in (_gaps_translator, _qt_translator):
            if old is not None:
                app.removeTranslator(old)
        _qt_translator = _gaps_translator = None
        if lang != vocab.DEFAULT_LANGUAGE:
            translator = QTranslator(app)
            if translator.load(f"qtbase_{lang}", qt_translations_dir()):
                app.installTranslator(translator)
                _qt_translator = translator
            _gaps_translator = QtGaps(app)
            app.installTranslator(_gaps_translator)  # consulted before qtbase
    QLocale.setDefault(QLocale(vocab.LOCALES.get(lang, vocab.LOCALES[vocab.DEFAULT_LANGUAGE])))
    return lang
