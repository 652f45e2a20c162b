"""Interface language: gettext catalogs (domain ``belgai``) and the current language.

English is the source language. Catalogs live in ``locales/<lang>/LC_MESSAGES/belgai.po``
(in an installed package: ``belgai_desktop/data/locales``, with the compiled ``.mo``).
A ``.mo`` next to the ``.po`` (made by ``python tools/i18n.py compile`` or a packager) is used
when it is at least as new as the ``.po``; otherwise the ``.po`` is compiled with babel on first
use and cached in the user's cache folder under a name derived from its content, so a fresh
clone works without a build step and an edited ``.po`` is never shadowed by a stale cache.
Anything wrong — a missing, corrupt, empty or truncated catalog, an unwritable cache, an
unsupported language in the settings or the environment — falls back to English with one warning
through :mod:`belgai_desktop.core.messages`, never an exception. Each catalog is checked when it
is loaded: a message whose ``{placeholders}`` would not format stays in English (said once).
The POSIX locale (``C``, ``POSIX``) or no locale at all means "no preference": English, silently.

It sits beside :mod:`errors`, :mod:`messages` and :mod:`paths`, below the sub-packages (the
data's error messages are translated too), so it owns the list of languages itself
(:data:`LANGUAGES`; :mod:`core.data.vocab` repeats it for the data's vocabulary). May import only
the standard library, babel (lazily) and ``core.messages/paths``.
"""

from __future__ import annotations

import gettext as _gettext
import hashlib
import io
import locale
import os
import re
import string
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from belgai_desktop.core import messages, paths

DOMAIN = "belgai"
_lock = threading.Lock()
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
# The languages of the interface and of the reference data's texts.
LANGUAGES: tuple[str, ...] = ("en", "nl", "fr", "de")
DEFAULT_LANGUAGE = "en"

_language = DEFAULT_LANGUAGE
_warned: set[str] = set()
_NO_PREFERENCE = {"", "c", "posix"}
# Windows reports locale names in English ("Dutch_Belgium").
_LANGUAGE_NAMES = {"english": "en", "dutch": "nl", "flemish": "nl", "french": "fr", "german": "de"}


def _warn_once(text: str) -> None:
    if text not in _warned:
        _warned.add(text)
        messages.warning(text)


def _po_path(lang: str) -> Path:
    return paths.locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _parse_mo(data: bytes) -> _gettext.GNUTranslations:
    return _gettext.GNUTranslations(io.BytesIO(data))


def _load_catalog(lang: str) -> _gettext.GNUTranslations:
    """The translations for ``lang``; raises with a short reason when none can be loaded."""
    po = _po_path(lang)
    shipped = po.with_suffix(".mo")
    reason = f"no catalog {po.name} for {lang!r}"
    # An installed package's .mo was compiled from its .po by the build (installers do not
    # keep file times); in a checkout, a .mo older than its .po is stale.
    packaged = paths.package_data_dir() is not None
    if _is_file(shipped) and (packaged or not _is_file(po) or shipped.stat().st_mtime >= po.stat().st_mtime):
        try:
            return _checked(_parse_mo(shipped.read_bytes()), lang, shipped.name)
        except LookupError:
            raise
        except Exception as exc:  # noqa: BLE001 - corrupt or unreadable: compile the .po instead, if any
            reason = f"{shipped.name} is unreadable ({exc})"
    if not _is_file(po):
        raise LookupError(reason)
    source = po.read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:16]
    cached = paths.cache_dir() / "locales" / lang / f"{DOMAIN}-{digest}.mo"
    try:  # an unreadable cache folder only costs a compile, never the language
        _remove_abandoned(cached.parent)
        if cached.is_file():
            return _checked(_parse_mo(cached.read_bytes()), lang, po.name)
    except LookupError:
        raise
    except Exception:  # noqa: BLE001 - a damaged or unreadable cache file: compile again below
        pass
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=lang, domain=DOMAIN, abort_invalid=True)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    translation = _checked(_parse_mo(buf.getvalue()), lang, po.name)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    try:  # caching only saves time; a read-only or full disk is not an error
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, cached)
        for old in cached.parent.glob(f"{DOMAIN}-*.mo"):
            if old != cached:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        try:
            tmp.unlink(missing_ok=True)  # a full disk leaves no partial file behind
        except (OSError, ValueError):
            pass
    return translation


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _remove_abandoned(folder: Path) -> None:
    """Delete ``*.<pid>.tmp`` files of processes that are gone (a compile cut short)."""
    if os.name == "nt" or not folder.is_dir():
        return
    for tmp in folder.glob("*.tmp"):
        pid = tmp.suffixes[-2][1:] if len(tmp.suffixes) >= 2 else ""
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except (OSError, OverflowError, ValueError):
            pass


def _placeholders(text: str) -> set[str] | None:
    """The names of the ``{placeholders}`` in ``text``; None if it is not a valid format string."""
    try:
        return {re.split(r"[.\[]", name, maxsplit=1)[0]
                for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _template_size() -> int | None:
    """How many messages the template (``belgai.pot``) has; None without one."""
    try:
        pot = (paths.locales_dir() / f"{DOMAIN}.pot").read_bytes()
    except (OSError, ValueError):
        return None
    return max(0, len(re.findall(rb"^msgid ", pot, re.M)) - 1)  # minus the header


def _checked(translation: _gettext.GNUTranslations, lang: str, name: str) -> _gettext.GNUTranslations:
    """``translation`` without the messages whose placeholders would fail to format (they show
    in English); LookupError when it translates nothing. Says once what is wrong."""
    catalog: dict = translation._catalog  # type: ignore[attr-defined]
    broken: set[str] = set()
    for key, text in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        english = msgid.split("\x04")[-1]
        if not msgid or "{" not in english + text:
            continue
        wanted, found = _placeholders(english), _placeholders(text)
        if found is None or (wanted is not None and not found <= wanted):
            broken.add(msgid)
    for key in [k for k in catalog if (k[0] if isinstance(k, tuple) else k) in broken]:
        del catalog[key]
    if broken:
        shown = ", ".join(repr(m.split("\x04")[-1]) for m in sorted(broken)[:3])
        more = f" and {len(broken) - 3} more" if len(broken) > 3 else ""
        _warn_once(f"the {lang} translation has {len(broken)} message(s) with broken placeholders "
                   f"({shown}{more}); they are shown in English")
    translated = {k[0] if isinstance(k, tuple) else k for k in catalog} - {""}
    if not translated:
        raise LookupError(f"{name} is empty or truncated")
    expected = _template_size()
    if expected and len(translated) + len(broken) < expected:
        _warn_once(f"the {lang} translation has {len(translated) + len(broken)} of {expected} messages "
                   f"({name} may be truncated); the others are shown in English")
    return translation


def normalize_language(value: str | None) -> str | None:
    """'nl_BE.UTF-8' → 'nl', 'Dutch_Belgium' → 'nl'; None for anything that is not one of
    our languages."""
    if not value:
        return None
    code = value.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    code = _LANGUAGE_NAMES.get(code, code)
    return code if code in LANGUAGES else None


def _platform_locale() -> str | None:
    """The user's locale when no environment variable says it (Windows, some macOS apps)."""
    if sys.platform == "win32":
        try:
            import ctypes

            lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            name = locale.windows_locale.get(lcid)
            if name:
                return name
        except (AttributeError, OSError):
            pass
    try:
        return locale.getlocale(locale.LC_MESSAGES if hasattr(locale, "LC_MESSAGES") else locale.LC_CTYPE)[0]
    except (ValueError, TypeError):
        return None


def system_language() -> str:
    """The language of the user's locale: nl_* → nl, fr_* → fr, de_* → de, else en.

    Follows gettext's order: ``LANGUAGE`` (a colon-separated list, the first of our languages
    wins) unless the locale is C/POSIX, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``. A locale in
    a language we do not have (``es_ES``, ``xx_YY``) gives English with one warning.
    """
    env_locale = next((os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), None)
    if env_locale is None:
        env_locale = _platform_locale()
    if env_locale is not None and env_locale.split(".")[0].strip().lower() in _NO_PREFERENCE:
        return DEFAULT_LANGUAGE
    for candidate in os.environ.get("LANGUAGE", "").split(":"):
        lang = normalize_language(candidate)
        if lang:
            return lang
    if not env_locale:
        return DEFAULT_LANGUAGE
    lang = normalize_language(env_locale)
    if lang is None:
        _warn_once(f"the system language {env_locale!r} is not available; using English")
        return DEFAULT_LANGUAGE
    return lang


def set_language(value: str | None) -> str:
    """Switch the interface language; returns the language actually in use.

    ``None`` or an empty value means English. Never raises: an unsupported value or a catalog
    that cannot be loaded gives English and one warning.
    """
    global _translation, _language
    lang = normalize_language(value) if isinstance(value, str) else None
    if lang is None:
        if value:
            _warn_once(f"unsupported language {value!r}; using English")
        lang = DEFAULT_LANGUAGE
    translation: _gettext.NullTranslations = _gettext.NullTranslations()
    if lang != DEFAULT_LANGUAGE:
        try:
            translation = _load_catalog(lang)
        except Exception as exc:  # noqa: BLE001 - any broken catalog: English, one warning, no crash
            _warn_once(f"the {lang} translation cannot be loaded ({exc}); using English")
            lang = DEFAULT_LANGUAGE
    with _lock:
        _translation, _language = translation, lang
    return lang


def current_language() -> str:
    return _language


def gettext(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translation.pgettext(context, message)


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction without translating it: for strings that other code
    translates later through :func:`gettext` (argparse's own words, for instance)."""
    return message


_ = gettext


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Translate with ``lang`` for a while (a print, a map in another language), then go back
    to the interface language."""
    previous = current_language()
    if previous != lang:
        set_language(lang)
    try:
        yield
    finally:
        if current_language() != previous:
            set_language(previous)
