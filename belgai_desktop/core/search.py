"""Full-text search over the library: the one search object used by the CLI and the GUI.

Owns turning what the user typed into a query (any text is valid), ranking, typo
tolerance with a "did you mean", kind and level filters, and the results with titles
and snippets in the interface language. Every query searches the names and texts of
all four languages. The index (see :mod:`search_index`) is loaded into memory once,
with the term lists used for prefixes and typos, so each keystroke costs a few
milliseconds. No Qt here; a ``Searcher`` is safe to call from a worker thread.
"""

from __future__ import annotations

import heapq
import threading
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.scoring import BM25F

from belgai_desktop.core import paths, vocab
from belgai_desktop.core import search_index as si
from belgai_desktop.core.search_text import (
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

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library

Progress = Callable[[int, int], None]

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

MAX_WORDS = 12  # longer queries keep their first words
MAX_FUZZY_LEN = 30
PREFIX_EXPANSIONS = 12  # terms a prefix stands for, the most frequent first
SHORT_PREFIX_EXPANSIONS = 5  # for one- or two-letter prefixes
OPERATORS = frozenset({"AND", "OR", "NOT"})


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
                         "snippet": h.snippet, "score": round(h.score, 4)} for h in self.hits],
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
            if len(self._expansions) > 20_000:
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
    """Searches a :class:`Library`; builds or repairs its index on creation."""

    def __init__(self, library: Library, index_dir: Path | None = None,
                 progress: Progress | None = None) -> None:
        self.library = library
        self.index_dir = Path(index_dir) if index_dir else paths.cache_dir() / "index"
        self._lock = threading.RLock()
        self._filters: dict[tuple[tuple[str, ...] | None, str | None], set[int]] = {}
        self._open(progress)

    # -- the index -----------------------------------------------------------------------

    def _open(self, progress: Progress | None) -> None:
        key = si.index_key(self.library.content_hash)
        target = self.index_dir / key
        ix = None
        if target.is_dir():
            try:
                ix = si.load(target, self._marker_count(target))
                self._prepare(ix)
            except Exception:  # noqa: BLE001 - any damage means: build it again
                ix = None
        if ix is None:
            docs = list(self.library.index_documents())
            try:
                si.build(docs, len(docs), target, progress)
                ix = si.load(target, len(docs))
            except OSError:
                # The cache folder is not writable: keep the index in memory only.
                ix = si.build_in(RamStorage(), docs, len(docs), progress)
            self._prepare(ix)
            try:
                si.remove_others(self.index_dir, key)
            except OSError:
                pass

    @staticmethod
    def _marker_count(target: Path) -> int:
        import json

        return int(json.loads((target / si.MARKER).read_text())["documents"])

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
        self._ix = ix
        self._searcher = ix.searcher(weighting=BM25F())
        self._df = dfs
        self._exact = exact
        self._exact_keys = sorted(exact)
        self._kinds, self._levels = kinds, levels
        self._names, self._words = names, words
        self._speller = _Speller(vocabulary, _Lexicon(vocabulary))
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
            return self._search(query, text, qwords, lang, kinds, level, limit)

    def _search(self, query: str, text: str, qwords: list[_QueryWord], lang: str,
                kinds: tuple[str, ...] | None, level: str | None, limit: int) -> SearchResult:
        required, optional = [], []
        for qw in qwords:
            q = self._word_query(qw)
            if q is not None:
                (optional if qw.optional else required).append(q)
            elif not qw.optional:
                required.append(None)
        key = exact_key(text)
        fixed = self._suggestion(text, qwords)
        if key not in self._exact and fixed:
            key = exact_key(fixed)  # "Agoira" -> "agoria": the corrected query names a record
        exact = self._exact_query(key, qwords[-1].prefix)
        docs = self._filter(kinds, level)
        if docs is not None and not docs:
            return SearchResult(query, lang, None, 0, [])

        results = None
        if required and all(q is not None for q in required):
            main: wq.Query = wq.And(required) if len(required) > 1 else required[0]
            if optional:
                main = wq.AndMaybe(main, wq.Or(optional))
            results = self._run(main, exact, docs, limit)
        if (results is None or results.scored_length() == 0) and (len(qwords) > 1 or exact):
            # Not every word matched one record: rank the records that match some.
            anyq = [q for q in required + optional if q is not None]
            if anyq or exact:
                results = self._run(wq.Or(anyq) if anyq else None, exact, docs, limit)
        suggestion = fixed
        if results is None:
            return SearchResult(query, lang, suggestion, 0, [])

        exact_docs = set(self._exact.get(key, ()))
        ranked = [(results.docnum(i), results.score(i)) for i in range(results.scored_length())]
        ranked.sort(key=lambda d: (d[0] not in exact_docs, -d[1], d[0]))
        matcher = self._matcher(qwords, lang)
        hits = [self._hit(docnum, score, lang, matcher) for docnum, score in ranked]
        return SearchResult(query, lang, suggestion, len(results), hits)

    def _exact_query(self, key: str, prefix: bool) -> wq.Query | None:
        """The whole query as a name: an exact name or acronym, or, while typing, the
        start of one (the more of the name typed, the higher: "AI4B" is "AI4Belgium"
        before "AI4Belgium roadmap")."""
        clauses = []
        if key in self._exact:
            clauses.append(wq.Term("exact", key, boost=EXACT_BOOST))
        if prefix and len(key) >= 3:
            lo = bisect_left(self._exact_keys, key)
            hi = bisect_left(self._exact_keys, key + "\U0010ffff")
            names = sorted(self._exact_keys[lo:hi], key=len)[:NAME_PREFIXES]
            clauses += [wq.Term("exact", name, boost=EXACT_PREFIX_BOOST * len(key) / len(name))
                        for name in names if name != key]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)

    def _run(self, main: wq.Query | None, exact: wq.Query | None, docs: set[int] | None,
             limit: int) -> Any:
        parts = [q for q in (main, exact) if q is not None]
        q = parts[0] if len(parts) == 1 else wq.Or(parts)
        # No block-skipping: the collector then counts every match as it goes, which is
        # cheaper than counting them again afterwards for ``total``.
        return self._searcher.search(q, limit=limit, filter=docs, terms=False, optimize=False)

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

    # -- one word --------------------------------------------------------------------------

    def _term(self, out: list[wq.Query], fieldname: str, term: str, boost: float) -> None:
        if term in self._df[fieldname]:
            out.append(wq.Term(fieldname, term, boost=boost))

    def _full_word(self, w: Word, factor: float = 1.0) -> list[wq.Query]:
        """Clauses matching ``w`` as a whole word in every language's fields."""
        out: list[wq.Query] = []
        self._term(out, "names", w.merged, NAMES_BOOST * factor)
        stems = {t for lang in vocab.LANGUAGES for t in word_lang_terms(w, lang)}
        for term in stems:
            self._term(out, "name", term, NAME_BOOST * factor)
            self._term(out, "summary", term, SUMMARY_BOOST * factor)
            self._term(out, "facts", term, FACTS_BOOST * factor)
        if not out:
            # Stop words are not in the stemmed fields; find them as written.
            self._term(out, "words", w.merged, FACTS_BOOST * factor)
        if w.parts:
            parts = [self._full_word(make_word(p), factor) for p in w.parts]
            if parts and all(parts):
                out.append(wq.And([wq.Or(p) for p in parts]))
        return out

    def _prefix(self, prefix: str, factor: float = 1.0) -> list[wq.Query]:
        n = SHORT_PREFIX_EXPANSIONS if len(prefix) < 3 else PREFIX_EXPANSIONS
        out: list[wq.Query] = []
        for term in self._names.expand(prefix, n):
            out.append(wq.Term("names", term, boost=NAMES_PREFIX_BOOST * factor))
        for term in self._words.expand(prefix, n):
            out.append(wq.Term("words", term, boost=WORDS_PREFIX_BOOST * factor))
        return out

    def _word_query(self, qw: _QueryWord) -> wq.Query | None:
        w = qw.word
        clauses = self._full_word(w)
        if qw.prefix:
            clauses += self._prefix(w.merged)
        if not clauses and not qw.optional:
            if qw.prefix:
                qw.corrections = self._speller.completions(w.merged)
                for term in qw.corrections:
                    clauses += self._prefix(term, FUZZY_FACTOR)
            if not clauses:
                qw.corrections = self._speller.corrections(w.merged)
                for term in qw.corrections:
                    clauses += self._full_word(make_word(term), FUZZY_FACTOR)
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)

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
        stored = self._searcher.stored_fields(docnum)
        texts: dict[str, list[str]] = stored.get("texts") or {}
        own = texts.get(lang) or []
        if not own or not own[0]:
            lang_used, own = vocab.DEFAULT_LANGUAGE, texts.get(vocab.DEFAULT_LANGUAGE) or own
        else:
            lang_used = lang
        snip = snippet(own, lang_used, matcher)
        return SearchHit(
            id=stored["id"], kind=stored["kind"], level=stored["level"],
            title=self.library.title(stored["id"], lang),
            snippet=snip.text, snippet_html=snip.html, score=float(score),
        )
