"""Benchmark: how long the one-page summary takes to render and write as PDF.

    .venv/bin/python benchmarks/print.py [--database FILE] [--record ID] [--repeat N] [--kind body]

Prints the start-up time (imports, Qt application, opening the library), the time for
one summary (median of --repeat runs, after a warm-up), and the time for every record
of --kind in all four languages on A4, with how many pages needed a smaller font or
shortened lists. Goal: at most 0.2 s per page after start-up. Record results in
BENCHMARKS.md ("## Printing").
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--record", default="fps-bosa")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--kind", default="body")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from belgai_desktop.core.data import vocab
    from belgai_desktop.core.library import Library
    from belgai_desktop.printing import pdf
    from belgai_desktop.printing.layout import FONT_STEPS, ensure_app

    ensure_app()
    library = Library(args.database)
    startup = time.perf_counter() - t0

    out_dir = Path(tempfile.mkdtemp(prefix="belgai-print-bench-"))
    record = args.record if library.exists(args.record) else library.list(kind=args.kind)[0].id
    pdf.write_pdf(library, record, "en", out_dir / "warm-up.pdf")  # first-use font loading
    one = []
    for i in range(args.repeat):
        t = time.perf_counter()
        pdf.write_pdf(library, record, "en", out_dir / f"one-{i}.pdf")
        one.append(time.perf_counter() - t)

    records = library.list(kind=args.kind)
    per_page: list[tuple[float, str, str]] = []
    smaller = shortened = 0
    t_all = time.perf_counter()
    for lang in vocab.LANGUAGES:
        for summary in records:
            t = time.perf_counter()
            data, fit = pdf.render_pdf(library, summary.id, lang)
            (out_dir / f"{summary.id}-{lang}.pdf").write_bytes(data)
            per_page.append((time.perf_counter() - t, summary.id, lang))
            smaller += fit.font_pt < FONT_STEPS[0]
            shortened += fit.cap is not None
    total = time.perf_counter() - t_all
    times = sorted(p[0] for p in per_page)

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}")
    print(f"database: {library.path}")
    print(f"start-up (imports, Qt app, library): {startup:.3f} s")
    print(f"one summary ({record}, en, A4), median of {args.repeat}: {statistics.median(one) * 1000:.0f} ms "
          f"(min {min(one) * 1000:.0f} ms, max {max(one) * 1000:.0f} ms)")
    print(f"every {args.kind} in 4 languages: {len(per_page)} pages in {total:.2f} s = "
          f"{total / len(per_page) * 1000:.0f} ms per page (median {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms "
          f"[{max(per_page)[1]} {max(per_page)[2]}])")
    print(f"pages set below the largest font: {smaller}; pages with shortened lists: {shortened}")
    print(f"PDFs in {out_dir}")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
