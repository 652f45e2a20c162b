"""A record as the HTML of its record page (for ``QTextBrowser``'s rich-text subset), worded by
:mod:`belgai_desktop.core.text.phrases` and :mod:`belgai_desktop.core.text.keyfacts`.

The page opens with the key facts (kind, level, part of, who leads it, the budget in one
line, key dates, who oversees it), then the summary, then the long sections. Every fact
carries numbered notes (``[1]``) that point to the "Notes" list, where each note names the
document, the place in it and the as-of date; the note's text is also the link's tooltip.
Facts the sources disagree on are shown side by side in one box headed by what is disputed,
marked in words and with a sign, never by colour alone. Links to other records use the
``record:<id>`` scheme; web links are plain ``https:`` links the view opens only on click.
Each fact starts with an invisible ``cite-<n>`` anchor (see :func:`citable`) so that the
view can copy the fact under the mouse as a citation.

No Qt import: the output is a string, testable without a display.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from belgai_desktop.core.data.model import Citation, Record, Related
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import pgettext
from belgai_desktop.core.text import labels, phrases
from belgai_desktop.core.text.keyfacts import BUDGET_ANCHOR, DATES_ANCHOR, STATEMENTS_ANCHOR, key_facts

RECORD_SCHEME = "record"
CITE_PREFIX = "cite-"


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
            self.items.append(phrases.citation_text(c, self.lang))
            self._numbers[key] = len(self.items)
        return self._numbers[key]

    def marks(self, cites: Sequence[Citation]) -> str:
        """'[1][2]' as superscript links to the notes, each with its note as tooltip."""
        out = []
        for n in sorted({self.number(c) for c in cites}):
            tip = esc(_("Source: {citation}").format(citation=self.items[n - 1]))
            out.append(f'<a href="#note-{n}" title="{tip}">[{n}]</a>')
        return f"<sup>{''.join(out)}</sup>" if out else ""


def _section(heading: str, items: list[str], anchor: str = "") -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{item}</li>" for item in items)
    name = f'<a name="{anchor}"></a>' if anchor else ""
    return f"<h2>{name}{esc(heading)}</h2><ul>{lis}</ul>"


def citable(record: Record) -> list[phrases.Fact | Related]:
    """The facts a reader can copy one by one as a citation, in the order ``cite-<n>`` numbers them."""
    return [*record.parents, *record.children, *record.people, *record.roles, *record.related,
            *record.budgets, *record.dates, *record.statements]


class _Cites:
    """Writes the invisible ``cite-<n>`` anchor that tells the view which fact was right-clicked."""

    def __init__(self, record: Record) -> None:
        self._numbers = {id(f): n for n, f in enumerate(citable(record))}

    def __call__(self, fact: object) -> str:
        n = self._numbers.get(id(fact))
        return "" if n is None else f'<a name="{CITE_PREFIX}{n}"></a>'


def _related_line(r: Related, text: str, notes: _Notes, cite: _Cites) -> str:
    return f"{cite(r)}{text} <small>({esc(labels.kind_label(r.kind))})</small>{notes.marks(r.citations)}"


def _facts_section(heading: str, facts: Sequence[phrases.Fact], notes: _Notes, cite: _Cites, anchor: str) -> str:
    """Facts in order; those sharing a dispute key become one box headed by what is disputed."""
    items: list[str] = []
    for group in phrases.dispute_groups(facts):
        if phrases.is_dispute(group):
            items.append(_dispute_table(group, notes, cite))
            continue
        f = group[0]
        items.append(cite(f) + phrases.label_value(
            f"<b>{esc(labels.aspect_label(f.aspect))}</b>",
            esc(phrases.fact_text(f, notes.lang)) + notes.marks(f.citations)))
    return _section(heading, items, anchor)


def _dispute_table(group: Sequence[phrases.Fact], notes: _Notes, cite: _Cites) -> str:
    """A box headed by what is disputed; one row per value, beside the document that gives it."""
    according_to = esc(_("According to:"))
    rows = []
    for f in group:
        cites = "; ".join(esc(phrases.citation_text(c, notes.lang)) for c in f.citations)
        rows.append(f"<tr><td width='45%'>{cite(f)}<b>{esc(phrases.fact_text(f, notes.lang))}</b></td>"
                    f"<td><small>{according_to} {cites}</small></td></tr>")
    return (
        "<table border='1' cellspacing='0' cellpadding='5' width='100%'>"
        f"<tr><td colspan='2'><b>{esc(phrases.dispute_title(group))}</b><br>"
        f"<small>{esc(phrases.dispute_explanation())}</small></td></tr>{''.join(rows)}</table>"
    )


def _key_facts(record: Record) -> str:
    """The answer first: a compact table of the key facts, each value a link where it leads on."""
    rows = []
    for fact in key_facts(record):
        pieces = []
        for piece in fact.pieces:
            if piece.record_id:
                pieces.append(record_link(piece.record_id, piece.text))
            elif piece.anchor:
                pieces.append(f'<a href="#{piece.anchor}">{esc(piece.text)}</a>')
            else:
                pieces.append(esc(piece.text))
        label = pgettext("label", "{label}:").format(label=esc(fact.label))
        rows.append(f"<tr><td><b>{label}</b></td><td>{'; '.join(pieces)}</td></tr>")
    return f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"


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
    cite = _Cites(record)
    parts: list[str] = []

    title = esc(record.title)
    star = " " + star_link(record.id, bookmarked).strip() if bookmarked is not None else ""
    our_translation = esc(_("(our translation)"))
    if record.title_descriptive:
        title += f" <small>{esc(phrases.descriptive_mark())}</small>"
    elif record.title_is_translation:
        title += f" <small>{our_translation}</small>"
    parts.append(f"<h1>{title}<small>{notes.marks(record.name_citations)}</small>{star}</h1>")
    parts.append(_key_facts(record))

    if record.summary:
        fallback = ""
        if record.summary_lang != lang:
            fallback = " <i>" + esc(_("(English)")) + "</i>"
        parts.append(f"<p>{esc(record.summary)}{fallback}{notes.marks(record.summary_citations)}</p>")

    facts = []
    if record.acronyms or record.acronyms_ours.get(record.lang):
        facts.append("<b>" + esc(_("Acronyms:")) + "</b> " + esc(phrases.acronyms_text(record)))
    if record.aliases:
        facts.append("<b>" + esc(_("Also called:")) + "</b> " + esc("; ".join(record.aliases)))
    names = phrases.other_names(record)
    if names:
        rows = "".join(
            f"<tr><td>{esc(language_name(name_lang))}</td><td>{esc(text)}"
            + (f" <small><i>{our_translation}</i></small>" if translated else "")
            + "</td></tr>"
            for name_lang, text, translated in names)
        facts.append("<b>" + esc(_("Names in other languages:")) + f"</b><table cellpadding='2'>{rows}</table>")
    if facts:
        parts.append("".join(f"<p>{f}</p>" for f in facts))

    def linked(r: Related) -> str:  # the title, and whether it is ours
        mark = phrases.title_mark(r)
        return record_link(r.id, r.title) + (f"<small>{esc(mark)}</small>" if mark else "")

    def links(items: list[Related]) -> list[str]:
        return [_related_line(r, linked(r), notes, cite) for r in items]

    def with_contents(r: Related) -> str:  # a part, and what it holds in turn
        line = _related_line(r, linked(r), notes, cite)
        if not r.parts:
            return line
        inner = "".join(f"<li>{phrases.part_phrase(p, linked(p), esc)}{notes.marks(p.citations)}</li>"
                        for p in r.parts)
        return f"{line}<ul>{inner}</ul>"

    parts.append(_section(_("Part of"), links(record.parents)))
    parts.append(_section(_("Parts"), [with_contents(r) for r in record.children]))
    parts.append(_section(_("People"), [
        _related_line(r, phrases.person_phrase(r, linked(r), esc), notes, cite) for r in record.people]))
    parts.append(_section(_("Roles"), [
        _related_line(r, phrases.role_phrase(r, linked(r), esc), notes, cite) for r in record.roles]))
    parts.append(_section(_("Related"), [
        _related_line(r, phrases.relation_phrase(r, linked(r), esc), notes, cite) for r in record.related]))
    if phrases.needs_translation_legend(record):
        parts.append(f"<p><small><i>{esc(phrases.translation_legend())}</i></small></p>")
    parts.append(_facts_section(_("Budgets"), record.budgets, notes, cite, BUDGET_ANCHOR))
    parts.append(_facts_section(_("Dates"), record.dates, notes, cite, DATES_ANCHOR))
    parts.append(_facts_section(_("Facts"), record.statements, notes, cite, STATEMENTS_ANCHOR))
    parts.append(_section(_("Web links"), [
        f'<a href="{esc(link.url)}">{esc(link.url)}</a>'
        + (f" <small>({esc(language_name(link.lang))})</small>" if link.lang else "")
        + notes.marks(link.citations)
        for link in record.links]))
    if notes.items:
        rows = "".join(f'<li><a name="note-{n}"></a>{esc(text)}</li>'
                       for n, text in enumerate(notes.items, start=1))
        parts.append("<h2>" + esc(_("Notes")) + f"</h2><ol>{rows}</ol>")
    parts.append(_section(_("Sources"), [
        phrases.source_line(s, lang, f"<b>{esc(s.title)}</b>", esc) for s in record.sources]))
    parts.append("<p><small>" + esc(_("Record id: {id}").format(id=record.id)) + "</small></p>")
    return "".join(p for p in parts if p)
