"""Interface language: gettext catalogs (domain ``belgai``) and the current language.

English is the source language. Catalogs live in ``locales/<lang>/LC_MESSAGES/belgai.po``;
the ``.mo`` files are compiled from them on first use into the user's cache when they are
missing or older than the ``.po`` (so a fresh clone works without a build step).
Anything wrong with a catalog or a language setting falls back to English with one warning.
"""

from __future__ import annotations

import gettext as _gettext
import locale
import os
import threading
from pathlib import Path

from belgai_desktop.core import messages, paths, vocab

DOMAIN = "belgai"
_lock = threading.Lock()
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = vocab.DEFAULT_LANGUAGE
_warned: set[str] = set()


def _warn_once(text: str) -> None:
    if text not in _warned:
        _warned.add(text)
        messages.warning(text)


def _compiled_catalog(lang: str) -> Path | None:
    """Path to an up-to-date .mo for ``lang``, compiling the .po with babel if needed."""
    po = paths.LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    shipped = po.with_suffix(".mo")
    if shipped.is_file() and (not po.is_file() or shipped.stat().st_mtime >= po.stat().st_mtime):
        return shipped
    if not po.is_file():
        return None
    target = paths.cache_dir() / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if target.is_file() and target.stat().st_mtime >= po.stat().st_mtime:
        return target
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        write_mo(f, catalog)
    os.replace(tmp, target)
    return target


def normalize_language(value: str | None) -> str | None:
    """'nl_BE.UTF-8' → 'nl'; None for anything that is not one of our languages."""
    if not value:
        return None
    code = value.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return code if code in vocab.LANGUAGES else None


def system_language() -> str:
    """The language of the system locale: nl_* → nl, fr_* → fr, de_* → de, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return normalize_language(value.split(":")[0]) or vocab.DEFAULT_LANGUAGE
    try:
        return normalize_language(locale.getlocale()[0]) or vocab.DEFAULT_LANGUAGE
    except ValueError:
        return vocab.DEFAULT_LANGUAGE


def set_language(value: str | None) -> str:
    """Switch the interface language; returns the language actually in use."""
    global _translation, _language
    lang = normalize_language(value)
    if lang is None:
        if value:
            _warn_once(f"unsupported language {value!r}; using English")
        lang = vocab.DEFAULT_LANGUAGE
    translation: _gettext.NullTranslations = _gettext.NullTranslations()
    if lang != vocab.DEFAULT_LANGUAGE:
        try:
            mo = _compiled_catalog(lang)
            if mo is None:
                raise FileNotFoundError(f"no catalog for {lang}")
            with mo.open("rb") as f:
                translation = _gettext.GNUTranslations(f)
        except Exception as exc:  # any broken catalog: English, one warning, no crash
            _warn_once(f"the {lang} translation cannot be loaded ({exc}); using English")
            lang = vocab.DEFAULT_LANGUAGE
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


_ = gettext
