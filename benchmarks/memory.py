"""Memory over a long session: resident memory before and after many API searches.

    .venv/bin/python benchmarks/memory.py [--searches 10000] [--seed 7] [--db db/belgai.sqlite]

Opens the bundled database and its searcher (index in a fresh temporary cache), runs 100
searches to warm up, then ``--searches`` more: words of the records in every language,
typed keystroke by keystroke, with one letter in five replaced by a random one and one
query in ten made of invented words, so every word cache sees new keys all the time.
Prints the resident set size (RSS, from /proc/self/status; Linux only) after the warm-up
and every 10 % of the run. A flat line means every in-process cache is bounded.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from belgai_desktop.core.data import vocab
from belgai_desktop.core.library import Library
from belgai_desktop.core.search.searcher import Searcher

LETTERS = "abcdefghijklmnopqrstuvwxyzéèàüö"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def queries(library: Library, rng: random.Random):
    words = sorted({w for doc in library.index_documents()
                    for texts in doc["summaries"].values() for w in re.findall(r"\w{3,}", texts)})
    while True:
        if rng.random() < 0.1:
            text = " ".join("".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 12)))
                            for _ in range(rng.randint(1, 3)))
        else:
            picked = [rng.choice(words) for _ in range(rng.randint(1, 3))]
            text = " ".join("".join(c if rng.random() > 0.2 else rng.choice(LETTERS) for c in w)
                            for w in picked)
        for end in range(1, len(text) + 1):  # every keystroke
            yield text[:end]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--searches", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as cache:
        library = Library(args.db)
        searcher = Searcher(library, index_dir=Path(cache) / "index")
        stream = queries(library, rng)
        langs = vocab.LANGUAGES
        for i in range(100):
            searcher.search(next(stream), lang=langs[i % len(langs)])
        start = rss_mb()
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, pid {os.getpid()}")
        print(f"after warm-up: {start:.1f} MB")
        step = max(1, args.searches // 10)
        for i in range(1, args.searches + 1):
            searcher.search(next(stream), lang=langs[i % len(langs)])
            if i % step == 0:
                print(f"after {i:>6} searches: {rss_mb():.1f} MB")
        end = rss_mb()
        print(f"growth: {end - start:+.1f} MB over {args.searches} searches")


if __name__ == "__main__":
    main()
