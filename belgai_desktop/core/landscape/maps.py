"""``Library.landscape``: the governance map (graph, labels, cached layout) over the data of
one library, in one language. Reads through the façade's public methods only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from belgai_desktop.core import i18n
from belgai_desktop.core.data import vocab
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.landscape.graph import BANDS, MapGraph, MapNode, RecordRow, build_graph, neighbourhood
from belgai_desktop.core.landscape.layout import Layout, Metrics, cached_layout, compute_layout
from belgai_desktop.core.landscape.source import ReferenceData
from belgai_desktop.core.text.phrases import descriptive_mark


def node_label(node: MapNode) -> str:
    """The title as the map shows it: with * for our translation, and "(descriptive title)"
    for a title we wrote (in the current interface language)."""
    if node.descriptive:
        return f"{node.title} {descriptive_mark()}"
    return node.title + ("*" if node.translated else "")




def check_level(level: str) -> str:
    """``level`` when it is a band of the map; else BelgaiError (exit 2) naming the valid ones."""
    if level not in BANDS:
        raise BelgaiError(_("unknown level “{level}”; use one of: {levels}").format(
            level=level, levels=", ".join(BANDS)))
    return level


class Landscape:
    """The views over the whole data of ``library``."""

    def __init__(self, library: ReferenceData) -> None:
        self.library = library

    def records(self, lang: str) -> list[RecordRow]:
        lib = self.library
        out = []
        for s in lib.list(lang=lang):
            translated, descriptive = lib.title_marks(s.id, lang)
            out.append(RecordRow(s.id, s.kind, s.level, s.title, translated, descriptive))
        return out

    def graph(self, lang: str, levels: Sequence[str] | None = None, kinds: Iterable[str] | None = None,
              relations: Iterable[str] | None = None, include: Iterable[str] = ()) -> MapGraph:
        """The map in ``lang``: every record of the chosen kinds and levels, and the typed
        relations between them."""
        if lang not in vocab.LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        for level in levels or ():
            check_level(level)
        return build_graph(self.records(lang), self.library.relation_rows(), lang, levels, kinds,
                           relations, include)

    def neighbourhood(self, record_id: str, lang: str) -> MapGraph:
        """``record_id`` and the records it is directly related to (any kind), with those relations."""
        related = {record_id}
        for _fact, subject, _relation, obj in self.library.relation_rows():
            if record_id in (subject, obj):
                related.update((subject, obj))
        whole = self.graph(lang, kinds=(), include=related)
        return neighbourhood(whole, record_id)

    @staticmethod
    def labels(graph: MapGraph) -> dict[str, str]:
        """The texts of the boxes, marked in the map's language (whatever the interface's)."""
        with i18n.in_language(graph.lang):
            return {n.id: node_label(n) for n in graph.nodes}

    def layout(self, graph: MapGraph, metrics: Metrics | None = None, cache: bool = True) -> Layout:
        """The layout of ``graph``, from the user's cache when this data and these labels were
        laid out before (``cache`` False: always computed, nothing stored)."""
        labels = self.labels(graph)
        if not cache:
            return compute_layout(graph, labels, metrics)
        from belgai_desktop.core import paths

        key = f"{self.library.content_hash}:{self.library.data_version}"
        return cached_layout(paths.cache_dir(), key, graph, labels, metrics)
