"""The page shown before any record is opened: what the app holds and where to start.

Built only from the data through the ``Library`` façade; every entry is a link the
record page already knows how to follow.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from belgai_desktop.core.text.i18n import gettext as _
from belgai_desktop.gui.about import locale_date

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library

APP_TITLE = "BelgAI Desktop"


def start_html(library: Library, shortcut: str) -> str:
    e = html.escape
    tips = [
        _("Type in the search field ({shortcut}) and press Enter to open the first result; "
          "Up and Down choose another.").format(shortcut=shortcut),
        _("Browse by government level or the organisation tree on the left."),
        _("Every fact shows its source: the numbers in brackets lead to the notes "
          "at the end of the page."),
        _("Back and Forward: Alt+Left and Alt+Right. "
          "Print the one-page summary of a record with Ctrl+P."),
    ]
    intro = _("An offline reference to AI governance in Belgium: bodies, strategies, laws, "
              "people and their sources.")
    as_of = _("Data as of {date}.").format(date=locale_date(library.as_of) or "?")
    return (f"<h1>{e(APP_TITLE)}</h1><p>{e(intro)}</p>"
            + "<ul>" + "".join(f"<li>{e(t)}</li>" for t in tips) + "</ul>"
            + f"<p><small>{e(as_of)}</small></p>")
