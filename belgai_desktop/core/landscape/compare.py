"""The regions side by side: federal, Flanders, Wallonia and Brussels-Capital compared on
their strategy or plan, budgets (every disputed value kept), lead bodies, supervisory and
advisory bodies and key programmes, each entry with its sources.

Built only from the records and typed relations of the data, through the façade:
- strategy or plan: the level's records of kind strategy or plan;
- budget: every budget of the level's records, disputed values side by side;
- lead body: bodies of the level that implement, manage, coordinate, lead or are responsible
  for the level's strategy, plan, pillars, coalition or initiatives (with that relation's sources);
- supervisory and advisory bodies: bodies of the level that supervise or advise something
  (with the relation's sources), and its regulators and advisory committees;
- key programmes: the level's records of kind programme.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.model import Citation, Record
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.landscape.source import ReferenceData
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.labels import aspect_label, level_label, relation_label

REGIONS: tuple[str, ...] = ("federal", "flemish", "walloon", "brussels")
ROWS: tuple[str, ...] = ("strategy", "budget", "lead", "supervisory", "advisory", "programmes")
LEAD_RELATIONS = ("implements", "manages", "coordinates", "responsible_for", "leads")
BODIES = frozenset(vocab.KIND_GROUPS["body"])
# What a lead body leads: the level's strategy, plan, their pillars, a coalition or initiative
# (not every programme an agency manages).
LEAD_OBJECTS = frozenset({"strategy", "plan", "pillar", "objective", "coalition", "initiative"})


@dataclass
class Entry:
    """One line of a cell: what it says, the record it is about, and where it comes from."""

    text: str
    record_id: str
    citations: list[Citation]
    dispute: str | None = None  # entries with the same key disagree: all shown, none picked


@dataclass
class Comparison:
    lang: str
    regions: tuple[str, ...] = REGIONS
    cells: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)

    def cell(self, row: str, region: str) -> list[Entry]:
        return self.cells.get((row, region), [])


def row_label(row: str) -> str:
    return {"strategy": _("Strategy or plan"), "budget": _("Budget"), "lead": _("Lead body"),
            "supervisory": _("Supervisory bodies"), "advisory": _("Advisory bodies"),
            "programmes": _("Key programmes")}[row]


def region_label(region: str) -> str:
    return level_label(region)


def _title(record: Record) -> str:
    if record.title_descriptive:
        return f"{record.title} {phrases.descriptive_mark()}"
    return record.title + ("*" if record.title_is_translation else "")


def _record_entry(record: Record) -> Entry:
    cites = list(record.name_citations)
    if not cites:
        cites = [Citation(s.id, s.title, s.file, "", None, None) for s in record.sources]
    return Entry(_title(record), record.id, cites)


def build_comparison(library: ReferenceData, lang: str) -> Comparison:
    """The comparison in ``lang`` (call with the interface language set to ``lang`` for the marks)."""
    out = Comparison(lang=lang)
    records = {s.id: library.get(s.id, lang) for s in library.list(lang=lang) if s.level in REGIONS}
    for region in REGIONS:
        mine = sorted((r for r in records.values() if r.level == region), key=lambda r: r.title.casefold())
        out.cells[("strategy", region)] = [_record_entry(r) for r in mine if r.kind in ("strategy", "plan")]
        out.cells[("programmes", region)] = [_record_entry(r) for r in mine if r.kind == "programme"]
        budgets: list[Entry] = []
        for r in mine:
            for group in phrases.dispute_groups(r.budgets):
                for b in group:
                    text = _("{title}: {aspect}: {amount}").format(
                        title=_title(r), aspect=aspect_label(b.aspect), amount=phrases.budget_text(b, lang))
                    budgets.append(Entry(text, r.id, b.citations,
                                         f"{r.id}/{b.dispute}" if b.disputed and len(group) > 1 else None))
        out.cells[("budget", region)] = budgets
        lead: list[Entry] = []
        supervisory: list[Entry] = []
        advisory: list[Entry] = []
        for r in mine:
            if r.kind not in BODIES:
                continue
            for rel in r.related + r.children + r.parents:
                if rel.direction != "out":
                    continue
                text = _("{body} ({relation} {other})").format(
                    body=_title(r), relation=relation_label(rel.relation), other=rel.title + phrases.title_mark(rel))
                if rel.relation in LEAD_RELATIONS and rel.level == region and rel.kind in LEAD_OBJECTS:
                    lead.append(Entry(text, r.id, rel.citations))
                elif rel.relation == "supervises":
                    supervisory.append(Entry(text, r.id, rel.citations))
                elif rel.relation == "advises":
                    advisory.append(Entry(text, r.id, rel.citations))
            if r.kind == "regulator" and not any(e.record_id == r.id for e in supervisory):
                supervisory.append(_record_entry(r))
            if r.kind == "advisory-committee" and not any(e.record_id == r.id for e in advisory):
                advisory.append(_record_entry(r))
        out.cells[("lead", region)] = lead
        out.cells[("supervisory", region)] = supervisory
        out.cells[("advisory", region)] = advisory
    return out
