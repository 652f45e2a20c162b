"""``belgai map``, ``belgai timeline`` and ``belgai compare``: the governance map, the timeline
and the regions side by side as one landscape page (PDF, SVG or PNG, from the extension).

A thin layer: check the arguments (one translated line and exit 2 when they are wrong), then
call :func:`belgai_desktop.printing.landscape_docs.write_view`.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from belgai_desktop.cli_output import add_lang_option
from belgai_desktop.core import messages, outputs
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _

VIEWS = ("map", "timeline", "compare")
PAPERS = ("a4", "a3")


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    del parser_class
    helps = {
        "map": (_("write the governance map (PDF, SVG or PNG)"),
                _("Draw who does what in Belgian AI governance: bodies, plans, programmes and laws in "
                  "bands by level, their typed relations as labelled arrows, on one landscape page.")),
        "timeline": (_("write the timeline of dated facts (PDF, SVG or PNG)"),
                     _("Draw every dated fact and event on a time axis, one lane per level; disputed "
                       "dates as ranges with their sources.")),
        "compare": (_("write the regions side by side (PDF, SVG or PNG)"),
                    _("Compare federal, Flanders, Wallonia and Brussels-Capital: strategy, budget, lead "
                      "body, supervisory and advisory bodies, key programmes, each with its sources.")),
    }
    for view in VIEWS:
        help_text, description = helps[view]
        p = sub.add_parser(view, help=help_text, description=description)
        p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf|.svg|.png",
                       help=_("the file to write; its extension names the format"))
        if view != "compare":  # the comparison always shows the four governments
            p.add_argument("--level", action="append", default=None, metavar="LEVEL",
                           help=_("only this level (eu, federal, flemish, walloon, brussels, community, "
                                  "non-governmental, international); may be repeated"))
        p.add_argument("--paper", choices=PAPERS, default="a3",
                       help=_("paper size, landscape (default: %(default)s)"))
        p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
        add_lang_option(p, _("language of the page (default: the system language)"))


def run(args: argparse.Namespace) -> int:
    from belgai_desktop.core.landscape.maps import check_level
    from belgai_desktop.core.library import Library

    out: Path = args.output
    levels = [check_level(level) for level in getattr(args, "level", None) or []]
    ext = out.suffix.lower().lstrip(".")
    if ext not in ("pdf", "svg", "png"):
        raise BelgaiError(_("cannot tell the format from {name}: name the file .pdf, .svg or .png").format(
            name=out.name))
    outputs.check_output(out)
    if outputs.exists(out) and not args.force:
        raise BelgaiError(_("{path} already exists; use --force to overwrite it").format(path=out))
    library = Library(args.database)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from belgai_desktop.printing.landscape_docs import write_view
    from belgai_desktop.printing.landscape_page import legibility_warning

    page = write_view(args.command, library, args.lang, out, paper=args.paper, levels=levels or None)
    print(_("Wrote {path}").format(path=out))
    warning = legibility_warning(page, args.paper.upper(), args.lang, by_level=args.command != "compare")
    if warning:  # written all the same: on screen a PDF zooms
        messages.warning(warning)
    return 0
