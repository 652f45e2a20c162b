"""Cases 4–11 of issue 14: each was a traceback; now one line and exit 2, or a silent recovery."""

from __future__ import annotations

import json
import random
import shutil
import zlib
from pathlib import Path

import pytest

from belgai_desktop.core import paths
from belgai_desktop.core.search import index as si
from belgai_desktop.core.search.searcher import Searcher
from tests.conftest import FIXTURE_DB_DIR
from tests.faults.conftest import assert_ok, assert_one_line_error
from tests.ui.conftest import OFFSCREEN_NOISE

QUERIES = ["test agency", "ministry", "Testa", "protection des données", "plan", "agentsch", "xyzzy"]


def results(searcher: Searcher) -> list[list[str]]:
    return [searcher.search(q, lang=lang).ids for q in QUERIES for lang in ("en", "fr")]


# -- 4. concurrent cold-cache builds ---------------------------------------------------------

def test_4_a_segment_gone_while_loading_a_fresh_index_is_not_a_traceback(fixture_library, tmp_path, monkeypatch):
    """What a concurrent build does to ours: whoosh's NameError for a segment another
    process swapped away between listing the folder and reading it."""
    from whoosh.filedb.filestore import RamStorage

    real_open = RamStorage.open_index
    calls: list[int] = []

    def racing_open(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise NameError("MAIN_b7k2xq0c1d9m3n.seg")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(RamStorage, "open_index", racing_open)
    searcher = Searcher(fixture_library, index_dir=tmp_path / "index")
    assert searcher.search("test agency").ids[0] == "test-agency"
    assert calls


def test_4_four_cold_builds_at_once_all_answer_the_same(fixture_db_path, tmp_path):
    import subprocess
    import sys

    from tests.faults.conftest import make_env

    env = make_env(tmp_path)
    argv = [sys.executable, "-m", "belgai_desktop", "--database", str(fixture_db_path), "search", "test", "--json"]
    for _round in range(2):
        shutil.rmtree(env["BELGAI_CACHE_DIR"], ignore_errors=True)
        procs = [subprocess.Popen(argv, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(4)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0] * 4, [e for _o, e in outs]
        assert all(e == b"" for _o, e in outs), [e for _o, e in outs]
        assert len({json.dumps(json.loads(o)["results"]) for o, _e in outs}) == 1
    leftovers = [p.name for p in (Path(env["BELGAI_CACHE_DIR"]) / "index").iterdir() if p.name.startswith(".")]
    assert leftovers == []


# -- 5. the index folder deleted during a build ----------------------------------------------

def test_5_index_folder_deleted_during_the_build(fixture_library, tmp_path):
    index_dir = tmp_path / "cache" / "index"

    deleted: list[int] = []

    def delete_it(done: int, _total: int) -> None:
        if done == 1 and not deleted:  # once: a fallback build reports progress again
            deleted.append(done)
            shutil.rmtree(index_dir)

    searcher = Searcher(fixture_library, index_dir=index_dir, progress=delete_it)
    assert searcher.search("test agency").ids[0] == "test-agency"
    assert deleted
    assert Searcher(fixture_library, index_dir=index_dir).search("test agency").ids[0] == "test-agency"


def test_5_index_files_deleted_while_the_new_index_is_read(fixture_library, tmp_path, monkeypatch):
    """`rm -rf` half-way: the files gone, the folder not yet, just after the build wrote them."""
    real_read_text = Path.read_text
    emptied: list[Path] = []

    def read_then_delete(self: Path, *args, **kwargs) -> str:
        text = real_read_text(self, *args, **kwargs)
        if self.name == si.MARKER and not emptied:
            emptied.append(self.parent)
            for child in self.parent.iterdir():
                child.unlink()
        return text

    monkeypatch.setattr(Path, "read_text", read_then_delete)
    searcher = Searcher(fixture_library, index_dir=tmp_path / "index")
    assert emptied
    assert searcher.search("test agency").ids[0] == "test-agency"


# -- 6. damaged index files ---------------------------------------------------------------

@pytest.fixture(scope="module")
def pristine_index(tmp_path_factory, fixture_db_path):
    from belgai_desktop.core.library import Library

    library = Library(fixture_db_path)
    root = tmp_path_factory.mktemp("pristine") / "index"
    random.seed(14)  # whoosh names its segments with `random`: the same bytes on every run
    expected = results(Searcher(library, index_dir=root))
    yield library, root, expected
    library.close()


def _fresh_copy(root: Path, tmp_path: Path) -> tuple[Path, Path]:
    copy = tmp_path / "index"
    shutil.copytree(root, copy)
    (folder,) = [p for p in copy.iterdir() if p.is_dir()]
    return copy, folder


FLIPS = 30


def test_6_random_bit_flips_never_raise_nor_change_results(pristine_index, tmp_path):
    library, root, expected = pristine_index
    rng = random.Random(14)
    for flip in range(FLIPS):
        copy, folder = _fresh_copy(root, tmp_path / str(flip))
        # By role and size, not name: whoosh names segments at random.
        files = sorted((p for p in folder.iterdir() if p.name != si.MARKER and p.stat().st_size),
                       key=lambda p: (p.suffix, p.stat().st_size))
        victim = rng.choice(files)
        data = bytearray(victim.read_bytes())
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
        victim.write_bytes(bytes(data))
        assert results(Searcher(library, index_dir=copy)) == expected, (flip, victim.name, at)


@pytest.mark.parametrize("damage", ["truncate", "empty", "delete", "marker"])
def test_6_truncated_emptied_or_missing_index_files(pristine_index, tmp_path, damage):
    library, root, expected = pristine_index
    copy, folder = _fresh_copy(root, tmp_path)
    for path in sorted(folder.iterdir()):
        if damage == "marker" and path.name == si.MARKER:
            path.write_text("{not json")
        elif damage != "marker" and path.suffix == ".seg":
            if damage == "delete":
                path.unlink()
            else:
                path.write_bytes(path.read_bytes()[: path.stat().st_size // 2] if damage == "truncate" else b"")
    assert results(Searcher(library, index_dir=copy)) == expected


def test_6_a_read_error_while_searching_rebuilds_the_index(fixture_library, tmp_path, monkeypatch):
    from belgai_desktop.core.search import postings

    searcher = Searcher(fixture_library, index_dir=tmp_path / "index")
    real = postings.read_postings
    failures: list[int] = []

    def damaged(*args):
        if not failures:
            failures.append(1)
            raise zlib.error("Error -3 while decompressing data: invalid block type")
        return real(*args)

    monkeypatch.setattr(postings, "read_postings", damaged)
    assert searcher.search("ministry").ids[0] == "test-ministry"
    assert failures


# -- 7. paths the file system refuses to look at ----------------------------------------------

def test_7_a_5000_character_database_path(cli):
    assert_one_line_error(cli("--database", "d/" + "x" * 5000, "list"), "database")


def test_7_print_with_a_300_character_file_name(cli, fixture_db_path, tmp_path):
    result = cli("--database", fixture_db_path, "print", "test-agency", "-o", tmp_path / ("x" * 300 + ".pdf"))
    assert_one_line_error(result, "cannot write")


def test_7_cache_folder_the_system_cannot_reach_keeps_the_language(cli, fixture_db_path, tmp_path):
    unreachable = tmp_path / ("x" * 300) / "cache"
    result = cli("--database", fixture_db_path, "search", "test agency", "--lang", "nl",
                 BELGAI_CACHE_DIR=str(unreachable))
    assert_ok(result)
    assert "resultaten" in result.out  # still Dutch
    assert result.stderr == ""


# -- 8. invalid UTF-8 and narrow terminals ----------------------------------------------------

def test_8_invalid_utf8_record_id(cli, fixture_db_path):
    assert_one_line_error(cli("--database", fixture_db_path, "show", b"\xff"), "no record")


def test_8_invalid_utf8_id_to_print(cli, fixture_db_path, tmp_path):
    result = cli("--database", fixture_db_path, "print", b"\xff", "-o", tmp_path / "f.pdf")
    assert_one_line_error(result, "no record")
    assert not (tmp_path / "f.pdf").exists()


def test_8_search_json_with_invalid_utf8_query_is_valid_utf8(cli, fixture_db_path):
    result = cli("--database", fixture_db_path, "search", b"caf\xe9 agency", "--json")
    assert_ok(result)
    data = json.loads(result.out)  # result.out raises if the bytes are not UTF-8
    assert data["query"] == "caf\ufffd agency"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", [["search", "données"], ["list", "--lang", "fr"],
                                     ["show", "test-agency", "--lang", "fr"],
                                     ["search", "données", "--json"]])
def test_8_narrow_terminal_encodings(cli, fixture_db_path, encoding, command):
    result = cli("--database", fixture_db_path, *command, PYTHONIOENCODING=encoding)
    assert_ok(result)
    if "--json" in command:
        json.loads(result.out)
    else:
        result.stdout.decode(encoding)  # what the terminal can show


# -- 9. settings values out of range ------------------------------------------------------------

@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
@pytest.mark.parametrize("line", ["[window]\nsplitter=999999999999, 999999999999\n",
                                  "[window]\npage_zoom=99999999999999999999999\n",
                                  "[filters]\nkind=<script>\n"])
def test_9_out_of_range_setting_is_dropped_with_one_warning(qtbot, fixture_library, tmp_path, monkeypatch,
                                                            said, line):
    from belgai_desktop.gui import settings
    from belgai_desktop.gui.app import start

    config = tmp_path / "config"
    config.mkdir()
    (config / settings.FILE_NAME).write_text(line)
    monkeypatch.setenv("BELGAI_CONFIG_DIR", str(config))
    monkeypatch.setattr(settings, "_said", set(), raising=False)
    _app, window = start(library=fixture_library)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert len([t for t in said if "setting" in t]) == 1
    window.close()
    window.live.wait()


# -- 10. a translation with a broken placeholder ----------------------------------------------

@pytest.fixture
def dutch_catalog(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(paths.locales_dir(), target)
    monkeypatch.setattr(paths, "locales_dir", lambda: target)
    return target / "nl" / "LC_MESSAGES" / "belgai.po"


def test_10_broken_placeholders_fall_back_to_english_for_that_message(dutch_catalog, fixture_db_path, capsys, said):
    from belgai_desktop.cli import main

    po = dutch_catalog.read_text(encoding="utf-8")
    assert 'msgstr[1] "{n} resultaten"' in po
    po = po.replace('msgstr[1] "{n} resultaten"', 'msgstr[1] "{x} resultaten"')
    po = po.replace('msgstr "{path} geschreven"', 'msgstr "{path geschreven"')
    dutch_catalog.write_text(po, encoding="utf-8")
    assert main(["--database", str(fixture_db_path), "search", "test", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "5 results" in out.splitlines()  # this one message in English
    assert "Testagentschap voor Gegevensbescherming" in out  # the rest still Dutch
    assert len([t for t in said if "placeholder" in t]) == 1


# -- 11. db build into places it cannot write -------------------------------------------------

@pytest.mark.parametrize("where", ["/proc/x.sqlite", "folder", "missing/x.sqlite", "/dev/null/x.sqlite"])
def test_11_db_build_into_an_unwritable_place(cli, tmp_path, where):
    target = Path(where) if where.startswith("/") else tmp_path / where
    if where == "folder":
        target.mkdir()
    result = cli("db", "build", "--db-dir", FIXTURE_DB_DIR, "--output", target)
    assert_one_line_error(result, str(target))
    assert not list(tmp_path.glob(".belgai-build-*"))
