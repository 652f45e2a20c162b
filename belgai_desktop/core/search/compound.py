"""What Dutch and German readers type: compounds, and questions that name a role.

- A query word that is a compound of indexed words ("Ethikausschuss" = "Ethik" +
  "Ausschuss", "ethiekcomité") is split at the point where both sides are words of the
  index (with the linking "s", "e", "n", "en", "es" of Dutch and German allowed between
  them), so it finds the records holding both.
- A query word that is part of an indexed compound ("Ausschuss" in "Beratungsausschuss",
  "Datenschutz" in "Datenschutzbehörde") finds it too, with less weight than the word itself.
- The names of places and of AI differ between the languages ("Vlaanderen", "Flandre",
  "Flandern", "flämisch"; "IA", "KI"): a query word stands for its equivalents too, with a
  little less weight, so "KI-Politikplan Flandern" finds the "Flämischer KI-Politikplan".
- A question about who supervises or regulates ("wer überwacht…", "wie houdt toezicht…",
  "qui supervise…") favours the records of those kinds (regulators) among those it finds.

Plain Python over the index's term lists; no Qt, no whoosh.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from belgai_desktop.core.search.analysis import STEMMERS, fold

MIN_WORD = 5  # shorter words are too often the end of unrelated words ("plan" in "beleidsplan" is fine, "act" is not)
MIN_PART = 3
MIN_REST = 4  # a compound found by a part has at least this many other letters
LINKS = ("", "s", "es", "e", "n", "en")
CONTAINING = 8  # compounds a word stands for, the most frequent first
CACHE = 4096

# Words of a question about supervision, in every language, folded: each favours these kinds.
_SUPERVISION = ("supervise", "supervises", "supervising", "supervision", "supervisor", "supervisory",
                "oversight", "oversees", "regulator", "regulates", "enforces", "enforcement",
                "toezicht", "toezichthouder", "toezichthouders", "houdt", "regulator",
                "surveille", "surveillance", "supervise", "controle", "regulateur", "autorite",
                "aufsicht", "aufsichtsbehorde", "uberwacht", "uberwachung", "regulierungsbehorde",
                "marktuberwachung")
INTENT_KINDS: dict[str, tuple[str, ...]] = {fold(w): ("regulator",) for w in _SUPERVISION}

# Words that mean the same across the four languages (folded; adjectives too, whose stems differ).
_EQUIVALENT_GROUPS = (
    "ai ia ki",
    "flanders flemish vlaanderen vlaams vlaamse flandre flamand flamande flamands flandern flamisch flamische "
    "flamischer flamischen flamisches",
    "wallonia walloon wallonie waals waalse wallonie wallon wallonne wallonien wallonisch wallonische "
    "wallonischer wallonischen",
    "brussels brussel bruxelles bruxellois bruxelloise brusseler",
    "belgium belgian belgie belgisch belgische belgique belge belges belgien belgischer belgischen belgisches",
    "europe european europa europees europese europeen europeenne europeens europaisch europaische "
    "europaischer europaischen europaisches",
    "federal federaal federale federaux federale foderal foderale foderaler foderalen foderales",
    # The acronyms each language uses for these bodies and laws (none of them is in the source
    # documents, so the data does not show them; a reader who types them is understood).
    "bipt ibpt",
    "dpa gba apd",
    "gdpr avg rgpd dsgvo",
)
# "AI" in a name is as good as "IA" or "KI" (it is in nearly every name, so it weighs little);
# a place in a name is not: "Digitaal Vlaanderen" is no answer to "plan flamand".
NAME_EQUIVALENTS = frozenset({"ai", "ia", "ki", "bipt", "ibpt", "dpa", "gba", "apd", "gdpr", "avg", "rgpd", "dsgvo"})
EQUIVALENTS: dict[str, tuple[str, ...]] = {}
for _group in _EQUIVALENT_GROUPS:
    _members = tuple(dict.fromkeys(_group.split()))
    for _word in _members:
        EQUIVALENTS[_word] = tuple(m for m in _members if m != _word)


class Compounds:
    """Compound look-ups over the unstemmed terms of the index (``term -> document frequency``)."""

    def __init__(self, df: dict[str, int]) -> None:
        self.df = df
        self._reversed = sorted(t[::-1] for t in df if t.isalpha())
        self._sorted = sorted(t for t in df if t.isalpha())
        self.splits = lru_cache(maxsize=CACHE)(self._splits)
        self.containing = lru_cache(maxsize=CACHE)(self._containing)

    def known(self, word: str) -> bool:
        return word in self.df

    def _splits(self, word: str) -> tuple[str, ...]:
        """``word`` as two or three known words ("ethikausschuss" -> ("ethik", "ausschuss")), or ()."""
        if not word.isalpha() or len(word) < 2 * MIN_PART:
            return ()
        best: tuple[str, ...] = ()
        for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):  # the longest head first
            head, rest = word[i:], word[:i]
            if head not in self.df:
                continue
            for link in LINKS:
                if not rest.endswith(link):
                    continue
                left = rest[: len(rest) - len(link)] if link else rest
                if len(left) < MIN_PART:
                    continue
                if left in self.df:
                    return (left, head)
                if not best:
                    inner = self._splits(left) if len(left) >= 2 * MIN_PART else ()
                    if inner:
                        best = (*inner, head)
        return best

    def _containing(self, word: str) -> tuple[str, ...]:
        """Indexed compounds of which ``word`` is the head or the first part."""
        if len(word) < MIN_WORD or not word.isalpha():
            return ()
        found: set[str] = set()
        rev = word[::-1]
        lo = bisect_left(self._reversed, rev)
        hi = bisect_left(self._reversed, rev + "\U0010ffff")
        found.update(t[::-1] for t in self._reversed[lo:hi] if len(t) - len(word) >= MIN_REST)
        lo = bisect_left(self._sorted, word)
        hi = bisect_left(self._sorted, word + "\U0010ffff")
        found.update(t for t in self._sorted[lo:hi] if len(t) - len(word) >= MIN_REST)
        return tuple(sorted(found, key=lambda t: (-self.df[t], t))[:CONTAINING])


def stems(word: str) -> set[str]:
    """The word and its Dutch and German stems ("ausschusse" -> "ausschuss")."""
    return {word, STEMMERS["de"](word), STEMMERS["nl"](word)}


def intent_kinds(words: list[str]) -> set[str]:
    kinds: set[str] = set()
    for w in words:
        kinds.update(INTENT_KINDS.get(w, ()))
    return kinds
