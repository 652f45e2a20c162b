"""Full-text search over the library: the one search object used by the CLI and the GUI.

Owns the :class:`Searcher`: opening (or building, or repairing) the index, loading what
queries need into memory, and answering a query: filtering by kind and level, combining
the query words' scores (:mod:`ranking`), the whole query as a name or acronym, the
"did you mean", and the hits with titles and snippets in the interface language. Every
query searches the names and texts of all four languages; each keystroke costs a few
milliseconds. The parts: :mod:`results` (what a search returns), :mod:`query` (the words
typed), :mod:`lexicon` (term lists), :mod:`spelling` (typos), :mod:`postings` (BM25 over
the index), :mod:`ranking` (one word's scores). No Qt here; a ``Searcher`` is safe to call
from a worker thread (one search at a time, under a lock).
"""

from __future__ import annotations

import gc
import heapq
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index

from belgai_desktop.core import i18n, paths
from belgai_desktop.core.data import vocab
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.search import compound as sc
from belgai_desktop.core.search import index as si
from belgai_desktop.core.search.analysis import clean_query, exact_key
from belgai_desktop.core.search.lexicon import Lexicon, prefix_range
from belgai_desktop.core.search.postings import Postings, Scores
from belgai_desktop.core.search.query import QueryWord, highlighter, parse, suggestion
from belgai_desktop.core.search.ranking import WordRanker, all_of, any_of
from belgai_desktop.core.search.results import SearchHit, SearchResult
from belgai_desktop.core.search.snippets import Matcher, learn_words, snippet
from belgai_desktop.core.search.spelling import Speller

__all__ = ["SearchHit", "SearchResult", "SearchSource", "Searcher"]


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

EXACT_BOOST = 30.0
EXACT_PREFIX_BOOST = 10.0
STORED_CACHE = 512  # records' stored fields (their texts, for snippets) kept unpacked
LEARN_WORDS_UP_TO = 2000  # records: beyond, the warm-up would keep the first searches waiting
NAME_PREFIXES = 10  # names completing what is typed that get the boost, shortest first
_STORED_ONLY = ("id", "kind", "level", "texts")


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


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
        """Build now what the first queries would otherwise wait for: the typo table (about half
        a second on the bundled data), the scored postings of the most frequent terms and what
        the texts' words match by in snippets. The app calls this in the background after its
        first frame."""
        with self._lock:
            self._speller.prepare()
            count = self._reader.doc_count_all()
            if count <= LEARN_WORDS_UP_TO:  # each record unpacked once, for all four languages
                texts = [self._reader.stored_fields(n).get("texts") or {} for n in range(count)]
                for lang in vocab.LANGUAGES:
                    learn_words((text for doc in texts for text in doc.get(lang) or ()), lang)
            try:
                self._postings.preload()
            except Exception:  # noqa: BLE001 - a read error: the search that meets it repairs the index
                pass
        # Everything loaded so far lives as long as the process: out of the cyclic garbage
        # collector's sight, its full passes no longer walk it (they paused a keystroke's search
        # for 40-70 ms now and then on the bundled data). Nothing is leaked: only never freed early.
        gc.freeze()

    def _repair(self) -> None:
        """Throw the index away and build it again (after a read error while searching)."""
        si.discard(self.index_dir / si.index_key(self.library.content_hash))
        self._open(None)

    def _prepare(self, ix: Index) -> None:
        """Read the term lists and per-record fields into memory (this also proves the index whole)."""
        reader = ix.reader()
        dfs: dict[str, dict[str, int]] = {}
        for name in ix.schema.names():
            if name not in _STORED_ONLY:
                dfs[name] = {_text(t): info.doc_frequency() for t, info in reader.iter_field(name)}
        count = reader.doc_count_all()
        # Each record's kind and level from the two ID fields' few terms, not by unpacking
        # every record's stored texts.
        kinds: list[str] = [""] * count
        levels: list[str] = [""] * count
        for values, fieldname in ((kinds, "kind"), (levels, "level")):
            for term, _info in reader.iter_field(fieldname):
                for docnum in reader.postings(fieldname, term).all_ids():
                    values[docnum] = _text(term)
        side = si.side_fields(ix)
        vocabulary = dict(side["words"].df)
        for term, df in dfs["names"].items():
            vocabulary[term] = vocabulary.get(term, 0) + df
        self._ix = ix
        self._reader = reader
        self._exact = dfs["exact"]  # whole names and acronyms; their records are read when asked
        self._exact_keys = sorted(self._exact)
        self._stored_cache: dict[int, dict[str, Any]] = {}
        self._kinds = kinds
        self._levels = levels
        self._names = Lexicon(dfs["names"])
        self._speller = Speller(vocabulary, Lexicon(vocabulary))
        self._postings = Postings(reader, dfs, side)
        self._ranker = WordRanker(self._postings, self._names, Lexicon(side["words"].df), self._speller,
                                  sc.Compounds(vocabulary))
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
            qwords = parse(text)
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

    def _search(self, query: str, text: str, qwords: list[QueryWord], lang: str,
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
            scores = self._ranker.scores(qw)
            if scores:
                (optional if qw.optional else required).append(scores)
            elif not qw.optional:
                required.append(None)
        key = exact_key(text)
        fixed = suggestion(text, qwords)
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
            found = all_of([r for r in required if r is not None], optional)
        if not found and (len(qwords) > 1 or exact):
            # Not every word matched one record: rank the records that match some.
            found = any_of([r for r in required if r is not None] + optional)
        for docnum, score in exact.items():
            found[docnum] = found.get(docnum, 0.0) + score
        # A question about a role ("who supervises the AI Act") answers with the records of
        # that kind that match the rest of the question, first; not for the one word "regulator".
        answers = ({d for d in found if self._kinds[d] in favoured}
                   if favoured and len(qwords) > 1 and all(r is not None for r in required) else set())
        if allowed is not None:
            found = {d: v for d, v in found.items() if d in allowed}

        exact_docs = set(self._postings.scored("exact", key)[0]) if key in self._exact else set()
        top = heapq.nlargest(limit, found.items(), key=lambda item: (item[1], -item[0]))
        if answers:
            top = heapq.nlargest(limit, found.items(), key=lambda item: (item[0] in answers, item[1], -item[0]))
        top.sort(key=lambda d: (d[0] not in exact_docs, d[0] not in answers, -d[1], d[0]))
        marks = highlighter(qwords, lang)
        hits = [self._hit(docnum, score, lang, marks) for docnum, score in top]
        return SearchResult(query, lang, fixed, len(found), hits)

    def _exact_scores(self, key: str, prefix: bool) -> Scores:
        """The whole query as a name: an exact name or acronym, or, while typing, the
        start of one (the more of the name typed, the higher: "AI4B" is "AI4Belgium"
        before "AI4Belgium roadmap")."""
        out: Scores = {}
        if key in self._exact:
            self._postings.add(out, "exact", key, EXACT_BOOST)
        if prefix and len(key) >= 3:
            lo, hi = prefix_range(self._exact_keys, key)
            for name in sorted(self._exact_keys[lo:hi], key=len)[:NAME_PREFIXES]:
                if name != key:
                    self._postings.add(out, "exact", name, EXACT_PREFIX_BOOST * len(key) / len(name))
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

    # -- results -------------------------------------------------------------------------

    def _stored(self, docnum: int) -> dict[str, Any]:
        """A record's stored fields, remembered (bounded): while typing, the same records come
        back keystroke after keystroke, and unpacking them was a fifth of a search's time."""
        found = self._stored_cache.pop(docnum, None)
        if found is None:
            found = self._reader.stored_fields(docnum)
            if len(self._stored_cache) >= STORED_CACHE:
                self._stored_cache.pop(next(iter(self._stored_cache)))
        self._stored_cache[docnum] = found  # the most recently used last
        return found

    def _hit(self, docnum: int, score: float, lang: str, marks: Matcher) -> SearchHit:
        stored = self._stored(docnum)
        texts: dict[str, list[str]] = stored.get("texts") or {}
        own = texts.get(lang) or []
        if not own or not own[0]:
            lang_used, own = vocab.DEFAULT_LANGUAGE, texts.get(vocab.DEFAULT_LANGUAGE) or own
        else:
            lang_used = lang
        snip = snippet(own, lang_used, marks)
        translation, descriptive = self.library.title_marks(stored["id"], lang)
        return SearchHit(
            id=stored["id"], kind=stored["kind"], level=stored["level"],
            title=self.library.title(stored["id"], lang),
            snippet=snip.text, snippet_html=snip.html, score=float(score),
            title_translation=translation, title_descriptive=descriptive,
        )
