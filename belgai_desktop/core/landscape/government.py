"""The Government view: Belgium's bodies as they are organised, built from the data alone.

Levels in the order a Belgian civil servant expects them (EU, federal, the three regions,
the Communities, non-governmental, international); within a level the kinds of body in
organisational order (government, public services, departments, agencies, regulators,
advisory bodies, then the others); a body that the data makes ``part_of`` another body
sits under that body instead. Every body appears exactly once. Under each body come the
plans and programmes the data attaches to it (part of it, established, managed or
coordinated by it), each with its own parts, so a plan shows its pillars and what each
pillar contains. Plans no body owns are listed at their level, so nothing is lost.

Plain Python: no Qt, no labels (the GUI translates the section ids).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.model import RecordSummary

LEVEL_ORDER: tuple[str, ...] = ("eu", "federal", "flemish", "walloon", "brussels", "community",
                                "non-governmental", "international")

# Sections of a level, in organisational order: (section id, kinds of body it holds).
BODY_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("government", ("government",)),
    ("public-service", ("ministry",)),
    ("department", ("department",)),
    ("agency", ("agency",)),
    ("regulator", ("regulator",)),
    ("advisory", ("advisory-committee", "steering-group")),
    ("eu-body", ("eu-body",)),
    ("international-organisation", ("international-organisation",)),
    ("other", ("unit", "coalition", "hub", "research-centre", "university", "lab",
               "association", "company")),
)
PLANS_SECTION = "plans"  # plans and programmes no body of the data owns

BODY_KINDS = frozenset(vocab.KIND_GROUPS["body"])
PLAN_KINDS = frozenset(vocab.KIND_GROUPS["strategy"])
# How a plan is attached to what it sits under, strongest first: (relation, True when the
# plan is the subject: "plan established_by body", the kinds it may sit under).
OWNERSHIP: tuple[tuple[str, bool, frozenset[str]], ...] = (
    ("part_of", True, BODY_KINDS | PLAN_KINDS),
    ("established_by", True, BODY_KINDS),
    ("manages", False, BODY_KINDS),
    ("coordinates", False, BODY_KINDS),
    ("responsible_for", False, BODY_KINDS),
    ("implements", True, PLAN_KINDS),  # a programme that implements a pillar sits under it
    ("implements", False, BODY_KINDS),
)
_KIND_RANK = {kind: i for i, (_section, kinds) in enumerate(BODY_SECTIONS) for kind in kinds}


@dataclass
class Node:
    """One record in the view and what sits under it."""

    record: RecordSummary
    children: list[Node] = field(default_factory=list)


@dataclass
class Section:
    """A heading: a level, or a kind of body within a level."""

    id: str
    level: str
    children: list[Section] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)

    def count(self) -> int:
        """The bodies under this heading, nested ones included (the plans, in a plans section)."""
        if self.id == PLANS_SECTION:
            return len(self.nodes)
        return sum(1 for n in walk([self]) if n.record.kind in BODY_KINDS)


def build(records: Iterable[RecordSummary], relations: Iterable[tuple[str, str, str]]) -> list[Section]:
    """The Government view: one section per level that has bodies or plans, in order.

    ``records`` are all the records (their order is kept among siblings: pass them sorted
    by title); ``relations`` are (subject, relation, object) triples."""
    records = list(records)
    by_id = {r.id: r for r in records}
    order = {r.id: i for i, r in enumerate(records)}
    triples = [t for t in relations if t[0] in by_id and t[2] in by_id]

    body_parent: dict[str, str] = {}
    for subject, relation, obj in triples:
        if relation == "part_of" and subject != obj and by_id[subject].kind in BODY_KINDS \
                and by_id[obj].kind in BODY_KINDS:
            body_parent.setdefault(subject, obj)
    _break_cycles(body_parent)

    plan_owner: dict[str, str] = {}  # plan → the body or plan it sits under
    for relation, plan_is_subject, owner_kinds in OWNERSHIP:
        for subject, rel, obj in triples:
            if rel != relation:
                continue
            plan, owner = (subject, obj) if plan_is_subject else (obj, subject)
            if plan != owner and by_id[plan].kind in PLAN_KINDS and plan not in plan_owner \
                    and by_id[owner].kind in owner_kinds:
                plan_owner[plan] = owner
    _break_cycles(plan_owner)

    children: dict[str, list[str]] = {}
    for child, parent in [*body_parent.items(), *plan_owner.items()]:
        children.setdefault(parent, []).append(child)

    def sort_key(record_id: str) -> tuple[int, int, int]:
        kind = by_id[record_id].kind
        return (kind not in BODY_KINDS, _KIND_RANK.get(kind, len(_KIND_RANK)), order[record_id])

    def node(record_id: str) -> Node:
        kids = sorted(children.get(record_id, []), key=sort_key)
        return Node(by_id[record_id], [node(k) for k in kids])

    sections = []
    for level in LEVEL_ORDER:
        level_section = Section(level, level)
        top_bodies = [r for r in records if r.level == level and r.kind in BODY_KINDS
                      and r.id not in body_parent]
        for section_id, kinds in BODY_SECTIONS:
            ids = sorted((r.id for r in top_bodies if r.kind in kinds), key=sort_key)
            if ids:
                level_section.children.append(Section(section_id, level, nodes=[node(i) for i in ids]))
        loose = [r.id for r in records if r.level == level and r.kind in PLAN_KINDS
                 and r.id not in plan_owner]
        if loose:
            level_section.children.append(Section(PLANS_SECTION, level, nodes=[node(i) for i in loose]))
        if level_section.children:
            sections.append(level_section)
    return sections


def _break_cycles(parent: dict[str, str]) -> None:
    """Drop the link that closes a loop, so each record still appears once."""
    for start in list(parent):
        seen = {start}
        current = start
        while current in parent:
            current = parent[current]
            if current in seen:
                del parent[start]
                break
            seen.add(current)


def walk(sections: Iterable[Section]) -> Iterable[Node]:
    """Every record node of the view, depth first."""
    def nodes(node: Node) -> Iterable[Node]:
        yield node
        for child in node.children:
            yield from nodes(child)

    for section in sections:
        yield from walk(section.children)
        for n in section.nodes:
            yield from nodes(n)
