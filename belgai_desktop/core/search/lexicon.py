"""The term lists of the index held in memory: each field's terms with their document
frequencies, sorted, so that a prefix being typed expands to its most frequent terms.
Plain Python; no whoosh, no Qt."""

from __future__ import annotations

import heapq
from bisect import bisect_left

EXPANSIONS_CACHE = 4096  # prefixes remembered with the terms they stand for
_LAST = "\U0010ffff"  # sorts after every character: ``prefix + _LAST`` ends a prefix's range


def prefix_range(terms: list[str], prefix: str) -> tuple[int, int]:
    """The slice of the sorted ``terms`` that start with ``prefix``."""
    return bisect_left(terms, prefix), bisect_left(terms, prefix + _LAST)


class Lexicon:
    """The terms of one field with their document frequencies, sorted for prefix lookups."""

    def __init__(self, df: dict[str, int]) -> None:
        self.df = df
        self.terms = sorted(df)
        self._expansions: dict[tuple[str, int], list[str]] = {}

    def has_prefix(self, prefix: str) -> bool:
        i = bisect_left(self.terms, prefix)
        return i < len(self.terms) and self.terms[i].startswith(prefix)

    def expand(self, prefix: str, n: int) -> list[str]:
        """The ``n`` most frequent terms starting with ``prefix``."""
        key = (prefix, n)
        found = self._expansions.get(key)
        if found is None:
            lo, hi = prefix_range(self.terms, prefix)
            found = self.terms[lo:hi]
            if len(found) > n:
                found = heapq.nlargest(n, found, key=self.df.__getitem__)
            if len(self._expansions) > EXPANSIONS_CACHE:
                self._expansions.clear()
            self._expansions[key] = found
        return found
