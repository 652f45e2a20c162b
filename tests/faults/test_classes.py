"""The classes of faults that already held when issue 14 was filed, kept so that they keep holding:
foreign and damaged databases, kill -9 during builds, a read-only install used by a non-root
user, hostile arguments, markup in the data, and no network."""

from __future__ import annotations

import json
import os
import pwd
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from belgai_desktop.core import paths
from belgai_desktop.core.search.searcher import Searcher
from tests.conftest import FIXTURE_DB_DIR
from tests.faults.conftest import TIMEOUT, assert_ok, assert_one_line_error, make_env

COMMANDS = [["list"], ["show", "test-agency"], ["search", "agency"], ["db", "check", "--db-dir", str(FIXTURE_DB_DIR)]]


# -- missing, foreign and damaged databases ---------------------------------------------------

def _foreign(tmp_path: Path, fixture_db_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.sqlite"
    if kind == "folder":
        path.mkdir()
    elif kind == "random-bytes":
        path.write_bytes(random.Random(1).randbytes(8192))
    elif kind == "another-app":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.commit()
        conn.close()
    elif kind == "truncated":
        path.write_bytes(fixture_db_path.read_bytes()[:20_000])
    elif kind == "old-schema":
        shutil.copy(fixture_db_path, path)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    return path  # "missing": nothing there


@pytest.mark.parametrize("kind", ["missing", "folder", "random-bytes", "another-app", "truncated", "old-schema"])
@pytest.mark.parametrize("command", COMMANDS[:3])
def test_unusable_database_is_one_line_and_exit_2(cli, fixture_db_path, tmp_path, kind, command):
    db = _foreign(tmp_path, fixture_db_path, kind)
    before = db.read_bytes() if db.is_file() else None
    assert_one_line_error(cli("--database", db, *command), str(db))
    assert (db.read_bytes() if db.is_file() else None) == before


@pytest.mark.parametrize("kind", ["missing", "random-bytes", "another-app", "truncated"])
def test_db_check_lists_an_unusable_database_as_a_problem(cli, fixture_db_path, tmp_path, kind):
    db = _foreign(tmp_path, fixture_db_path, kind)
    result = cli("--database", db, "db", "check", "--db-dir", FIXTURE_DB_DIR)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and str(db) in result.out


# -- kill -9 during an index build and during a database build -------------------------------

KILLS = 3


@pytest.mark.slow
def test_kill_9_during_index_builds_never_leaves_a_broken_index(tmp_path, bundled_db_path):
    env = make_env(tmp_path)
    argv = [sys.executable, "-m", "belgai_desktop", "--database", str(bundled_db_path), "search", "AI act", "--json"]
    rng = random.Random(9)
    index_dir = Path(env["BELGAI_CACHE_DIR"]) / "index"
    for _ in range(KILLS):
        proc = subprocess.Popen(argv, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (index_dir.is_dir() and any(p.name.startswith(".tmp-") for p in index_dir.iterdir())):
            if proc.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.5))  # somewhere in the build
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if index_dir.is_dir():
            for p in index_dir.iterdir():
                if not p.name.startswith("."):
                    shutil.rmtree(p)  # keep the index cold: the next run builds again
    after = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, timeout=TIMEOUT)
    assert after.returncode == 0 and b"Traceback" not in after.stderr
    clean_env = make_env(tmp_path / "clean")
    clean = subprocess.run(argv, env=clean_env, cwd=tmp_path, capture_output=True, timeout=TIMEOUT)
    assert json.loads(after.stdout)["results"] == json.loads(clean.stdout)["results"]
    assert [p.name for p in index_dir.iterdir() if p.name.startswith(".")] == []  # leftovers cleaned


@pytest.mark.slow
def test_kill_9_during_db_build_leaves_the_old_database_whole(tmp_path, fixture_db_path):
    from belgai_desktop.core.library import Library

    target = tmp_path / "belgai.sqlite"
    shutil.copy(fixture_db_path, target)
    before = target.read_bytes()
    env = make_env(tmp_path)
    argv = [sys.executable, "-m", "belgai_desktop", "db", "build", "--db-dir", str(FIXTURE_DB_DIR),
            "--output", str(target)]
    rng = random.Random(11)
    for _ in range(KILLS):
        proc = subprocess.Popen(argv, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert target.read_bytes() == before or Library(target).list()  # the old one, or a whole new one
    Library(target).close()
    result = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".belgai")) == []  # leftovers gone


def test_temporary_files_of_killed_prints_are_removed_by_the_next_print(cli, fixture_db_path, tmp_path):
    import subprocess as sp

    dead = sp.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f".belgai-pdf-{int(dead.stdout)}-x1y2z3.pdf.tmp"
    abandoned.write_bytes(b"%PDF-1.4 half")
    running = tmp_path / ".belgai-pdf-1-x1y2z3.pdf.tmp"  # pid 1 is alive: not ours to remove
    running.write_bytes(b"%PDF")
    mine = tmp_path / "notes.pdf.tmp"
    mine.write_bytes(b"the user's own")
    assert_ok(cli("--database", fixture_db_path, "print", "test-agency", "-o", tmp_path / "out.pdf"))
    assert not abandoned.exists() and running.exists() and mine.read_bytes() == b"the user's own"


# -- a read-only install used by a user who is not root -------------------------------------------

RUNNER = """
import os, sys, _strptime, zlib, struct, pickle, json, uuid, shutil, tempfile
import encodings.latin_1, encodings.ascii, encodings.utf_8, encodings.idna
import babel.dates, babel.numbers, babel.lists
from babel import Locale
from babel.messages import mofile, pofile
for tag in ("en_GB", "nl_BE", "fr_BE", "de_BE", "en"):
    Locale.parse(tag).number_symbols
import whoosh.filedb.filestore, whoosh.index, whoosh.writing, whoosh.reading, whoosh.codec.whoosh3
import belgai_desktop.cli as cli
from belgai_desktop.core.text import phrases
from belgai_desktop.core.render import plain, page
from belgai_desktop.core.text import labels
from belgai_desktop.core.search import searcher as search
from belgai_desktop.core.search import index as search_index
from belgai_desktop.core import library
from belgai_desktop.core.data import check
from belgai_desktop.core.data import build
from belgai_desktop.core import outputs
import belgai_desktop.cli_data
from belgai_desktop.core.updates import diff, minisign, package, store
from belgai_desktop.core import paths
paths.package_data_dir()  # importlib.resources loads its readers lazily
# The interpreter and its libraries may sit where the user cannot read (a root-only pyenv):
# everything is imported first, then the process becomes the user.
os.setgroups([])
os.setgid(int(os.environ["RUN_GID"]))
os.setuid(int(os.environ["RUN_UID"]))
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.fixture
def as_nobody(tmp_path_factory):
    """Run ``belgai`` as the user ``nobody`` over a read-only copy of the install."""
    if os.geteuid() != 0:
        pytest.skip("needs root to become another user")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody' on this machine")
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="belgai-ro-", dir="/tmp"))  # /tmp: traversable by nobody
    base.chmod(0o755)
    install = base / "install"
    install.mkdir()
    db = install / "belgai.sqlite"
    shutil.copy(paths.REPO_ROOT / "db" / "belgai.sqlite", db)
    db.chmod(0o444)
    install.chmod(0o555)
    home = base / "home"
    home.mkdir()
    os.chown(home, nobody.pw_uid, nobody.pw_gid)

    def run(*args: str | Path, cache: Path | None = None) -> subprocess.CompletedProcess:
        env = make_env(home, RUN_UID=str(nobody.pw_uid), RUN_GID=str(nobody.pw_gid))
        if cache is not None:
            env["BELGAI_CACHE_DIR"] = str(cache)
        argv = [sys.executable, "-c", RUNNER, "--database", str(db), *map(str, args)]
        return subprocess.run(argv, env=env, cwd=base, capture_output=True, timeout=TIMEOUT)

    before = db.read_bytes()
    yield run, base, home
    assert db.read_bytes() == before
    assert sorted(p.name for p in install.iterdir()) == ["belgai.sqlite"]  # nothing written in the install
    install.chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


def test_read_only_install_as_a_non_root_user(as_nobody):
    run, base, home = as_nobody
    for args in (["list", "--lang", "nl"], ["search", "AI act", "--lang", "fr", "--json"],
                 ["show", "fps-bosa", "--lang", "de"]):
        result = run(*args)
        assert result.returncode == 0 and result.stderr == b"", (args, result.stderr)
    assert json.loads(run("search", "AI act", "--json").stdout)["results"]
    root_only = base / "root-only"
    root_only.mkdir(mode=0o700)
    result = run("search", "AI act", "--lang", "nl", cache=root_only / "cache")  # unreachable cache
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    assert "resultaten" in result.stdout.decode()  # the index in memory, the language kept


def test_untraversable_folders_as_a_non_root_user(as_nobody):
    run, base, _home = as_nobody
    locked = base / "locked"
    locked.mkdir(mode=0o700)
    shutil.copy(paths.REPO_ROOT / "db" / "belgai.sqlite", locked / "belgai.sqlite")
    sources = base / "sources"  # readable, not writable by the user: a read-only install's db/
    shutil.copytree(FIXTURE_DB_DIR, sources)
    for args in (["db", "build", "--db-dir", sources],
                 ["--database", locked / "belgai.sqlite", "list"],
                 ["print", "fps-bosa", "-o", locked / "out.pdf"],
                 ["print", "fps-bosa", "-o", "/root/out.pdf"],
                 ["db", "build", "--output", locked / "new.sqlite"]):
        result = run(*args)
        text = result.stderr.decode()
        assert result.returncode == 2 and "Traceback" not in text and len(text.strip().splitlines()) == 1, \
            (args, text)
    assert sorted(p.name for p in locked.iterdir()) == ["belgai.sqlite"]
    assert not (sources / "belgai.sqlite").exists()


# -- hostile arguments and encodings --------------------------------------------------------------

def _hostile(rng: random.Random) -> str:
    pools = ["\x00\x01\x1b[31m\x7f", "\u202e\u200b\ufeff", "😀🇧🇪", "ﷺ½ǅﬁ", "\udcff\ud800", "AND OR NOT ( ) * ? ~ ^",
             "<script>&amp;\"'", "é" * 3, "\\n\\t%s{0}{n}", "a" * 50, " \t\n"]
    return "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, 40)))


def test_fuzzed_queries_raise_nothing(fixture_library, tmp_path):
    rng = random.Random(8)
    searcher = Searcher(fixture_library, index_dir=tmp_path / "index")
    for _ in range(500):
        query = _hostile(rng)
        for lang in ("en", "nl"):
            result = searcher.search(query, lang=lang, limit=rng.randint(1, 30))
            assert result.total >= len(result.hits)
    assert searcher.search("x" * 100_000).total >= 0


@pytest.mark.parametrize("args", [
    ["search", "agency", "--limit", "-1"],
    ["search", "agency", "--limit", "1e3"],
    ["search", "agency", "--lang", "xx"],
    ["show", "../../../etc/passwd"],
    ["show", "--", "-rf"],
    ["list", "--kind", "<script>"],
    ["print", "test-agency"],
    ["db", "frobnicate"],
])
def test_hostile_arguments_are_one_line(cli, fixture_db_path, args):
    assert_one_line_error(cli("--database", fixture_db_path, *args))


def test_hostile_query_on_the_command_line(cli, fixture_db_path):
    result = cli("--database", fixture_db_path, "search", "agency", "--limit", "99999999999999999999999")
    assert_ok(result)
    for query in ["-", "AND", "\u202e\u200b", "😀" * 500, "a" * 5000, "'; DROP TABLE records; --"]:
        result = cli("--database", fixture_db_path, "search", query, "--json")
        assert_ok(result)
        json.loads(result.out)


# -- markup in the data -----------------------------------------------------------------------

MARKUP = "<script>alert(1)</script> & <b>bold</b> <img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def markup_library(tmp_path_factory):
    from belgai_desktop.core.data.build import build
    from belgai_desktop.core.library import Library

    src = tmp_path_factory.mktemp("markup") / "db"
    shutil.copytree(FIXTURE_DB_DIR, src)
    record = src / "records" / "test-agency.toml"
    text = record.read_text(encoding="utf-8")
    text = text.replace('en = "An agency used by the tests, part of the test ministry."',
                        f'en = "An agency used by the tests {MARKUP} part of the test ministry."')
    text = text.replace('en = "Test Agency for Data Protection"', f'en = "Test Agency {MARKUP}"')
    record.write_text(text, encoding="utf-8")
    library = Library(build(src, src / "belgai.sqlite", None))  # invented records: not checked against the documents
    yield library
    library.close()


def test_markup_in_the_data_is_escaped_in_snippets_and_record_pages(markup_library, tmp_path):
    from belgai_desktop.core.render.page import record_html

    hits = Searcher(markup_library, index_dir=tmp_path / "index").search("agency tests").hits
    hit = next(h for h in hits if h.id == "test-agency")
    assert "<script>" in hit.snippet and "<script>" not in hit.snippet_html and "&lt;script&gt;" in hit.snippet_html
    page = record_html(markup_library.get("test-agency"))
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


# -- no network -----------------------------------------------------------------------------------

AUDIT = """
import sys
events = []
sys.addaudithook(lambda event, args: events.append(event) if event.startswith(("socket.", "urllib.")) else None)
from belgai_desktop import cli
code = cli.main(sys.argv[1:])
sys.stderr.write("NETWORK:" + ",".join(sorted(set(events))) + "\\n")
sys.exit(code)
"""


@pytest.mark.parametrize("args", [["list", "--lang", "nl"], ["search", "agency", "--json"],
                                  ["show", "test-plan", "--lang", "fr"], ["print", "test-plan", "-o", "out.pdf"]])
def test_no_socket_is_opened(tmp_path, fixture_db_path, args):
    env = make_env(tmp_path)
    result = subprocess.run([sys.executable, "-c", AUDIT, "--database", str(fixture_db_path), *args],
                            env=env, cwd=tmp_path, capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().splitlines()[-1] == "NETWORK:"
