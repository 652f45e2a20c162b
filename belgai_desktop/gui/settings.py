"""What the desktop app remembers between runs: one INI file, in ``QSettings``' format.

The file lives in the user's config folder (``BELGAI_CONFIG_DIR`` when set, which the
tests use to isolate every test). Only this module knows the keys. The file is read once,
every value checked (one out of range is dropped with one warning, so a hand-edited file
never stops the app from opening), and written whole to a temporary file that is renamed
over it: a settings file that is a link is replaced, never followed, and a crash never
leaves half a file. When the folder cannot be written, that is said once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from belgai_desktop.core import messages, paths
from belgai_desktop.core.data import vocab
from belgai_desktop.core.i18n import gettext as _

FILE_NAME = "belgai-desktop.ini"

LANGUAGE = "interface/language"
GEOMETRY = "window/geometry"
STATE = "window/state"
SPLITTER = "window/splitter"
PAGE_ZOOM = "window/page_zoom"
# Search filters are no longer saved (window_state says why); the keys stay valid so that an
# older settings file still reads without a warning.
KIND_FILTER = "filters/kind"
LEVEL_FILTER = "filters/level"
PDF_FOLDER = "dialogs/pdf_folder"  # the folder of the last PDF saved: the next save opens there
DATA_MAX_AGE_MONTHS = "data/max_age_months"  # the data-age notice shows past this age
AGE_NOTICE_DISMISSED = "data/age_notice_dismissed"  # the as-of date whose notice was dismissed
DEFAULT_DATA_MAX_AGE_MONTHS = 12

MAX_PANE = 100_000  # pixels: more than any screen, less than what overflows Qt's int
MAX_ZOOM_STEPS = 100

_said: set[str] = set()


def _say_once(text: str) -> None:
    if text not in _said:
        _said.add(text)
        messages.warning(text)


def _int_in(value: Any, lo: int, hi: int) -> bool:
    try:
        return lo <= int(value) <= hi
    except (TypeError, ValueError, OverflowError):
        return False


def _pane_sizes(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(_int_in(v, 0, MAX_PANE) for v in value)


def _one_of(allowed: set[str]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and (value == "" or value in allowed)


# What each stored value may be; keys not listed (from a newer version) are kept as they are.
VALID: dict[str, Callable[[Any], bool]] = {
    LANGUAGE: lambda value: isinstance(value, str),  # an unsupported one: saved_language says so
    GEOMETRY: lambda value: isinstance(value, QByteArray),
    STATE: lambda value: isinstance(value, QByteArray),
    SPLITTER: _pane_sizes,
    PAGE_ZOOM: lambda value: _int_in(value, -MAX_ZOOM_STEPS, MAX_ZOOM_STEPS),
    KIND_FILTER: _one_of(set(vocab.KINDS) | set(vocab.KIND_GROUPS)),
    LEVEL_FILTER: _one_of(set(vocab.LEVELS)),
    PDF_FOLDER: lambda value: isinstance(value, str),
    DATA_MAX_AGE_MONTHS: lambda value: _int_in(value, 1, 1200),
    AGE_NOTICE_DISMISSED: lambda value: isinstance(value, str),
}


class Settings:
    """The settings, held in memory; :meth:`sync` writes them (``QSettings``' method names)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        self._read()

    def _read(self) -> None:
        try:
            mode = os.stat(self.path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return  # first run: the defaults
        except (OSError, ValueError) as exc:
            _say_once(_("cannot read the settings {path} ({reason}); using the defaults").format(
                path=self.path, reason=getattr(exc, "strerror", None) or exc))
            return
        if not stat.S_ISREG(mode):
            _say_once(_("the settings {path} are not a regular file; using the defaults").format(path=self.path))
            return
        stored = QSettings(str(self.path), QSettings.Format.IniFormat)  # read only: nothing is set
        for key in stored.allKeys():
            value = stored.value(key)
            valid = VALID.get(key)
            if valid is not None and not valid(value):
                shown = repr(value)
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                _say_once(_("ignored the setting {key} = {value} in {path}: not a valid value").format(
                    key=key, value=shown, path=self.path))
                continue
            self._values[key] = value

    def value(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def setValue(self, key: str, value: Any) -> None:  # QSettings' name
        self._values[key] = value

    def remove(self, key: str) -> None:
        self._values.pop(key, None)

    def allKeys(self) -> list[str]:  # QSettings' name
        return sorted(self._values)

    def sync(self) -> bool:
        """Write the settings: a temporary file in the same folder, renamed over the old one."""
        folder = self.path.parent
        tmp = folder / f".{self.path.name}.{os.getpid()}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp.unlink(missing_ok=True)  # never write through whatever might be there
            status = QSettings.Status.NoError
            if self._values:
                out = QSettings(str(tmp), QSettings.Format.IniFormat)
                for key, value in sorted(self._values.items()):
                    out.setValue(key, value)
                out.sync()
                status = out.status()
                del out
            else:
                tmp.write_bytes(b"")
            if status != QSettings.Status.NoError or not tmp.is_file():
                raise OSError(f"the settings could not be written ({status.name})")
            os.replace(tmp, self.path)
            return True
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            _say_once(_("cannot save the settings in {path} ({reason}); changes are lost when the app closes").format(
                path=folder, reason=reason))
            try:
                tmp.unlink(missing_ok=True)
            except (OSError, ValueError):
                pass
            return False


def open_settings() -> Settings:
    return Settings(paths.config_dir() / FILE_NAME)


def saved_language(settings: Settings) -> str | None:
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


def text(settings: Settings, key: str) -> str:
    value = settings.value(key)
    return value if isinstance(value, str) else ""


def number(settings: Settings, key: str, default: int = 0) -> int:
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default


def numbers(settings: Settings, key: str) -> list[int]:
    value = settings.value(key)
    if not isinstance(value, list):
        return []
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        return []


def blob(settings: Settings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
