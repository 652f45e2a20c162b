"""Switches the interface language of the running app in one place: our gettext catalog
(:func:`belgai_desktop.core.text.i18n.set_language`), Qt's own ``qtbase_<lang>.qm`` shipped in the
PySide6 wheel (standard dialog buttons, context menus), and the default ``QLocale``.

Installing or removing a ``QTranslator`` makes Qt send ``LanguageChange`` to every widget,
so Qt's own widgets re-translate themselves; ours re-translate in ``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from belgai_desktop.core.data import vocab  # vocab.LOCALES: the same locales babel formats with
from belgai_desktop.core.text import i18n

# Names of the languages in themselves, the same in every interface language.
AUTONYMS = {"en": "English", "nl": "Nederlands", "fr": "Français", "de": "Deutsch"}

_qt_translator: QTranslator | None = None


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_language(lang: str | None) -> str:
    """Use ``lang`` for everything from now on; returns the language actually in use."""
    global _qt_translator
    lang = i18n.set_language(lang)
    app = QCoreApplication.instance()
    if app is not None:
        if _qt_translator is not None:
            app.removeTranslator(_qt_translator)
            _qt_translator = None
        if lang != vocab.DEFAULT_LANGUAGE:
            translator = QTranslator(app)
            if translator.load(f"qtbase_{lang}", qt_translations_dir()):
                app.installTranslator(translator)
                _qt_translator = translator
    QLocale.setDefault(QLocale(vocab.LOCALES.get(lang, vocab.LOCALES[vocab.DEFAULT_LANGUAGE])))
    return lang
