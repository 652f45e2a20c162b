"""Cases 12 and 13 of issue 14: silent fallbacks, leftovers, unclear database errors, memory."""

from __future__ import annotations

import os
import random
import re
import shutil
import sqlite3
import string
import subprocess
import sys
from pathlib import Path

import pytest

from belgai_desktop.core import i18n, paths
from belgai_desktop.core.search import index as si
from belgai_desktop.core.search.searcher import Searcher
from tests.faults.conftest import assert_one_line_error


def dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


# -- 12. catalogs: empty, truncated, partial compiled files ---------------------------------

@pytest.fixture
def locales(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(paths.locales_dir(), target, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(paths, "locales_dir", lambda: target)
    return target


def test_12_empty_po_says_so_once(locales, said):
    (locales / "nl" / "LC_MESSAGES" / "belgai.po").write_bytes(b"")
    assert i18n.set_language("nl") == "en"
    assert i18n.set_language("nl") == "en"
    assert len([t for t in said if "empty" in t]) == 1


def test_12_truncated_po_says_so_once_and_keeps_what_it_has(locales, said):
    po = locales / "nl" / "LC_MESSAGES" / "belgai.po"
    text = po.read_text(encoding="utf-8")
    cut = text.index("\n\n", len(text) // 2)  # at an entry boundary: still a valid file
    po.write_text(text[:cut + 1], encoding="utf-8")
    kept = re.search(r'^msgid "([^"\\]+)"\nmsgstr "([^"\\]+)"$', text[:cut], re.M)
    assert kept is not None
    assert i18n.set_language("nl") == "nl"
    assert i18n.gettext(kept.group(1)) == kept.group(2)  # what is there is still Dutch
    assert len([t for t in said if "truncated" in t]) == 1


def test_12_partial_compiled_catalogs_of_dead_processes_are_removed(locales):
    folder = paths.cache_dir() / "locales" / "nl"
    folder.mkdir(parents=True)
    abandoned = folder / f"belgai-0123456789abcdef.{dead_pid()}.tmp"
    abandoned.write_bytes(b"\x95\x04\x12")  # half a .mo, as a full disk leaves it
    running = folder / "belgai-0123456789abcdef.1.tmp"  # pid 1 is alive: not ours to remove
    running.write_bytes(b"\x95")
    assert i18n.set_language("nl") == "nl"
    assert not abandoned.exists()
    assert running.exists()


def test_12_a_full_disk_leaves_no_partial_compiled_catalog(locales, monkeypatch):
    real_write = Path.write_bytes

    def full_disk(self: Path, data: bytes) -> int:
        if self.suffix == ".tmp":
            real_write(self, data[:10])
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    assert i18n.set_language("nl") == "nl"
    assert list((paths.cache_dir() / "locales" / "nl").glob("*.tmp")) == []


# -- 12. index build folders left by killed processes -----------------------------------------

def test_12_build_folders_of_dead_processes_are_removed_at_the_next_start(fixture_library, tmp_path):
    index_dir = tmp_path / "index"
    Searcher(fixture_library, index_dir=index_dir)
    key = si.index_key(fixture_library.content_hash)
    abandoned = index_dir / f".tmp-{key}-{dead_pid()}-0badc0de"
    running = index_dir / f".tmp-{key}-1-0badc0de"  # a live process's build: left alone
    for folder in (abandoned, running):
        folder.mkdir()
        (folder / "MAIN_x.seg").write_bytes(os.urandom(4096))
    assert Searcher(fixture_library, index_dir=index_dir).search("test agency").ids[0] == "test-agency"
    assert not abandoned.exists()
    assert running.exists()


# -- 12. databases that are not ours, or not whole ----------------------------------------------

def _copy(fixture_db_path: Path, tmp_path: Path) -> Path:
    db = tmp_path / "copy.sqlite"
    shutil.copy(fixture_db_path, db)
    return db


COMMANDS = [["list"], ["show", "test-agency"], ["search", "agency"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_12_zero_byte_database_is_not_a_belgai_database(cli, tmp_path, command):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert_one_line_error(cli("--database", empty, *command), "not a BelgAI database")
    assert empty.read_bytes() == b""


@pytest.mark.parametrize("command", COMMANDS)
def test_12_missing_meta_table_fails_every_command_the_same_way(cli, fixture_db_path, tmp_path, command):
    db = _copy(fixture_db_path, tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE meta")
    conn.commit()
    conn.close()
    assert_one_line_error(cli("--database", db, *command), "meta")


@pytest.mark.parametrize("command", COMMANDS)
def test_12_damaged_page_fails_every_command_the_same_way(cli, fixture_db_path, tmp_path, command):
    db = _copy(fixture_db_path, tmp_path)
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'statements'").fetchone()
    conn.close()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page_size
    data[start:start + page_size] = random.Random(12).randbytes(page_size)
    db.write_bytes(bytes(data))
    assert_one_line_error(cli("--database", db, *command), "damaged")


# -- 13. every in-process cache is bounded --------------------------------------------------------

def test_13_word_caches_stay_bounded_over_a_long_session(fixture_library, tmp_path):
    from belgai_desktop.core.search import analysis as search_text

    rng = random.Random(13)
    searcher = Searcher(fixture_library, index_dir=tmp_path / "index")
    for _ in range(30_000):
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 12)))
        w = search_text.make_word(word)
        for lang in search_text.STEMMERS:
            search_text.word_lang_terms(w, lang)
        searcher._names.expand(word[:5], 5)
    caches = {"fold": search_text.fold, "make_word": search_text.make_word,
              **{f"stem_{lang}": stem for lang, stem in search_text.STEMMERS.items()}}
    sizes = {name: fn.cache_info().currsize for name, fn in caches.items()}  # type: ignore[attr-defined]
    # A session of 30,000 new words must not keep them all: every cache has a bound below that.
    assert max(sizes.values()) <= 10_000, sizes
    assert len(searcher._names._expansions) <= 10_000
