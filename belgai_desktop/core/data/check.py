"""Validation of the reference data and of the built database (``belgai db check``).

Owns the rules that keep the data trustworthy: every reference resolves, every
language is present, every fact is sourced, disagreements are declared, and no
e-mail, phone number or web address appears that the documents do not contain.
Each function returns a list of readable problems; an empty list means all is well.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import sqlite3
from collections import defaultdict
from pathlib import Path

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.model import Source
from belgai_desktop.core.data.schema import LANG_TEXTS, SCHEMA_VERSION, connect_read_only, lang_columns
from belgai_desktop.core.data.sourcedata import (
    BudgetData,
    DateData,
    Fact,
    LinkData,
    RecordData,
    RelationData,
    SourceData,
    StatementData,
    source_hash,
)
from belgai_desktop.core.errors import DatabaseError

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(
    r"(?<![\w/])(?:(?:\+|00)\d{2}[\s./-]?\(?\d\)?(?:[\s./-]?\d{2,3}){3,4}"
    r"|0\d{1,3}[\s./-]\d{2,3}[\s./-]?\d{2}[\s./-]?\d{2})(?![\w/])"
)
URL_RE = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
# Summaries and statements are written in our own words: names and official terms may be
# copied, whole sentences may not. A run of this many words found in a document is reported,
# once the names of our records and any quoted words are taken out of our text (names may be
# copied) and British and American spellings are made alike (a changed "z" is not rewording).
COPY_WORDS = 9
# A sentence of at least this many words, this share of which stands in one sentence of a
# document in the same order (difflib's matching runs of 3 or more words), is a near-copy
# even without a long verbatim run.
SIMILAR_MIN_WORDS = 10
SIMILAR_SHARE = 0.7

_SPELLING = [(re.compile(p), r) for p, r in (
    (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"), (r"yse(d|s)?$", r"yze\1"), (r"^programme(s)?$", r"program\1"),
    (r"^centre(s)?$", r"center\1"), (r"^(colo|behavio|labo|favo|hono|neighbo)ur(s|ed|ing)?$", r"\1r\2"),
    (r"^labelled$", "labeled"),
)]
# Quoted words are exempt up to this many (a title, an official term), not a whole sentence.
QUOTE_WORDS = 12
# A quotation: an opening quote after a space or at the start (not the apostrophe of "plan's").
_QUOTED = re.compile(r"(?<!\w)[\"“„«‘'](?=\w)[^\"“”„«»‘’]{1,200}?(?<=[\w.)])[\"”»’'](?!\w)")


def _norm(word: str) -> str:
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


def _words(text: str) -> list[str]:
    # Underscores are Markdown emphasis in the documents ("_FOD Beleid en Ondersteuning_").
    return [_norm(w) for w in re.findall(r"[^\W_]+", text.casefold())]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;:])\s+|\n+|\s[-*•o]\s", text) if s.strip()]


def text_problems(where: str, text: str | None) -> list[str]:
    """Contact details and web addresses belong in link facts only, never in prose."""
    if not text:
        return []
    problems = []
    for m in EMAIL_RE.finditer(text):
        problems.append(f"{where}: contains an e-mail address {m.group()!r}")
    for m in PHONE_RE.finditer(text):
        problems.append(f"{where}: contains a phone number {m.group()!r}")
    if URL_RE.search(text):
        problems.append(f"{where}: contains a web address; use a [[link]] with its source")
    return problems


class SeedTexts:
    """The source documents' text, when ``../shared/seeds`` is available, to verify against."""

    def __init__(self, seeds_dir: Path | None, sources: list[Source]) -> None:
        self.texts: dict[str, str] = {}
        self.problems: list[str] = []
        self._shingles: set[str] | None = None
        self._doc_sentences: list[list[str]] = []
        self._by_word: dict[str, list[int]] = {}
        self._names: dict[str, list[tuple[str, ...]]] = {}
        self._joined: dict[str, str] | None = None
        self.available = seeds_dir is not None and seeds_dir.is_dir()
        if not self.available:
            return
        assert seeds_dir is not None
        for s in sources:
            path = seeds_dir / s.file
            if not path.is_file():
                self.problems.append(f"source {s.id}: document {s.file} not found in {seeds_dir}")
                continue
            raw = path.read_bytes()
            if hashlib.sha256(raw).hexdigest() != s.sha256:
                self.problems.append(f"source {s.id}: {s.file} differs from the cited version (sha256)")
            self.texts[s.id] = raw.decode("utf-8", errors="replace")

    def set_names(self, names: list[str]) -> None:
        """Names that may be copied verbatim (our records' names, aliases and acronyms)."""
        self._names = defaultdict(list)
        for name in names:
            words = tuple(_words(name))
            if len(words) > 1:  # a one-word name ("Brussels") inside a copied phrase is no excuse
                self._names[words[0]].append(words)
        for first in self._names:
            self._names[first].sort(key=len, reverse=True)

    def _own_words(self, text: str) -> list[str | None]:
        """The words of ``text`` with names and quoted words replaced by None (they may be copied)."""
        words: list[str | None] = []
        start = 0
        for m in _QUOTED.finditer(text):
            words += _words(text[start:m.start()])
            # A quoted title or term may be copied; a quoted sentence is still not our prose.
            words += [None] if len(_words(m.group())) <= QUOTE_WORDS else _words(m.group())
            start = m.end()
        words += _words(text[start:])
        out: list[str | None] = []
        i = 0
        while i < len(words):
            w = words[i]
            names = self._names.get(w, []) if w is not None else []
            match = next((n for n in names if tuple(words[i:i + len(n)]) == n), None)
            if match:
                out.append(None)
                i += len(match)
            else:
                out.append(w)
                i += 1
        return out

    def _index(self) -> None:
        self._shingles = set()
        for doc in self.texts.values():
            words = _words(doc)
            self._shingles.update(
                " ".join(words[i:i + COPY_WORDS]) for i in range(len(words) - COPY_WORDS + 1))
            for sentence in _sentences(doc):
                sw = _words(sentence)
                if len(sw) >= SIMILAR_MIN_WORDS // 2:
                    self._doc_sentences.append(sw)
        by_word: dict[str, list[int]] = defaultdict(list)
        for n, sw in enumerate(self._doc_sentences):
            for w in set(sw):
                by_word[w].append(n)
        self._by_word = dict(by_word)

    def copied_run(self, text: str) -> str | None:
        """Wording copied from a document, if any: a run of COPY_WORDS words outside names and
        quotes, or a sentence nearly the same as one of a document's. Prose must be our own."""
        if not self.available:
            return None
        if self._shingles is None:
            self._index()
        assert self._shingles is not None
        words = self._own_words(text)
        for i in range(len(words) - COPY_WORDS + 1):
            window = words[i:i + COPY_WORDS]
            if None not in window:
                run = " ".join(window)  # type: ignore[arg-type]
                if run in self._shingles:
                    return run
        for sentence in _sentences(text):
            sw = [w for w in self._own_words(sentence) if w is not None]
            if len(sw) < SIMILAR_MIN_WORDS:
                continue
            # Only document sentences sharing a rarer word are compared: fast enough for CI.
            candidates: dict[int, int] = defaultdict(int)
            for w in set(sw):
                hits = self._by_word.get(w, [])
                if len(hits) < 100:
                    for n in hits:
                        candidates[n] += 1
            for n, _ in sorted(candidates.items(), key=lambda kv: -kv[1])[:10]:
                matcher = difflib.SequenceMatcher(None, sw, self._doc_sentences[n], autojunk=False)
                # Share of our words that come in the document's order, in runs of 3 or more:
                # a sentence with a few words swapped is still the document's sentence.
                copied = sum(b.size for b in matcher.get_matching_blocks() if b.size >= 3)
                if copied / len(sw) >= SIMILAR_SHARE:
                    doc = " ".join(self._doc_sentences[n])
                    return f"{sentence} ~ {doc[:100]}{'…' if len(doc) > 100 else ''}"
        return None

    def contains(self, name: str) -> str | None:
        """The id of a document that writes ``name`` (words in order, case and spelling aside)."""
        if self._joined is None:
            self._joined = {sid: f" {' '.join(_words(text))} " for sid, text in self.texts.items()}
        wanted = f" {' '.join(_words(name))} "
        return next((sid for sid, text in self._joined.items() if wanted in text), None)

    def url_problem(self, where: str, url: str, source_ids: list[str]) -> str | None:
        if not self.available:
            return None
        if any(url in self.texts.get(sid, "") for sid in source_ids):
            return None
        return f"{where}: URL {url} is not written in its cited document(s) {', '.join(source_ids)}"


# Statement aspects that quote an official title or a name, which may be copied verbatim.
QUOTABLE_ASPECTS = frozenset({"official-title", "name", "name-variant"})


def _record_texts(r: RecordData) -> list[tuple[str, str, bool]]:
    """(where, text, own_words): every text of a record, and whether it must be in our own
    words (English summaries and statements, except statements quoting a title)."""
    texts = [(f"{r.id} name.{lang}", t, False) for lang, t in r.names.items()]
    texts += [(f"{r.id} summary.{lang}", t, lang == "en") for lang, t in r.summaries.items()]
    texts += [(f"{r.id} alias", t, False) for t in r.aliases + r.acronyms]
    for f in r.facts:
        own = isinstance(f.data, StatementData) and f.data.aspect not in QUOTABLE_ASPECTS
        for key, by_lang in f.texts():
            for lang, t in by_lang.items():
                texts.append((f"{f.id} {key}.{lang}", t, own and lang == "en"))
    return texts


def check_source_data(data: SourceData, seeds_dir: Path | None = None) -> list[str]:
    """Every problem in the TOML sources: format, references, languages, sourcing, disputes."""
    problems = list(data.problems)
    source_ids = {s.id for s in data.sources}
    if len(source_ids) != len(data.sources):
        problems.append("sources.toml: duplicate source ids")
    seeds = SeedTexts(seeds_dir, data.sources)
    problems += seeds.problems
    seeds.set_names([n for r in data.records for n in (*r.names.values(), *r.aliases, *r.acronyms)])

    ids = [r.id for r in data.records]
    record_ids = set(ids)
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{dup}: id used by more than one file")

    for r in data.records:
        for ref in r.sources:
            if ref.source_id not in source_ids:
                problems.append(f"{r.id}: unknown source {ref.source_id!r}")
        for f in r.facts:
            if not f.sources:
                continue  # reported by the reader already
            for ref in f.sources:
                if ref.source_id not in source_ids:
                    problems.append(f"{f.id}: unknown source {ref.source_id!r}")
            if isinstance(f.data, RelationData):
                target = f.data.object_id
                if target and target not in record_ids:
                    problems.append(f"{f.id}: relation {f.data.relation} points to unknown record {target!r}")
                if target == r.id:
                    problems.append(f"{f.id}: relation points to the record itself")
            if isinstance(f.data, LinkData) and f.data.url:
                p = seeds.url_problem(f.id, f.data.url, [ref.source_id for ref in f.sources])
                if p:
                    problems.append(p)
        for where, text, own_words in _record_texts(r):
            problems += text_problems(where, text)
            if own_words:
                run = seeds.copied_run(text)
                if run:
                    problems.append(f"{where}: copies a document's wording ({run!r}); write it in our own words")
        problems += _dispute_problems(r)
        problems += _title_problems(r, seeds)
    return problems


def _title_problems(r: RecordData, seeds: SeedTexts) -> list[str]:
    """A title no document gives must be marked as ours (``name.descriptive``), so that no
    reader takes a title we wrote for an official name; and a marked one must really be ours."""
    if not seeds.available:
        return []
    if r.descriptive_title:
        found = seeds.contains(r.names.get("en", ""))
        if found:
            return [f"{r.id}: name.descriptive is set, but {found} gives the title {r.names['en']!r}; "
                    "remove the mark"]
        return []
    return [
        f"{r.id} name.{lang}: the title {name!r} is in no document; use the document's wording, "
        f"or mark it as ours under [name]: `descriptive = true` (a title we wrote) or {lang!r} in "
        "`translated` (our translation)"
        for lang, name in r.names.items()
        if lang not in r.translated_names and not seeds.contains(name)
    ]


def _dispute_problems(r: RecordData) -> list[str]:
    """Different values for the same thing must be declared as a dispute, never left silent."""
    problems = []
    # (fact type, aspect) → [(fact, its value)]
    groups: dict[tuple[str, str], list[tuple[Fact, object]]] = defaultdict(list)
    for f in r.facts:
        if isinstance(f.data, BudgetData):
            groups[("budget", f.data.aspect)].append((f, (f.data.amount, f.data.amount_max, f.data.year)))
        elif isinstance(f.data, DateData):
            groups[("date", f.data.aspect)].append((f, f.data.date))
    for (fact_type, aspect), values in groups.items():
        undeclared = [f for f, _ in values if not f.dispute]
        if len({value for _, value in values}) > 1 and undeclared:
            problems.append(
                f"{r.id}: {fact_type}s with aspect {aspect!r} disagree but "
                f"{', '.join(f.id for f in undeclared)} has no 'dispute' key"
            )
    keys: dict[str, int] = defaultdict(int)
    for f in r.facts:
        if f.dispute:
            keys[f.dispute] += 1
    for key, count in keys.items():
        if count < 2:
            problems.append(f"{r.id}: dispute {key!r} has only one fact; a dispute needs every value")
    return problems


def check_database(path: Path, db_dir: Path | None = None, seeds_dir: Path | None = None) -> list[str]:
    """Every problem in a built database file."""

    try:
        conn = connect_read_only(path)
    except DatabaseError as exc:
        return [str(exc)]
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return [f"{path}: not a readable SQLite database ({exc})"]
    problems: list[str] = []
    if version != SCHEMA_VERSION:
        return [f"{path}: schema version {version}, expected {SCHEMA_VERSION}; rebuild with `belgai db build`"]
    if integrity != "ok":
        problems.append(f"{path}: integrity check failed: {integrity}")

    def rows(sql: str) -> list[tuple]:
        return conn.execute(sql).fetchall()

    for row in rows("PRAGMA foreign_key_check"):
        problems.append(f"dangling reference in table {row[0]} (row {row[1]}) to {row[2]}")
    n_langs = len(vocab.LANGUAGES)
    for table in ("names", "summaries"):
        for (rid,) in rows(
            f"SELECT r.id FROM records r LEFT JOIN {table} t ON t.record_id = r.id "
            f"AND trim(coalesce(t.text, '')) != '' GROUP BY r.id HAVING count(t.lang) < {n_langs}"
        ):
            problems.append(f"{rid}: {table} missing in some of {', '.join(vocab.LANGUAGES)}")
    for (fid,) in rows(
        "SELECT f.id FROM facts f LEFT JOIN fact_sources s ON s.fact_id = f.id "
        "WHERE s.fact_id IS NULL"
    ):
        problems.append(f"{fid}: fact has no source")
    for rid, kind, level in rows("SELECT id, kind, level FROM records"):
        if kind not in vocab.KINDS:
            problems.append(f"{rid}: unknown kind {kind!r}")
        if level not in vocab.LEVELS:
            problems.append(f"{rid}: unknown level {level!r}")
    text_queries = [
        "SELECT record_id || ' name.' || lang, text FROM names",
        "SELECT record_id || ' summary.' || lang, text FROM summaries",
        "SELECT record_id || ' alias', text FROM aliases",
        *[f"SELECT fact_id || ' {c}', {c} FROM {t}" for t, _owner, prefix in LANG_TEXTS for c in lang_columns(prefix)],
    ]
    for sql in text_queries:
        for where, text in rows(sql):
            problems += text_problems(where, text)

    sources = [
        Source(id=i, file=f, sha256=h, title="", author="", publisher="", date="", date_precision=None, note="")
        for i, f, h in rows("SELECT id, file, sha256 FROM sources")
    ]
    seeds = SeedTexts(seeds_dir, sources)
    link_sources: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fid, url, sid in rows(
        "SELECT l.fact_id, l.url, s.source_id FROM links l JOIN fact_sources s ON s.fact_id = l.fact_id"
    ):
        link_sources[(fid, url)].append(sid)
    for (fid, url), sids in sorted(link_sources.items()):
        p = seeds.url_problem(fid, url, sids)
        if p:
            problems.append(p)

    if db_dir is not None and (db_dir / "sources.toml").is_file():
        stored = dict(rows("SELECT key, value FROM meta")).get("source_hash")
        if stored != source_hash(db_dir):
            problems.append(f"{path}: out of date with the sources in {db_dir}; run `belgai db build`")
    conn.close()
    return problems
