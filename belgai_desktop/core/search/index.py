"""The on-disk search index: its whoosh schema, its build (with the long texts' postings kept
beside it, :mod:`wordstore`), and its safe opening.

Owns where the index lives (``<cache>/index/<key>``, the key made of the database's
content hash and this module's ``INDEX_VERSION``), building it in a temporary folder
that is checksummed and renamed into place only when complete (never over an index another
process has just finished), opening it into memory with every file checked against its
checksum, and removing what killed builds left behind. A missing, partial, damaged or stale
index is never an error for the caller: the searcher rebuilds it, in memory if the cache
cannot be written. Imports whoosh and :mod:`search_text`; never Qt, never SQLite directly.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from whoosh import fields
from whoosh.analysis import Analyzer, Token
from whoosh.filedb.filestore import FileStorage, RamStorage, Storage
from whoosh.index import Index

from belgai_desktop.core.data import vocab
from belgai_desktop.core.outputs import process_gone
from belgai_desktop.core.search import analysis as search_text
from belgai_desktop.core.search import wordstore
from belgai_desktop.core.search.analysis import (
    WORD_RE,
    exact_key,
    lang_terms,
    make_word,
    raw_terms,
    stemmed_terms,
)
from belgai_desktop.core.search.wordstore import WordsField, WordsWriter

# Bump whenever the schema or the analysis changes: old indexes are then rebuilt.
INDEX_VERSION = 4
MARKER = "belgai-index.json"
TMP_PREFIX = ".tmp-"
TRASH_PREFIX = ".trash-"
STALE_BUILD_SECONDS = 3600  # a build folder this old is abandoned even if its pid is reused

Progress = Callable[[int, int], None]


class TermsAnalyzer(Analyzer):
    """A whoosh analyzer over :mod:`search_text`, so indexing and querying agree.

    ``mode`` is ``"raw"`` (folded words), ``"stemmed"`` (lines of ``<lang>\t<text>``, each
    stemmed without stop words in its language) or ``"exact"`` (one term per line: a whole
    normalised name).
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TermsAnalyzer) and other.mode == self.mode

    def __hash__(self) -> int:
        return hash(self.mode)

    def _terms(self, value: str) -> Iterator[str]:
        if self.mode == "exact":
            for line in value.splitlines():
                key = exact_key(line)
                if key:
                    yield key
        elif self.mode == "stemmed":
            for line in value.splitlines():
                lang, _, text = line.partition("\t")
                if lang in vocab.LANGUAGES:
                    yield from lang_terms(text, lang)
        else:
            yield from raw_terms(value)

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, term in enumerate(self._terms(value), start_pos):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            token.pos = pos
            yield token


def _text(analyzer: TermsAnalyzer) -> fields.TEXT:
    return fields.TEXT(analyzer=analyzer, phrase=False)


def make_schema() -> fields.Schema:
    # One stemmed field per kind of text holds all four languages, each stemmed in its
    # own language: a query word then costs a few distinct terms, not four per field. The
    # summaries and facts, stemmed ("summary", "facts") and unstemmed ("words": prefixes,
    # typos, compounds), are beside the index (:mod:`wordstore`): nine in ten postings.
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True),
        level=fields.ID(stored=True),
        exact=_text(TermsAnalyzer("exact")),  # whole names and acronyms
        names=_text(TermsAnalyzer("raw")),  # names, acronyms, aliases: every language, unstemmed
        name=_text(TermsAnalyzer("stemmed")),  # the names, stemmed
        texts=fields.STORED(),  # {lang: [summary, fact texts…]}: snippets
    )


def _lines(lang: str, texts: Iterable[str]) -> str:
    return "\n".join(f"{lang}\t{' '.join(t.split())}" for t in texts if t)


def document(doc: dict[str, Any]) -> dict[str, Any]:
    """One record from ``Library.index_documents()`` as the fields of the index."""
    names = [doc["names"][lang] for lang in vocab.LANGUAGES if doc["names"].get(lang)]
    other = list(doc.get("acronyms", [])) + list(doc.get("aliases", []))
    texts = {lang: [doc["summaries"].get(lang, "")] + list(doc["facts"].get(lang, []))
             for lang in vocab.LANGUAGES}
    out: dict[str, Any] = {
        "id": doc["id"], "kind": doc["kind"], "level": doc["level"],
        "exact": "\n".join(names + other),
        "names": "\n".join(names + other),
        "texts": texts,
        "name": "\n".join(_lines(lang, [doc["names"].get(lang, "")]) for lang in vocab.LANGUAGES),
    }
    return out


class SideTerms:
    """A record's terms in the fields kept beside the index (:data:`wordstore.FIELDS`): its
    summaries and its facts each stemmed in their language, and both unstemmed. One per build:
    it remembers each word's terms, since a build meets the same words again and again."""

    def __init__(self) -> None:
        # Keyed by the word as written: the analysis's own caches are smaller than a large
        # build's vocabulary, and splitting and folding a word costs more than stemming it.
        self._stemmed: dict[str, dict[str, tuple[str, ...]]] = {lang: {} for lang in vocab.LANGUAGES}
        self._raw: dict[str, tuple[str, ...]] = {}

    def __call__(self, doc: dict[str, Any]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {field: [] for field in wordstore.FIELDS}
        raw, words = self._raw, out["words"]
        for lang in vocab.LANGUAGES:
            stemmed = self._stemmed[lang]
            facts = "\n".join(t for t in doc["facts"].get(lang, []) if t)
            for field, text in (("summary", doc["summaries"].get(lang, "")), ("facts", facts)):
                if not text:
                    continue
                written = WORD_RE.findall(text)
                for token in set(written).difference(stemmed):  # words not met before
                    w = make_word(token)
                    stemmed[token] = tuple(stemmed_terms([w], lang))
                    raw[token] = (w.merged, *w.parts)  # raw_terms
                out[field] += [t for token in written for t in stemmed[token]]
                words += [t for token in written for t in raw[token]]
        return out


def _analysis_fingerprint() -> str:
    """Changes with the code that decides what goes in the index, so a changed analysis
    never meets an index built by an older one (read once, at import)."""
    digest = hashlib.sha256(str(INDEX_VERSION).encode())
    for module in (search_text, wordstore, sys.modules[__name__]):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:12]


_FINGERPRINT = _analysis_fingerprint()


def index_key(content_hash: str) -> str:
    safe = "".join(c for c in content_hash if c.isalnum())[:40] or "nohash"
    return f"v{INDEX_VERSION}-{_FINGERPRINT}-{safe}"


def build_in(storage: Storage, docs: Iterable[dict[str, Any]], total: int,
             progress: Progress | None = None) -> Index:
    """Write the index for ``docs`` into ``storage`` (a folder or memory), with the fields kept
    beside it."""
    ix = storage.create_index(make_schema())
    writer = ix.writer(limitmb=128)
    side = {field: WordsWriter() for field in wordstore.FIELDS}
    side_terms = SideTerms()
    count = 0
    step = max(1, total // 100)
    try:
        for doc in docs:
            writer.add_document(**document(doc))
            for field, terms in side_terms(doc).items():
                side[field].add(terms)
            count += 1
            if progress and (count % step == 0 or count == total):
                progress(count, total)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    for field, store in side.items():
        with storage.create_file(wordstore.file_name(field)) as f:
            f.write(store.to_bytes())
    return ix


def side_fields(ix: Index) -> dict[str, WordsField]:
    """The fields stored beside ``ix`` (raises if one is missing, damaged or of other data)."""
    out = {}
    for field in wordstore.FIELDS:
        with ix.storage.open_file(wordstore.file_name(field)) as f:
            out[field] = WordsField(f.read())
        if len(out[field].lengths) != ix.doc_count_all():
            raise ValueError(f"the {field} postings do not match the index")
    return out


def build(docs: Iterable[dict[str, Any]], total: int, target: Path,
          progress: Progress | None = None, content_hash: str = "") -> Index:
    """Write the index for ``docs`` to ``target``, atomically, and return it loaded in memory.

    The index is written to a temporary folder, checksummed, loaded from there, and only then
    renamed into place; if another process got there first, its index is kept and ours
    dropped. Whatever happens to ``target`` meanwhile, the returned index is whole.
    ``content_hash`` (the data's) is recorded for an index shipped beside its database.
    """
    root = target.parent
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"{TMP_PREFIX}{target.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        ix = build_in(FileStorage(str(tmp)), docs, total, progress)
        count = ix.doc_count()
        ix.close()
        files = {name: _digest((tmp / name).read_bytes()) for name in sorted(os.listdir(tmp))}
        marker = {"version": INDEX_VERSION, "documents": count, "files": files}
        if content_hash:
            marker["content_hash"] = content_hash
        (tmp / MARKER).write_text(json.dumps(marker))
        loaded = load(tmp, count)
        try:
            os.rename(tmp, target)  # never over an index another process has just put there
        except OSError:
            pass
        return loaded
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(target: Path, expected_documents: int | None = None) -> Index:
    """The complete index at ``target``, copied into memory; raises if it is unusable.

    Every file is checked against the checksum written with the index, so a damaged file
    (a flipped bit, a truncated copy) means a rebuild, never a wrong result or an error later.
    """
    marker = json.loads((target / MARKER).read_text())
    if expected_documents is None:
        expected_documents = int(marker["documents"])
    files = marker.get("files")
    if marker.get("version") != INDEX_VERSION or marker.get("documents") != expected_documents:
        raise ValueError("stale index")
    if not isinstance(files, dict) or not files:
        raise ValueError("index without checksums")
    ram = RamStorage()
    for name, digest in files.items():
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"unexpected file name {name!r} in the index marker")
        data = (target / name).read_bytes()
        if _digest(data) != digest:
            raise ValueError(f"damaged index file {name}")
        with ram.create_file(name) as f:
            f.write(data)
    ix = ram.open_index()
    if ix.doc_count() != expected_documents:
        raise ValueError("incomplete index")
    return ix


def load_shipped(folder: Path, content_hash: str) -> Index | None:
    """The index prebuilt for the shipped database, if it was built for exactly this data.

    It was built by the code it ships with, so the analysis fingerprint is not compared (a
    frozen bundle cannot read its own source files to compute it)."""
    try:
        marker = json.loads((folder / MARKER).read_text())
        if not content_hash or marker.get("content_hash") != content_hash:
            return None
        return load(folder)
    except Exception:  # noqa: BLE001 - missing or damaged: the cache index is the fallback
        return None


def discard(target: Path) -> None:
    """Move a damaged index out of the way (deleted by the next clean-up); never raises."""
    try:
        os.rename(target, target.parent / f"{TRASH_PREFIX}{target.name}-{uuid.uuid4().hex[:8]}")
    except OSError:
        pass


def _abandoned(name: str) -> bool:
    """A ".tmp-" build folder whose process is gone (its pid is in the name)."""
    match = re.search(r"-(\d+)-[0-9a-f]{8}$", name)
    return match is not None and int(match.group(1)) != os.getpid() and process_gone(int(match.group(1)))


def remove_leftovers(root: Path, keep: str | None = None) -> None:
    """Delete what interrupted builds left (``.tmp-`` folders of processes that are gone, or
    older than an hour; ``.trash-`` folders) and, when ``keep`` is given, indexes of other
    data. Never raises: this only frees disk space."""
    try:
        children = list(root.iterdir())
    except OSError:
        return
    for child in children:
        name = child.name
        if name == keep:
            continue
        if name.startswith(TMP_PREFIX):
            # An unfinished build may be running right now in another process.
            if not (_abandoned(name) or _age(child) > STALE_BUILD_SECONDS):
                continue
        elif not (name.startswith(TRASH_PREFIX) or (keep is not None and name.startswith("v"))):
            continue
        try:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            pass


def remove_others(root: Path, keep: str) -> None:
    """Delete indexes of older data and leftovers of interrupted builds."""
    remove_leftovers(root, keep)


def _age(path: Path) -> float:
    import time

    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0
