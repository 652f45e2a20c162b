"""The ``belgai`` command: a thin layer over the core.

Each subcommand opens the :class:`~belgai_desktop.core.library.Library`, calls one
function, and turns known errors into one line on stderr and exit code 2. ``show``,
``list`` and ``search`` never import PySide6; ``print`` and the GUI import it lazily.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from belgai_desktop import __version__
from belgai_desktop.cli_output import add_lang_option
from belgai_desktop.cli_output import print_json as _print_json
from belgai_desktop.core import i18n, messages, paths
from belgai_desktop.core.data import vocab
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import gettext_noop

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library

EXIT_PROBLEMS = 1  # `db check` found problems
EXIT_ERROR = 2  # bad input: unknown id, bad option, unusable database or file


# argparse's own words, which it translates with its module-global ``_`` (and ``ngettext``):
# listed here so that `tools/i18n.py extract` puts them in our catalog. Exactly as in
# Python 3.11's argparse.py; :func:`_install_argparse_translations` makes argparse use ours.
ARGPARSE_MESSAGES = (
    gettext_noop("usage: "),
    # Translators: a section heading of --help; argparse writes a colon right after it (French:
    # end the translation with a no-break space).
    gettext_noop("positional arguments"),
    # Translators: a section heading of --help; argparse writes a colon right after it (French:
    # end the translation with a no-break space).
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("expected one argument"),
    gettext_noop("expected at most one argument"),
    gettext_noop("expected at least one argument"),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"),
    gettext_noop("not allowed with argument %s"),
    gettext_noop("ignored explicit argument %r"),
    gettext_noop("unexpected option string: %s"),
    gettext_noop("one of the arguments %s is required"),
    gettext_noop("can't open '%(filename)s': %(error)s"),
)


def _install_argparse_translations() -> None:
    """argparse looks up ``_`` and ``ngettext`` in its module when it formats help or an
    error, so ours (the interface language at that moment) replace the stdlib's."""
    argparse._ = i18n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, no usage dump: the user asked for one clear message.
        sys.stderr.write(_("{prog}: error: {message} (see `{prog} --help`)").format(
            prog=self.prog, message=message) + "\n")
        sys.exit(EXIT_ERROR)


def _add_lang(p: argparse.ArgumentParser) -> None:
    add_lang_option(p, _("language of names and texts (default: the system language)"))


def _add_filters(p: argparse.ArgumentParser) -> None:
    kinds = sorted(set(vocab.KINDS) | set(vocab.KIND_GROUPS))
    p.add_argument("--kind", choices=kinds, metavar="K",
                   help=_("a kind or kind group: {groups}, or one of {kinds}").format(
                       groups=", ".join(vocab.KIND_GROUPS), kinds=", ".join(vocab.KINDS)))
    p.add_argument("--level", choices=vocab.LEVELS, metavar="L",
                   help=_("government level: {levels}").format(levels=", ".join(vocab.LEVELS)))


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help in the interface language of the moment."""
    _install_argparse_translations()
    parser = _Parser(prog="belgai", description=(
        _("BelgAI Desktop: an offline reference to AI governance in Belgium. "
          "Without a command, opens the desktop app.")))
    parser.add_argument("--version", action="version", version=f"BelgAI Desktop {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--database", type=Path, help=_("use this database file instead of the bundled one"))
    # Also before the command ("belgai --lang nl", "belgai --lang de show bipt"), as people type it.
    parser.add_argument("--lang", dest="global_lang", choices=vocab.LANGUAGES, default=None,
                        help=_("language of the app or of the command (also after the command)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("gui", help=_("open the desktop app (the default)"),
                       description=_("Open the desktop app."))
    _add_lang(p)
    p.add_argument("record", nargs="?", help=_("record id to open"))

    p = sub.add_parser("show", help=_("show one record"), description=_("Show one record with its sources."))
    p.add_argument("id", help=_("record id, e.g. fps-bosa"))
    _add_lang(p)
    p.add_argument("--json", action="store_true", help=_("print the whole record as one JSON object"))

    p = sub.add_parser("list", help=_("list records"), description=_("List records, sorted by title."))
    _add_filters(p)
    _add_lang(p)
    p.add_argument("--json", action="store_true", help=_("print a JSON array of {id, kind, level, title}"))

    p = sub.add_parser("search", help=_("search records"),
                       description=_("Full-text search across the four languages, typo-tolerant."))
    p.add_argument("query", help=_("words to look for; any text is accepted"))
    _add_lang(p)
    _add_filters(p)
    p.add_argument("--limit", type=int, default=20, help=_("at most this many results (default 20)"))
    p.add_argument("--json", action="store_true", help=_("print the results as JSON"))

    p = sub.add_parser("print", help=_("write a one-page PDF summary"),
                       description=_("Write the one-page summary of a record to a PDF file (no display needed)."))
    p.add_argument("id", help=_("record id, e.g. fps-bosa"))
    _add_lang(p)
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help=_("paper size (default a4)"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help=_("where to write the PDF"))
    p.add_argument("--force", action="store_true", help=_("overwrite FILE.pdf if it exists"))

    p = sub.add_parser("db", help=_("build or check the reference database"),
                       description=_("Build or check the reference database."))
    db_sub = p.add_subparsers(dest="db_command", metavar="ACTION", parser_class=_Parser, required=True)
    q = db_sub.add_parser("build", help=_("build db/belgai.sqlite from the TOML sources"),
                          description=_("Build the database from db/sources.toml and db/records/*.toml."))
    q.add_argument("--db-dir", type=Path, default=None, help=_("folder with the sources (default: the checkout's db/)"))
    q.add_argument("--output", type=Path,
                   help=_("where to write the database (default: belgai.sqlite in the sources folder)"))
    q = db_sub.add_parser("check", help=_("validate the sources and the built database"),
                          description=_("Validate the sources and the built database; list every problem."))
    q.add_argument("--db-dir", type=Path, default=None, help=_("folder with the sources (default: the checkout's db/)"))
    q.add_argument("--seeds", type=Path, default=None, help=_("folder with the source documents"))
    from belgai_desktop import cli_data

    cli_data.add_parser(sub, _Parser)
    from belgai_desktop import cli_user

    cli_user.add_parser(sub, _Parser)
    from belgai_desktop import cli_landscape

    cli_landscape.add_parser(sub, _Parser)
    return parser


def _library(args: argparse.Namespace) -> Library:
    from belgai_desktop.core.library import Library

    return Library(args.database)


def cmd_show(args: argparse.Namespace) -> int:
    from belgai_desktop.core.render.plain import render_text, show_json

    record = _library(args).get(args.id, args.lang)
    if args.json:
        _print_json(show_json(record))
    else:
        sys.stdout.write(render_text(record))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from belgai_desktop.core.text import labels

    items = _library(args).list(kind=args.kind, level=args.level, lang=args.lang)
    if args.json:
        _print_json([{"id": s.id, "kind": s.kind, "level": s.level, "title": s.title} for s in items])
        return 0
    for s in items:
        print(f"{s.id:45} {labels.kind_label(s.kind):28} {labels.level_label(s.level):18} {s.title}")
    print(i18n.ngettext("{n} record", "{n} records", len(items)).format(n=len(items)))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from belgai_desktop.core.text import labels

    if args.limit < 1:
        raise BelgaiError(_("--limit must be 1 or more"))
    # The first search after the data changed builds the index: show progress on a terminal.
    result = _library(args).search(args.query, lang=args.lang, kind=args.kind, level=args.level, limit=args.limit,
                                   progress=_progress_line if sys.stderr.isatty() else None)
    if args.json:
        _print_json(result.to_json())
        return 0
    if result.suggestion:
        print(_("Did you mean: {suggestion}?").format(suggestion=result.suggestion))
    from belgai_desktop.core.text.phrases import descriptive_mark, translation_legend

    for hit in result.hits:
        mark = " " + descriptive_mark() if hit.title_descriptive else "*" if hit.title_translation else ""
        print(f"{hit.title}{mark}  [{labels.kind_label(hit.kind)} · {labels.level_label(hit.level)} · {hit.id}]")
        if hit.snippet:
            print(f"    {hit.snippet}")
    print(i18n.ngettext("{n} result", "{n} results", result.total).format(n=result.total))
    if any(h.title_translation and not h.title_descriptive for h in result.hits):
        print(translation_legend())
    return 0


def _progress_line(done: int, total: int) -> None:
    sys.stderr.write("\r" + _("Building the search index: {done} of {total} records").format(
        done=done, total=total))
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_print(args: argparse.Namespace) -> int:
    from belgai_desktop.core import outputs

    out: Path = args.output
    outputs.check_output(out)
    if outputs.exists(out) and not args.force:
        raise BelgaiError(_("{path} already exists; use --force to overwrite it").format(path=out))
    library = _library(args)
    library.get(args.id, args.lang)  # unknown id: fail before starting Qt
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from belgai_desktop.printing.pdf import write_pdf

    write_pdf(library, args.id, args.lang, out, paper=args.paper)
    print(_("Wrote {path}").format(path=out))
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from belgai_desktop.core.data.check import check_all, source_folder

    if args.db_command == "build":
        from belgai_desktop.core.data.build import build

        target = build(source_folder(args.db_dir, "build"), args.output, paths.seeds_dir())
        print(_("Built {path}").format(path=target))
        return 0
    report = check_all(args.db_dir, args.database, args.seeds)
    for p in report.problems:
        print(p)
    if report.problems:
        n = len(report.problems)
        print(i18n.ngettext("{n} problem found", "{n} problems found", n).format(n=n), file=sys.stderr)
        return EXIT_PROBLEMS
    print(_("{path}: all checks passed").format(path=report.database))
    return 0


def _clean_text(value: str) -> str:
    """An argument as text: bytes that are not UTF-8 (kept by Python as lone surrogates)
    become U+FFFD, so they can be searched for, printed and stored."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _tolerant_output() -> None:
    # A terminal in ASCII or Latin-1 shows "?" for what it cannot show, never a crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and stream.errors == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _lang_option(argv: list[str]) -> str | None:
    """The value of a valid ``--lang`` in ``argv``, read before parsing so that ``--help``
    and the parser's errors speak it too."""
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[n + 1] if arg == "--lang" and n + 1 < len(argv) else (
            arg.split("=", 1)[1] if arg.startswith("--lang=") else None)
        if value in vocab.LANGUAGES:
            return value
    return None


def _print_message(level: str, text: str) -> None:
    label = {"warning": _("warning"), "error": _("error")}.get(level, level)  # as argparse's "error:"
    sys.stderr.write(_("belgai: {level}: {message}").format(level=label, message=text) + "\n")


def cmd_data(args: argparse.Namespace) -> int:
    from belgai_desktop import cli_data

    return cli_data.run(args)


def cmd_bookmarks(args: argparse.Namespace) -> int:
    from belgai_desktop import cli_user

    return cli_user.run_bookmarks(args)


def cmd_notes(args: argparse.Namespace) -> int:
    from belgai_desktop import cli_user

    return cli_user.run_notes(args)


def cmd_landscape(args: argparse.Namespace) -> int:
    from belgai_desktop import cli_landscape

    return cli_landscape.run(args)


COMMANDS = {"show": cmd_show, "list": cmd_list, "search": cmd_search, "print": cmd_print, "db": cmd_db,
            "data": cmd_data, "bookmarks": cmd_bookmarks, "notes": cmd_notes,
            "map": cmd_landscape, "timeline": cmd_landscape, "compare": cmd_landscape}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _tolerant_output()
    messages.add_handler(_print_message)
    try:
        i18n.set_language(_lang_option(argv) or i18n.system_language())
        args = build_parser().parse_args(argv)
        for name in ("id", "query", "record", "text", "label"):
            if isinstance(getattr(args, name, None), str):
                setattr(args, name, _clean_text(getattr(args, name)))
        if getattr(args, "lang", None) is None and args.global_lang:
            args.lang = args.global_lang  # given before the command
        if args.command in (None, "gui"):
            # No --lang: the app picks the saved language first, then the system one.
            from belgai_desktop.gui.app import run

            return run(lang=getattr(args, "lang", None), record=getattr(args, "record", None),
                       database=args.database)
        if getattr(args, "lang", None) is None and hasattr(args, "lang"):
            args.lang = i18n.current_language()
        if hasattr(args, "lang"):
            i18n.set_language(args.lang)
        return COMMANDS[args.command](args)
    except BelgaiError as exc:
        sys.stderr.write(f"belgai: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        messages.remove_handler(_print_message)


if __name__ == "__main__":
    sys.exit(main())
