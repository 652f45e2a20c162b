"""``belgai bookmarks …`` and ``belgai notes …``: the user's own data, for scripting.

A thin layer over :class:`belgai_desktop.core.userdata.store.UserData`, reached through the
façade (``library.user``): parse, call one function, print. Only ``notes export`` to PDF
imports Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from belgai_desktop.cli_output import add_lang_option
from belgai_desktop.cli_output import print_json as _print_json
from belgai_desktop.core import i18n
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _

EXPORT_KINDS = (".json", ".csv", ".pdf")


def _add_lang(p: argparse.ArgumentParser) -> None:
    add_lang_option(p, _("language of the titles (default: the system language)"))


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("bookmarks", help=_("list, add and remove bookmarks"),
                       description=_("Your bookmarks, kept in your own data folder; they survive data updates."))
    b_sub = p.add_subparsers(dest="bookmarks_command", metavar="ACTION", parser_class=parser_class, required=True)
    q = b_sub.add_parser("list", help=_("list your bookmarks"), description=_("List your bookmarks, by title."))
    q.add_argument("--json", action="store_true", help=_("print a JSON array of {id, title, in_data, label, updated}"))
    _add_lang(q)
    q = b_sub.add_parser("add", help=_("bookmark a record"), description=_("Bookmark a record."))
    q.add_argument("id", help=_("record id, e.g. fps-bosa"))
    q.add_argument("--label", default="", help=_("an optional label"))
    q.add_argument("--json", action="store_true", help=_("print the bookmark as JSON"))
    _add_lang(q)
    q = b_sub.add_parser("remove", help=_("remove a bookmark"), description=_("Remove the bookmark of a record."))
    q.add_argument("id", help=_("record id"))
    q.add_argument("--json", action="store_true", help=_("print {id, removed} as JSON"))

    p = sub.add_parser("notes", help=_("your notes on records: list, show, set, export, import"),
                       description=_("Your notes on records, kept in your own data folder; they survive data updates."))
    n_sub = p.add_subparsers(dest="notes_command", metavar="ACTION", parser_class=parser_class, required=True)
    q = n_sub.add_parser("list", help=_("list the records that have a note"), description=_("List your notes."))
    q.add_argument("--json", action="store_true", help=_("print a JSON array of {id, title, in_data, text, updated}"))
    _add_lang(q)
    q = n_sub.add_parser("show", help=_("show the note on a record"), description=_("Show the note on a record."))
    q.add_argument("id", help=_("record id"))
    q.add_argument("--json", action="store_true", help=_("print {id, title, in_data, text, updated}"))
    _add_lang(q)
    q = n_sub.add_parser("set", help=_("write the note on a record (empty text removes it)"),
                         description=_("Write the note on a record, replacing the one there; empty text removes it."))
    q.add_argument("id", help=_("record id"))
    source = q.add_mutually_exclusive_group(required=True)
    source.add_argument("text", nargs="?", help=_("the note's text"))
    source.add_argument("--file", type=Path, metavar="F", help=_("read the note from this UTF-8 file (- for stdin)"))
    q.add_argument("--json", action="store_true", help=_("print the saved note as JSON"))
    _add_lang(q)
    q = n_sub.add_parser("export", help=_("write your bookmarks and notes to JSON, CSV or PDF"),
                         description=_("Write your notes (and, in JSON, bookmarks and saved searches) to FILE: "
                                     ".json (complete, re-importable), .csv or .pdf (printable, 'My notes')."))
    q.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    q.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    _add_lang(q)
    q = n_sub.add_parser("import", help=_("merge bookmarks and notes from an export"),
                         description=_("Merge bookmarks, notes and saved searches from a JSON export, or from a "
                                     "user database moved aside when it was damaged; nothing is duplicated."))
    q.add_argument("file", type=Path, metavar="FILE")


def _library(args: argparse.Namespace):
    from belgai_desktop.core.library import Library

    return Library(args.database)


def _check_writable(user: Any) -> None:
    if user.read_only:
        raise BelgaiError(_("nothing was saved: {folder} cannot be written").format(folder=user.path.parent))


def _check_record(library: Any, record_id: str) -> None:
    if not library.exists(record_id) and not library.user.knows(record_id):
        raise BelgaiError(_("no record with id {id!r} (try `belgai list` or `belgai search`)").format(id=record_id))


def _title_line(item: Any) -> str:
    if item.in_data:
        return item.title
    return _("no longer in the data (last seen as “{title}”)").format(title=item.title)


def run_bookmarks(args: argparse.Namespace) -> int:
    library = _library(args)
    user = library.user
    lang = getattr(args, "lang", None) or i18n.current_language()
    action = args.bookmarks_command
    if action == "list":
        items = user.bookmarks(lang)
        if args.json:
            _print_json([b.to_json() for b in items])
            return 0
        for b in items:
            label = f"  [{b.label}]" if b.label else ""
            print(f"{b.id:45} {_title_line(b)}{label}")
        print(i18n.ngettext("{n} bookmark", "{n} bookmarks", len(items)).format(n=len(items)))
        return 0
    if action == "add":
        _check_record(library, args.id)
        _check_writable(user)
        user.add_bookmark(args.id, args.label, lang)
        item = next(b for b in user.bookmarks(lang) if b.id == args.id)
        if args.json:
            _print_json(item.to_json())
        else:
            print(_("Bookmarked {title} ({id})").format(title=item.title, id=item.id))
        return 0
    # remove
    if not user.is_bookmarked(args.id):
        raise BelgaiError(_("{id} is not bookmarked").format(id=args.id))
    _check_writable(user)
    user.remove_bookmark(args.id)
    if args.json:
        _print_json({"id": args.id, "removed": True})
    else:
        print(_("Removed the bookmark on {id}").format(id=args.id))
    return 0


def _read_note(args: argparse.Namespace) -> str:
    if args.file is None:
        return args.text
    try:
        if str(args.file) == "-":
            return sys.stdin.buffer.read().decode("utf-8")
        return args.file.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise BelgaiError(_("{path} does not exist").format(path=args.file)) from None
    except UnicodeDecodeError:
        raise BelgaiError(_("{path} is not UTF-8 text").format(path=args.file)) from None
    except OSError as exc:
        raise BelgaiError(_("cannot read {path}: {reason}").format(path=args.file, reason=exc.strerror or exc)) \
            from None


def run_notes(args: argparse.Namespace) -> int:
    from belgai_desktop.core.userdata.transfer import read_export

    action = args.notes_command
    library = _library(args)
    user = library.user
    lang = getattr(args, "lang", None) or i18n.current_language()
    if action == "list":
        items = user.notes(lang)
        if args.json:
            _print_json([n.to_json() for n in items])
            return 0
        for n in items:
            first = n.text.strip().splitlines()[0] if n.text.strip() else ""
            print(f"{n.id:45} {_title_line(n)}")
            print(f"    {first[:100]}")
        print(i18n.ngettext("{n} note", "{n} notes", len(items)).format(n=len(items)))
        return 0
    if action == "show":
        note = user.note(args.id, lang)
        if note is None:
            _check_record(library, args.id)
            raise BelgaiError(_("there is no note on {id}").format(id=args.id))
        if args.json:
            _print_json(note.to_json())
        else:
            print(_title_line(note))
            print(_("Last changed {time}").format(time=note.updated))
            print()
            print(note.text)
        return 0
    if action == "set":
        text = _read_note(args)
        _check_record(library, args.id)
        _check_writable(user)
        stamp = user.set_note(args.id, text, lang)
        note = user.note(args.id, lang)
        if args.json:
            _print_json(note.to_json() if note else {"id": args.id, "text": "", "updated": stamp})
        else:
            print(_("Saved the note on {id}").format(id=args.id) if note else
                  _("Removed the note on {id}").format(id=args.id))
        return 0
    if action == "export":
        return _export(args, library, lang)
    # import
    data = read_export(args.file)
    _check_writable(user)
    counts = user.import_data(data)
    print(_("Imported {bookmarks} bookmarks, {notes} notes and {searches} saved searches").format(
        bookmarks=counts["bookmarks"], notes=counts["notes"], searches=counts["saved_searches"]))
    return 0


def _export(args: argparse.Namespace, library: Any, lang: str) -> int:
    from belgai_desktop.core import outputs
    from belgai_desktop.core.userdata.transfer import write_export

    out: Path = args.output
    suffix = out.suffix.lower()
    if suffix not in EXPORT_KINDS:
        raise BelgaiError(_("{path}: the file name must end in .json, .csv or .pdf").format(path=out))
    outputs.check_output(out)
    if outputs.exists(out) and not args.force:
        raise BelgaiError(_("{path} already exists; use --force to overwrite it").format(path=out))
    user = library.user
    if suffix == ".pdf":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from belgai_desktop.printing.notes_pdf import write_notes_pdf

        write_notes_pdf(user.notes(lang), library.data_version, library.as_of, lang, out)
    else:
        write_export(user, out, lang, library.data_version)
    print(_("Wrote {path}").format(path=out))
    return 0
