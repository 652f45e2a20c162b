"""The translation workflow for the gettext domain ``belgai``: extract, update, compile, check.

    python tools/i18n.py extract   # code → locales/belgai.pot (deterministic: no dates, sorted)
    python tools/i18n.py update    # belgai.pot → locales/{nl,fr,de}/LC_MESSAGES/belgai.po
    python tools/i18n.py compile   # .po → .mo next to it (git-ignored; the app also compiles on use)
    python tools/i18n.py check     # list every problem; exit 1 if there is one
    python tools/i18n.py refresh   # extract + update + check: the whole pass after code changes

English is the source language. ``update`` never guesses (no fuzzy matching): a new or changed
English string arrives as an empty entry that ``check`` lists until it is translated. Entries
whose English string disappeared are kept at the end of the .po as obsolete ``#~`` comments,
for reference; ``update --prune`` drops them.

The tests (tests/core/test_i18n.py) import this module, so the extraction rules live here once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
MAPPING = ROOT / "babel.cfg"
LOCALES = ROOT / "locales"
POT = LOCALES / "belgai.pot"
DOMAIN = "belgai"
LANGUAGES = ("nl", "fr", "de")
TEAMS = {"nl": "Dutch (Belgium)", "fr": "French (Belgium)", "de": "German (Belgium)"}
PROJECT = "BelgAI Desktop"
# Fixed dates keep the files free of churn: a re-extraction with no string changed rewrites
# the same bytes, so "the .pot is up to date" is a reliable test.
FIXED_DATE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_noop": None,  # core.i18n.gettext_noop(message): marked here, translated elsewhere
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": ((1, "c"), 2),  # belgai_desktop.core.text.labels.N_(context, message)
}
COMMENT_TAGS = ("Translators:",)
HEADER = """\
# Translations of BelgAI Desktop (gettext domain "belgai").
# Written for Belgium; see locales/GLOSSARY.md for the terms. Update with tools/i18n.py.
#"""

# {name}, {name!r}, {0}, {}, %(name)s, %d, %s … ; '{{' and '%%' are escapes, not placeholders.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|%%|\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def po_relpath(lang: str) -> str:
    return po_path(lang).relative_to(ROOT).as_posix()


# -- extract ------------------------------------------------------------------------------

def extract_catalog() -> Catalog:
    """The messages of the code as a template catalog."""
    with MAPPING.open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(domain=DOMAIN, project=PROJECT, version="", header_comment=HEADER,
                      creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False,
                      charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
            strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def serialize(catalog: Catalog, ignore_obsolete: bool = False) -> bytes:
    """A catalog as .po/.pot bytes: sorted by message, file names without line numbers
    (moving code does not change the file) and no tool-version header."""
    buf = io.BytesIO()
    write_po(buf, catalog, sort_output=True, include_lineno=False, ignore_obsolete=ignore_obsolete,
             width=100)
    text = buf.getvalue().decode("utf-8")
    text = re.sub(r'^"Generated-By: .*\\n"\n', "", text, flags=re.MULTILINE)
    text = text.replace(f"Project-Id-Version: {PROJECT} VERSION", f"Project-Id-Version: {PROJECT}")
    return text.encode("utf-8")


def cmd_extract() -> int:
    POT.parent.mkdir(parents=True, exist_ok=True)
    catalog = extract_catalog()
    POT.write_bytes(serialize(catalog))
    print(f"{POT.relative_to(ROOT)}: {len(catalog)} messages")
    return 0


# -- update -------------------------------------------------------------------------------

def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN, abort_invalid=True)


def cmd_update(prune: bool = False) -> int:
    if not POT.is_file():
        print(f"{POT.relative_to(ROOT)} is missing: run `python tools/i18n.py extract` first",
              file=sys.stderr)
        return 2
    template = read_catalog(POT)
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.is_file():
            catalog = read_catalog(path, lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, version="",
                              header_comment=HEADER, creation_date=FIXED_DATE,
                              revision_date=FIXED_DATE, fuzzy=False, charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
        catalog.header_comment = HEADER
        catalog.language_team = TEAMS[lang]
        if catalog.last_translator.startswith("FULL NAME"):
            catalog.last_translator = "BelgAI Desktop translators"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(serialize(catalog, ignore_obsolete=prune))
        todo = len(untranslated(catalog))
        print(f"{po_relpath(lang)}: {len(catalog)} messages, {todo} to translate")
    return 0


# -- compile ------------------------------------------------------------------------------

def compile_catalog(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def cmd_compile() -> int:
    status = 0
    for lang in LANGUAGES:
        path = po_path(lang)
        try:
            data = compile_catalog(read_catalog(path, lang))
        except Exception as exc:  # noqa: BLE001 - report and go on with the other languages
            print(f"{po_relpath(lang)}: cannot compile: {exc}", file=sys.stderr)
            status = 1
            continue
        path.with_suffix(".mo").write_bytes(data)
        print(f"{path.with_suffix('.mo').relative_to(ROOT)}")
    return status


# -- check --------------------------------------------------------------------------------

def describe(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple | list) else message.id
    ctx = f"[{message.context}] " if message.context else ""
    return f"{ctx}{msgid!r}"


def placeholders(text: str) -> list[str]:
    return sorted({p for p in _PLACEHOLDER.findall(text) if p not in ("{{", "}}", "%%")})


def untranslated(catalog: Catalog) -> list[Message]:
    """Messages with an empty translation, counting each plural form (pybabel --statistics
    does not)."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.pluralizable and len(strings) < catalog.num_plurals:
            out.append(message)
        elif not strings or any(not s for s in strings):
            out.append(message)
    return out


def catalog_problems(catalog: Catalog, template: Catalog | None = None) -> list[str]:
    """Everything wrong with a translated catalog: untranslated or fuzzy entries, placeholders
    that differ from the English, messages missing from or absent in the template."""
    problems = []
    if catalog.fuzzy:
        problems.append("the header is marked fuzzy")
    empty = {id(m) for m in untranslated(catalog)}
    for message in catalog:
        if not message.id:
            continue
        if id(message) in empty:
            problems.append(f"untranslated: {describe(message)}")
        if message.fuzzy:
            problems.append(f"fuzzy: {describe(message)}")
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for n, string in enumerate(strings):
            if not string:
                continue
            # Plural forms other than the first translate the English plural.
            source = ids[min(n, len(ids) - 1)] if n == 0 else ids[-1]
            if placeholders(string) != placeholders(source):
                problems.append(f"placeholders differ: {describe(message)}: "
                                f"{placeholders(source)} in English, {placeholders(string)} in form {n}")
    if template is not None:
        for message in template:
            if message.id and catalog.get(message.id, message.context) is None:
                problems.append(f"missing (run update): {describe(message)}")
        for message in catalog:
            if message.id and template.get(message.id, message.context) is None:
                problems.append(f"no longer in the code (run update): {describe(message)}")
    try:
        compile_catalog(catalog)
    except Exception as exc:  # noqa: BLE001 - babel raises many kinds on a bad catalog: one problem
        problems.append(f"does not compile: {exc}")
    return problems


def _entries(catalog: Catalog) -> set[tuple]:
    return {(m.context, tuple(m.id) if isinstance(m.id, tuple | list) else m.id,
             tuple(sorted({f for f, _ in m.locations})), tuple(m.auto_comments))
            for m in catalog if m.id}


def pot_problems() -> list[str]:
    """Differences between the committed .pot and the messages of the code."""
    if not POT.is_file():
        return [f"{POT.relative_to(ROOT)} is missing (run extract)"]
    committed, current = _entries(read_catalog(POT)), _entries(extract_catalog())
    def name(entry: tuple) -> str:
        return f"[{entry[0]}] {entry[1]!r}" if entry[0] else repr(entry[1])

    out = [f"new or changed in the code: {name(e)}" for e in sorted(current - committed, key=str)]
    out += [f"gone from the code or changed: {name(e)}" for e in sorted(committed - current, key=str)]
    return [f"{POT.relative_to(ROOT)} is out of date (run extract): {p}" for p in out]


def all_problems(languages: Iterable[str] = LANGUAGES) -> list[str]:
    problems = pot_problems()
    template = read_catalog(POT) if POT.is_file() else None
    for lang in languages:
        path = po_path(lang)
        if not path.is_file():
            problems.append(f"{po_relpath(lang)}: missing (run update)")
            continue
        try:
            catalog = read_catalog(path, lang)
        except Exception as exc:  # noqa: BLE001 - babel raises many kinds on a bad file: one problem
            problems.append(f"{po_relpath(lang)}: cannot be read: {exc}")
            continue
        problems += [f"{po_relpath(lang)}: {p}" for p in catalog_problems(catalog, template)]
    return problems


def cmd_check(languages: Iterable[str]) -> int:
    problems = all_problems(languages)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("extract", help="write locales/belgai.pot from the code")
    p = sub.add_parser("update", help="merge belgai.pot into the nl, fr and de catalogs")
    p.add_argument("--prune", action="store_true", help="drop obsolete entries")
    sub.add_parser("compile", help="compile the catalogs to .mo files")
    p = sub.add_parser("check", help="list untranslated, fuzzy or broken entries (exit 1 if any)")
    p.add_argument("--lang", choices=LANGUAGES, action="append", help="only this language")
    p = sub.add_parser("refresh", help="extract, update and check in one go")
    p.add_argument("--prune", action="store_true", help="drop obsolete entries")
    args = parser.parse_args(argv)
    if args.command == "extract":
        return cmd_extract()
    if args.command == "update":
        return cmd_update(args.prune)
    if args.command == "compile":
        return cmd_compile()
    if args.command == "check":
        return cmd_check(args.lang or LANGUAGES)
    cmd_extract()
    return cmd_update(args.prune) or cmd_check(LANGUAGES)


if __name__ == "__main__":
    sys.exit(main())
