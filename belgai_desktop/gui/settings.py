"""What the desktop app remembers between runs: one INI file read through ``QSettings``.

The file lives in the user's config folder (``BELGAI_CONFIG_DIR`` when set, which the
tests use to isolate every test). Only this module knows the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from belgai_desktop.core import paths, vocab

FILE_NAME = "belgai-desktop.ini"

LANGUAGE = "interface/language"
GEOMETRY = "window/geometry"
STATE = "window/state"
SPLITTER = "window/splitter"
PAGE_ZOOM = "window/page_zoom"
KIND_FILTER = "filters/kind"
LEVEL_FILTER = "filters/level"


def open_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / FILE_NAME), QSettings.Format.IniFormat)


def saved_language(settings: QSettings) -> str | None:
    """The language saved by the Language menu; a value we do not support (a hand-edited or
    newer settings file) is reported once and ignored, so the app starts in English."""
    value = settings.value(LANGUAGE)
    if value is None or value == "":
        return None
    if isinstance(value, str) and value in vocab.LANGUAGES:
        return value
    from belgai_desktop.core import i18n

    i18n.set_language(str(value))  # warns once through the message bridge, falls back to English
    return vocab.DEFAULT_LANGUAGE


def text(settings: QSettings, key: str) -> str:
    value = settings.value(key)
    return value if isinstance(value, str) else ""


def number(settings: QSettings, key: str, default: int = 0) -> int:
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default


def numbers(settings: QSettings, key: str) -> list[int]:
    value = settings.value(key)
    if not isinstance(value, list):
        return []
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        return []


def blob(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
