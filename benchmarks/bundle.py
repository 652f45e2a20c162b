"""Benchmark: the portable bundle against the development virtual environment.

    .venv/bin/python benchmarks/bundle.py [--tarball dist/belgai-…tar.gz] [--repeat N]

Prints the bundle's packed and unpacked size, and the wall time from process start to exit of
three commands, for ``.venv/bin/belgai`` and for the unpacked bundle, run in turn:

- ``--version`` (interpreter and CLI start-up),
- ``search "AI act" --json`` with an empty user cache (a new user's first search),
- ``gui`` until its window is shown (``BELGAI_QUIT_AFTER_SHOW=1``, offscreen).

"Cold" drops the OS page cache before each run (needs root; otherwise only warm figures);
"warm" runs after one unmeasured run. Median (min–max) over --repeat runs. Goal (issue 9):
the bundle's cold start within 1.2× the venv's; ≤ 150 MB unpacked. Record the output in
BENCHMARKS.md ("## Bundle").
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = {
    "--version": ["--version"],
    "first search": ["search", "AI act", "--json"],
    "window shown": ["gui", "--lang", "nl"],
}


def drop_caches() -> bool:
    if os.geteuid() != 0:
        return False
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")
    return True


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(exe: Path, args: list[str], cold: bool) -> float:
    home = Path(tempfile.mkdtemp(prefix="belgai-bench-home-"))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "BELGAI_QUIT_AFTER_SHOW": "1"}
    if cold:
        drop_caches()
    start = time.perf_counter()
    subprocess.run([str(exe), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    shutil.rmtree(home, ignore_errors=True)
    return elapsed


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tarball", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tarball = args.tarball or max((ROOT / "dist").glob("belgai-*-linux-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    unpacked = Path(tempfile.mkdtemp(prefix="belgai-bench-bundle-"))
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="tar")
    commands = {"venv": ROOT / ".venv" / "bin" / "belgai", "bundle": unpacked / "belgai" / "belgai"}
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"bundle: {tarball.name}: {tarball.stat().st_size / 1e6:.0f} MB packed, "
          f"{folder_size(unpacked / 'belgai') / 1e6:.0f} MB unpacked")
    modes = ["cold", "warm"] if drop_caches() else ["warm"]
    print("| command | mode | venv | bundle | bundle / venv |")
    print("|---|---|---:|---:|---:|")
    for name, case in CASES.items():
        for mode in modes:
            results: dict[str, list[float]] = {"venv": [], "bundle": []}
            if mode == "warm":
                for exe in commands.values():
                    timed(exe, case, cold=False)
            for _ in range(args.repeat):
                for kind, exe in commands.items():  # in turn, so drift hits both alike
                    results[kind].append(timed(exe, case, cold=mode == "cold"))
            ratio = statistics.median(results["bundle"]) / statistics.median(results["venv"])
            print(f"| `{' '.join(case)}` ({name}) | {mode} | {summary(results['venv'])} | "
                  f"{summary(results['bundle'])} | {ratio:.2f}× |")
    shutil.rmtree(unpacked, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
