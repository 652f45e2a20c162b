"""The CLI contract other tools rely on: JSON shapes, exit codes, one-line errors, no Qt."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from belgai_desktop.cli import main


def cli_env() -> dict[str, str]:
    """The environment at call time: the autouse fixture's isolated cache, settings and data
    folders, never the user's real ones (a copy made at import would predate them)."""
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}


def belgai(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "belgai_desktop", *args], capture_output=True,
                          text=True, env=env or cli_env(), timeout=120)


def test_show_json_holds_the_whole_record(capsys):
    assert main(["show", "flemish-ai-policy-plan", "--json", "--lang", "fr"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("id", "kind", "level", "names", "acronyms", "summary", "related", "people", "budgets",
                "dates", "links", "sources"):
        assert key in data
    assert data["id"] == "flemish-ai-policy-plan"
    assert set(data["names"]) == set(data["summary"]) == {"en", "nl", "fr", "de"}
    assert data["title"] == data["names"]["fr"]["text"]
    budget = data["budgets"][0]
    assert budget["currency"] == "EUR" and budget["citations"][0]["file"].endswith(".txt")
    assert budget["citations"][0]["as_of"]
    assert all(r["relation"] and r["title"] and r["kind"] for r in data["related"] + data["parents"])


def test_show_says_when_a_title_is_ours_in_text_and_json(capsys):
    assert main(["show", "event-team-up-launch-2017", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title_descriptive"] is True
    assert main(["show", "event-team-up-launch-2017", "--lang", "de"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Start des KI-Aufrufs Team Up (beschreibender Titel)"
    assert main(["show", "team-up", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title_descriptive"] is False
    assert main(["show", "team-up"]) == 0
    assert "descriptive" not in capsys.readouterr().out.splitlines()[0]


def test_list_json_is_an_array_of_id_kind_level_title_in_the_language(capsys):
    assert main(["list", "--json", "--lang", "nl", "--kind", "plan"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert items and all(set(i) == {"id", "kind", "level", "title"} for i in items)
    assert all(i["kind"] == "plan" for i in items)
    plan = next(i for i in items if i["id"] == "flemish-ai-policy-plan")
    assert plan["title"] == "Vlaams Beleidsplan Artificiële Intelligentie"


def test_list_filters_by_level(capsys):
    assert main(["list", "--json", "--level", "walloon"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert items and {i["level"] for i in items} == {"walloon"}


def test_show_text_puts_every_disputed_budget_beside_its_source(capsys):
    assert main(["show", "flemish-ai-policy-plan", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    budgets = out.split("Budgets:")[1].split("Dates:")[0]
    assert "⚠ Budget: the sources disagree" in budgets  # headed by what is disputed
    lines = [line.strip() for line in budgets.splitlines() if line.startswith("      ⚠")]
    assert len(lines) >= 5
    for line in lines:
        assert "(as of " in line  # each value carries its document and date
    for figure in ("€30M", "€32M", "€35M", "€36M"):
        assert figure in budgets
    assert "National strategies on Artificial Intelligence" in budgets
    assert "A.I. Governance in Belgium" in budgets


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "no-such-record"], "no record with id 'no-such-record'"),
        (["show", "fps-bosa", "--lang", "xx"], "invalid choice: 'xx'"),
        (["list", "--kind", "spaceship"], "invalid choice: 'spaceship'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(args, message):
    result = belgai(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_database_is_one_line_and_exit_2(tmp_path):
    result = belgai("--database", str(tmp_path / "nowhere.sqlite"), "list")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "database not found" in result.stderr


def test_corrupt_database_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    result = belgai("--database", str(bad), "show", "fps-bosa")
    assert result.returncode == 2
    assert "cannot read the database" in result.stderr and "Traceback" not in result.stderr


def test_database_of_another_schema_version_is_refused(tmp_path, bundled_db_path):
    import sqlite3

    old = tmp_path / "old.sqlite"
    shutil.copy(bundled_db_path, old)
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    result = belgai("--database", str(old), "list")
    assert result.returncode == 2 and "schema version 99" in result.stderr


def test_runs_from_a_read_only_install(tmp_path, bundled_db_path):
    ro_dir = tmp_path / "ro"
    ro_dir.mkdir()
    db = ro_dir / "belgai.sqlite"
    shutil.copy(bundled_db_path, db)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    ro_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = belgai("--database", str(db), "show", "fps-bosa", "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["id"] == "fps-bosa"
        assert sorted(p.name for p in ro_dir.iterdir()) == ["belgai.sqlite"]  # no journal left behind
    finally:
        ro_dir.chmod(stat.S_IRWXU)


def test_show_list_and_search_never_import_qt():
    code = (
        "import sys, io, contextlib\n"
        "from belgai_desktop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['show', 'fps-bosa']); main(['list']); main(['search', 'bosa'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_version():
    result = belgai("--version")
    assert result.returncode == 0 and result.stdout.startswith("BelgAI Desktop ")


@pytest.mark.parametrize("command", [[], ["show"], ["list"], ["search"], ["print"], ["db"], ["db", "build"],
                                     ["db", "check"], ["gui"], ["data"], ["data", "status"], ["data", "install"],
                                     ["data", "rollback"], ["data", "diff"], ["data", "keygen"], ["data", "pack"],
                                     ["bookmarks"], ["bookmarks", "list"], ["bookmarks", "add"],
                                     ["bookmarks", "remove"], ["notes"], ["notes", "list"], ["notes", "show"],
                                     ["notes", "set"], ["notes", "export"], ["notes", "import"]])
def test_every_command_has_help_and_is_in_the_readme(command):
    result = belgai(*command, "--help")
    assert result.returncode == 0 and "usage: belgai" in result.stdout
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"belgai {' '.join(command)}".strip() in readme


def test_show_marks_our_titles_wherever_a_name_appears(capsys):
    assert main(["show", "team-up"]) == 0
    out = capsys.readouterr().out
    assert "related event: Launch of the Team Up AI call (descriptive title)" in out
    assert "managed by: Innoviris  [" in out  # a name the documents give: no mark
    assert main(["show", "ewi", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "  - Gouvernement flamand*" in out  # our French translation of "Government of Flanders"
    assert out.rstrip().endswith("* notre traduction, absente des documents sources")


def test_search_marks_titles_that_are_ours(capsys):
    """Our translations and our descriptive titles are marked in search results too."""
    from belgai_desktop.core.library import Library

    assert main(["search", "designation BIPT", "--lang", "fr", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    library = Library()
    try:
        for r in results:
            assert (r["title_translation"], r["title_descriptive"]) == library.title_marks(r["id"], "fr")
    finally:
        library.close()
    assert any(r["title_descriptive"] for r in results) and any(r["title_translation"] for r in results)
    assert main(["search", "designation BIPT", "--lang", "fr"]) == 0
    text = capsys.readouterr().out
    assert "(titre descriptif)" in text and "* notre traduction" in text


def test_show_opens_with_the_key_facts_in_text_and_json(capsys):
    assert main(["show", "flemish-ai-policy-plan", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:4] == ["Type: Plan", "Government level: Flanders"]
    head = "\n".join(lines[:10])
    assert "Budget: €30M – €36M — 6 figures: the sources disagree" in head
    assert "Under the responsibility of: Matthias Diependaele — responsible minister" in head
    assert "Key dates: Launched: March 2019 or July 2019 (the sources disagree)" in head
    assert main(["show", "flemish-ai-policy-plan", "--json", "--lang", "nl"]) == 0
    data = json.loads(capsys.readouterr().out)
    facts = {f["key"]: f for f in data["key_facts"]}
    assert facts["budget"]["label"] == "Budget" and "de bronnen zijn het oneens" in facts["budget"]["value"]
    assert {"kind", "level", "responsible_for", "budget", "dates", "supervises"} <= set(facts)
    assert data["id"] == "flemish-ai-policy-plan" and data["budgets"]  # the whole record is still there
