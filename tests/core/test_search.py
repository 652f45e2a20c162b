"""Search on the small fixture database: what a user typing would notice.

Prefixes, typos, accents, other languages, filters, snippets, a damaged index, and any
input at all (a hypothesis property test), through the core and through the CLI.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belgai_desktop.cli import main
from belgai_desktop.core import paths
from belgai_desktop.core.search.analysis import exact_key, words
from belgai_desktop.core.search.searcher import Searcher, SearchResult
from belgai_desktop.core.search.snippets import Matcher, snippet

HOSTILE = [
    "", " ", '"', '""', "'", "(", ")", "[(]", "{}", ":", "kind:person", "*", "**", "test*", "?",
    "AND", "OR", "NOT", "test AND", "NOT test", "OR OR OR", "test OR ministry NOT plan",
    "-", "+", "~", "^2", "test^", "\\", "/", "%", "_", "\x00", "\x1b[31mtest\x1b[0m", "\u200b",
    "a" * 5000, "test " * 1000, "é" * 300, "🙂", "🤖 AI", "مرحبا بالعالم", "שלום", "\u202etset",
    "Ω≈ç√∫", "ß", "ǅ", "ﷺ", "½", "test\ntest", "\ttest\t", "test\r\n", "'; DROP TABLE records; --",
    "<script>alert(1)</script>", "%s %d {0}", "NaN", "-1", "9" * 400, "\ud800".encode(
        "utf-8", "surrogatepass").decode("utf-8", "replace"),
]


@pytest.fixture
def searcher(fixture_library) -> Searcher:
    return Searcher(fixture_library)


def ids(result: SearchResult) -> list[str]:
    return [h.id for h in result.hits]


# -- finding things ---------------------------------------------------------------------

def test_exact_name_and_acronym_come_first(searcher: Searcher) -> None:
    assert ids(searcher.search("Test Ministry"))[0] == "test-ministry"
    assert ids(searcher.search("TM"))[0] == "test-ministry"
    assert ids(searcher.search("Test Ministry of Digital Affairs"))[0] == "test-ministry"  # an alias


def test_the_last_word_matches_as_you_type(searcher: Searcher) -> None:
    assert ids(searcher.search("Pers"))[0] == "test-person"
    assert ids(searcher.search("testminist"))[0] == "test-ministry"
    assert ids(searcher.search("Testa Pe"))[0] == "test-person"
    # A finished word (followed by a space) is no longer a prefix.
    assert "test-person" not in ids(searcher.search("Pers "))


def test_a_typo_still_finds_and_suggests(searcher: Searcher) -> None:
    result = searcher.search("Persnoa")
    assert ids(result)[0] == "test-person"
    assert result.suggestion == "persona"
    result = searcher.search("Testa Pesrona ")
    assert ids(result)[0] == "test-person"
    assert result.suggestion == "Testa persona"
    assert searcher.search("persona").suggestion is None


def test_long_words_tolerate_two_typos(searcher: Searcher) -> None:
    result = searcher.search("Genehmigugn ")  # transposed, as a finished word
    assert ids(result) == ["test-event"]
    result = searcher.search("Gnehmigugn ")  # and one letter missing: distance 2
    assert ids(result) == ["test-event"]
    assert searcher.search("Gnhmigugn ").hits == []  # distance 3 is too far


def test_accents_do_not_matter(searcher: Searcher) -> None:
    with_accents = searcher.search("Ministère ", lang="fr")
    without = searcher.search("ministere ", lang="fr")
    assert ids(with_accents) == ids(without) and ids(without)[0] == "test-ministry"
    assert ids(searcher.search("donnees", lang="fr"))[0] == "test-agency"
    assert ids(searcher.search("KÜNSTLICHE"))[0] == "test-plan"


def test_every_language_is_searched_and_results_come_in_the_interface_language(
        searcher: Searcher) -> None:
    result = searcher.search("gegevensbescherming", lang="en")
    assert ids(result)[0] == "test-agency"
    hit = result.hits[0]
    assert hit.title == "Test Agency for Data Protection"
    assert hit.snippet == "An agency used by the tests, part of the test ministry."
    hit = searcher.search("Testministerium", lang="fr").hits[0]
    assert (hit.id, hit.title) == ("test-ministry", "Ministère de test")
    assert ids(searcher.search("Genehmigung", lang="nl"))[0] == "test-event"


def test_plural_and_singular_meet_in_each_language(searcher: Searcher) -> None:
    assert ids(searcher.search("agencies "))[0] == "test-agency"
    assert ids(searcher.search("agences ", lang="fr"))[0] == "test-agency"
    # Dutch plural of "testplan", a word in the names of the plan and of its approval.
    assert set(ids(searcher.search("testplannen "))[:2]) == {"test-plan", "test-event"}


def test_texts_of_facts_are_searched(searcher: Searcher) -> None:
    # "waarnemend directeur-generaal" is only in a role of test-person.
    assert ids(searcher.search("directeur-generaal"))[0] == "test-person"
    assert ids(searcher.search("kommissarische Generaldirektorin"))[0] == "test-person"


def test_words_are_all_required_when_they_can_be(searcher: Searcher) -> None:
    assert ids(searcher.search("test agency data protection")) == ["test-agency"]
    # A word found nowhere does not empty the list: records matching the rest still come.
    assert ids(searcher.search("persona zzqxj "))[0] == "test-person"


def test_nothing_found_is_an_empty_list(searcher: Searcher) -> None:
    result = searcher.search("zzqxj")
    assert result.hits == [] and result.total == 0 and result.suggestion is None


# -- filters, limit, total --------------------------------------------------------------

def test_kind_kind_group_and_level_filters(searcher: Searcher) -> None:
    assert ids(searcher.search("test", kind="person")) == ["test-person"]
    assert ids(searcher.search("test", kind="strategy")) == ["test-plan"]
    assert set(ids(searcher.search("test", kind="body"))) == {"test-agency", "test-ministry"}
    assert ids(searcher.search("test", level="flemish")) == ["test-plan"]
    assert ids(searcher.search("test", kind="person", level="flemish")) == []
    with pytest.raises(ValueError):
        searcher.search("test", kind="spaceship")


def test_limit_and_total(searcher: Searcher) -> None:
    everything = searcher.search("test")
    assert everything.total == 5 == len(everything.hits)
    one = searcher.search("test", limit=1)
    assert one.total == 5 and len(one.hits) == 1 and one.hits[0].id == everything.hits[0].id
    assert [h.score for h in everything.hits] == sorted((h.score for h in everything.hits), reverse=True)


def test_json_has_exactly_the_documented_shape(searcher: Searcher) -> None:
    data = searcher.search("ministère", lang="fr").to_json()
    assert list(data) == ["query", "lang", "suggestion", "total", "results"]
    assert data["query"] == "ministère" and data["lang"] == "fr" and data["suggestion"] is None
    first = data["results"][0]
    assert list(first) == ["id", "kind", "level", "title", "snippet", "score", "title_translation", "title_descriptive"]
    assert first["title"] == "Ministère de test" and first["kind"] == "ministry"
    assert isinstance(first["score"], float)
    json.dumps(data)


def test_unsupported_language_is_refused(searcher: Searcher) -> None:
    with pytest.raises(ValueError):
        searcher.search("test", lang="xx")


# -- snippets ---------------------------------------------------------------------------

def test_snippet_html_bolds_the_matched_words_and_escapes_the_rest(searcher: Searcher) -> None:
    hit = searcher.search("coordinates", lang="en").hits[0]
    assert hit.id == "test-ministry"
    assert "<b>coordinates</b>" in hit.snippet_html
    assert "<b>" not in hit.snippet
    hit = searcher.search("coordonne", lang="fr").hits[0]
    assert "<b>coordonne</b>" in hit.snippet_html  # the French text, French stem
    hit = searcher.search("minis", lang="fr").hits[0]
    assert "<b>ministère</b>" in hit.snippet_html  # the prefix being typed is shown


def test_snippet_escapes_html_and_cuts_around_the_match() -> None:
    text = "Intro <script>x</script> & more. " + "filler " * 60 + "the needle is here " + "tail " * 60
    matcher = Matcher(frozenset({"needle"}), None)
    cut = snippet([text], "en", matcher)
    assert "needle" in cut.text and cut.text.startswith("…") and cut.text.endswith("…")
    assert "<b>needle</b>" in cut.html and len(cut.text) < 200
    head = snippet(["a <b> & c"], "en", Matcher(frozenset({"c"}), None))
    assert head.html == "a &lt;b&gt; &amp; <b>c</b>" and head.text == "a <b> & c"


def test_snippets_of_one_text_follow_each_query_as_it_is_typed() -> None:
    # The text is remembered split into words after the first query; what is marked must still
    # be the words of each new query, including the start of a compound's part being typed.
    text = "Le plan DigitalWallonia4.ai soutient les entreprises wallonnes."
    assert snippet([text], "fr", Matcher(frozenset({"plan"}), None)).html.count("<b>") == 1
    typed = snippet([text], "fr", Matcher(frozenset(), "wallo")).html
    assert "<b>DigitalWallonia4.ai</b>" in typed and "<b>wallonnes</b>" in typed
    assert "<b>plan</b>" not in typed
    assert "<b>" not in snippet([text], "fr", Matcher(frozenset(), "zz")).html


def test_names_with_dots_digits_and_hashes_are_words() -> None:
    assert exact_key("DigitalWallonia4.ai") == exact_key("digitalwallonia4.AI") == "digitalwallonia4ai"
    assert [w.merged for w in words("Leuven.AI #SmartAINation AI4Gov")] == [
        "leuvenai", "smartaination", "ai4gov"]
    assert words("AI4Belgium")[0].parts == ("ai", "belgium")
    assert words("#SmartAINation")[0].parts == ("smart", "ai", "nation")


# -- the index ---------------------------------------------------------------------------

def index_dirs(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if not p.name.startswith(".")]


def test_the_index_lives_in_the_cache_and_is_reused(fixture_library) -> None:
    calls: list[tuple[int, int]] = []
    Searcher(fixture_library, progress=lambda done, total: calls.append((done, total)))
    root = paths.cache_dir() / "index"
    assert len(index_dirs(root)) == 1
    assert calls and calls[-1] == (5, 5)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    calls.clear()
    Searcher(fixture_library, progress=lambda done, total: calls.append((done, total)))
    assert calls == []  # opened, not rebuilt


@pytest.mark.parametrize("damage", ["delete", "empty", "garbage", "truncate", "marker"])
def test_a_damaged_index_is_rebuilt_silently(fixture_library, tmp_path: Path, damage: str) -> None:
    Searcher(fixture_library, index_dir=tmp_path)
    (index,) = index_dirs(tmp_path)
    files = sorted(p for p in index.iterdir() if p.is_file())
    if damage == "delete":
        import shutil

        shutil.rmtree(index)
    for f in files if damage != "delete" else []:
        if damage == "empty" or (damage == "marker" and f.name == "belgai-index.json"):
            f.write_bytes(b"")
        elif damage == "garbage":
            f.write_bytes(b"\x00garbage\xff" * 50)
        elif damage == "truncate":
            f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2])
    fresh = Searcher(fixture_library, index_dir=tmp_path)
    assert ids(fresh.search("Testministerium"))[0] == "test-ministry"
    assert len(index_dirs(tmp_path)) == 1
    assert ids(Searcher(fixture_library, index_dir=tmp_path).search("persona")) == ["test-person"]


def test_a_crash_while_building_leaves_no_index_behind(fixture_library, tmp_path: Path) -> None:
    def crash(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Searcher(fixture_library, index_dir=tmp_path, progress=crash)
    assert index_dirs(tmp_path) == [] and list(tmp_path.iterdir()) == []
    assert ids(Searcher(fixture_library, index_dir=tmp_path).search("persona")) == ["test-person"]


def test_changed_data_gets_a_new_index_and_the_old_one_goes(fixture_library, tmp_path: Path) -> None:
    Searcher(fixture_library, index_dir=tmp_path)
    (old,) = index_dirs(tmp_path)

    class Changed:
        content_hash = "another-hash"

        def __getattr__(self, name: str):
            return getattr(fixture_library, name)

    Searcher(Changed(), index_dir=tmp_path)  # type: ignore[arg-type]
    (new,) = index_dirs(tmp_path)
    assert new != old and "anotherhash" in new.name


def test_an_unwritable_cache_still_searches(fixture_library, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    searcher = Searcher(fixture_library, index_dir=blocker / "index")
    assert ids(searcher.search("persona")) == ["test-person"]


def test_the_library_opens_its_index_once(fixture_library, tmp_path: Path) -> None:
    calls: list[int] = []
    assert ids(fixture_library.search("persona", progress=lambda done, total: calls.append(done))) == ["test-person"]
    assert calls  # the first search built the index (each test has an empty cache)…
    calls.clear()
    fixture_library.warm_up_search()
    assert ids(fixture_library.search("person", progress=lambda done, total: calls.append(done))) == ["test-person"]
    assert calls == []  # …and later ones use it


def test_searching_from_several_threads_gives_the_same_answers(searcher: Searcher) -> None:
    queries = ["test", "persona", "Ministère", "gegevensbescherming", "agnecy", "Tes", "plan"] * 8
    expected = {q: searcher.search(q, lang="fr").to_json() for q in set(queries)}
    errors: list[BaseException] = []
    answers: dict[str, list[dict]] = {q: [] for q in expected}

    def work(chunk: list[str]) -> None:
        try:
            for q in chunk:
                answers[q].append(searcher.search(q, lang="fr").to_json())
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(queries[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for q, got in answers.items():
        assert got and all(a == expected[q] for a in got)


# -- any input --------------------------------------------------------------------------

@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_gives_results_or_nothing(searcher: Searcher, query: str) -> None:
    result = searcher.search(query, lang="de")
    assert result.total >= len(result.hits)
    json.dumps(result.to_json())


def test_operators_and_quotes_are_just_text(searcher: Searcher) -> None:
    assert ids(searcher.search('"Testa Persona"'))[0] == "test-person"
    assert ids(searcher.search("persona AND"))[0] == "test-person"
    assert ids(searcher.search("(persona)"))[0] == "test-person"
    assert ids(searcher.search("name:persona*"))[0] == "test-person"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=200), lang=st.sampled_from(["en", "nl", "fr", "de"]),
       limit=st.integers(min_value=-3, max_value=50))
def test_any_text_never_raises(searcher: Searcher, query: str, lang: str, limit: int) -> None:
    result = searcher.search(query, lang=lang, limit=limit)
    assert result.total >= len(result.hits)
    assert len(result.hits) <= max(limit, 0)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(st.sampled_from(
    ["test", "persona", "TM", "AND", "OR", "NOT", '"', "(", ")", "*", ":", "ministère", "agnecy", "é",
     "DigitalWallonia4.ai", "#", "🙂", " ", "-", "x" * 40]), max_size=12).map("".join))
def test_any_mix_of_words_and_syntax_never_raises(searcher: Searcher, query: str) -> None:
    searcher.search(query)


# -- the CLI ----------------------------------------------------------------------------

@pytest.mark.parametrize("query", ['"((AND OR NOT *:', "a" * 5000, "🙂 \u202e مرحبا", "-", "--", "\x07"])
def test_cli_answers_hostile_input_with_json_and_exit_0(fixture_db_path: Path, capsys,
                                                        query: str) -> None:
    assert main(["--database", str(fixture_db_path), "search", "--json", "--", query]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["query", "lang", "suggestion", "total", "results"]
    assert data["query"] == query


def test_cli_json_in_the_language_asked(fixture_db_path: Path, capsys) -> None:
    argv = ["--database", str(fixture_db_path), "search", "gegevensbescherming", "--lang", "de",
            "--limit", "1", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "de" and data["total"] == 1
    assert data["results"] == [{
        "id": "test-agency", "kind": "agency", "level": "federal",
        "title": "Testagentur für Datenschutz",
        "snippet": "Eine Agentur für die Tests, Teil des Testministeriums.",
        "score": data["results"][0]["score"],
        "title_translation": True, "title_descriptive": False,  # the fixture marks its German name as ours
    }]


def test_cli_table_and_suggestion(fixture_db_path: Path, capsys) -> None:
    assert main(["--database", str(fixture_db_path), "search", "Persnoa", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Did you mean: persona?" in out
    assert "Testa Persona" in out and "test-person" in out and "1 result" in out


def test_cli_filters_and_bad_limit(fixture_db_path: Path, capsys) -> None:
    db = ["--database", str(fixture_db_path)]
    assert main([*db, "search", "test", "--kind", "person", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["results"]] == ["test-person"]
    assert main([*db, "search", "test", "--limit", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--limit" in err
    with pytest.raises(SystemExit) as exit_:
        main([*db, "search", "test", "--kind", "spaceship"])
    assert exit_.value.code == 2


def test_cli_search_runs_without_qt_in_a_fresh_process(fixture_db_path: Path, tmp_path: Path) -> None:
    code = (
        "import sys, json\n"
        "from belgai_desktop.cli import main\n"
        f"rc = main(['--database', {str(fixture_db_path)!r}, 'search', 'AND \"(', '--json'])\n"
        "assert rc == 0, rc\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    env = {"BELGAI_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["query"] == 'AND "('



def test_cli_progress_line_counts_up_and_ends_the_line(capsys) -> None:
    from belgai_desktop.cli import _progress_line

    _progress_line(2, 5)
    _progress_line(5, 5)
    err = capsys.readouterr().err
    assert err == "\rBuilding the search index: 2 of 5 records\rBuilding the search index: 5 of 5 records\n"


# -- the engine's parts ----------------------------------------------------------------------

SEARCH_PACKAGE = Path(__file__).resolve().parents[2] / "belgai_desktop" / "core" / "search"
# What the searcher once read inside whoosh's on-disk matcher; whoosh may change them any day.
WHOOSH_PRIVATE = ("_read_ids", "_read_weights", "_read_values", "_ids", "_weights", "_values",
                  "_next_block", "_goto", "_blocklength", "_postfile", "_i")


def test_the_search_uses_only_public_attributes_of_other_objects() -> None:
    import ast

    found = []
    for module in sorted(SEARCH_PACKAGE.glob("*.py")):
        source = module.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                found.append(f"{module.name}:{node.lineno} .{node.attr}")
        found += [f"{module.name}: {name}" for name in WHOOSH_PRIVATE
                  if re.search(rf"\.{name}\b", source.replace(f"self.{name}", ""))]
    assert found == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text("abcdefgh", min_size=6, max_size=11), min_size=1, max_size=60),
       st.text("abcdefgh", min_size=8, max_size=12))
def test_the_typo_table_finds_every_word_two_edits_away(vocabulary: list[str], typed: str) -> None:
    from belgai_desktop.core.search.spelling import DeletionTable, distance

    table = DeletionTable(sorted(set(vocabulary)))
    found = {w for w in table.candidates(typed) if distance(typed, w) <= 2}
    assert found == {w for w in vocabulary if distance(typed, w) <= 2}


def test_after_the_warm_up_a_word_two_typos_away_is_found_and_suggested(searcher: Searcher) -> None:
    searcher.warm_up()  # the app builds the typo table in the background; the search then uses it
    result = searcher.search("Gnehmigugn ")
    assert ids(result) == ["test-event"] and result.suggestion and result.suggestion.lower() == "genehmigung"


def test_the_fields_beside_the_index_hold_what_whoosh_fields_would(library) -> None:
    """Summaries, facts and their words live beside the index (as whoosh fields they cost nine
    tenths of the build): the same terms, document frequencies, term frequencies and field
    lengths as whoosh fields with the same analysis give, so the ranking is unchanged."""
    from whoosh import fields
    from whoosh.filedb.filestore import RamStorage

    from belgai_desktop.core.search.index import SideTerms, TermsAnalyzer
    from belgai_desktop.core.search.postings import read_postings
    from belgai_desktop.core.search.wordstore import FIELDS, WordsField, WordsWriter

    def whoosh_text(doc: dict, field: str) -> str:
        lines = []
        for lang in ("en", "nl", "fr", "de"):
            texts = [doc["summaries"].get(lang, "")] + list(doc["facts"].get(lang, []))
            chosen = texts if field == "words" else texts[:1] if field == "summary" else texts[1:]
            lines += [t if field == "words" else f"{lang}\t{t}" for t in chosen if t]
        return "\n".join(lines)

    docs = list(library.index_documents())[:60]
    schema = fields.Schema(**{f: fields.TEXT(analyzer=TermsAnalyzer("raw" if f == "words" else "stemmed"),
                                             phrase=False) for f in FIELDS})
    ix = RamStorage().create_index(schema)
    writer, stores, side_terms = ix.writer(), {f: WordsWriter() for f in FIELDS}, SideTerms()
    for doc in docs:
        writer.add_document(**{f: whoosh_text(doc, f) for f in FIELDS})
        for f, terms in side_terms(doc).items():
            stores[f].add(terms)
    writer.commit()
    reader = ix.reader()
    for f in FIELDS:
        field = WordsField(stores[f].to_bytes())
        expected = {t.decode() if isinstance(t, bytes) else t: info.doc_frequency()
                    for t, info in reader.iter_field(f)}
        assert field.df == expected and len(expected) > 500, f
        assert list(field.lengths) == [reader.doc_field_length(n, f, 0) or 0 for n in range(len(docs))], f
        for term in sorted(expected)[::37]:
            ids, tfs = read_postings(reader, f, term)
            mine = field.postings(term)
            assert (list(mine[0]), list(mine[1])) == (list(ids), [int(tf) for tf in tfs]), (f, term)
    with pytest.raises(ValueError):
        WordsField(stores["words"].to_bytes()[:-4])  # a truncated file is refused: the index is rebuilt
