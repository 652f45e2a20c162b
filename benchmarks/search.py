"""Search speed: whoosh (our Searcher) against SQLite FTS5 on synthetic corpora.

    .venv/bin/python benchmarks/search.py [--sizes 1000,10000,100000] [--db db/belgai.sqlite]

Synthetic records are shaped like the bundled ones: each copies the field layout and the
text lengths of a real record picked at random (names, acronyms, aliases, a summary and
fact texts in four languages), with words drawn from the real records' vocabulary of
that language and, for 2 % of words and part of every name, invented words, so the
vocabulary grows with the corpus as a real one does. Each size is fed to

- whoosh: ``belgai_desktop.core.search.searcher.Searcher`` itself (index built from scratch, then
  loaded into memory, then warmed up as the app does in the background: the typo table and
  the most frequent terms' postings), searching end to end: titles, snippets and the total included;
- FTS5: one table (names, summary, facts; all languages) with
  ``tokenize='unicode61 remove_diacritics 2'``, top 20 by bm25 with a snippet, plus
  ``count(*)`` for the total. It has no stemming and no typo tolerance: its typo
  queries simply find nothing; it is the physical reference point, not a rival.

Queries, on a warm searcher (a few searches first): *full word* (1–2 real words, finished
with a space), *prefix* (every keystroke of typing a record name or a word), *typo*
(a real word of 6+ letters with one letter deleted, swapped, replaced or added).
Then the per-keystroke latency on the bundled database. Each latency is given as wall-clock
time and as the searching thread's CPU time: on a machine shared with other work the wall
clock includes waiting for a core, the CPU time does not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from belgai_desktop.core.data import vocab
from belgai_desktop.core.library import Library
from belgai_desktop.core.search.searcher import Searcher

LANGS = vocab.LANGUAGES
WORD = re.compile(r"\w+")
SYLLABLES = ["ka", "lo", "ven", "tri", "mar", "sel", "do", "qui", "bra", "nek", "zor", "fi", "lux",
             "ter", "an", "op", "wal", "gem", "ri", "sto", "vel", "ha", "pri", "mo", "dus", "el"]


def invented(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


class Corpus:
    """What synthetic records are drawn from: the real records and their vocabularies."""

    def __init__(self, library: Library) -> None:
        self.docs = list(library.index_documents())
        self.words: dict[str, list[str]] = {}
        for lang in LANGS:
            counts: Counter[str] = Counter()
            for d in self.docs:
                for text in [d["summaries"].get(lang, "")] + d["facts"][lang]:
                    counts.update(WORD.findall(text))
            # A list with repeats: sampling from it follows the real word frequencies.
            self.words[lang] = list(counts.elements())
        self.vocabulary = sorted({w.lower() for ws in self.words.values() for w in ws
                                  if len(w) >= 4 and w.isalpha()})

    def text_like(self, text: str, lang: str, rng: random.Random) -> str:
        n = len(WORD.findall(text))
        pool = self.words[lang]
        out = [invented(rng) if rng.random() < 0.02 else rng.choice(pool) for _ in range(n)]
        return " ".join(out) + ("." if out else "")

    def record(self, i: int, rng: random.Random) -> dict[str, Any]:
        t = rng.choice(self.docs)
        fresh = invented(rng).capitalize()
        names = {}
        for lang, name in t["names"].items():
            ws = name.split()
            if ws:
                ws[rng.randrange(len(ws))] = fresh  # every synthetic name is distinct
            names[lang] = " ".join(ws) or fresh
        return {
            "id": f"syn-{i:06d}", "kind": t["kind"], "level": t["level"],
            "names": names,
            "summaries": {lang: self.text_like(t["summaries"].get(lang, ""), lang, rng) for lang in LANGS},
            "acronyms": ["".join(rng.choice("ABCDEFGHKLMNPRSTVW") for _ in range(rng.randint(3, 5)))
                         for _ in t["acronyms"]],
            "aliases": [f"{fresh} {a}" for a in t["aliases"][:2]],
            "facts": {lang: [self.text_like(x, lang, rng) for x in t["facts"][lang]] for lang in LANGS},
        }


class SyntheticLibrary:
    """What ``Searcher`` needs of a library, over generated records."""

    shipped_index = None

    def __init__(self, docs: list[dict[str, Any]], tag: str) -> None:
        self.docs = docs
        self.content_hash = f"synthetic{tag}"
        self._titles = {d["id"]: d["names"] for d in docs}

    def index_documents(self) -> Iterator[dict[str, Any]]:
        yield from self.docs

    def title(self, record_id: str, lang: str) -> str:
        names = self._titles[record_id]
        return names.get(lang) or names["en"]

    def title_marks(self, record_id: str, lang: str) -> tuple[bool, bool]:
        return False, False


# -- queries ------------------------------------------------------------------------------

def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(["delete", "swap", "replace", "insert"])
    if op == "delete":
        return word[:i] + word[i + 1:]
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return word[:i] + letter + word[i + (op == "replace"):]


def query_sets(corpus: Corpus, docs: list[dict[str, Any]], rng: random.Random,
               n: int = 150) -> dict[str, list[tuple[str, str]]]:
    words = corpus.vocabulary
    full = [(" ".join(rng.sample(words, rng.randint(1, 2))) + " ", rng.choice(LANGS)) for _ in range(n)]
    prefix = []
    for _ in range(n // 6):
        lang = rng.choice(LANGS)
        target = rng.choice(docs)["names"][lang] if rng.random() < 0.5 else rng.choice(words)
        prefix += [(target[:k], lang) for k in range(1, min(len(target), 24) + 1)]
    long_words = [w for w in words if len(w) >= 6]
    typos = [(typo(rng.choice(long_words), rng) + " ", rng.choice(LANGS)) for _ in range(n)]
    return {"full word": full, "prefix": prefix, "typo": typos}


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def timed(run: Callable[[str, str], object], queries: list[tuple[str, str]]) -> tuple[float, float, float, float]:
    """Wall-clock p50/p95 and, since the machine may be shared, the CPU time's p50/p95 (ms)."""
    for q, lang in queries[:10]:
        run(q + "x", lang)  # warm-up on other strings
    times, cpu = [], []
    for q, lang in queries:
        c = time.thread_time()
        t = time.perf_counter()
        run(q, lang)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    return (*percentiles(times), *percentiles(cpu))


# -- engines ------------------------------------------------------------------------------

def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bench_whoosh(docs: list[dict[str, Any]], queries: dict[str, list[tuple[str, str]]],
                 work: Path) -> dict[str, Any]:
    lib = SyntheticLibrary(docs, str(len(docs)))
    t, c = time.perf_counter(), time.process_time()
    searcher = Searcher(lib, index_dir=work / "whoosh")  # type: ignore[arg-type]
    build, build_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    searcher = Searcher(lib, index_dir=work / "whoosh")  # type: ignore[arg-type]
    load = time.perf_counter() - t
    t = time.perf_counter()
    searcher.warm_up()  # as the app does in the background after its first frame
    warm = time.perf_counter() - t
    out = {"build_s": build, "build_cpu_s": build_cpu, "load_s": load, "warm_up_s": warm,
           "size_mb": dir_size(work / "whoosh") / 1e6}
    for name, qs in queries.items():
        out[name] = timed(lambda q, lang: searcher.search(q, lang=lang), qs)
    return out


def fts_query(text: str) -> str | None:
    words = WORD.findall(text)
    if not words:
        return None
    parts = [f'"{w}"' for w in words]
    if not text.endswith(" "):
        parts[-1] += "*"
    return " ".join(parts)


def bench_fts5(docs: list[dict[str, Any]], queries: dict[str, list[tuple[str, str]]],
               work: Path) -> dict[str, Any]:
    path = work / "fts5.sqlite"
    t = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, names, summary, facts, "
                 "tokenize='unicode61 remove_diacritics 2')")
    with conn:
        conn.executemany("INSERT INTO fts VALUES (?, ?, ?, ?)", (
            (d["id"],
             "\n".join(list(d["names"].values()) + d["acronyms"] + d["aliases"]),
             "\n".join(d["summaries"].values()),
             "\n".join(x for lang in LANGS for x in d["facts"][lang]))
            for d in docs))
    conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    conn.commit()
    build = time.perf_counter() - t
    out: dict[str, Any] = {"build_s": build, "build_cpu_s": build, "load_s": 0.0, "warm_up_s": 0.0,
                           "size_mb": path.stat().st_size / 1e6}

    def run(text: str, lang: str) -> object:
        match = fts_query(text)
        if match is None:
            return []
        rows = conn.execute(
            "SELECT id, snippet(fts, 2, '<b>', '</b>', '…', 24), bm25(fts, 5.0, 1.5, 0.7) AS r "
            "FROM fts WHERE fts MATCH ? ORDER BY r LIMIT 20", (match,)).fetchall()
        conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()
        return rows

    for name, qs in queries.items():
        out[name] = timed(run, qs)
    conn.close()
    return out


def bundled_keystrokes(library: Library, rng: random.Random,
                       work: Path) -> tuple[float, float, float, float, int]:
    """Every keystroke of typing record titles and everyday queries on the bundled database."""
    searcher = Searcher(library, index_dir=work / "bundled")
    searcher.warm_up()  # as the app does in the background after its first frame
    docs = list(library.index_documents())
    typed = [(rng.choice(docs)["names"][lang], lang) for lang in LANGS for _ in range(8)]
    typed += [(q, lang) for q in ("Diependaele", "numerique", "gegevensbescherming", "SPF Stratégie",
                                  "supervisory authority", "AI4Belgium", "Leuven.AI", "universites")
              for lang in ("en", "fr")]
    queries = [(text[:k], lang) for text, lang in typed for k in range(1, len(text) + 1)]
    p50, p95, cpu50, cpu95 = timed(lambda q, lang: searcher.search(q, lang=lang), queries)
    return p50, p95, cpu50, cpu95, len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--db", type=Path, default=None, help="the bundled database (default: db/belgai.sqlite)")
    parser.add_argument("--engines", default="whoosh,fts5")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    library = Library(args.db)
    corpus = Corpus(library)
    work = Path(tempfile.mkdtemp(prefix="belgai-bench-"))
    results: dict[str, Any] = {"machine": f"{platform.processor() or platform.machine()}, "
                                          f"{os.cpu_count()} cores, Python {platform.python_version()}",
                               "sizes": {}}
    try:
        p50, p95, cpu50, cpu95, n = bundled_keystrokes(library, rng, work)
        results["bundled"] = {"records": len(corpus.docs), "keystrokes": n, "p50": p50, "p95": p95,
                              "cpu_p50": cpu50, "cpu_p95": cpu95}
        print(f"bundled DB ({len(corpus.docs)} records): {n} keystrokes, p50 {p50:.1f} ms, "
              f"p95 {p95:.1f} ms (CPU time p50 {cpu50:.1f} ms, p95 {cpu95:.1f} ms)", flush=True)
        for size in (int(s) for s in args.sizes.split(",") if s):
            docs = [corpus.record(i, rng) for i in range(size)]
            queries = query_sets(corpus, docs, rng)
            for engine in args.engines.split(","):
                d = work / f"{engine}-{size}"
                d.mkdir()
                fn = bench_whoosh if engine == "whoosh" else bench_fts5
                r = fn(docs, queries, d)
                results["sizes"].setdefault(str(size), {})[engine] = r
                print(f"{size:>7} {engine:6} build {r['build_s']:7.1f} s (CPU {r['build_cpu_s']:.1f} s)  "
                      f"load {r['load_s']:5.1f} s  "
                      f"warm-up {r['warm_up_s']:5.1f} s  "
                      f"size {r['size_mb']:7.1f} MB  " + "  ".join(
                          f"{k} p50/p95 {r[k][0]:.1f}/{r[k][1]:.1f} ms (CPU {r[k][2]:.1f}/{r[k][3]:.1f})"
                          for k in queries), flush=True)
                shutil.rmtree(d, ignore_errors=True)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
