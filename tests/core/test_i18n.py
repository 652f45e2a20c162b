"""Translations (issue 5): the catalogs are complete and current, the CLI speaks each language
with Belgian formatting, content falls back to English visibly, and a broken catalog or locale
gives English with one warning instead of a crash.

The catalog checks use babel's catalog API (``pybabel --statistics`` counts an entry with an
empty plural form as translated).
"""

from __future__ import annotations

import gettext
import importlib.util
import io
import json
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from belgai_desktop import cli
from belgai_desktop.core import i18n, messages, paths
from belgai_desktop.core.text.formatting import format_date, format_list, format_money

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("nl", "fr", "de")


def _load_tool():
    spec = importlib.util.spec_from_file_location("belgai_i18n_tool", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def po(lang: str) -> Catalog:
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "belgai.po").open("rb") as f:
        return read_po(f, locale=lang)


def strings(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, tuple | list) else (message.string,)


def ids(message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, tuple | list) else (message.id,)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[dsif]", text.replace("{{", "").replace("%%", "")))


@pytest.fixture
def warnings_seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every warning sent through the message bridge; the once-only memory starts empty."""
    seen: list[str] = []
    monkeypatch.setattr(i18n, "_warned", set())
    handler = lambda level, text: seen.append(text) if level == "warning" else None  # noqa: E731
    messages.add_handler(handler)
    yield seen
    messages.remove_handler(handler)


def show(db: Path, record_id: str, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["--database", str(db), "show", record_id, "--lang", lang]) == 0
    # Babel uses no-break spaces in numbers and currencies; compare what the eye sees.
    return capsys.readouterr().out.replace("\u00a0", " ").replace("\u202f", " ")


# -- the catalogs -----------------------------------------------------------------------------

def test_committed_pot_matches_the_messages_in_the_code():
    problems = tool.pot_problems()
    assert not problems, "run `python tools/i18n.py refresh`:\n" + "\n".join(problems)


def test_extraction_is_deterministic():
    catalog = tool.extract_catalog()
    assert tool.serialize(catalog) == tool.serialize(tool.extract_catalog())
    assert b"POT-Creation-Date: 2025-01-01" in tool.serialize(catalog)
    # The committed file is compared by content (test above), not byte for byte, so that
    # another babel version's line wrapping or flags does not fail CI.


def test_extraction_finds_each_keyword():
    catalog = tool.extract_catalog()
    assert catalog.get("--limit must be 1 or more") is not None  # gettext as _
    assert catalog.get("{n} result").id == ("{n} result", "{n} results")  # ngettext
    assert catalog.get("Ministry / public service", context="kind") is not None  # labels.N_
    assert catalog.get("more than {amount}", context="budget") is not None  # pgettext


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_has_every_message_of_the_template(lang):
    template, catalog = tool.read_catalog(tool.POT), po(lang)
    missing = [tool.describe(m) for m in template if m.id and catalog.get(m.id, m.context) is None]
    assert not missing, f"run `python tools/i18n.py update`: {missing}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_entry_and_every_plural_form_is_translated_and_not_fuzzy(lang):
    catalog = po(lang)
    assert catalog.num_plurals == 2
    assert not catalog.fuzzy
    bad = []
    for m in catalog:
        if not m.id:
            continue
        forms = strings(m)
        if m.fuzzy or not all(forms) or (m.pluralizable and len(forms) != catalog.num_plurals):
            bad.append(tool.describe(m))
    assert not bad, f"{lang}: untranslated or fuzzy: {bad}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_are_the_same_as_in_english(lang):
    bad = []
    for m in po(lang):
        if not m.id:
            continue
        for n, text in enumerate(strings(m)):
            english = ids(m)[0] if n == 0 else ids(m)[-1]
            if text and placeholders(text) != placeholders(english):
                bad.append(f"{tool.describe(m)} form {n}: {sorted(placeholders(text))}")
    assert not bad, f"{lang}: {bad}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_compiles_and_plural_rules_are_the_language_s(lang):
    data = tool.compile_catalog(po(lang))
    translation = gettext.GNUTranslations(io.BytesIO(data))
    one, two, zero = (translation.ngettext("{n} result", "{n} results", n) for n in (1, 2, 0))
    assert one != two
    # French counts zero as singular ("0 résultat"); Dutch and German as plural.
    assert zero == (one if lang == "fr" else two)


def test_the_checker_catches_what_the_tests_forbid():
    """The same rules, applied to a broken catalog: each problem is reported."""
    catalog = Catalog(locale="fr")
    catalog.add(("{n} result", "{n} results"), ("{n} résultat", ""))
    catalog.add("Wrote {path}", "{chemin} écrit")
    catalog.add("Saved {path}", "{path} enregistré", flags=["fuzzy"])
    catalog.add("Sources", "")
    problems = "\n".join(tool.catalog_problems(catalog))
    assert "untranslated: '{n} result'" in problems
    assert "placeholders differ: 'Wrote {path}'" in problems
    assert "fuzzy: 'Saved {path}'" in problems
    assert "untranslated: 'Sources'" in problems
    assert tool.all_problems() == [], "tools/i18n.py check finds problems in the committed catalogs"


# -- Belgian formatting -------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "28 October 2022"), ("nl", "28 oktober 2022"),
    ("fr", "28 octobre 2022"), ("de", "28. Oktober 2022"),
])
def test_dates_in_each_language_and_a_year_prints_as_the_year(lang, expected):
    assert format_date("2022-10-28", lang) == expected
    assert format_date("2019", lang) == "2019"
    assert format_date("2019-07-01", lang, "year") == "2019"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "€14.2M"), ("nl", "€ 14,2 mln."), ("fr", "14,2 M €"), ("de", "14,2 Mio. €"),
])
def test_compact_money_in_each_language(lang, expected):
    text = format_money(14_200_000, "EUR", lang, compact=True)
    assert text.replace("\u00a0", " ").replace("\u202f", " ") == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "A, B and C"), ("nl", "A, B en C"), ("fr", "A, B et C"), ("de", "A, B und C"),
])
def test_lists_in_each_language(lang, expected):
    assert format_list(["A", "B", "C"], lang) == expected


# -- `belgai show` in each language -------------------------------------------------------------

LANGUAGE_WORDS = {
    # lang: (words of that language, an established date, the budget, English words that must be gone)
    "nl": (["Bronnen:", "Budgetten:", "Jaarbudget", "per jaar", "de bronnen zijn het oneens", "toestand op"],
           "4 oktober 2023", "€ 32 mln.", ["Sources:", "Budgets:", "per year", "as of"]),
    "fr": (["Sources :", "Budgets :", "Budget annuel", "par an", "les sources divergent", "à jour :"],
           "4 octobre 2023", "32 M €", ["Sources:", "per year", "as of", "the sources disagree"]),
    "de": (["Quellen:", "Jahresbudget", "pro Jahr", "die Quellen widersprechen sich", "Stand:"],
           "4. Oktober 2023", "32 Mio. €", ["Sources:", "per year", "as of", "the sources disagree"]),
}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_show_speaks_the_language_with_its_dates_and_money(fixture_db_path, capsys, lang):
    words, date, money, english = LANGUAGE_WORDS[lang]
    text = show(fixture_db_path, "test-plan", lang, capsys)
    text += show(fixture_db_path, "test-agency", lang, capsys)
    for word in [*words, date, money]:
        assert word in text, f"{word!r} missing from `belgai show --lang {lang}`"
    for word in english:
        assert word not in text, f"English {word!r} left in `belgai show --lang {lang}`"


def test_show_in_english_is_the_source_text(fixture_db_path, capsys):
    text = show(fixture_db_path, "test-plan", "en", capsys)
    assert "Budgets:" in text and "€32M per year" in text and "July 2019" in text


@pytest.mark.parametrize(("lang", "year_date", "not_expected"), [
    ("nl", "toestand op 2024)", "januari 2024"), ("fr", "à jour : 2024)", "janvier 2024"),
    ("de", "Stand: 2024)", "Januar 2024"),
])
def test_a_year_precision_date_prints_as_the_year(fixture_db_path, capsys, lang, year_date, not_expected):
    text = show(fixture_db_path, "test-plan", lang, capsys)
    assert year_date in text and not_expected not in text


def test_cli_counts_use_the_language_s_plural(fixture_db_path, capsys):
    assert cli.main(["--database", str(fixture_db_path), "list", "--lang", "de"]) == 0
    assert "5 Einträge" in capsys.readouterr().out
    assert cli.main(["--database", str(fixture_db_path), "list", "--kind", "plan", "--lang", "fr"]) == 0
    assert "1 fiche" in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "money", "heading"), [
    ("nl", "€ 32 mln.", "Jaarbudget"), ("fr", "32 M €", "Budget annuel"), ("de", "32 Mio. €", "Jahresbudget"),
])
def test_printed_summary_content_is_in_the_language(fixture_library, lang, money, heading):
    from belgai_desktop.printing.sheet import build_sheet

    i18n.set_language(lang)
    html = build_sheet(fixture_library.get("test-plan", lang)).html(10)
    html = html.replace("\u00a0", " ").replace("\u202f", " ").replace("&nbsp;", " ")
    assert money in html and heading in html
    assert "Annual budget" not in html and "per year" not in html


# -- content language ---------------------------------------------------------------------------

@pytest.fixture
def db_without_german(fixture_db_path: Path, tmp_path: Path) -> Path:
    """The fixture database with the German name and summary of test-agency removed, as in a
    record written before its German text."""
    target = tmp_path / "partial.sqlite"
    shutil.copy(fixture_db_path, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("DELETE FROM summaries WHERE record_id = 'test-agency' AND lang = 'de'")
        conn.execute("DELETE FROM names WHERE record_id = 'test-agency' AND lang = 'de'")
    conn.close()
    return target


@pytest.mark.parametrize(("lang", "name", "summary"), [
    ("nl", "Testagentschap voor Gegevensbescherming", "Een agentschap voor de tests"),
    ("fr", "Agence de test pour la protection des données", "Une agence utilisée par les tests"),
    ("de", "Testagentur für Datenschutz", "Eine Agentur für die Tests"),
])
def test_names_and_summaries_follow_the_interface_language(fixture_db_path, capsys, lang, name, summary):
    text = show(fixture_db_path, "test-agency", lang, capsys)
    assert text.splitlines()[0] == name
    assert summary in text
    assert "An agency used by the tests" not in text


def test_missing_summary_shows_english_with_a_visible_marker(db_without_german, capsys):
    from belgai_desktop.core.library import Library

    lib = Library(db_without_german)
    record = lib.get("test-agency", "de")
    lib.close()
    assert record.summary_lang == "en" and record.summary.startswith("An agency used by the tests")
    text = show(db_without_german, "test-agency", "de", capsys)
    assert text.splitlines()[0] == "Test Agency for Data Protection"  # never an empty title
    assert "An agency used by the tests, part of the test ministry. (Englisch)" in text
    # A record that has its German summary carries no marker.
    assert "(Englisch)" not in show(db_without_german, "test-ministry", "de", capsys)


# -- robustness: English with one warning, never a crash ------------------------------------------

@pytest.mark.parametrize("value", ["xx", "es", "klingon", "nl-XX-bogus", 42])
def test_unsupported_language_setting_gives_english_and_one_warning(warnings_seen, value):
    if not isinstance(value, str):
        assert i18n.set_language(value) == "en"  # a corrupt settings value: not even a string
        return
    expected = "nl" if value.startswith("nl") else "en"
    for _ in range(3):
        assert i18n.set_language(value) == expected
    assert len(warnings_seen) == (0 if expected == "nl" else 1)
    assert i18n.gettext("Sources") == ("Bronnen" if expected == "nl" else "Sources")


@pytest.mark.parametrize("value", [None, ""])
def test_no_language_means_english_silently(warnings_seen, value):
    assert i18n.set_language(value) == "en" and warnings_seen == []


@pytest.mark.parametrize(("env", "expected", "warns"), [
    ({"LANG": "C"}, "en", False),
    ({"LANG": "C.UTF-8"}, "en", False),
    ({"LANG": "POSIX"}, "en", False),
    ({"LANG": ""}, "en", False),
    ({}, "en", False),
    ({"LANG": "xx_YY"}, "en", True),
    ({"LANG": "xx_YY.UTF-8"}, "en", True),
    ({"LANG": "es_ES.UTF-8"}, "en", True),
    ({"LANG": "nl_BE.UTF-8"}, "nl", False),
    ({"LANG": "fr_BE"}, "fr", False),
    ({"LANG": "de_BE@euro"}, "de", False),
    ({"LC_ALL": "de_DE.UTF-8", "LANG": "nl_BE.UTF-8"}, "de", False),
    ({"LANG": "en_GB.UTF-8", "LANGUAGE": "fr:nl"}, "fr", False),
    ({"LANG": "nl_BE.UTF-8", "LANGUAGE": "es:de"}, "de", False),
    ({"LANG": "C", "LANGUAGE": "nl"}, "en", False),  # gettext ignores LANGUAGE in the C locale
])
def test_system_language(monkeypatch, warnings_seen, env, expected, warns):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr(i18n, "_platform_locale", lambda: None)
    assert i18n.system_language() == expected
    assert i18n.system_language() == expected
    assert len(warnings_seen) == (1 if warns else 0)


def test_cli_with_an_unknown_system_locale_runs_in_english(fixture_db_path, monkeypatch, capsys):
    monkeypatch.setenv("LANG", "xx_YY.UTF-8")
    monkeypatch.setattr(i18n, "_warned", set())
    assert cli.main(["--database", str(fixture_db_path), "list"]) == 0
    out, err = capsys.readouterr()
    assert "5 records" in out
    assert err.count("\n") == 1 and "xx_YY" in err and "English" in err


def _locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, po: bool = True) -> Path:
    """A private copy of the Dutch catalog, so tests can break it."""
    target = tmp_path / "locales"
    (target / "nl" / "LC_MESSAGES").mkdir(parents=True)
    if po:
        shutil.copy(paths.locales_dir() / "nl" / "LC_MESSAGES" / "belgai.po", target / "nl" / "LC_MESSAGES")
    monkeypatch.setattr(paths, "locales_dir", lambda: target)
    return target / "nl" / "LC_MESSAGES"


def test_missing_catalog_gives_english_and_one_warning(tmp_path, monkeypatch, warnings_seen):
    _locales(tmp_path, monkeypatch, po=False)
    assert i18n.set_language("nl") == "en"
    assert i18n.set_language("nl") == "en"
    assert i18n.current_language() == "en" and i18n.gettext("Sources") == "Sources"
    assert len(warnings_seen) == 1 and "nl" in warnings_seen[0] and "English" in warnings_seen[0]


def test_corrupt_mo_without_po_gives_english_and_one_warning(tmp_path, monkeypatch, warnings_seen):
    folder = _locales(tmp_path, monkeypatch, po=False)
    (folder / "belgai.mo").write_bytes(b"\x00garbage" * 10)
    assert i18n.set_language("nl") == "en"
    assert i18n.set_language("nl") == "en"
    assert len(warnings_seen) == 1


def test_corrupt_mo_next_to_a_good_po_is_bypassed(tmp_path, monkeypatch, warnings_seen):
    folder = _locales(tmp_path, monkeypatch)
    (folder / "belgai.mo").write_bytes(b"not a catalog")  # newer than the .po
    assert i18n.set_language("nl") == "nl"
    assert i18n.gettext("Sources") == "Bronnen" and warnings_seen == []


def test_corrupt_po_gives_english_and_one_warning(tmp_path, monkeypatch, warnings_seen):
    folder = _locales(tmp_path, monkeypatch)
    (folder / "belgai.po").write_text('msgid "Sources"\nmsgstr "Bronnen\n\nmsgid broken', encoding="utf-8")
    assert i18n.set_language("nl") == "en"
    assert i18n.set_language("nl") == "en"
    assert len(warnings_seen) == 1


def test_po_is_compiled_on_first_use_and_cached(monkeypatch, warnings_seen):
    assert i18n.set_language("nl") == "nl"
    cached = list((paths.cache_dir() / "locales" / "nl").glob("belgai-*.mo"))
    assert len(cached) == 1
    cached[0].write_bytes(b"damaged cache")  # e.g. a full disk
    assert i18n.set_language("fr") == "fr" and i18n.set_language("nl") == "nl"
    assert i18n.gettext("Sources") == "Bronnen" and warnings_seen == []


def test_unwritable_cache_still_translates(tmp_path, monkeypatch, warnings_seen):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BELGAI_CACHE_DIR", str(blocker))
    assert i18n.set_language("de") == "de"
    assert i18n.gettext("Sources") == "Quellen" and warnings_seen == []


def test_edited_po_is_not_shadowed_by_a_stale_cache(tmp_path, monkeypatch):
    folder = _locales(tmp_path, monkeypatch)
    assert i18n.set_language("nl") == "nl" and i18n.gettext("Sources") == "Bronnen"
    po_file = folder / "belgai.po"
    text = po_file.read_text(encoding="utf-8")
    po_file.write_text(text.replace('msgstr "Bronnen"', 'msgstr "Bronteksten"'), encoding="utf-8")
    assert i18n.set_language("nl") == "nl" and i18n.gettext("Sources") == "Bronteksten"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "€30M (period not stated)"), ("nl", "€ 30 mln. (periode niet vermeld)"),
    ("fr", "30 M € (période non précisée)"), ("de", "30 Mio. € (Zeitraum nicht angegeben)"),
])
def test_an_amount_whose_period_no_document_states_keeps_the_period_apart(bundled_db_path, capsys, lang,
                                                                           expected):
    assert expected in show(bundled_db_path, "flemish-ai-policy-plan", lang, capsys)


def test_french_text_output_puts_a_space_before_colons_and_calls_related_records_voir_aussi(
        bundled_db_path, capsys):
    text = show(bundled_db_path, "ewi", "fr", capsys)
    assert "Voir aussi :" in text and "Liens :" not in text  # show() makes no-break spaces plain
    assert "supervise : Plan flamand de politique en matière d'IA" in text


@pytest.mark.parametrize(("value", "lang", "expected"), [
    ("2019-07-01", "fr", "1er juillet 2019"), ("2019-07-11", "fr", "11 juillet 2019"),
    ("2019-07-01", "nl", "1 juli 2019"), ("2019-07-01", "de", "1. Juli 2019"),
])
def test_french_writes_the_first_of_the_month_as_an_ordinal(value, lang, expected):
    from belgai_desktop.core.text.formatting import format_date

    assert format_date(value, lang).replace("\u00a0", " ") == expected


@pytest.mark.parametrize(("lang", "record", "ours", "marker"), [
    ("fr", "bipt", "IBPT", "(notre usage, absent des documents sources)"),
    ("nl", "gdpr", "AVG", "(ons gebruik, niet in de brondocumenten)"),
    ("de", "gdpr", "DSGVO", "(unser Gebrauch, nicht in den Quelldokumenten)"),
])
def test_each_language_s_own_acronyms_are_shown_as_ours(capsys, lang, record, ours, marker):
    """No document gives the French 'IBPT' or the Dutch 'AVG': shown, and marked as ours."""
    from belgai_desktop.cli import main

    assert main(["show", record, "--lang", lang]) == 0
    text = capsys.readouterr().out
    assert f"{ours} {marker}" in text
    assert main(["show", record, "--lang", lang, "--json"]) == 0
    assert ours in json.loads(capsys.readouterr().out)["acronyms_ours"][lang]
    assert main(["search", ours, "--lang", lang, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["id"] == record


def test_no_translated_string_is_written_inside_an_f_string():
    """babel's extractor cannot see a _("…") inside an f-string: the text would stay English."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "belgai_desktop"
    names = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
    hidden = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", None) in names:
                        hidden.append(f"{path.relative_to(root)}:{inner.lineno}")
    assert hidden == []
