"""``belgai data …``: signed offline data updates (keygen, pack, install, rollback, diff, status).

A thin layer over :mod:`belgai_desktop.core.updates`: parse, call one function, print.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from belgai_desktop.cli_output import add_lang_option, print_json
from belgai_desktop.core import i18n, paths
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import pgettext


def _label_value(label: str, value: str) -> str:
    """``label: value`` with the language's punctuation (a no-break space before the colon in French)."""
    return pgettext("label and value", "{label}: {value}").format(label=label, value=value)


def _add_lang(p: argparse.ArgumentParser) -> None:
    add_lang_option(p, _("language of titles and facts (default: the system language)"))


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("data", help=_("install, check and make signed data updates"),
                       description=_("Signed offline data updates: make keys and packages, install them, "
                                     "go back, see what changed and which data is in use."))
    data_sub = p.add_subparsers(dest="data_command", metavar="ACTION", parser_class=parser_class, required=True)
    q = data_sub.add_parser("status", help=_("which data is in use, from where, signed by whom"),
                            description=_("Say which reference data is in use, where it came from and who signed it."))
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    q = data_sub.add_parser("install", help=_("install a signed data package"),
                            description=_("Verify a data package completely, then switch to it atomically."))
    q.add_argument("package", type=Path, metavar="FILE.belgai")
    q.add_argument("--allow-downgrade", action="store_true", help=_("install even if its data is not newer"))
    _add_lang(q)
    data_sub.add_parser("rollback", help=_("go back to the data in use before the last install"),
                        description=_("Go back to the data in use before the last install."))
    q = data_sub.add_parser("diff", help=_("what changed between two packages or databases"),
                            description=_("List the records added, removed and changed between OLD and NEW "
                                          "(packages or database files), every changed fact with its sources."))
    q.add_argument("old", type=Path, metavar="OLD")
    q.add_argument("new", type=Path, metavar="NEW")
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    _add_lang(q)
    q = data_sub.add_parser("keygen", help=_("make a publisher key pair (for a data team)"),
                            description=_("Write DIR/belgai.key (secret: keep it off the repository) and "
                                          "DIR/belgai.pub (give it to administrators), in minisign's formats."))
    q.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    q = data_sub.add_parser("pack", help=_("make a signed data package (for a data team)"),
                            description=_("Pack the built database and its search index into a signed package."))
    q.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.belgai")
    q.add_argument("--key", type=Path, required=True, metavar="SECRET_KEY_FILE")
    q.add_argument("--previous", type=Path, metavar="OLD_PACKAGE", help=_("summarise what changed since it"))
    q.add_argument("--data-version", type=int, metavar="N", help=_("default: the previous package's + 1, else 2"))
    q.add_argument("--force", action="store_true", help=_("overwrite FILE.belgai if it exists"))


def _print_status(data: dict[str, Any]) -> None:
    origin = {"bundled": _("the data that came with this installation"),
              "installed": _("an installed data package"),
              "override": _("the database named by BELGAI_DB")}[data["origin"]]
    print(_("Data version {version}, as of {as_of}: {origin}").format(
        version=data["data_version"], as_of=data["as_of"], origin=origin))
    if data["key_id"]:
        print(_("Signed by key {key}").format(key=data["key_id"]))
    if data["previous"]:
        print(_("Previous: data version {version} (`belgai data rollback` goes back to it)").format(
            version=data["previous"]["data_version"]))


def _print_diff(result: dict[str, Any], lang: str, titles: dict[str, str], sources: dict[str, str]) -> None:
    from belgai_desktop.core.updates.diff import describe

    def title(rid: str) -> str:
        return f"{titles.get(rid, rid)} ({rid})"

    for key, heading in (("disputes_appeared", _("Sources now disagree on")),
                         ("disputes_resolved", _("Sources no longer disagree on"))):
        for item in result[key]:
            print(_label_value(heading, title(item["id"])))
    for key, heading in (("added", _("Added")), ("removed", _("Removed"))):
        for rid in result[key]:
            print(_label_value(heading, title(rid)))
    before, after = _("before"), _("after")
    for change in result["changed"]:
        print(_("Changed: {id}").format(id=title(change["id"])))
        for fact in change["facts"]:
            for side, label in (("before", before), ("after", after)):
                value, cites = describe(fact[side], lang, titles, sources)
                print("  " + _label_value(label, value) + (f"  [{cites}]" if cites else ""))
    if not any(result[k] for k in ("added", "removed", "changed")):
        print(_("No differences"))


def run(args: argparse.Namespace) -> int:
    from belgai_desktop.core.library import Library
    from belgai_desktop.core.updates import diff, minisign, package, store

    action = args.data_command
    if action == "status":
        data = store.status()
        if args.json:
            print_json(data)
        else:
            _print_status(data)
        return 0
    if action == "install":
        done = store.install(args.package, allow_downgrade=args.allow_downgrade)
        for note in done.notes:
            sys.stderr.write(f"belgai: {note}\n")
        print(_("Installed data version {version} (as of {as_of}), signed by key {key}").format(
            version=done.package.data_version, as_of=done.package.manifest.get("as_of"), key=done.package.key.id_text))
        titles, sources = diff.names((done.before.database, done.after.database), i18n.current_language(), Library)
        _print_diff(diff.diff(done.before.database, done.after.database), i18n.current_language(), titles, sources)
        return 0
    if action == "rollback":
        _before, _after = store.rollback()
        _print_status(store.status())
        return 0
    if action == "diff":
        with tempfile.TemporaryDirectory() as tmp:
            old, new = diff.database_in(args.old, Path(tmp)), diff.database_in(args.new, Path(tmp))
            result = diff.diff(old, new)
            if args.json:
                print_json(result)
            else:
                titles, sources = diff.names((old, new), i18n.current_language(), Library)
                _print_diff(result, i18n.current_language(), titles, sources)
        return 0
    if action == "keygen":
        secret, public = minisign.write_key_pair(args.output)
        print(_("Wrote {secret} (secret: keep it safe, never in a repository) and {public}").format(
            secret=secret, public=public))
        return 0
    if action == "pack":
        database = args.database or (paths.source_db_dir() or paths.REPO_ROOT / "db") / paths.DATABASE_NAME
        out = package.pack(args.output, args.key, database, previous=args.previous,
                           data_version=args.data_version, force=args.force)
        print(_("Wrote {path}").format(path=out))
        return 0
    raise BelgaiError(_("unknown action {action!r}").format(action=action))
