"""The façade is the one door: what the CLI and the GUI need is a call on the core, not logic
of their own (search with progress, the whole `db check`)."""

from __future__ import annotations

from pathlib import Path

from belgai_desktop.core import messages
from belgai_desktop.core.data.check import check_all
from tests.conftest import SOURCE_DB_DIR


def test_the_first_search_builds_the_index_and_says_how_far(fixture_library) -> None:
    heard: list[tuple[int, int]] = []
    result = fixture_library.search("agency", progress=lambda done, total: heard.append((done, total)))
    assert any(hit.id == "test-agency" for hit in result.hits)
    total = len(fixture_library.list())
    assert heard and heard[-1] == (total, total)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    heard.clear()
    fixture_library.search("plan", progress=lambda done, total: heard.append((done, total)))
    assert heard == [], "the index is built once"


def test_check_all_checks_the_sources_and_the_database_beside_them() -> None:
    report = check_all(SOURCE_DB_DIR)
    assert report.database == SOURCE_DB_DIR / "belgai.sqlite"
    assert report.problems == []


def test_check_all_without_the_documents_says_so_and_checks_the_rest(tmp_path: Path) -> None:
    said: list[tuple[str, str]] = []

    def hear(level: str, text: str) -> None:
        said.append((level, text))

    messages.add_handler(hear)
    try:
        report = check_all(SOURCE_DB_DIR, seeds_dir=tmp_path / "no-documents")
    finally:
        messages.remove_handler(hear)
    assert report.problems == []
    assert said == [("warning", f"source documents not found in {tmp_path / 'no-documents'}: "
                                "web addresses not verified")]
