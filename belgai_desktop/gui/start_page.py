"""The home page shown before any record is opened: where to start, built from the data.

The levels as entry points with their counts (``level:<id>`` lists the level's records in
the results), example searches (``search:<words>`` runs the search), the latest dated
facts, the questions on which the sources disagree, the user's bookmarks, and the data's
as-of date. Every fact comes from :meth:`Library.overview`; every entry is a link.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import quote

from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import ngettext
from belgai_desktop.core.text import labels
from belgai_desktop.gui.about import locale_date
from belgai_desktop.gui.user_panels import shown_title

if TYPE_CHECKING:
    from belgai_desktop.core.data.model import RecordSummary
    from belgai_desktop.core.library import Library

APP_TITLE = "BelgAI Desktop"
# Names and words that the bundled data answers, in the language they are used in.
EXAMPLE_SEARCHES = ("BOSA", "AI4Belgium", "VLAIO", "AI Act", "Digital Wallonia", "Vanessa Matz")
MAX_BOOKMARKS = 8

e = html.escape


def _record_link(s: RecordSummary) -> str:
    return f'<a href="record:{e(s.id)}">{e(s.title)}</a>'


def _section(title: str, body: str) -> str:
    return f'<h3 style="margin-bottom:2px">{e(title)}</h3>{body}'


def start_html(library: Library, lang: str, shortcut: str) -> str:
    overview = library.overview(lang)
    as_of = locale_date(overview.as_of) or "?"
    intro = _("An offline reference to AI governance in Belgium: bodies, strategies, laws, "
              "people and their sources.")
    data_date = _("Data as of {date}.").format(date=as_of)
    head = (f"<h1 style='margin-bottom:0'>{e(APP_TITLE)}</h1>"
            f"<p style='margin-bottom:10px'>{e(intro)}<br><b>{e(data_date)}</b></p>")

    levels = "".join(
        f'<li><a href="level:{e(c.level)}">{e(labels.level_label(c.level))}</a> — '
        + e(ngettext("{n} record", "{n} records", c.records).format(n=c.records))
        + (", " + e(ngettext("{n} body", "{n} bodies", c.bodies).format(n=c.bodies)) if c.bodies else "")
        + "</li>" for c in overview.levels)
    searches = " · ".join(f'<a href="search:{quote(q)}">{e(q)}</a>' for q in EXAMPLE_SEARCHES)
    left = _section(_("Browse by level"), f"<ul>{levels}</ul>")
    left += _section(_("Try a search"), "<p>" + searches + "<br><small>" + e(_(
        "Or type in the search field ({shortcut}); Enter opens the first result.").format(
        shortcut=shortcut)) + "</small></p>")
    bookmarks = library.user.bookmarks(lang)[:MAX_BOOKMARKS]
    if bookmarks:
        marks = "".join(f'<li><a href="record:{e(b.id)}">{e(shown_title(b))}</a>'
                        + (f" — <i>{e(b.label)}</i>" if b.label else "") + "</li>" for b in bookmarks)
        left += _section(_("Your bookmarks"), f"<ul>{marks}</ul>")
    else:
        left += _section(_("Your bookmarks"), "<p>" + e(_("No bookmarks yet: press Ctrl+D on a record.")) + "</p>")

    latest = "".join(
        "<li>" + e(_("{date} — {what}:").format(date=locale_date(d.date), what=labels.aspect_label(d.aspect)))
        + f" {_record_link(d.record)}</li>" for d in overview.latest)
    right = _section(_("Latest dates in the data"), f"<ul>{latest}</ul>")
    questions = "".join(
        "<li>" + e(_("{what}:").format(what=labels.aspect_label(q.aspect))) + " "
        + ", ".join(_record_link(r) for r in q.records) + "</li>" for q in overview.questions)
    right += _section(_("Where the sources disagree"),
                      "<p><small>" + e(_("Each page shows every value with its source and date.")) + "</small></p>"
                      + f"<ul>{questions}</ul>")
    tips = e(_("Alt+Left and Alt+Right: back and forward · Ctrl+F: find in the page · "
               "Ctrl+P: print the one-page summary"))
    return (head
            + "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            + f"<td width='45%' valign='top' style='padding-right:16px'>{left}</td>"
            + f"<td width='55%' valign='top'>{right}</td></tr></table>"
            + f"<p><small>{tips}</small></p>")
