"""What the one-page summary says, and its HTML for a given font size and list length.

``build_sheet`` turns a :class:`~belgai_desktop.core.data.model.Record` into a :class:`Sheet`:
translated, locale-formatted and escaped pieces, with per-fact source markers keyed to
the Sources block. ``Sheet.html(font_pt, cap)`` writes the Qt rich-text HTML for one
attempt of the fitting loop in :mod:`belgai_desktop.printing.layout`. Plain Python: no
Qt here, so the wording can be checked without a display. Call it with the print
language active (see ``i18n.in_language``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from belgai_desktop import __version__
from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.model import Citation, Record, Related
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import ngettext, pgettext
from belgai_desktop.core.render.page import esc
from belgai_desktop.core.text import labels, phrases
from belgai_desktop.core.text.formatting import format_date
from belgai_desktop.core.text.keyfacts import key_facts

# Print-friendly colours: dark text on white, one restrained accent for structure.
INK = "#1b1f24"
MUTED = "#555b63"
ACCENT = "#1d3f6e"
RULE = "#b8c2d0"
FONT_FAMILY = "DejaVu Sans Condensed"
TITLE_FAMILY = "DejaVu Sans"

LEGAL_BASIS = "legal-basis"
MANDATE = "mandate"
TRANSLATION_MARK = "*"
MAX_WHOLE_PARTS = 8  # up to this many parts print whole, with what each holds: a plan's structure


def _px(pt: float) -> str:
    """Qt rich text takes lengths other than font sizes in CSS pixels (1/96 inch)."""
    return f"{pt * 96 / 72:.1f}px"


@dataclass
class Block:
    """A titled section: an optional paragraph, then a list that may be shortened."""

    key: str
    heading: str
    items: list[str] = field(default_factory=list)  # HTML of each item
    paragraph: str = ""
    columns: int = 1  # short items flow in two columns
    trimmable: bool = True
    tables: list[str] = field(default_factory=list)  # HTML after the list, never shortened


@dataclass
class Sheet:
    """Everything printed on the page, already translated and escaped."""

    lang: str
    record_id: str
    doc_title: str  # the PDF title: plain text
    kicker: str
    title: str
    subtitle: str
    names: str
    legend: str
    facts: list[tuple[str, str]]
    blocks: list[Block]
    sources: list[str]
    footer: str

    @property
    def longest_list(self) -> int:
        return max((len(b.items) for b in self.blocks if b.trimmable), default=0)

    def html(self, font_pt: float, cap: int | None = None) -> str:
        """The page body at ``font_pt``; trimmable lists show at most ``cap`` items."""
        f = font_pt
        out = [
            f'<body style="color:{INK}; font-family:\'{FONT_FAMILY}\'; font-size:{f:.2f}pt;">',
            f'<p style="margin:0; color:{ACCENT}; font-size:{f * 0.8:.2f}pt; font-weight:bold; '
            f'text-transform:uppercase;">{self.kicker}</p>',
            f'<p style="margin-top:{_px(f * 0.3)}; margin-bottom:0; font-family:\'{TITLE_FAMILY}\'; '
            f'font-size:{f * 1.9:.2f}pt; font-weight:bold; line-height:105%;">{self.title}</p>',
        ]
        if self.subtitle:
            out.append(f'<p style="margin-top:{_px(f * 0.15)}; margin-bottom:0; font-size:{f * 1.25:.2f}pt; '
                       f'color:{MUTED};">{self.subtitle}</p>')
        if self.names:
            out.append(f'<p style="margin-top:{_px(f * 0.45)}; margin-bottom:0; font-size:{f * 0.92:.2f}pt;">'
                       f"{self.names}</p>")
        if self.legend:
            out.append(f'<p style="margin-top:{_px(f * 0.1)}; margin-bottom:0; font-size:{f * 0.8:.2f}pt; '
                       f'color:{MUTED}; font-style:italic;">{self.legend}</p>')
        out.append(self._facts_html(f))
        for block in self.blocks:
            out.append(self._block_html(block, f, cap))
        if self.sources:
            out.append(self._heading(_("Sources"), f))
            rows = "".join(
                f'<tr><td width="5%" style="color:{ACCENT}; font-weight:bold; '
                f'padding-bottom:{_px(f * 0.15)};">[{i}]</td>'
                f'<td style="padding-bottom:{_px(f * 0.15)};">{s}</td></tr>'
                for i, s in enumerate(self.sources, 1))
            out.append(f'<table width="100%" cellspacing="0" cellpadding="0" '
                       f'style="font-size:{f * 0.9:.2f}pt;">{rows}</table>')
        out.append("</body>")
        return "".join(out)

    def _facts_html(self, f: float) -> str:
        """The key facts, one labelled line each, between two rules: the answer comes first."""
        pad = f"padding-top:{_px(f * 0.12)}; padding-bottom:{_px(f * 0.12)};"
        rows = "".join(
            f'<tr><td width="24%" style="{pad} padding-right:{_px(f * 0.8)}; color:{MUTED}; '
            f'font-size:{f * 0.78:.2f}pt; text-transform:uppercase;">{label}</td>'
            f'<td style="{pad}">{value}</td></tr>'
            for label, value in self.facts)
        return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:{_px(f * 0.9)}; '
                f'border-top:{_px(f * 0.16)} solid {ACCENT}; border-bottom:{_px(f * 0.06)} solid {RULE}; '
                f'border-collapse:collapse;">{rows}</table>')

    def _heading(self, text: str, f: float) -> str:
        return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:{_px(f * 1.1)}; '
                f'margin-bottom:{_px(f * 0.35)}; border-collapse:collapse;"><tr>'
                f'<td style="border-bottom:{_px(f * 0.06)} solid {RULE}; padding-bottom:{_px(f * 0.15)}; '
                f'color:{ACCENT}; font-size:{f * 0.88:.2f}pt; font-weight:bold; text-transform:uppercase;">'
                f"{esc(text)}</td></tr></table>")

    def _block_html(self, block: Block, f: float, cap: int | None) -> str:
        items = block.items
        hidden = 0
        if block.trimmable and cap is not None and len(items) > cap:
            items, hidden = items[:cap], len(items) - cap
        parts = [self._heading(block.heading, f)]
        if block.paragraph:
            parts.append(f'<p style="margin-top:0; margin-bottom:{_px(f * 0.35)}; line-height:115%;">'
                         f"{block.paragraph}</p>")
        if items:
            parts.append(_list_html(items, block.columns, f))
        if hidden:
            more = ngettext("and {n} more", "and {n} more", hidden).format(n=hidden)
            parts.append(f'<p style="margin-top:0; margin-bottom:0; margin-left:{_px(f * 0.9)}; '
                         f'color:{MUTED}; font-style:italic;">{esc(more)}</p>')
        parts.extend(block.tables)
        return "".join(parts)


def _list_html(items: list[str], columns: int, f: float) -> str:
    pad = f"padding-bottom:{_px(f * 0.25)};"
    bullet = f'<td width="2%" style="color:{ACCENT}; {pad}">\u2022</td>'
    if columns == 2 and len(items) > 1:
        half = (len(items) + 1) // 2
        rows = []
        for i in range(half):
            right = items[half + i] if half + i < len(items) else None
            left_cells = (f'{bullet}<td width="48%" style="{pad} padding-right:{_px(f * 0.8)};">'
                          f"{items[i]}</td>")
            right_cells = (f'{bullet}<td width="48%" style="{pad}">{right}</td>' if right is not None
                           else "<td></td><td></td>")
            rows.append(f"<tr>{left_cells}{right_cells}</tr>")
        body = "".join(rows)
    else:
        body = "".join(f'<tr>{bullet}<td style="{pad} line-height:112%;">{item}</td></tr>' for item in items)
    return f'<table width="100%" cellspacing="0" cellpadding="0">{body}</table>'


class _Markers:
    """Numbers the record's sources [1], [2]… and writes a fact's markers."""

    def __init__(self, record: Record) -> None:
        self.number = {s.id: i for i, s in enumerate(record.sources, 1)}

    def __call__(self, cites: list[Citation]) -> str:
        nums = sorted({self.number[c.source_id] for c in cites if c.source_id in self.number})
        if not nums:
            return ""
        # The word joiner keeps the marker on the line of the word it belongs to.
        return f'\u2060<sup style="color:{ACCENT};">[{",".join(str(n) for n in nums)}]</sup>'


def _label_value(label: str, value: str) -> str:
    return phrases.label_value(f"<b>{label}</b>", value)


def _fact_items(facts: Sequence[phrases.Fact], lang: str, mark: _Markers,
                with_label: bool = True) -> tuple[list[str], list[str]]:
    """(items, dispute tables): a fact alone is one item; values the sources disagree on make a
    compact table headed by what is disputed, one row each: value, source marker, as-of date
    (a value's note is on the record page; the print keeps to the figures)."""
    items, tables = [], []
    for group in phrases.dispute_groups(facts):
        if phrases.is_dispute(group):
            tables.append(_dispute_table(group, lang, mark))
            continue
        f = group[0]
        value = esc(phrases.fact_text(f, lang)) + mark(f.citations)
        items.append(_label_value(esc(labels.aspect_label(f.aspect)), value) if with_label else value)
    return items, tables


def _as_of(cites: list[Citation], lang: str) -> str:
    dates = sorted({(c.as_of, c.as_of_precision) for c in cites if c.as_of}, key=lambda d: d[0] or "")
    return "; ".join(format_date(d, lang, p) for d, p in dates if d)


def _dispute_table(group: Sequence[phrases.Fact], lang: str, mark: _Markers) -> str:
    head = (f'<p style="margin-top:0; margin-bottom:2px;"><b>{esc(phrases.dispute_title(group))}</b></p>')
    rows = "".join(
        f'<tr><td width="62%" style="padding:1px 6px 1px 0; border-bottom:1px solid {RULE};">'
        f"{esc(phrases.fact_value(f, lang))}</td>"
        f'<td width="8%" style="padding:1px 6px 1px 0; border-bottom:1px solid {RULE}; color:{ACCENT};">'
        f"{mark(f.citations).replace(chr(0x2060), '')}</td>"
        f'<td style="padding:1px 0; border-bottom:1px solid {RULE}; color:{MUTED};">'
        f"{esc(_as_of(f.citations, lang))}</td></tr>"
        for f in group)
    return f'{head}<table width="100%" cellspacing="0" cellpadding="0">{rows}</table>'


def _mark_of(r: Related) -> str:
    """A title we wrote says so; our translation gets the asterisk the legend explains."""
    if r.title_descriptive:
        return f' <span style="color:{MUTED};">{esc(phrases.descriptive_mark())}</span>'
    return TRANSLATION_MARK if r.title_is_translation else ""


def _marked(r: Related) -> str:
    return esc(r.title) + _mark_of(r)


def _relation_item(r: Related, mark: _Markers) -> str:
    return phrases.relation_phrase(r, _marked(r), esc) + mark(r.citations)


def _part_item(r: Related, mark: _Markers) -> str:
    """A part, and what it holds in turn on the same item."""
    text = _marked(r) + mark(r.citations)
    if r.parts:
        inner = "; ".join(phrases.part_phrase(p, _marked(p), esc) for p in r.parts)
        text += f'<br/><span style="color:{MUTED};">{inner}</span>'
    return text


def _person_item(r: Related, mark: _Markers) -> str:
    return phrases.person_phrase(r, f"<b>{esc(r.title)}</b>{_mark_of(r)}", esc) + mark(r.citations)


def _role_item(r: Related, mark: _Markers) -> str:
    return phrases.role_phrase(r, _marked(r), esc) + mark(r.citations)


def document_title(record: Record) -> str:
    name = record.title + (f" ({record.acronym})" if record.acronym else "")
    if record.kind_group == "body":
        return pgettext("pdf title", "{name} \u2013 institution summary").format(name=name)
    return pgettext("pdf title", "{name} \u2013 summary").format(name=name)


def build_sheet(record: Record, meta: dict[str, str] | None = None,
                today: dt.date | None = None) -> Sheet:
    """The translated content of the summary of ``record`` (in ``record.lang``)."""
    lang = record.lang
    meta = meta or {}
    today = today or dt.date.today()
    mark = _Markers(record)

    doc_kind = (pgettext("print heading", "Institution summary") if record.kind_group == "body"
                else pgettext("print heading", "Summary"))
    kicker = esc(" \u00b7 ".join([_("BelgAI Desktop"), doc_kind, labels.level_label(record.level)]))
    if record.title_descriptive:  # ours in every language: one mark says so, not the asterisk
        title = esc(record.title) + (f' <span style="font-size:55%; font-weight:normal; color:{MUTED};">'
                                     f"{esc(phrases.descriptive_mark())}</span>")
    else:
        title = esc(record.title) + (TRANSLATION_MARK if record.title_is_translation else "")

    names = []
    any_translated = record.title_is_translation and not record.title_descriptive
    for name_lang, text, translated in phrases.other_names(record):
        any_translated |= translated
        names.append(f'<span style="color:{ACCENT}; font-weight:bold;">{name_lang.upper()}</span>\u00a0'
                     f"{esc(text)}{TRANSLATION_MARK if translated else ''}")
    names_html = " \u00a0\u00b7\u00a0 ".join(names)
    if names_html:
        names_html += mark(record.name_citations)
    any_translated |= phrases.needs_translation_legend(record)
    legend = esc(phrases.translation_legend()) if any_translated else ""

    facts: list[tuple[str, str]] = []
    for fact in key_facts(record):  # the same key facts as the page and `belgai show`
        value = "; ".join(esc(piece.text) for piece in fact.pieces)
        if fact.key == "part_of":
            value += mark([c for p in record.parents for c in p.citations])
        elif fact.key == "budget":  # the answer most readers look for first
            value = f"<b>{value}</b>"
        facts.append((esc(fact.label), value))

    blocks: list[Block] = []
    summary = esc(record.summary) + mark(record.summary_citations)
    if record.summary_lang != lang:
        summary += " <i>" + esc(_("(English)")) + "</i>"
    mandate = [s for s in record.statements if s.aspect == MANDATE]
    summary_heading = (pgettext("print heading", "Summary and mandate") if record.kind_group == "body"
                       else pgettext("print heading", "Summary"))
    items, tables = _fact_items(mandate, lang, mark, with_label=False)
    blocks.append(Block("summary", summary_heading, items, paragraph=summary, tables=tables))
    if record.people:
        blocks.append(Block("people", pgettext("print heading", "Key people"),
                            [_person_item(r, mark) for r in record.people], columns=2))
    if record.roles:
        blocks.append(Block("roles", pgettext("print heading", "Roles"),
                            [_role_item(r, mark) for r in record.roles], columns=2))
    strategy_kinds = set(vocab.KIND_GROUPS["strategy"])
    plans = [r for r in record.related if r.kind in strategy_kinds]
    if plans:
        blocks.append(Block("plans", labels.group_label("strategy"),
                            [_relation_item(r, mark) for r in plans], columns=2))
    if record.children:
        blocks.append(Block("parts", pgettext("print heading", "Parts"),
                            [_part_item(r, mark) for r in record.children], columns=2,
                            trimmable=len(record.children) > MAX_WHOLE_PARTS))
    others = [r for r in record.related if r.kind not in strategy_kinds]
    if others:
        blocks.append(Block("relations", pgettext("print heading", "Other relations"),
                            [_relation_item(r, mark) for r in others], columns=2))
    if record.budgets:
        items, tables = _fact_items(record.budgets, lang, mark)
        blocks.append(Block("budgets", pgettext("print heading", "Budget"), items, tables=tables))
    legal = [s for s in record.statements if s.aspect == LEGAL_BASIS]
    if legal or record.dates:
        items, tables = _fact_items(legal, lang, mark)
        more_items, more_tables = _fact_items(record.dates, lang, mark)
        blocks.append(Block("dates", pgettext("print heading", "Legal basis and key dates"),
                            items + more_items, tables=tables + more_tables))
    further = [s for s in record.statements if s.aspect not in (MANDATE, LEGAL_BASIS)]
    if further:
        items, tables = _fact_items(further, lang, mark)
        blocks.append(Block("facts", pgettext("print heading", "Further facts"), items, tables=tables))
    if record.links:
        links = [f'<a href="{esc(link.url)}" style="color:{ACCENT}; text-decoration:none;">'
                 f"{esc(link.url)}</a>" + mark(link.citations) for link in record.links]
        blocks.append(Block("links", pgettext("print heading", "Web links"), links, columns=2))

    sources = [phrases.source_line(s, lang, f"<i>{esc(s.title)}</i>", esc) for s in record.sources]

    # Separate phrases, each translated whole, listed with a middle dot, on two lines:
    # the data, then this copy (a long record id must not break the line mid-word).
    about_data = [_("BelgAI Desktop {version}").format(version=__version__)]
    if phrases.data_version(meta):
        about_data.append(_("dataset {version}").format(version=esc(phrases.data_version(meta))))
    if meta.get("as_of"):
        about_data.append(_("data as of {date}").format(date=esc(format_date(meta["as_of"], lang))))
    about_copy = [_("printed on {date}").format(date=esc(format_date(today, lang))),
                  _("record {record_id}").format(record_id=esc(record.id))]
    footer = " \u00b7 ".join(about_data) + "<br/>" + " \u00b7 ".join(about_copy)

    return Sheet(lang=lang, record_id=record.id, doc_title=document_title(record), kicker=kicker,
                 title=title, subtitle=esc(phrases.acronyms_text(record)), names=names_html,
                 legend=legend, facts=facts, blocks=blocks,
                 sources=sources, footer=footer)
