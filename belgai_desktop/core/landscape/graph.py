"""The governance map as data: which records it draws (bodies, plans, programmes, laws…),
in which band (the level of government), and the typed relations between them.

Plain Python over what the façade gives (record summaries, title marks, relation rows);
no Qt, no layout (see :mod:`.layout`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from belgai_desktop.core.data import vocab

# The bands of the map, top to bottom: the EU, Belgium's governments, then the rest.
BANDS: tuple[str, ...] = ("eu", "federal", "flemish", "walloon", "brussels", "community",
                          "non-governmental", "international")

# What the map draws unless asked otherwise: who does what (bodies), the plans and
# programmes they run and the laws they act under. People, events, pillars, objectives,
# calls, tools, reports and initiatives are one click away (the kind filter) and on the
# record pages; the whole country on one A3 page stays readable this way.
DEFAULT_KINDS: frozenset[str] = frozenset(vocab.KIND_GROUPS["body"]) | {"strategy", "plan", "programme", "law"}

# The relations the map names in its legend with their own colour; the others are drawn
# in one neutral style and still carry their label.
KEY_RELATIONS: tuple[str, ...] = ("supervises", "coordinates", "funds", "implements", "advises", "part_of")


@dataclass(frozen=True)
class MapNode:
    """One record drawn on the map, with its title in the map's language."""

    id: str
    kind: str
    level: str
    title: str
    translated: bool = False  # our translation (shown with *)
    descriptive: bool = False  # a title we wrote (shown with "(descriptive title)")

    @property
    def group(self) -> str:
        return vocab.GROUP_OF_KIND.get(self.kind, "body")


@dataclass(frozen=True)
class MapEdge:
    """A typed relation between two drawn records: ``source`` does ``relation`` to ``target``."""

    fact_id: str
    source: str
    relation: str
    target: str


@dataclass
class MapGraph:
    """The records drawn and the relations between them, for one language and one filter."""

    lang: str
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)

    def node(self, record_id: str) -> MapNode:
        return self._by_id()[record_id]

    def _by_id(self) -> dict[str, MapNode]:
        return {n.id: n for n in self.nodes}

    def bands(self) -> list[str]:
        """The bands that hold at least one node, in map order."""
        used = {n.level for n in self.nodes}
        return [b for b in BANDS if b in used]

    def neighbours(self, record_id: str) -> set[str]:
        """The records directly related to ``record_id`` (either direction), and itself."""
        out = {record_id}
        for e in self.edges:
            if record_id in (e.source, e.target):
                out.update((e.source, e.target))
        return out

    def key(self) -> str:
        """What the layout depends on: the drawn ids with their title lengths, and the edges."""
        parts = [f"{n.id}:{n.level}:{len(n.title)}" for n in self.nodes]
        parts += [f"{e.source}>{e.target}" for e in self.edges]
        return "|".join(parts)


@dataclass(frozen=True)
class RecordRow:
    """What the graph needs to know of one record (given by the façade)."""

    id: str
    kind: str
    level: str
    title: str
    translated: bool
    descriptive: bool


def build_graph(records: Iterable[RecordRow], relations: Iterable[tuple[str, str, str, str]], lang: str,
                levels: Sequence[str] | None = None, kinds: Iterable[str] | None = None,
                relation_types: Iterable[str] | None = None,
                include: Iterable[str] = ()) -> MapGraph:
    """The map of ``records`` (in band order, then by title) and of the ``relations``
    (fact id, subject, relation, object) whose both ends are drawn.

    ``levels``, ``kinds`` and ``relation_types`` filter; None means the default (every
    level, :data:`DEFAULT_KINDS`, every relation). ``include`` adds records whatever their kind."""
    wanted_levels = set(levels) if levels else set(BANDS)
    wanted_kinds = set(kinds) if kinds is not None else set(DEFAULT_KINDS)
    wanted_relations = set(relation_types) if relation_types is not None else set(vocab.RELATIONS)
    extra = set(include)
    order = {b: n for n, b in enumerate(BANDS)}
    nodes = [MapNode(r.id, r.kind, r.level, r.title, r.translated, r.descriptive) for r in records
             if r.level in wanted_levels and (r.kind in wanted_kinds or r.id in extra)]
    nodes.sort(key=lambda n: (order.get(n.level, len(order)), n.title.casefold(), n.id))
    drawn = {n.id for n in nodes}
    edges = [MapEdge(fact_id, subject, relation, obj) for fact_id, subject, relation, obj in relations
             if relation in wanted_relations and subject in drawn and obj in drawn and subject != obj]
    edges.sort(key=lambda e: e.fact_id)
    return MapGraph(lang=lang, nodes=nodes, edges=edges)


def neighbourhood(graph: MapGraph, record_id: str) -> MapGraph:
    """The part of ``graph`` made of ``record_id`` and its direct relations."""
    keep = graph.neighbours(record_id)
    return MapGraph(lang=graph.lang, nodes=[n for n in graph.nodes if n.id in keep],
                    edges=[e for e in graph.edges if record_id in (e.source, e.target)])
