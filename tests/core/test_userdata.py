"""The user's own data as a user meets it: bookmarks and notes survive a restart, a data update
that removes their record, a crash in the middle of saving and a damaged file; export and
import round-trip; bad input gives one line and exit 2; text is stored as written."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from belgai_desktop.core import messages
from belgai_desktop.core.data.build import build
from belgai_desktop.core.library import Library
from belgai_desktop.core.updates import minisign, package, store
from belgai_desktop.core.userdata.schema import FILE_NAME
from belgai_desktop.core.userdata.transfer import read_export
from tests.conftest import SOURCE_DB_DIR

REMOVED = "agoria-ai-course"
KEPT = "fps-bosa"


def belgai(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("BELGAI_DB", None)
    return subprocess.run([sys.executable, "-m", "belgai_desktop", *args], capture_output=True, text=True,
                          env=env, timeout=300, input=stdin)


def user_file() -> Path:
    return Path(os.environ["BELGAI_DATA_DIR"]) / FILE_NAME


def test_a_bookmark_and_a_note_survive_a_restart():
    library = Library()
    library.user.add_bookmark(KEPT, label="meeting")
    library.user.set_note(KEPT, "What the minister's office said")
    library.close()
    again = Library()
    assert [(b.id, b.label, b.in_data) for b in again.user.bookmarks()] == [(KEPT, "meeting", True)]
    assert again.user.note(KEPT).text == "What the minister's office said"
    assert again.user.note(KEPT).title == again.title(KEPT, "en")


def test_the_file_has_a_schema_version_and_is_in_wal_mode():
    Library().user.set_note(KEPT, "x")
    conn = sqlite3.connect(user_file())
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_bookmark_and_note_survive_a_data_update_that_removes_their_record(tmp_path, monkeypatch):
    library = Library()
    title = library.title(REMOVED, "en")
    library.user.add_bookmark(REMOVED)
    library.user.set_note(REMOVED, "keep this")
    library.close()
    # a data team removes the record and publishes a signed package
    db_dir = tmp_path / "db"
    shutil.copytree(SOURCE_DB_DIR, db_dir, ignore=shutil.ignore_patterns("*.sqlite", ".belgai-build-*"))
    (db_dir / "records" / f"{REMOVED}.toml").unlink()
    secret, public = minisign.write_key_pair(tmp_path / "keys")
    pkg = package.pack(tmp_path / "v2.belgai", secret, build(db_dir), data_version=2)
    monkeypatch.setenv("BELGAI_TRUSTED_KEYS", str(public))
    store.install(pkg)

    updated = Library()
    assert not updated.exists(REMOVED)
    bookmark = updated.user.bookmarks()[0]
    assert (bookmark.id, bookmark.title, bookmark.in_data) == (REMOVED, title, False)
    assert updated.user.note(REMOVED).text == "keep this"
    updated.close()
    shown = belgai("bookmarks", "list")
    assert shown.returncode == 0, shown.stderr
    assert f"no longer in the data (last seen as “{title}”)" in shown.stdout
    # still editable from the CLI, though the record is gone
    assert belgai("notes", "set", REMOVED, "changed").returncode == 0
    assert json.loads(belgai("notes", "show", REMOVED, "--json").stdout)["text"] == "changed"


SAVER = """
import sys
from belgai_desktop.core.library import Library
user = Library().user
for i in range(1000):
    user.set_note(f"rec-{i % 37}", f"save {i}")
    user.add_bookmark(f"rec-{i % 37}")
    print(i, flush=True)
"""


def test_kill_9_during_1000_note_saves_keeps_every_save_that_returned(tmp_path):
    # the records do not exist in the data: the store is keyed on ids only
    proc = subprocess.Popen([sys.executable, "-c", SAVER], stdout=subprocess.PIPE, text=True,
                            env={**os.environ}, cwd=Path(__file__).parents[2])
    assert proc.stdout is not None
    stop_after = random.randint(50, 900)
    done = -1
    for line in proc.stdout:
        done = int(line)
        if done >= stop_after:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert done >= stop_after
    user = Library().user
    notes = {n.id: n.text for n in user.notes()}
    # every save that returned is there: the last returned save of each record, or a later one
    for rid in range(37):
        last_returned = max((i for i in range(done + 1) if i % 37 == rid), default=None)
        if last_returned is None:
            continue
        saved = int(notes[f"rec-{rid}"].split()[1])
        assert saved >= last_returned
        assert user.is_bookmarked(f"rec-{rid}")


def test_a_damaged_user_database_is_moved_aside_and_read_back(tmp_path):
    library = Library()
    library.user.set_note(KEPT, "important")
    library.close()
    path = user_file()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[100:400] = b"\xff" * 300  # the first page's schema
    path.write_bytes(bytes(data))
    said: list[str] = []
    messages.add_handler(lambda level, text: said.append(text))
    try:
        fresh = Library()
        assert fresh.user.notes() == []
    finally:
        messages._handlers.clear()
    moved = list(path.parent.glob("user.damaged-*.sqlite"))
    assert len(moved) == 1 and len(said) == 1 and str(moved[0]) in said[0]
    fresh.user.set_note("other", "new")  # the fresh file works
    # the reference data is unaffected, and the app starts
    assert fresh.exists(KEPT)
    result = belgai("notes", "import", str(moved[0]))
    assert result.returncode in (0, 2)  # how much is readable depends on where the damage is
    assert "Traceback" not in result.stderr


def test_notes_import_reads_back_a_moved_aside_file_when_its_pages_are_readable(tmp_path):
    Library().user.set_note(KEPT, "from the old file")
    moved = tmp_path / "user.damaged-20250101-000000.sqlite"
    with sqlite3.connect(user_file()) as conn:
        conn.execute("VACUUM INTO ?", (str(moved),))
    Library().user.clear_notes()
    assert read_export(moved)["notes"][0]["text"] == "from the old file"
    result = belgai("notes", "import", str(moved))
    assert result.returncode == 0, result.stderr
    assert Library().user.note(KEPT).text == "from the old file"


def test_export_then_import_round_trips_exactly(tmp_path, monkeypatch):
    user = Library().user
    texts = {KEPT: "Plain <b>not bold</b> & 🙂", "fod-economie": "שלום עולם — right to left",
             REMOVED: "line one\nline two\n"}
    for rid, text in texts.items():
        user.set_note(rid, text)
    user.add_bookmark(KEPT, label="meeting")
    user.save_search("Flemish plans", "plan", kind="strategy", level="regional")
    out = tmp_path / "export.json"
    assert belgai("notes", "export", "-o", str(out)).returncode == 0
    exported = json.loads(out.read_text(encoding="utf-8"))

    monkeypatch.setenv("BELGAI_DATA_DIR", str(tmp_path / "elsewhere"))
    result = belgai("notes", "import", str(out))
    assert result.returncode == 0, result.stderr
    again = tmp_path / "again.json"
    assert belgai("notes", "export", "-o", str(again)).returncode == 0
    assert json.loads(again.read_text(encoding="utf-8")) == exported
    # importing twice adds nothing
    assert belgai("notes", "import", str(out)).returncode == 0
    assert len(Library().user.notes()) == 3 and len(Library().user.bookmarks()) == 1


def test_csv_export(tmp_path):
    """(The PDF export needs Qt: tests/ui/test_print_ui.py.)"""
    Library().user.set_note(KEPT, "for the CSV")
    csv_out = tmp_path / "n.csv"
    assert belgai("notes", "export", "-o", str(csv_out)).returncode == 0
    assert "for the CSV" in csv_out.read_text(encoding="utf-8")


def test_notes_show_json_and_text_is_stored_as_written(tmp_path):
    big = ("<script>x</script> 🙂 مرحبا " * 40_000)[:1_000_000]
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    assert belgai("notes", "set", KEPT, "--file", str(tmp_path / "big.txt")).returncode == 0
    shown = json.loads(belgai("notes", "show", KEPT, "--json").stdout)
    assert {"id", "title", "text", "updated"} <= set(shown)
    assert shown["id"] == KEPT and shown["text"] == big


@pytest.mark.parametrize("args", [
    ["bookmarks", "add", "no-such-record"],
    ["notes", "set", "no-such-record", "text"],
    ["notes", "show", KEPT],  # no note yet
    ["bookmarks", "remove", KEPT],  # not bookmarked
    ["notes", "set", KEPT],
    ["notes", "set", KEPT, "--file", "/nonexistent/file"],
    ["notes", "export", "-o", "/tmp/notes.docx"],
    ["notes", "import", "/nonexistent/file.json"],
])
def test_bad_input_is_one_line_and_exit_2(args):
    result = belgai(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_importing_something_else_is_refused(tmp_path):
    (tmp_path / "x.json").write_text('{"hello": 1}', encoding="utf-8")
    result = belgai("notes", "import", str(tmp_path / "x.json"))
    assert result.returncode == 2 and "not a BelgAI" in result.stderr


def test_an_unwritable_user_folder_leaves_the_app_running_and_says_so_once(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BELGAI_DATA_DIR", str(blocker / "data"))
    said: list[str] = []
    messages.add_handler(lambda level, text: said.append(text))
    try:
        library = Library()
        library.user.add_bookmark(KEPT)  # for this session only
        library.user.set_note(KEPT, "session")
        assert library.user.read_only and library.user.is_bookmarked(KEPT)
    finally:
        messages._handlers.clear()
    assert len(said) == 1 and "cannot be saved" in said[0]
    result = belgai("bookmarks", "add", KEPT)
    assert result.returncode == 2 and "cannot be written" in result.stderr


def test_recent_keeps_the_last_50_and_clear_history_keeps_bookmarks_and_notes():
    user = Library().user
    for i in range(60):
        user.add_recent(f"r{i}")
    user.add_search("bosa")
    user.add_bookmark(KEPT)
    user.set_note(KEPT, "n")
    recent = user.recent()
    assert len(recent) == 50 and recent[0].id == "r59"
    user.clear_history()
    assert user.recent() == [] and user.search_history() == []
    assert user.is_bookmarked(KEPT) and user.note(KEPT) is not None


def test_a_file_from_a_newer_version_is_left_alone_and_the_app_runs():
    Library().user.set_note(KEPT, "from the future")
    with sqlite3.connect(user_file()) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = user_file().read_bytes()
    said: list[str] = []
    messages.add_handler(lambda level, text: said.append(text))
    try:
        library = Library()
        assert library.user.read_only and library.user.notes() == []
    finally:
        messages._handlers.clear()
    assert any("newer version" in text for text in said)
    library.close()
    assert user_file().read_bytes() == before
