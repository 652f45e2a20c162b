"""Full-text search over the library: the one search object used by the CLI and the GUI.

Owns turning what the user typed into a query (any text is valid), ranking, typo
tolerance with a "did you mean", kind and level filters, and the results with titles
and snippets in the interface language. Every query searches the names and texts of
all four languages. The index (see :mod:`search_index`) is loaded into memory once,
with the term lists used for prefixes and typos; queries are flat weighted sums of
BM25 term scores, computed here over postings read once from the whoosh index, so
each keystroke costs a few milliseconds. No Qt here; a ``Searcher`` is safe to call
from a worker thread (one search at a time, under a lock).
"""

from __future__ import annotations

import heapq
import math
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.reading import IndexReader

from belgai_desktop.core import paths
from belgai_desktop.core.data import vocab
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.search import compound as sc
from belgai_desktop.core.search import index as si
from belgai_desktop.core.search.analysis import (
    ANY_STOPWORD,
    STEMMERS,
    WORD_RE,
    Matcher,
    Word,
    clean_query,
    exact_key,
    make_word,
    snippet,
    word_lang_terms,
)
from belgai_desktop.core.text import i18n


class SearchSource(Protocol):
    """What the search needs of the reference data (the :class:`Library` façade provides it;
    named here so that the search does not import the façade that owns it)."""

    shipped_index: Path | None

    @property
    def content_hash(self) -> str: ...

    def index_documents(self) -> Iterator[dict[str, Any]]: ...

    def title(self, record_id: str, lang: str) -> str: ...

    def title_marks(self, record_id: str, lang: str) -> tuple[bool, bool]: ...

Progress = Callable[[int, int], None]
Scores = dict[int, float]  # document number -> score

# Field weights: a name or an acronym counts more than the body text.
EXACT_BOOST = 30.0
NAMES_BOOST = 3.0
NAME_BOOST = 3.0
SUMMARY_BOOST = 1.5
FACTS_BOOST = 0.7
NAMES_PREFIX_BOOST = 2.0
EXACT_PREFIX_BOOST = 10.0
NAME_PREFIXES = 10  # names completing what is typed that get the boost, shortest first
WORDS_PREFIX_BOOST = 0.4
FUZZY_FACTOR = 0.5
COMPOUND_FACTOR = 0.4  # a compound found by one of its parts ("Ausschuss" in "Beratungsausschuss")
SPLIT_FACTOR = 0.9  # a typed compound found by its parts ("Ethikausschuss")
EQUIVALENT_FACTOR = 0.8  # "Flandern" standing for "Vlaanderen", "Flanders", "flämisch"…

MAX_WORDS = 12  # longer queries keep their first words
MAX_FUZZY_LEN = 30
PREFIX_EXPANSIONS = 12  # terms a prefix stands for, the most frequent first
SHORT_PREFIX_EXPANSIONS = 5  # for one- or two-letter prefixes
OPERATORS = frozenset({"AND", "OR", "NOT"})
MIN_TEXT_PREFIX = 3  # shorter prefixes match names only: in texts they match nearly everything
BM25_K1, BM25_B = 1.2, 0.75
POSTINGS_CACHE = 4_000_000  # postings kept in memory with their scores
EXPANSIONS_CACHE = 4096  # prefixes remembered with the terms they stand for


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One record found: its title and snippet are in the language searched with."""

    id: str
    kind: str
    level: str
    title: str
    snippet: str
    snippet_html: str  # HTML-escaped, the matched words in <b>…</b>
    score: float
    title_translation: bool = False  # the title is our translation (no document gives it)
    title_descriptive: bool = False  # the title is ours, describing the record (not an official name)


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    lang: str
    suggestion: str | None
    total: int
    hits: list[SearchHit] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query, "lang": self.lang, "suggestion": self.suggestion,
            "total": self.total,
            "results": [{"id": h.id, "kind": h.kind, "level": h.level, "title": h.title,
                         "snippet": h.snippet, "score": round(h.score, 4),
                         "title_translation": h.title_translation, "title_descriptive": h.title_descriptive}
                        for h in self.hits],
        }

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


# -- term lists ------------------------------------------------------------------------

class _Lexicon:
    """The terms of one field with their document frequencies, sorted for prefix lookups."""

    def __init__(self, df: dict[str, int]) -> None:
        self.df = df
        self.terms = sorted(df)
        self._expansions: dict[tuple[str, int], list[str]] = {}

    def _range(self, prefix: str) -> tuple[int, int]:
        return (bisect_left(self.terms, prefix), bisect_left(self.terms, prefix + "\U0010ffff"))

    def has_prefix(self, prefix: str) -> bool:
        i = bisect_left(self.terms, prefix)
        return i < len(self.terms) and self.terms[i].startswith(prefix)

    def expand(self, prefix: str, n: int) -> list[str]:
        """The ``n`` most frequent terms starting with ``prefix``."""
        key = (prefix, n)
        found = self._expansions.get(key)
        if found is None:
            lo, hi = self._range(prefix)
            found = self.terms[lo:hi]
            if len(found) > n:
                found = heapq.nlargest(n, found, key=self.df.__getitem__)
            if len(self._expansions) > EXPANSIONS_CACHE:
                self._expansions.clear()
            self._expansions[key] = found
        return found


def _edits1(word: str, alphabet: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in alphabet}
    out |= {a + c + b for a, b in splits for c in alphabet}
    out.discard(word)
    return out


def _deletes(word: str, depth: int) -> set[str]:
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


class _Speller:
    """Corrections for words the index does not know: edit distance 1, or 2 for long words."""

    def __init__(self, vocabulary: dict[str, int], lexicon: _Lexicon) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.alphabet = "".join(sorted({c for t in vocabulary for c in t if c.isalnum()}))
        self._delete_index: dict[str, list[str]] | None = None

    def _index(self) -> dict[str, list[str]]:
        # Symmetric-delete index (SymSpell) of the long words, built on first need.
        if self._delete_index is None:
            index: dict[str, list[str]] = {}
            for term in self.vocabulary:
                if len(term) >= 6 and term.isalpha():
                    for key in _deletes(term, 2):
                        index.setdefault(key, []).append(term)
            self._delete_index = index
        return self._delete_index

    def corrections(self, word: str) -> list[str]:
        """Known words closest to ``word``, the most frequent first."""
        if len(word) < 4 or len(word) > MAX_FUZZY_LEN or not word.isalpha():
            return []
        found = [e for e in _edits1(word, self.alphabet) if e in self.vocabulary]
        if not found and len(word) >= 8:
            index = self._index()
            candidates = {c for key in _deletes(word, 2) for c in index.get(key, ())}
            found = [c for c in candidates if _distance(word, c) <= 2]
        return sorted(found, key=lambda t: (-self.vocabulary[t], t))[:3]

    def completions(self, prefix: str) -> list[str]:
        """Words that start like ``prefix`` with one letter wrong, missing or extra."""
        if len(prefix) < 4 or len(prefix) > MAX_FUZZY_LEN or not prefix.isalpha():
            return []
        found: dict[str, int] = {}
        for variant in _edits1(prefix, self.alphabet):
            if len(variant) >= 3 and self.lexicon.has_prefix(variant):
                for term in self.lexicon.expand(variant, 3):
                    found[term] = self.vocabulary.get(term, 0)
        return sorted(found, key=lambda t: (-found[t], t))[:3]


def _read_postings(reader: IndexReader, fieldname: str, term: str) -> tuple[Sequence[int], list[float]]:
    """All (document, term frequency) postings of a term, read block by block."""
    m = reader.postings(fieldname, term)
    ids: list[int] = []
    tfs: list[float] = []
    if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
        while m.is_active():  # whoosh 2.7's on-disk matcher: whole blocks at a time
            m._read_ids()
            m._read_weights()
            ids.extend(m._ids)
            tfs.extend(m._weights)
            m._next_block()
    else:
        while m.is_active():
            ids.append(m.id())
            tfs.append(m.weight())
            m.next()
    return ids, tfs


def _all_of(required: list[Scores], optional: list[Scores]) -> Scores:
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


def _any_of(maps: list[Scores]) -> Scores:
    out: Scores = {}
    for scores in maps:
        for d, v in scores.items():
            out[d] = out.get(d, 0.0) + v
    return out


# -- the query a user typed ------------------------------------------------------------

@dataclass(slots=True)
class _QueryWord:
    word: Word
    start: int
    end: int
    prefix: bool = False  # the last word, still being typed
    optional: bool = False  # a stop word in some language
    corrections: list[str] = field(default_factory=list)


def _parse(text: str) -> list[_QueryWord]:
    matches = list(WORD_RE.finditer(text))
    out: list[_QueryWord] = []
    seen: set[str] = set()
    for m in matches:
        if m.group() in OPERATORS and len(matches) > 1:
            continue  # the user is not writing query syntax: AND/OR/NOT are not words to find
        w = make_word(m.group())
        if not w.merged or w.merged in seen:
            continue
        seen.add(w.merged)
        out.append(_QueryWord(w, m.start(), m.end(), optional=not w.parts and w.merged in ANY_STOPWORD))
        if len(out) == MAX_WORDS:
            break
    if out and out[-1].end == len(text) and matches and matches[-1].end() == out[-1].end:
        out[-1].prefix = True
    if all(q.optional for q in out):
        for q in out:
            q.optional = False
    return out


# -- the search object -----------------------------------------------------------------

class Searcher:
    """Searches the reference data (a :class:`SearchSource`); builds or repairs its index on creation."""

    def __init__(self, library: SearchSource, index_dir: Path | None = None,
                 progress: Progress | None = None) -> None:
        self.library = library
        self.index_dir = Path(index_dir) if index_dir else paths.cache_dir() / "index"
        self._lock = threading.RLock()
        self._filters: dict[tuple[tuple[str, ...] | None, str | None], set[int]] = {}
        self._open(progress)

    # -- the index -----------------------------------------------------------------------

    def _open(self, progress: Progress | None) -> None:
        shipped = self.library.shipped_index
        if shipped is not None:  # a wheel, a bundle or a data package: the index came with the database
            ix = si.load_shipped(shipped, self.library.content_hash)
            if ix is not None:
                try:
                    self._prepare(ix)
                    return
                except Exception:  # noqa: BLE001 - damaged: build one in the cache below
                    pass
        key = si.index_key(self.library.content_hash)
        target = self.index_dir / key
        si.remove_leftovers(self.index_dir)  # what a killed build left behind
        try:
            if target.is_dir():
                self._prepare(si.load(target))
                return
        except Exception:  # noqa: BLE001 - damaged, half-deleted or unreadable: build it again
            si.discard(target)
        docs = list(self.library.index_documents())
        try:
            self._prepare(si.build(docs, len(docs), target, progress))
        except Exception:  # noqa: BLE001 - cache not writable, full, deleted meanwhile: memory only
            self._prepare(si.build_in(RamStorage(), docs, len(docs), progress))
        si.remove_others(self.index_dir, key)

    def warm_up(self) -> None:
        """Build now what the first misspelt word would otherwise wait for (the typo index,
        about a second): the app calls this in the background after its first frame."""
        with self._lock:
            self._speller._index()

    def _repair(self) -> None:
        """Throw the index away and build it again (after a read error while searching)."""
        si.discard(self.index_dir / si.index_key(self.library.content_hash))
        self._open(None)

    def _prepare(self, ix: Index) -> None:
        """Read the term lists and per-record fields into memory (this also proves the index whole)."""
        reader = ix.reader()
        dfs: dict[str, dict[str, int]] = {}
        for name in ix.schema.names():
            if name in ("id", "kind", "level", "texts"):
                continue
            dfs[name] = {_text(t): info.doc_frequency() for t, info in reader.iter_field(name)}
        exact: dict[str, list[int]] = {
            text: list(reader.postings("exact", text).all_ids()) for text in dfs["exact"]}
        stored = [reader.stored_fields(n) for n in range(reader.doc_count_all())]
        kinds = [s["kind"] for s in stored]
        levels = [s["level"] for s in stored]
        vocabulary = dict(dfs["words"])
        for term, df in dfs["names"].items():
            vocabulary[term] = vocabulary.get(term, 0) + df
        names, words = _Lexicon(dfs["names"]), _Lexicon(dfs["words"])
        doc_count = reader.doc_count_all()
        lengths = {f: [reader.doc_field_length(n, f, 0) or 0 for n in range(doc_count)] for f in dfs}
        self._ix = ix
        self._reader = reader
        self._doc_count = doc_count
        self._lengths = lengths
        self._avg_length = {f: max(1.0, sum(v) / max(1, len(v))) for f, v in lengths.items()}
        self._postings_cache: dict[tuple[str, str], tuple[Sequence[int], list[float]]] = {}
        self._cached_postings = 0
        self._word_cache: dict[tuple[str, bool, bool], tuple[Scores, list[str]]] = {}
        self._df = dfs
        self._exact = exact
        self._exact_keys = sorted(exact)
        self._kinds, self._levels = kinds, levels
        self._names, self._words = names, words
        self._speller = _Speller(vocabulary, _Lexicon(vocabulary))
        self._compounds = sc.Compounds(vocabulary)
        self._filters.clear()

    # -- searching -----------------------------------------------------------------------

    def search(self, query: str, lang: str = "en", kind: str | None = None,
               level: str | None = None, limit: int = 20) -> SearchResult:
        """Records matching ``query`` (any text), best first, titled in ``lang``."""
        if lang not in vocab.LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        kinds = vocab.kinds_matching(kind) if kind else None
        text = clean_query(query if isinstance(query, str) else str(query))
        with self._lock:
            qwords = _parse(text)
            if not qwords or limit < 1:
                return SearchResult(query, lang, None, 0, [])
            try:
                return self._search(query, text, qwords, lang, kinds, level, limit)
            except BelgaiError:
                raise  # the database, not the index: already one clear line
            except Exception:  # noqa: BLE001 - a read error in the index: rebuild it, search again
                self._repair()
                try:
                    return self._search(query, text, qwords, lang, kinds, level, limit)
                except Exception as exc:  # noqa: BLE001
                    raise BelgaiError(i18n.gettext(
                        "the search failed even after rebuilding the index ({reason})").format(reason=exc)) from None

    def _search(self, query: str, text: str, qwords: list[_QueryWord], lang: str,
                kinds: tuple[str, ...] | None, level: str | None, limit: int) -> SearchResult:
        required: list[Scores | None] = []
        optional: list[Scores] = []
        favoured = sc.intent_kinds([qw.word.merged for qw in qwords])
        if favoured and len(qwords) > 1:
            # "Wer überwacht die KI-Verordnung": the role word is a question, not a word the
            # answer must contain; it favours records of that kind (below).
            for qw in qwords:
                if sc.intent_kinds([qw.word.merged]) and any(not o.optional for o in qwords if o is not qw):
                    qw.optional = True
        for qw in qwords:
            scores = self._word_scores(qw)
            if scores:
                (optional if qw.optional else required).append(scores)
            elif not qw.optional:
                required.append(None)
        key = exact_key(text)
        fixed = self._suggestion(text, qwords)
        if key not in self._exact and fixed:
            key = exact_key(fixed)  # "Agoira" -> "agoria": the corrected query names a record
        if key not in self._exact and len(qwords) == 1:
            # "IBPT", "RGPD": the acronym another language uses for a record's own
            key = next((o for o in sc.EQUIVALENTS.get(key, ()) if o in sc.NAME_EQUIVALENTS and o in self._exact), key)
        exact = self._exact_scores(key, qwords[-1].prefix)
        allowed = self._filter(kinds, level)
        if allowed is not None and not allowed:
            return SearchResult(query, lang, None, 0, [])

        found: Scores = {}
        if required and all(r is not None for r in required):
            found = _all_of([r for r in required if r is not None], optional)
        if not found and (len(qwords) > 1 or exact):
            # Not every word matched one record: rank the records that match some.
            found = _any_of([r for r in required if r is not None] + optional)
        for docnum, score in exact.items():
            found[docnum] = found.get(docnum, 0.0) + score
        # A question about a role ("who supervises the AI Act") answers with the records of
        # that kind that match the rest of the question, first; not for the one word "regulator".
        answers = ({d for d in found if self._kinds[d] in favoured}
                   if favoured and len(qwords) > 1 and all(r is not None for r in required) else set())
        if allowed is not None:
            found = {d: v for d, v in found.items() if d in allowed}

        exact_docs = set(self._exact.get(key, ()))
        top = heapq.nlargest(limit, found.items(), key=lambda item: (item[1], -item[0]))
        if answers:
            top = heapq.nlargest(limit, found.items(), key=lambda item: (item[0] in answers, item[1], -item[0]))
        top.sort(key=lambda d: (d[0] not in exact_docs, d[0] not in answers, -d[1], d[0]))
        matcher = self._matcher(qwords, lang)
        hits = [self._hit(docnum, score, lang, matcher) for docnum, score in top]
        return SearchResult(query, lang, fixed, len(found), hits)

    def _exact_scores(self, key: str, prefix: bool) -> Scores:
        """The whole query as a name: an exact name or acronym, or, while typing, the
        start of one (the more of the name typed, the higher: "AI4B" is "AI4Belgium"
        before "AI4Belgium roadmap")."""
        out: Scores = {}
        if key in self._exact:
            self._add(out, "exact", key, EXACT_BOOST)
        if prefix and len(key) >= 3:
            lo = bisect_left(self._exact_keys, key)
            hi = bisect_left(self._exact_keys, key + "\U0010ffff")
            for name in sorted(self._exact_keys[lo:hi], key=len)[:NAME_PREFIXES]:
                if name != key:
                    self._add(out, "exact", name, EXACT_PREFIX_BOOST * len(key) / len(name))
        return out

    def _filter(self, kinds: tuple[str, ...] | None, level: str | None) -> set[int] | None:
        if kinds is None and level is None:
            return None
        key = (kinds, level)
        docs = self._filters.get(key)
        if docs is None:
            docs = {n for n, (k, lv) in enumerate(zip(self._kinds, self._levels, strict=True))
                    if (kinds is None or k in kinds) and (level is None or lv == level)}
            self._filters[key] = docs
        return docs

    # -- scoring -------------------------------------------------------------------------
    # Queries are flat sums of term scores, evaluated here over postings read once from
    # the whoosh index and kept with their BM25 score: an order of magnitude faster than
    # whoosh's tree of matchers for the many-term queries that prefixes make.

    def _postings(self, fieldname: str, term: str) -> tuple[Sequence[int], list[float]]:
        key = (fieldname, term)
        cached = self._postings_cache.get(key)
        if cached is not None:
            return cached
        ids, tfs = _read_postings(self._reader, fieldname, term)
        lengths, avg = self._lengths[fieldname], self._avg_length[fieldname]
        df = len(ids)
        idf = math.log(1.0 + (self._doc_count - df + 0.5) / (df + 0.5))
        norm = [BM25_K1 * (1.0 - BM25_B + BM25_B * lengths[d] / avg) for d in ids]
        scores = [idf * tf * (BM25_K1 + 1.0) / (tf + n) for tf, n in zip(tfs, norm, strict=True)]
        self._cached_postings += df
        if self._cached_postings > POSTINGS_CACHE:
            self._postings_cache.clear()
            self._cached_postings = df
        self._postings_cache[key] = (ids, scores)
        return ids, scores

    def _add(self, out: Scores, fieldname: str, term: str, boost: float) -> bool:
        if term not in self._df[fieldname]:
            return False
        ids, scores = self._postings(fieldname, term)
        get = out.get
        for d, v in zip(ids, scores, strict=True):
            out[d] = get(d, 0.0) + v * boost
        return True

    def _full_word(self, out: Scores, w: Word, factor: float = 1.0, equivalents: bool = True) -> bool:
        """Add the scores of ``w`` as a whole word in every language's fields (and of its
        equivalents in the other languages: "Flandern" is also "Vlaanderen", "flämisch"…)."""
        others = sc.EQUIVALENTS.get(w.merged, ()) if equivalents and not w.parts else ()
        if others:
            # Each record scores by its best form, not the sum of all: a record that names
            # Flanders in four languages is not four times as relevant.
            best: Scores = {}
            hit = self._full_word(best, w, factor, equivalents=False)
            for other in others:
                scores: Scores = {}
                found = (self._full_word(scores, make_word(other), factor * EQUIVALENT_FACTOR, equivalents=False)
                         if other in sc.NAME_EQUIVALENTS
                         else self._text_word(scores, make_word(other), factor * EQUIVALENT_FACTOR))
                if found:
                    hit = True
                    for d, v in scores.items():
                        if v > best.get(d, 0.0):
                            best[d] = v
            for d, v in best.items():
                out[d] = out.get(d, 0.0) + v
            return hit
        hit = self._add(out, "names", w.merged, NAMES_BOOST * factor)
        stems = {t for lang in vocab.LANGUAGES for t in word_lang_terms(w, lang)}
        for term in stems:
            hit |= self._add(out, "name", term, NAME_BOOST * factor)
            hit |= self._add(out, "summary", term, SUMMARY_BOOST * factor)
            hit |= self._add(out, "facts", term, FACTS_BOOST * factor)
        if not hit:
            # Stop words are not in the stemmed fields; find them as written.
            hit = self._add(out, "words", w.merged, FACTS_BOOST * factor)
        if w.parts:
            # "Leuven.AI" also matches where "Leuven" and "AI" both are.
            parts: list[Scores] = []
            for p in w.parts:
                part: Scores = {}
                if not self._full_word(part, make_word(p), factor):
                    break
                parts.append(part)
            else:
                both = _all_of(parts, [])
                for d, v in both.items():
                    out[d] = out.get(d, 0.0) + v
                hit |= bool(both)
        return hit

    def _text_word(self, out: Scores, w: Word, factor: float) -> bool:
        """``w`` in the summaries and facts only: an equivalent from another language says the
        record is about that place, not that it is named after it."""
        hit = False
        for term in {t for lang in vocab.LANGUAGES for t in word_lang_terms(w, lang)}:
            hit |= self._add(out, "summary", term, SUMMARY_BOOST * factor)
            hit |= self._add(out, "facts", term, FACTS_BOOST * factor)
        return hit

    def _prefix(self, out: Scores, prefix: str, factor: float = 1.0) -> bool:
        hit = False
        n = SHORT_PREFIX_EXPANSIONS if len(prefix) < 3 else PREFIX_EXPANSIONS
        for term in self._names.expand(prefix, n):
            hit |= self._add(out, "names", term, NAMES_PREFIX_BOOST * factor)
        if len(prefix) >= MIN_TEXT_PREFIX:
            for term in self._words.expand(prefix, n):
                hit |= self._add(out, "words", term, WORDS_PREFIX_BOOST * factor)
        return hit

    def _compound(self, out: Scores, w: Word, whole: bool) -> bool:
        """Dutch and German compounds: the indexed compounds this word is part of, and, when
        the word itself is not in the index, the indexed words it is made of."""
        hit = False
        for form in sc.stems(w.merged):
            for term in self._compounds.containing(form):
                hit |= self._add(out, "words", term, COMPOUND_FACTOR)
                hit |= self._add(out, "names", term, NAMES_BOOST * COMPOUND_FACTOR)
        parts = self._compounds.splits(w.merged) if len(w.merged) >= 2 * sc.MIN_WORD - 2 or not whole else ()
        if parts:
            scores = []
            for part in parts:
                part_scores: Scores = {}
                self._full_word(part_scores, make_word(part), SPLIT_FACTOR)
                for form in sc.stems(part):
                    for term in self._compounds.containing(form):
                        self._add(part_scores, "names", term, NAMES_BOOST * COMPOUND_FACTOR)
                        self._add(part_scores, "words", term, COMPOUND_FACTOR)
                scores.append(part_scores)
            both = _all_of(scores, [])
            for d, v in both.items():
                out[d] = out.get(d, 0.0) + v
            hit |= bool(both)
        return hit

    def _word_scores(self, qw: _QueryWord) -> Scores:
        # While typing, every keystroke repeats the words before the last: remember them.
        key = (qw.word.text, qw.prefix, qw.optional)
        cached = self._word_cache.get(key)
        if cached is None:
            if len(self._word_cache) > 512:
                self._word_cache.clear()
            cached = self._word_cache[key] = self._compute_word_scores(qw)
        scores, qw.corrections = cached
        return scores

    def _compute_word_scores(self, qw: _QueryWord) -> tuple[Scores, list[str]]:
        w = qw.word
        out: Scores = {}
        hit = self._full_word(out, w)
        if qw.prefix:
            hit |= self._prefix(out, w.merged)
        if not w.parts and w.merged not in ANY_STOPWORD:
            hit |= self._compound(out, w, whole=hit)
        if not hit and not qw.optional:
            if qw.prefix:
                qw.corrections = self._speller.completions(w.merged)
                for term in qw.corrections:
                    hit |= self._prefix(out, term, FUZZY_FACTOR)
            if not hit:
                qw.corrections = self._speller.corrections(w.merged)
                for term in qw.corrections:
                    self._full_word(out, make_word(term), FUZZY_FACTOR)
        return out, qw.corrections

    def _suggestion(self, text: str, qwords: list[_QueryWord]) -> str | None:
        fixes = [(qw.start, qw.end, qw.corrections[0]) for qw in qwords if qw.corrections]
        if not fixes:
            return None
        out, pos = [], 0
        for start, end, fix in fixes:
            out += [text[pos:start], fix]
            pos = end
        out.append(text[pos:])
        return " ".join("".join(out).split())

    # -- results -------------------------------------------------------------------------

    def _matcher(self, qwords: list[_QueryWord], lang: str) -> Matcher:
        raw: set[str] = set()
        for qw in qwords:
            raw.add(qw.word.merged)
            raw.update(qw.word.parts)
            raw.update(qw.corrections)
        raw -= ANY_STOPWORD
        stem = STEMMERS[lang]
        last = qwords[-1]
        prefix = last.word.merged if last.prefix and len(last.word.merged) >= 2 else None
        return Matcher(frozenset(raw | {stem(t) for t in raw}), prefix)

    def _hit(self, docnum: int, score: float, lang: str, matcher: Matcher) -> SearchHit:
        stored = self._reader.stored_fields(docnum)
        texts: dict[str, list[str]] = stored.get("texts") or {}
        own = texts.get(lang) or []
        if not own or not own[0]:
            lang_used, own = vocab.DEFAULT_LANGUAGE, texts.get(vocab.DEFAULT_LANGUAGE) or own
        else:
            lang_used = lang
        snip = snippet(own, lang_used, matcher)
        translation, descriptive = self.library.title_marks(stored["id"], lang)
        return SearchHit(
            id=stored["id"], kind=stored["kind"], level=stored["level"],
            title=self.library.title(stored["id"], lang),
            snippet=snip.text, snippet_html=snip.html, score=float(score),
            title_translation=translation, title_descriptive=descriptive,
        )
