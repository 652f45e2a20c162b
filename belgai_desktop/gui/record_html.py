"""A record as the HTML of its page (for ``QTextBrowser``'s rich-text subset), built from
the shared phrases in :mod:`belgai_desktop.core.text.present` and :mod:`belgai_desktop.core.text.labels`.

Every fact carries numbered notes (``[1]``) that point to the "Notes" list, where each
note names the document, the place in it and the as-of date; the note's text is also the
link's tooltip. Facts the sources disagree on are shown side by side in one table, marked
"Disputed" in words and with a sign, never by colour alone. Links to other records use the
``record:<id>`` scheme; web links are plain ``https:`` links the view opens only on click.

No Qt import: the output is a string, testable without a display.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from belgai_desktop.core.data.model import Citation, Record, Related, Source
from belgai_desktop.core.text import labels, present
from belgai_desktop.core.text.formatting import format_date
from belgai_desktop.core.text.i18n import gettext as _
from belgai_desktop.core.text.i18n import pgettext

RECORD_SCHEME = "record"
DISPUTED_SIGN = "⚠"


def language_name(lang: str) -> str:
    return {
        "en": pgettext("language", "English"),
        "nl": pgettext("language", "Dutch"),
        "fr": pgettext("language", "French"),
        "de": pgettext("language", "German"),
    }.get(lang, lang)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def record_link(record_id: str, title: str) -> str:
    return f'<a href="{RECORD_SCHEME}:{esc(record_id)}">{esc(title)}</a>'


class _Notes:
    """Numbers citations in order of first use; the same citation keeps its number."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.items: list[str] = []
        self._numbers: dict[tuple[str, str, str | None], int] = {}

    def number(self, c: Citation) -> int:
        key = (c.source_id, c.where, c.as_of)
        if key not in self._numbers:
            self.items.append(present.citation_text(c, self.lang))
            self._numbers[key] = len(self.items)
        return self._numbers[key]

    def marks(self, cites: Sequence[Citation]) -> str:
        """'[1][2]' as superscript links to the notes, each with its note as tooltip."""
        out = []
        for n in sorted({self.number(c) for c in cites}):
            tip = esc(_("Source: {citation}").format(citation=self.items[n - 1]))
            out.append(f'<a href="#note-{n}" title="{tip}">[{n}]</a>')
        return f"<sup>{''.join(out)}</sup>" if out else ""


def _section(heading: str, items: list[str]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{item}</li>" for item in items)
    return f"<h2>{esc(heading)}</h2><ul>{lis}</ul>"


def _related_line(r: Related, text: str, notes: _Notes) -> str:
    return f"{text} <small>({esc(labels.kind_label(r.kind))})</small>{notes.marks(r.citations)}"


def _facts_section(heading: str, facts: Sequence[Any], value: Callable[[Any], str], notes: _Notes) -> str:
    """Facts in order; those sharing a dispute key become one side-by-side table."""
    items: list[str] = []
    for group in present.dispute_groups(facts):
        f = group[0]
        aspect = esc(labels.aspect_label(f.aspect))
        if len(group) > 1 or f.disputed:
            items.append(_dispute_table(aspect, group, value, notes))
            continue
        note = f" — {esc(f.note)}" if getattr(f, "note", None) else ""
        items.append(pgettext("label and value", "{label}: {value}").format(
            label=f"<b>{aspect}</b>", value=f"{value(f)}{note}{notes.marks(f.citations)}"))
    return _section(heading, items)


def _dispute_table(aspect: str, group: Sequence[Any], value: Callable[[Any], str], notes: _Notes) -> str:
    """One row per value: the value beside the document that gives it."""
    # ``aspect`` is already escaped: escape the sentence around it, not the result (no "l&#x27;IA").
    head = esc(_("{sign} Disputed: the sources disagree on “{aspect}”. "
                 "Each value is shown with its source.")).format(sign=esc(DISPUTED_SIGN), aspect=aspect)
    according_to = esc(_("According to:"))
    rows = []
    for f in group:
        note = f"<br><small>{esc(f.note)}</small>" if getattr(f, "note", None) else ""
        cites = "; ".join(esc(present.citation_text(c, notes.lang)) for c in f.citations)
        rows.append(f"<tr><td width='40%'><b>{value(f)}</b>{note}</td>"
                    f"<td><small>{according_to} {cites}</small></td></tr>")
    # Translators: a label before what it introduces (French puts a no-break space before the colon).
    label = pgettext("label", "{label}:").format(label=aspect)
    return (
        f"<b>{label}</b>"
        "<table border='1' cellspacing='0' cellpadding='5' width='100%'>"
        f"<tr><td colspan='2'><b>{head}</b></td></tr>{''.join(rows)}</table>"
    )


def _source_line(s: Source, lang: str) -> str:
    date = format_date(s.date, lang, s.date_precision) if s.date else _("undated")
    who = ", ".join(p for p in (s.author, s.publisher) if p)
    text = f"<b>{esc(s.title)}</b>"
    if who:
        text += f" — {esc(who)}"
    return f"{text}, {esc(date)}"


BOOKMARK_SCHEME = "bookmark"
STAR_ON, STAR_OFF = "★", "☆"


def star_link(record_id: str, bookmarked: bool) -> str:
    """The star after a record's title: a link that toggles its bookmark."""
    tip = esc(_("Remove the bookmark (Ctrl+D)") if bookmarked else _("Bookmark this record (Ctrl+D)"))
    star = STAR_ON if bookmarked else STAR_OFF
    return (f'<a href="{BOOKMARK_SCHEME}:{esc(record_id)}" title="{tip}" '
            f'style="text-decoration: none">{star}</a> ')


def gone_html(record_id: str, title: str | None, bookmarked: bool) -> str:
    """The page of a bookmarked or noted record that is no longer in the data."""
    heading = _("no longer in the data (last seen as “{title}”)").format(title=title or record_id)
    text = _("This record is not in the data in use any more; your bookmark and your note on it are kept.")
    return (f"<h1>{esc(heading)} {star_link(record_id, bookmarked).strip()}</h1><p>{esc(text)}</p>"
            + "<p><small>" + esc(_("Record id: {id}").format(id=record_id)) + "</small></p>")


def record_html(record: Record, bookmarked: bool | None = None) -> str:
    """The page; with ``bookmarked`` (True/False), a star after the title toggles the bookmark."""
    lang = record.lang
    notes = _Notes(lang)
    parts: list[str] = []

    title = esc(record.title)
    star = " " + star_link(record.id, bookmarked).strip() if bookmarked is not None else ""
    our_translation = esc(_("(our translation)"))
    if record.title_descriptive:
        title += f" <small>{esc(present.descriptive_mark())}</small>"
    elif record.title_is_translation:
        title += f" <small>{our_translation}</small>"
    parts.append(f"<h1>{title}<small>{notes.marks(record.name_citations)}</small>{star}</h1>")
    meta = [esc(labels.kind_label(record.kind)), esc(labels.level_label(record.level))]
    parts.append(f"<p>{' · '.join(meta)}</p>")

    facts = []
    if record.acronyms or record.acronyms_ours.get(record.lang):
        facts.append("<b>" + esc(_("Acronyms:")) + "</b> " + esc(present.acronyms_text(record)))
    if record.aliases:
        facts.append("<b>" + esc(_("Also called:")) + "</b> " + esc("; ".join(record.aliases)))
    names = present.other_names(record)
    if names:
        rows = "".join(
            f"<tr><td>{esc(language_name(name_lang))}</td><td>{esc(text)}"
            + (f" <small><i>{our_translation}</i></small>" if translated else "")
            + "</td></tr>"
            for name_lang, text, translated in names)
        facts.append("<b>" + esc(_("Names in other languages:")) + f"</b><table cellpadding='2'>{rows}</table>")
    if facts:
        parts.append("".join(f"<p>{f}</p>" for f in facts))

    if record.summary:
        fallback = ""
        if record.summary_lang != lang:
            fallback = " <i>" + esc(_("(English)")) + "</i>"
        parts.append(f"<p>{esc(record.summary)}{fallback}{notes.marks(record.summary_citations)}</p>")

    def linked(r: Related) -> str:  # the title, and whether it is ours
        mark = present.title_mark(r)
        return record_link(r.id, r.title) + (f"<small>{esc(mark)}</small>" if mark else "")

    def links(items: list[Related]) -> list[str]:
        return [_related_line(r, linked(r), notes) for r in items]

    parts.append(_section(_("Part of"), links(record.parents)))
    parts.append(_section(_("Parts"), links(record.children)))
    parts.append(_section(_("People"), [
        _related_line(r, f"{linked(r)} — "
                      f"{esc(r.role or labels.relation_label(r.relation, 'in'))}", notes)
        for r in record.people]))
    parts.append(_section(_("Roles"), [
        _related_line(r, f"{esc(r.role or labels.relation_label(r.relation))}, "
                      f"{linked(r)}", notes)
        for r in record.roles]))
    parts.append(_section(_("Related"), [
        _related_line(r, pgettext("relation to a record", "{relation}: {title}").format(
            relation=f"<i>{esc(labels.relation_label(r.relation, r.direction))}</i>",
            title=linked(r)), notes)
        for r in record.related]))
    if any(r.title_is_translation and not r.title_descriptive for r in present.all_related(record)):
        parts.append(f"<p><small><i>{esc(present.translation_legend())}</i></small></p>")
    parts.append(_facts_section(_("Budgets"), record.budgets,
                                lambda b: esc(present.budget_text(b, lang)), notes))
    parts.append(_facts_section(_("Dates"), record.dates, lambda d: esc(present.date_text(d, lang)), notes))
    parts.append(_facts_section(_("Facts"), record.statements, lambda s: esc(s.text), notes))
    parts.append(_section(_("Web links"), [
        f'<a href="{esc(link.url)}">{esc(link.url)}</a>'
        + (f" <small>({esc(language_name(link.lang))})</small>" if link.lang else "")
        + notes.marks(link.citations)
        for link in record.links]))
    if notes.items:
        rows = "".join(f'<li><a name="note-{n}"></a>{esc(text)}</li>'
                       for n, text in enumerate(notes.items, start=1))
        parts.append("<h2>" + esc(_("Notes")) + f"</h2><ol>{rows}</ol>")
    parts.append(_section(_("Sources"), [_source_line(s, lang) for s in record.sources]))
    parts.append("<p><small>" + esc(_("Record id: {id}").format(id=record.id)) + "</small></p>")
    return "".join(p for p in parts if p)
