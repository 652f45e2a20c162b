"""What the one-page summary says, and its HTML for a given font size and list length.

``build_sheet`` turns a :class:`~belgai_desktop.core.data.model.Record` into a :class:`Sheet`:
translated, locale-formatted and escaped pieces, with per-fact source markers keyed to
the Sources block. ``Sheet.html(font_pt, cap)`` writes the Qt rich-text HTML for one
attempt of the fitting loop in :mod:`belgai_desktop.printing.layout`. Plain Python: no
Qt here, so the wording can be checked without a display. Call it with the print
language active (see ``layout.language``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list as babel_format_list

from belgai_desktop import __version__
from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.model import Budget, Citation, DateFact, Record, Related, Statement
from belgai_desktop.core.text import labels, present
from belgai_desktop.core.text.formatting import babel_locale, format_date
from belgai_desktop.core.text.i18n import gettext as _
from belgai_desktop.core.text.i18n import ngettext, pgettext

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
DISPUTED_MARK = "\u26a0"  # ⚠, next to the words "sources disagree": not colour alone


def _px(pt: float) -> str:
    """Qt rich text takes lengths other than font sizes in CSS pixels (1/96 inch)."""
    return f"{pt * 96 / 72:.1f}px"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Block:
    """A titled section: an optional paragraph, then a list that may be shortened."""

    key: str
    heading: str
    items: list[str] = field(default_factory=list)  # HTML of each item
    paragraph: str = ""
    columns: int = 1  # short items flow in two columns
    trimmable: bool = True


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
        """Key facts in a row of labelled cells under a strong rule."""
        n = max(len(self.facts), 1)
        widths = [100 // n] * (n - 1) + [100 - (100 // n) * (n - 1)]
        cells = "".join(
            f'<td width="{width}%" style="border-top:{_px(f * 0.16)} solid {ACCENT}; '
            f'border-bottom:{_px(f * 0.06)} solid {RULE}; padding-top:{_px(f * 0.35)}; '
            f'padding-bottom:{_px(f * 0.4)}; padding-right:{_px(f * 0.8)};">'
            f'<span style="color:{MUTED}; font-size:{f * 0.78:.2f}pt; text-transform:uppercase;">'
            f"{label}</span>"
            f"<br/>{value}</td>"
            for (label, value), width in zip(self.facts, widths, strict=False))
        return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:{_px(f * 0.9)}; '
                f'border-collapse:collapse;"><tr>{cells}</tr></table>')

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


def _or_list(values: list[str], lang: str) -> str:
    return babel_format_list(values, style="or", locale=babel_locale(lang))


def _disputed(label: str, values: str) -> str:
    tag = f"<b>{DISPUTED_MARK} " + esc(_("sources disagree")) + "</b>"
    return pgettext("disputed fact", "{label} \u2014 {disputed}: {values}").format(
        label=label, disputed=tag, values=values)


def _label_value(label: str, value: str) -> str:
    return pgettext("label and value", "{label}: {value}").format(label=f"<b>{label}</b>", value=value)


def _with_note(value: str, note: str | None) -> str:
    if not note:
        return value
    return pgettext("value and note", "{value} \u2014 {note}").format(value=value, note=esc(note))


def _valued_items(facts: list[Budget] | list[DateFact], text: Callable[[Any], str], lang: str,
                  mark: _Markers) -> list[str]:
    """Budgets or dates, one item per aspect; disagreeing values side by side with their sources."""
    items = []
    for group in present.dispute_groups(facts):
        label = esc(labels.aspect_label(group[0].aspect))
        values = [_with_note(esc(text(f)), f.note) + mark(f.citations) for f in group]
        if len(group) > 1 or group[0].disputed:
            items.append(_disputed(f"<b>{label}</b>", _or_list(values, lang)))
        else:
            items.append(_label_value(label, values[0]))
    return items


def _budget_items(budgets: list[Budget], lang: str, mark: _Markers) -> list[str]:
    return _valued_items(budgets, lambda b: present.budget_text(b, lang), lang, mark)


def _date_items(dates: list[DateFact], lang: str, mark: _Markers) -> list[str]:
    return _valued_items(dates, lambda d: present.date_text(d, lang), lang, mark)


def _statement_items(statements: list[Statement], mark: _Markers, with_label: bool = True) -> list[str]:
    items = []
    for group in present.dispute_groups(statements):
        label = esc(labels.aspect_label(group[0].aspect))
        values = [esc(s.text) + mark(s.citations) for s in group]
        if group[0].disputed:
            # Long texts: one value per line, each with its sources.
            lines = "".join(f"<br/>\u2013 {v}" for v in values)
            items.append(_disputed(f"<b>{label}</b>", "") + lines)
        elif with_label:
            items.append(_label_value(label, values[0]))
        else:
            items.append(values[0])
    return items


def _mark_of(r: Related) -> str:
    """A title we wrote says so; our translation gets the asterisk the legend explains."""
    if r.title_descriptive:
        return f' <span style="color:{MUTED};">{esc(present.descriptive_mark())}</span>'
    return TRANSLATION_MARK if r.title_is_translation else ""


def _marked(r: Related) -> str:
    return esc(r.title) + _mark_of(r)


def _relation_item(r: Related, mark: _Markers) -> str:
    relation = esc(_cap(labels.relation_label(r.relation, r.direction)))
    return pgettext("relation to a record", "{relation}: {title}").format(
        relation=f'<span style="color:{MUTED};">{relation}</span>', title=_marked(r)) + mark(r.citations)


def _person_item(r: Related, mark: _Markers) -> str:
    role = r.role or _cap(labels.relation_label(r.relation, "out"))
    return pgettext("person and role", "{name}, {role}").format(
        name=f"<b>{esc(r.title)}</b>{_mark_of(r)}", role=esc(role)) + mark(r.citations)


def _role_item(r: Related, mark: _Markers) -> str:
    role = r.role or _cap(labels.relation_label(r.relation, "out"))
    return pgettext("role in a body", "{role}, {body}").format(
        role=f"<b>{esc(role)}</b>", body=_marked(r)) + mark(r.citations)


def dataset_version(meta: dict[str, str]) -> str:
    """The dataset's version: an explicit one if the build records it, else its content hash."""
    return meta.get("dataset_version") or meta.get("version") or meta.get("source_hash", "")[:10]


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
                                     f"{esc(present.descriptive_mark())}</span>")
    else:
        title = esc(record.title) + (TRANSLATION_MARK if record.title_is_translation else "")

    names = []
    any_translated = record.title_is_translation and not record.title_descriptive
    for name_lang, text, translated in present.other_names(record):
        any_translated |= translated
        names.append(f'<span style="color:{ACCENT}; font-weight:bold;">{name_lang.upper()}</span>\u00a0'
                     f"{esc(text)}{TRANSLATION_MARK if translated else ''}")
    names_html = " \u00a0\u00b7\u00a0 ".join(names)
    if names_html:
        names_html += mark(record.name_citations)
    any_translated |= any(r.title_is_translation and not r.title_descriptive for r in present.all_related(record))
    legend = esc(present.translation_legend()) if any_translated else ""

    facts: list[tuple[str, str]] = [
        (esc(_("Government level")), esc(labels.level_label(record.level))),
        (esc(_("Type")), esc(labels.kind_label(record.kind))),
    ]
    if record.parents:
        facts.append((esc(_("Part of")), "; ".join(_marked(p) + mark(p.citations) for p in record.parents)))

    blocks: list[Block] = []
    summary = esc(record.summary) + mark(record.summary_citations)
    if record.summary_lang != lang:
        summary += " <i>" + esc(_("(English)")) + "</i>"
    mandate = [s for s in record.statements if s.aspect == MANDATE]
    summary_heading = (pgettext("print heading", "Summary and mandate") if record.kind_group == "body"
                       else pgettext("print heading", "Summary"))
    blocks.append(Block("summary", summary_heading,
                        _statement_items(mandate, mark, with_label=False), paragraph=summary))
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
    others = record.children + [r for r in record.related if r.kind not in strategy_kinds]
    if others:
        blocks.append(Block("relations", pgettext("print heading", "Other relations"),
                            [_relation_item(r, mark) for r in others], columns=2))
    if record.budgets:
        blocks.append(Block("budgets", pgettext("print heading", "Budget"),
                            _budget_items(record.budgets, lang, mark)))
    legal = [s for s in record.statements if s.aspect == LEGAL_BASIS]
    if legal or record.dates:
        blocks.append(Block("dates", pgettext("print heading", "Legal basis and key dates"),
                            _statement_items(legal, mark) + _date_items(record.dates, lang, mark)))
    further = [s for s in record.statements if s.aspect not in (MANDATE, LEGAL_BASIS)]
    if further:
        blocks.append(Block("facts", pgettext("print heading", "Further facts"),
                            _statement_items(further, mark)))
    if record.links:
        links = [f'<a href="{esc(link.url)}" style="color:{ACCENT}; text-decoration:none;">'
                 f"{esc(link.url)}</a>" + mark(link.citations) for link in record.links]
        blocks.append(Block("links", pgettext("print heading", "Web links"), links, columns=2))

    sources = []
    for s in record.sources:
        date = format_date(s.date, lang, s.date_precision) if s.date else _("undated")
        publisher = s.publisher or s.author
        sources.append(pgettext("source in the print", "<i>{title}</i> \u2014 {publisher}, {date}").format(
            title=esc(s.title), publisher=esc(publisher), date=esc(date)))

    # Separate phrases, each translated whole, listed with a middle dot, on two lines:
    # the data, then this copy (a long record id must not break the line mid-word).
    about_data = [_("BelgAI Desktop {version}").format(version=__version__)]
    if dataset_version(meta):
        about_data.append(_("dataset {version}").format(version=esc(dataset_version(meta))))
    if meta.get("as_of"):
        about_data.append(_("data as of {date}").format(date=esc(format_date(meta["as_of"], lang))))
    about_copy = [_("printed on {date}").format(date=esc(format_date(today, lang))),
                  _("record {record_id}").format(record_id=esc(record.id))]
    footer = " \u00b7 ".join(about_data) + "<br/>" + " \u00b7 ".join(about_copy)

    return Sheet(lang=lang, record_id=record.id, doc_title=document_title(record), kicker=kicker,
                 title=title, subtitle=esc(present.acronyms_text(record)), names=names_html,
                 legend=legend, facts=facts, blocks=blocks,
                 sources=sources, footer=footer)
