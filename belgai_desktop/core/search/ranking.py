"""How much each record matches one query word: the weights of the fields, and the ways a
word can match (whole word in every language, the prefix being typed, equivalents in other
languages, Dutch and German compounds, corrections of a typo), summed into a score map.
Also how the score maps of several words combine (:func:`all_of`, :func:`any_of`).

Queries are flat sums of BM25 term scores (see :mod:`postings`): an order of magnitude
faster than whoosh's tree of matchers for the many-term queries that prefixes make.
No Qt.
"""

from __future__ import annotations

from belgai_desktop.core.data import vocab
from belgai_desktop.core.search import compound as sc
from belgai_desktop.core.search.analysis import ANY_STOPWORD, Word, make_word, word_lang_terms
from belgai_desktop.core.search.lexicon import Lexicon
from belgai_desktop.core.search.postings import Postings, Scores
from belgai_desktop.core.search.query import QueryWord
from belgai_desktop.core.search.spelling import Speller

# Field weights: a name or an acronym counts more than the body text.
NAMES_BOOST = 3.0
NAME_BOOST = 3.0
SUMMARY_BOOST = 1.5
FACTS_BOOST = 0.7
NAMES_PREFIX_BOOST = 2.0
WORDS_PREFIX_BOOST = 0.4
FUZZY_FACTOR = 0.5
COMPOUND_FACTOR = 0.4  # a compound found by one of its parts ("Ausschuss" in "Beratungsausschuss")
SPLIT_FACTOR = 0.9  # a typed compound found by its parts ("Ethikausschuss")
EQUIVALENT_FACTOR = 0.8  # "Flandern" standing for "Vlaanderen", "Flanders", "flämisch"…

PREFIX_EXPANSIONS = 12  # terms a prefix stands for, the most frequent first
SHORT_PREFIX_EXPANSIONS = 5  # for one- or two-letter prefixes
MIN_TEXT_PREFIX = 3  # shorter prefixes match names only: in texts they match nearly everything
WORD_CACHE = 512  # query words remembered with their scores while the next one is typed


def all_of(required: list[Scores], optional: list[Scores]) -> Scores:
    """Documents in every ``required`` score map, scored by the sum of all the maps."""
    if not required:
        return {}
    ordered = sorted(required, key=len)
    docs = set(ordered[0])
    for scores in ordered[1:]:
        docs.intersection_update(scores)
        if not docs:
            return {}
    out = {d: sum(s[d] for s in required) for d in docs}
    for scores in optional:
        for d in docs:
            if d in scores:
                out[d] += scores[d]
    return out


def any_of(maps: list[Scores]) -> Scores:
    """Documents in any of the score maps, scored by the sum."""
    out: Scores = {}
    for scores in maps:
        for d, v in scores.items():
            out[d] = out.get(d, 0.0) + v
    return out


def _merge(out: Scores, scores: Scores) -> None:
    for d, v in scores.items():
        out[d] = out.get(d, 0.0) + v


class WordRanker:
    """Scores of one query word over the index; remembers the last few words' scores."""

    def __init__(self, postings: Postings, names: Lexicon, words: Lexicon, speller: Speller,
                 compounds: sc.Compounds) -> None:
        self.postings = postings
        self.names, self.words = names, words
        self.speller = speller
        self.compounds = compounds
        self._cache: dict[tuple[str, bool, bool], tuple[Scores, list[str]]] = {}

    def scores(self, qw: QueryWord) -> Scores:
        """The records ``qw`` matches; sets ``qw.corrections`` when it was a typo."""
        # While typing, every keystroke repeats the words before the last: remember them.
        key = (qw.word.text, qw.prefix, qw.optional)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) > WORD_CACHE:
                self._cache.clear()
            cached = self._cache[key] = self._compute(qw)
        scores, qw.corrections = cached
        return scores

    def _compute(self, qw: QueryWord) -> tuple[Scores, list[str]]:
        w = qw.word
        out: Scores = {}
        hit = self.full_word(out, w)
        if qw.prefix:
            hit |= self.prefix(out, w.merged)
        if not w.parts and w.merged not in ANY_STOPWORD:
            hit |= self.compound(out, w, whole=hit)
        if not hit and not qw.optional:
            if qw.prefix:
                qw.corrections = self.speller.completions(w.merged)
                for term in qw.corrections:
                    hit |= self.prefix(out, term, FUZZY_FACTOR)
            if not hit:
                qw.corrections = self.speller.corrections(w.merged)
                for term in qw.corrections:
                    self.full_word(out, make_word(term), FUZZY_FACTOR)
        return out, qw.corrections

    def full_word(self, out: Scores, w: Word, factor: float = 1.0, equivalents: bool = True) -> bool:
        """Add the scores of ``w`` as a whole word in every language's fields (and of its
        equivalents in the other languages: "Flandern" is also "Vlaanderen", "flämisch"…)."""
        add = self.postings.add
        others = sc.EQUIVALENTS.get(w.merged, ()) if equivalents and not w.parts else ()
        if others:
            # Each record scores by its best form, not the sum of all: a record that names
            # Flanders in four languages is not four times as relevant.
            best: Scores = {}
            hit = self.full_word(best, w, factor, equivalents=False)
            for other in others:
                scores: Scores = {}
                found = (self.full_word(scores, make_word(other), factor * EQUIVALENT_FACTOR, equivalents=False)
                         if other in sc.NAME_EQUIVALENTS
                         else self.text_word(scores, make_word(other), factor * EQUIVALENT_FACTOR))
                if found:
                    hit = True
                    for d, v in scores.items():
                        if v > best.get(d, 0.0):
                            best[d] = v
            _merge(out, best)
            return hit
        hit = add(out, "names", w.merged, NAMES_BOOST * factor)
        stems = {t for lang in vocab.LANGUAGES for t in word_lang_terms(w, lang)}
        for term in stems:
            hit |= add(out, "name", term, NAME_BOOST * factor)
            hit |= add(out, "summary", term, SUMMARY_BOOST * factor)
            hit |= add(out, "facts", term, FACTS_BOOST * factor)
        if not hit:
            # Stop words are not in the stemmed fields; find them as written.
            hit = add(out, "words", w.merged, FACTS_BOOST * factor)
        if w.parts:
            # "Leuven.AI" also matches where "Leuven" and "AI" both are.
            parts: list[Scores] = []
            for p in w.parts:
                scores = {}
                if not self.full_word(scores, make_word(p), factor):
                    break
                parts.append(scores)
            else:
                both = all_of(parts, [])
                _merge(out, both)
                hit |= bool(both)
        return hit

    def text_word(self, out: Scores, w: Word, factor: float) -> bool:
        """``w`` in the summaries and facts only: an equivalent from another language says the
        record is about that place, not that it is named after it."""
        hit = False
        for term in {t for lang in vocab.LANGUAGES for t in word_lang_terms(w, lang)}:
            hit |= self.postings.add(out, "summary", term, SUMMARY_BOOST * factor)
            hit |= self.postings.add(out, "facts", term, FACTS_BOOST * factor)
        return hit

    def prefix(self, out: Scores, prefix: str, factor: float = 1.0) -> bool:
        """The most frequent names (and, from three letters, words) starting with ``prefix``."""
        hit = False
        n = SHORT_PREFIX_EXPANSIONS if len(prefix) < 3 else PREFIX_EXPANSIONS
        for term in self.names.expand(prefix, n):
            hit |= self.postings.add(out, "names", term, NAMES_PREFIX_BOOST * factor)
        if len(prefix) >= MIN_TEXT_PREFIX:
            for term in self.words.expand(prefix, n):
                hit |= self.postings.add(out, "words", term, WORDS_PREFIX_BOOST * factor)
        return hit

    def compound(self, out: Scores, w: Word, whole: bool) -> bool:
        """Dutch and German compounds: the indexed compounds this word is part of, and, when
        the word itself is not in the index, the indexed words it is made of."""
        add = self.postings.add
        hit = False
        for form in sc.stems(w.merged):
            for term in self.compounds.containing(form):
                hit |= add(out, "words", term, COMPOUND_FACTOR)
                hit |= add(out, "names", term, NAMES_BOOST * COMPOUND_FACTOR)
        parts = self.compounds.splits(w.merged) if len(w.merged) >= 2 * sc.MIN_WORD - 2 or not whole else ()
        if parts:
            scores = []
            for part in parts:
                part_scores: Scores = {}
                self.full_word(part_scores, make_word(part), SPLIT_FACTOR)
                for form in sc.stems(part):
                    for term in self.compounds.containing(form):
                        add(part_scores, "names", term, NAMES_BOOST * COMPOUND_FACTOR)
                        add(part_scores, "words", term, COMPOUND_FACTOR)
                scores.append(part_scores)
            both = all_of(scores, [])
            _merge(out, both)
            hit |= bool(both)
        return hit
