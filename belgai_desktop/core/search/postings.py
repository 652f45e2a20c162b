"""Postings and their BM25 scores, read from the whoosh index through its public API.

Owns the per-field statistics BM25 needs (document count, field lengths and their
averages, document frequencies), reading a term's postings once with the public
matcher calls (``reader.postings(field, term)``, then ``is_active()``, ``id()``,
``weight()``, ``next()``), scoring them, and keeping them with their scores in a
bounded cache, since every keystroke repeats the terms of the one before; the warm-up
reads the most frequent terms ahead (their long lists are what a first query would wait
for). Adds a term's scores into a score map (:data:`Scores`). A field may also come from
beside the index (:class:`SideField`: the summaries, the facts and their unstemmed words, in
:mod:`~belgai_desktop.core.search.wordstore`), scored the same way. No Qt.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping, Sequence
from typing import Protocol

from whoosh.reading import IndexReader

Scores = dict[int, float]  # document number -> score

BM25_K1, BM25_B = 1.2, 0.75
POSTINGS_CACHE = 4_000_000  # postings kept in memory with their scores
PRELOADED = 2_000_000  # postings of the most frequent terms read by the warm-up, kept for good
MIN_PRELOAD_DF = 8  # rarer terms are quick to read when a query needs them


class SideField(Protocol):
    """A field kept beside the whoosh index: its document frequencies, lengths and postings."""

    @property
    def df(self) -> dict[str, int]: ...

    @property
    def lengths(self) -> Sequence[int]: ...

    def postings(self, term: str) -> tuple[Sequence[int], Sequence[int]]: ...


def read_postings(reader: IndexReader, fieldname: str, term: str) -> tuple[Sequence[int], Sequence[float]]:
    """Every (document number, term frequency) posting of a term, in document order."""
    m = reader.postings(fieldname, term)
    ids: array[int] = array("i")
    tfs: array[float] = array("f")
    is_active, doc, weight, advance = m.is_active, m.id, m.weight, m.next
    add_id, add_tf = ids.append, tfs.append
    while is_active():
        add_id(doc())
        add_tf(weight())
        advance()
    return ids, tfs


class Postings:
    """The scored postings of an index's terms, read on first use and cached."""

    def __init__(self, reader: IndexReader, df: dict[str, dict[str, int]],
                 side: Mapping[str, SideField] | None = None) -> None:
        self.reader = reader
        self.side = dict(side or {})
        self.df = dict(df) | {f: field.df for f, field in self.side.items()}
        self.doc_count = reader.doc_count_all()
        self._lengths: dict[str, Sequence[int]] = {
            f: [reader.doc_field_length(n, f, 0) or 0 for n in range(self.doc_count)] for f in df}
        self._lengths.update({f: field.lengths for f, field in self.side.items()})
        self._avg_length = {f: max(1.0, sum(v) / max(1, len(v))) for f, v in self._lengths.items()}
        self._cache: dict[tuple[str, str], tuple[Sequence[int], Sequence[float]]] = {}
        self._cached = 0
        self._preloaded: dict[tuple[str, str], tuple[Sequence[int], Sequence[float]]] = {}

    def preload(self, budget: int = PRELOADED) -> int:
        """Read and score the most frequent terms' postings, up to ``budget`` postings, and keep
        them; returns how many postings were read."""
        frequent = sorted(((df, f, t) for f, terms in self.df.items() if f != "exact"
                           for t, df in terms.items() if df >= MIN_PRELOAD_DF), reverse=True)
        read = 0
        for df, fieldname, term in frequent:
            if read + df > budget:
                continue
            key = (fieldname, term)
            if key not in self._preloaded:
                self._preloaded[key] = self._cache.get(key) or self._read(fieldname, term)
                read += df
        return read

    def scored(self, fieldname: str, term: str) -> tuple[Sequence[int], Sequence[float]]:
        """The documents holding ``term`` in ``fieldname`` and their BM25 scores."""
        key = (fieldname, term)
        cached = self._preloaded.get(key) or self._cache.get(key)
        if cached is not None:
            return cached
        ids, scores = self._read(fieldname, term)
        self._cached += len(ids)
        if self._cached > POSTINGS_CACHE:
            self._cache.clear()
            self._cached = len(ids)
        self._cache[key] = (ids, scores)
        return ids, scores

    def _read(self, fieldname: str, term: str) -> tuple[Sequence[int], Sequence[float]]:
        side = self.side.get(fieldname)
        ids, tfs = side.postings(term) if side is not None else read_postings(self.reader, fieldname, term)
        lengths, avg = self._lengths[fieldname], self._avg_length[fieldname]
        df = len(ids)
        idf = math.log(1.0 + (self.doc_count - df + 0.5) / (df + 0.5))
        k1, b = BM25_K1, BM25_B
        scores = array("d", [idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * lengths[d] / avg))
                             for d, tf in zip(ids, tfs, strict=True)])
        return ids, scores

    def add(self, out: Scores, fieldname: str, term: str, boost: float) -> bool:
        """Add ``term``'s scores times ``boost`` to ``out``; False when no record holds it."""
        if term not in self.df[fieldname]:
            return False
        ids, scores = self.scored(fieldname, term)
        get = out.get
        for d, v in zip(ids, scores, strict=True):
            out[d] = get(d, 0.0) + v * boost
        return True
