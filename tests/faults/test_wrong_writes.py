"""Cases 1–3 of issue 14: writes where the app must not write."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_DB_DIR
from tests.faults.conftest import assert_ok, assert_one_line_error, tree_state
from tests.ui.conftest import OFFSCREEN_NOISE

FIXTURE_IDS = {"test-agency", "test-event", "test-ministry", "test-person", "test-plan"}
URI_NAMES = ["rw?x.sqlite", "C#/belgai.sqlite", "100%/belgai.sqlite", "50%2F/belgai.sqlite",
             "with space/belgai.sqlite", "données é/belgai.sqlite", "q?mode=rwc&x=1/belgai.sqlite"]


# -- 1. read-only mode survives any character in the path --------------------------------

@pytest.mark.parametrize("name", URI_NAMES)
def test_1_database_path_with_uri_characters_is_opened_read_only(cli, fixture_db_path, tmp_path, name):
    folder = tmp_path / "d"
    db = folder / name
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture_db_path, db)
    before = tree_state(folder)
    result = cli("--database", db, "list", "--json")
    assert_ok(result)
    assert {r["id"] for r in json.loads(result.out)} == FIXTURE_IDS
    assert tree_state(folder) == before  # no "d/rw" or "d/C" created, the database untouched


@pytest.mark.parametrize("name", URI_NAMES[:3])
def test_1_db_check_reads_the_same_paths(fixture_db_path, tmp_path, name):
    from belgai_desktop.core.data.check import check_database

    folder = tmp_path / "d"
    db = folder / name
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture_db_path, db)
    before = tree_state(folder)
    assert check_database(db, FIXTURE_DB_DIR) == []
    assert tree_state(folder) == before


@pytest.mark.parametrize("folder_name", ["C#", "a?b", "100% é"])
def test_1_cache_and_config_folders_with_uri_characters(cli, fixture_db_path, tmp_path, folder_name):
    odd = tmp_path / folder_name
    result = cli("--database", fixture_db_path, "search", "test agency", "--json", "--lang", "nl",
                 BELGAI_CACHE_DIR=str(odd / "cache"), BELGAI_CONFIG_DIR=str(odd / "config"))
    assert_ok(result)
    assert json.loads(result.out)["results"][0]["id"] == "test-agency"
    assert (odd / "cache" / "index").is_dir()


# -- 2. output files never replace devices, pipes or folders ------------------------------

def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"out-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "char-device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a replica of /dev/full
    elif kind == "folder":
        path.mkdir()
        (path / "keep.txt").write_text("mine")
    return path


def _same_thing(path: Path, before: os.stat_result) -> None:
    after = path.lstat()
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.parametrize("kind", ["fifo", "char-device", "folder"])
def test_2_print_refuses_to_write_over_a_non_file(cli, fixture_db_path, tmp_path, kind):
    target = _special(tmp_path, kind)
    before = target.lstat()
    result = cli("--database", fixture_db_path, "print", "test-agency", "-o", target, "--force")
    assert_one_line_error(result, str(target))
    _same_thing(target, before)
    assert not list(tmp_path.glob(".belgai-*"))  # no temporary file left


@pytest.mark.parametrize("kind", ["fifo", "char-device", "folder"])
def test_2_db_build_refuses_to_write_over_a_non_file(cli, tmp_path, kind):
    target = _special(tmp_path, kind)
    before = target.lstat()
    result = cli("db", "build", "--db-dir", FIXTURE_DB_DIR, "--output", target)
    assert_one_line_error(result, str(target))
    _same_thing(target, before)
    assert not list(tmp_path.glob(".belgai-build-*"))


def test_2_print_over_a_link_replaces_the_link_not_its_target(cli, fixture_db_path, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious\n")
    link = tmp_path / "out.pdf"
    link.symlink_to(victim)
    result = cli("--database", fixture_db_path, "print", "test-agency", "-o", link, "--force")
    assert_ok(result)
    assert victim.read_bytes() == b"precious\n"
    assert not link.is_symlink() and link.read_bytes().startswith(b"%PDF")


# -- 3. settings are renamed into place, never written through a link ---------------------

def _settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from belgai_desktop.gui import settings

    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("BELGAI_CONFIG_DIR", str(config))
    return config / settings.FILE_NAME


def test_3_settings_saved_over_a_symlink_leave_its_target_alone(tmp_path, monkeypatch):
    from belgai_desktop.gui import settings

    path = _settings_file(tmp_path, monkeypatch)
    victim = tmp_path / "system-file"
    victim.write_bytes(b"[system]\nkey=value\n")
    path.symlink_to(victim)
    stored = settings.open_settings()
    stored.setValue(settings.SPLITTER, [300, 500])
    stored.sync()
    assert victim.read_bytes() == b"[system]\nkey=value\n"
    assert path.is_file() and not path.is_symlink()
    assert settings.numbers(settings.open_settings(), settings.SPLITTER) == [300, 500]


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
def test_3_closing_the_window_does_not_write_through_a_symlink(qtbot, fixture_library, tmp_path, monkeypatch):
    from belgai_desktop.gui.app import start

    path = _settings_file(tmp_path, monkeypatch)
    victim = tmp_path / "system-file"
    victim.write_bytes(b"[system]\nkey=value\n")
    path.symlink_to(victim)
    _app, window = start(library=fixture_library)
    qtbot.addWidget(window)
    window.close()
    window.live.wait()
    assert victim.read_bytes() == b"[system]\nkey=value\n"
    assert not path.is_symlink() and b"[window]" in path.read_bytes()


def test_3_an_unwritable_settings_folder_is_said_once(tmp_path, monkeypatch, said):
    from belgai_desktop.gui import settings

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BELGAI_CONFIG_DIR", str(blocker / "config"))
    monkeypatch.setattr(settings, "_said", set())
    stored = settings.open_settings()
    stored.setValue(settings.PAGE_ZOOM, 2)
    stored.sync()
    stored.sync()
    assert len([t for t in said if "settings" in t]) == 1
    assert blocker.read_text() == "not a folder"
