"""The CLI contract other tools rely on: JSON shapes, exit codes, one-line errors, no Qt."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from belgai_desktop.cli import main
from tests.conftest import REAL_USER_DIRS


def cli_env() -> dict[str, str]:
    """The environment at call time: the autouse fixture's isolated cache, settings and data
    folders, never the user's real ones (a copy made at import would predate them)."""
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}


def belgai(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "belgai_desktop", *args], capture_output=True,
                          text=True, env=env or cli_env(), timeout=120)


def test_cli_subprocesses_write_only_into_the_test_s_own_folders():
    """A search in a subprocess builds the search index: into the test's cache, never the user's."""
    assert belgai("search", "bosa", "--limit", "1").returncode == 0
    code = ("from pathlib import Path; from belgai_desktop.core import paths; "
            "print(Path.home(), paths.cache_dir(), paths.config_dir(), paths.data_dir(), sep='\\n')")
    seen = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env(),
                          timeout=120).stdout.split("\n")
    home = Path(os.environ["HOME"])
    assert not any(real.is_relative_to(home) for real in REAL_USER_DIRS), "HOME is the user's own"
    assert all(Path(p).is_relative_to(home) for p in seen if p), seen
    assert not any(Path(p).is_relative_to(real) for p in seen if p for real in REAL_USER_DIRS), seen
    assert any(Path(os.environ["BELGAI_CACHE_DIR"]).rglob("*")), "the index is in the test's cache"


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


def test_the_language_may_come_before_the_command(capsys):
    assert main(["--lang", "de", "show", "bipt"]) == 0
    assert capsys.readouterr().out.startswith("Belgisches Institut für Postdienste und Telekommunikation")
    assert main(["--lang", "de", "show", "bipt", "--lang", "fr"]) == 0  # the one after the command wins
    assert capsys.readouterr().out.startswith("Institut belge des services postaux")


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
        (["--lang", "xx", "show", "fps-bosa"], "invalid choice: 'xx'"),
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


def parser_commands() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Every command the parser knows (``()`` is ``belgai`` itself) → its subcommands."""
    import argparse

    from belgai_desktop.cli import build_parser

    out: dict[tuple[str, ...], list[tuple[str, ...]]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        out[path] = [(*path, name) for sub in subs for name in sub.choices]
        for sub in subs:
            for name, child in sub.choices.items():
                walk(child, (*path, name))

    walk(build_parser(), ())
    return out


def readme_commands() -> set[tuple[str, ...]]:
    """The commands the README's command table documents: each `belgai …` in a row's first
    cell, as the words before its first argument or option (`belgai db build` → ("db", "build"))."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    out: set[tuple[str, ...]] = set()
    for line in readme.splitlines():
        if not line.startswith("| `belgai"):
            continue
        first_cell = re.split(r"(?<!\\)\|", line)[1]
        for code in re.findall(r"`(belgai\b[^`]*)`", first_cell):
            words = code.split()[1:]
            if words and words[0].startswith("-"):
                continue  # `belgai --version`: an option, not a command
            command = []
            for word in words:
                if not re.fullmatch(r"[a-z]+", word):
                    break
                command.append(word)
            out.add(tuple(command))
    return out


COMMANDS = parser_commands()


@pytest.mark.parametrize("command", sorted(COMMANDS), ids=lambda c: " ".join(("belgai", *c)))
def test_every_command_has_help_and_is_in_the_readme(command):
    result = belgai(*command, "--help")
    assert result.returncode == 0 and "usage: belgai" in result.stdout
    documented = readme_commands()
    if command == () or not COMMANDS[command]:  # `belgai` itself, or a command without subcommands
        assert command in documented, f"the README's command table has no row for `belgai {' '.join(command)}`"
    else:  # a group (`belgai db`): every one of its commands has its row
        missing = [c for c in COMMANDS[command] if c not in documented]
        assert not missing, f"the README's command table lacks {['belgai ' + ' '.join(c) for c in missing]}"


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
