"""The one-page summary (issue 6): every body of the real data in every language on A4 and
Letter is one page with its name and the print date; long lists are shortened with
"and N more"; disputed facts show every value; the CLI refuses bad paths in one line.

The PDFs are read back with pypdf, as a user's PDF reader would: text, page count, fonts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

import pypdf
import pytest

from belgai_desktop.cli import main
from belgai_desktop.core import paths
from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.model import Citation, Name, Record, Related, Source
from belgai_desktop.core.i18n import ngettext, pgettext
from belgai_desktop.core.library import Library
from belgai_desktop.core.text.formatting import format_date

pytestmark = pytest.mark.usefixtures("qapp")  # a QApplication first, as in the app

PAPER_POINTS = {"a4": (595, 842), "letter": (612, 792)}


def normalise(text: str) -> str:
    """Whitespace as single spaces (pypdf puts tabs between words), none after a hyphen
    (a line may break after "AI-" in "AI-ethiek")."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def pdf_text(path: Path) -> str:
    """All text of the PDF, normalised."""
    reader = pypdf.PdfReader(path)
    return normalise(" ".join(page.extract_text() for page in reader.pages))


def unembedded_fonts(reader: pypdf.PdfReader) -> list[str]:
    missing = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font["/BaseFont"]))
    return missing


def today(lang: str) -> str:
    return format_date(dt.date.today(), lang)


@pytest.fixture(scope="module")
def real_library():
    """The bundled database (or the one BELGAI_DB names)."""
    lib = Library(paths.database_path())
    yield lib
    lib.close()


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_every_body_prints_on_exactly_one_page(real_library, tmp_path, lang, paper):
    from belgai_desktop.printing import FLOOR_PT, render_pdf

    bodies = real_library.list(kind="body", lang=lang)
    assert len(bodies) >= 20
    problems = []
    for body in bodies:
        out = tmp_path / f"{body.id}.pdf"
        data, fit = render_pdf(real_library, body.id, lang, paper=paper)
        out.write_bytes(data)
        reader = pypdf.PdfReader(out)
        text = pdf_text(out)
        if fit.scale != 1.0 or fit.font_pt < FLOOR_PT:
            problems.append(f"{body.id}: set below the readable floor ({fit.font_pt} pt x {fit.scale:.2f})")
        width, height = PAPER_POINTS[paper]
        box = reader.pages[0].mediabox
        if len(reader.pages) != 1:
            problems.append(f"{body.id}: {len(reader.pages)} pages")
        if (round(float(box.width)), round(float(box.height))) != (width, height):
            problems.append(f"{body.id}: page is {box.width} x {box.height}")
        if normalise(body.title) not in text:
            problems.append(f"{body.id}: name {body.title!r} missing")
        if today(lang) not in text:
            problems.append(f"{body.id}: print date {today(lang)!r} missing")
        if body.id not in text:
            problems.append(f"{body.id}: record id missing from the footer")
        if unembedded_fonts(reader):
            problems.append(f"{body.id}: fonts not embedded: {unembedded_fonts(reader)}")
    assert not problems, "\n".join(problems)


# -- a synthetic institution with long lists ------------------------------------------

CITE = Citation("ai-governance-blog-2025", "A.I. Governance in Belgium", "001.txt", "1.2",
                "2025-09-28", "day")
SOURCE = Source("ai-governance-blog-2025", "A.I. Governance in Belgium", "", "Blog post",
                "2025-09-28", "day", "001.txt", "", "")


def crowded_record(lang: str, people: int = 40, plans: int = 30) -> Record:
    summary = ("An invented agency with very long lists, used to check that the summary "
               "always fits on one page. ") * 3
    return Record(
        id="crowded-agency", kind="agency", kind_group="body", level="federal", lang=lang,
        title="Agency for Very Long Lists", title_is_translation=False,
        names={code: Name("Agency for Very Long Lists", False) for code in vocab.LANGUAGES},
        name_citations=[CITE], acronyms=["AVLL"], aliases=[], summary=summary, summary_lang=lang,
        summaries={lang: summary}, summary_citations=[CITE],
        people=[Related(f"person-{i:02d}", "person", "federal", f"Person Number {i:02d}", "works_at",
                        "in", f"Adviser for artificial intelligence policy, file {i:02d}", [CITE])
                for i in range(1, people + 1)],
        related=[Related(f"plan-{i:02d}", "plan", "federal",
                         f"Invented Action Plan {i:02d} for Artificial Intelligence in Public Services",
                         "implements", "out", None, [CITE]) for i in range(1, plans + 1)],
        sources=[SOURCE],
    )


def language(lang: str):
    from belgai_desktop.core.i18n import in_language as print_language

    return print_language(lang)


@pytest.mark.parametrize(("lang", "paper"), [("en", "a4"), ("de", "letter")])
def test_forty_people_and_thirty_plans_fit_one_readable_page_with_and_n_more(tmp_path, lang, paper):
    from PySide6.QtGui import QPdfWriter

    from belgai_desktop.printing import FLOOR_PT, configure, paint

    out = tmp_path / "crowded.pdf"
    writer = QPdfWriter(str(out))
    configure(writer, paper)
    fit = paint(crowded_record(lang), lang, writer)
    del writer
    assert fit.font_pt >= FLOOR_PT and fit.scale == 1.0  # readable: never below the floor
    assert fit.cap is not None
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    text = pdf_text(out)
    with language(lang):
        forms = {ngettext("and {n} more", "and {n} more", n) for n in (1, 2)}
    pattern = "|".join(re.escape(form).replace(r"\{n\}", r"(\d+)") for form in forms)
    hidden = [int(next(g for g in m.groups() if g)) for m in re.finditer(pattern, text)]
    shown_people = len(set(re.findall(r"Person Number \d\d", text)))
    shown_plans = len(set(re.findall(r"Invented Action Plan \d\d", text)))
    shortened = [shown for shown, total in ((shown_people, 40), (shown_plans, 30)) if shown < total]
    assert shortened, "nothing was shortened"
    assert len(hidden) == len(shortened), text  # each shortened list says how many it leaves out
    assert sum(hidden) == (40 - shown_people) + (30 - shown_plans)
    assert shown_people >= 3 and shown_plans >= 3
    assert today(lang) in text


def test_lists_are_only_shortened_once_the_font_is_at_the_floor(tmp_path):
    from PySide6.QtGui import QPdfWriter

    from belgai_desktop.printing import FLOOR_PT, configure, paint

    writer = QPdfWriter(str(tmp_path / "short.pdf"))
    configure(writer)
    fit = paint(crowded_record("en", people=3, plans=2), "en", writer)
    del writer
    assert fit.cap is None and fit.font_pt > FLOOR_PT
    assert "more" not in pdf_text(tmp_path / "short.pdf")


# -- content ---------------------------------------------------------------------------

def test_disputed_dates_show_every_value_with_its_source(fixture_library, tmp_path):
    from belgai_desktop.printing import write_pdf

    out = tmp_path / "agency.pdf"
    write_pdf(fixture_library, "test-agency", "en", out)
    text = pdf_text(out)
    assert "sources disagree" in text
    assert re.search(r"4 October 2023\s*\[1\]", text) and re.search(r"8 May 2024\s*\[1\]", text)
    assert "[1] A.I. Governance in Belgium" in text  # the Sources block the markers point to
    assert "Test Ministry" in text  # the parent body


def test_summary_shows_names_in_the_other_languages_and_marks_translations(fixture_library, tmp_path):
    from belgai_desktop.printing import write_pdf

    out = tmp_path / "ministry.pdf"
    write_pdf(fixture_library, "test-ministry", "nl", out)
    text = pdf_text(out)
    assert "Testministerie" in text  # the name in Dutch
    assert "Test Ministry" in text and "Ministère de test*" in text and "Testministerium*" in text
    assert "https://bosa.belgium.be/en" in text
    assert today("nl") in text


def test_summary_says_when_a_title_is_ours_and_what_the_asterisk_means(fixture_library, tmp_path):
    from belgai_desktop.printing import write_pdf

    out = tmp_path / "event.pdf"
    write_pdf(fixture_library, "test-event", "de", out)
    text = pdf_text(out)
    assert "Genehmigung des Testplans (beschreibender Titel)" in text
    assert "Genehmigung des Testplans*" not in text  # one mark, not two
    write_pdf(fixture_library, "test-ministry", "fr", out)
    text = pdf_text(out)
    assert "notre traduction, absente des documents sources" in text
    assert "(titre descriptif)" not in text


@pytest.mark.parametrize("record_id", ["test-person", "test-plan", "test-event"])
def test_other_kinds_of_records_print_on_one_page_too(fixture_library, tmp_path, record_id):
    from belgai_desktop.printing import write_pdf

    out = tmp_path / f"{record_id}.pdf"
    write_pdf(fixture_library, record_id, "fr", out)
    assert len(pypdf.PdfReader(out).pages) == 1
    assert normalise(fixture_library.title(record_id, "fr")) in pdf_text(out)


def test_pdf_has_title_and_language(fixture_library, tmp_path):
    from belgai_desktop.printing import write_pdf

    out = tmp_path / "agentur.pdf"
    write_pdf(fixture_library, "test-agency", "de", out, paper="letter")
    reader = pypdf.PdfReader(out)
    assert "Testagentur für Datenschutz" in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == "de-BE"
    assert b"<dc:language><rdf:Bag><rdf:li>de-BE</rdf:li>" in reader.trailer["/Root"]["/Metadata"].get_data()
    assert round(float(reader.pages[0].mediabox.height)) == 792
    assert "Testagentur für Datenschutz" in pdf_text(out)


def test_print_in_german_uses_german_labels_where_translated(fixture_library, tmp_path):
    from belgai_desktop.printing import write_pdf

    out = tmp_path / "de.pdf"
    write_pdf(fixture_library, "test-agency", "de", out)
    with language("de"):
        heading = pgettext("print heading", "Summary and mandate")
    text = pdf_text(out)
    assert heading.upper() in text
    assert "Teil des Testministeriums" in text  # the German summary
    assert "4. Oktober 2023" in text  # German date format


def test_gui_can_paint_on_a_printer(fixture_library, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from belgai_desktop.printing import configure, paint

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    configure(printer, "letter")
    paint(fixture_library.get("test-ministry", "fr"), "fr", printer, fixture_library)
    reader = pypdf.PdfReader(tmp_path / "printer.pdf")
    assert len(reader.pages) == 1
    assert printer.docName().startswith("Ministère de test (TM)")  # the print queue shows it
    assert "Ministère de test" in pdf_text(tmp_path / "printer.pdf")


def test_print_preview_shows_one_page(fixture_library):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from belgai_desktop.printing import configure, paint

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure(printer)
    preview = QPrintPreviewWidget(printer)
    preview.paintRequested.connect(
        lambda p: paint(fixture_library.get("test-agency", "nl"), "nl", p, fixture_library))
    preview.updatePreview()
    assert preview.pageCount() == 1
    preview.deleteLater()


# -- the CLI -----------------------------------------------------------------------------

def run_print(capsys, database: Path, *args: str) -> tuple[int, str, str]:
    """``belgai --database DATABASE print ARGS``: exit code, stdout, stderr."""
    code = main(["--database", str(database), "print", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_writes_a_one_page_pdf(fixture_db_path, tmp_path, capsys):
    out = tmp_path / "ministry.pdf"
    code, stdout, err = run_print(capsys, fixture_db_path, "test-ministry",
                                "--lang", "fr", "--paper", "letter", "-o", str(out))
    assert code == 0, err
    assert str(out) in stdout
    assert len(pypdf.PdfReader(out).pages) == 1
    assert "Ministère de test" in pdf_text(out)


def test_cli_unknown_id_is_one_line_and_exit_2(fixture_db_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code, _out, err = run_print(capsys, fixture_db_path, "no-such-body", "-o", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "no-such-body" in err
    assert not out.exists()


def test_cli_refuses_to_overwrite_without_force(fixture_db_path, tmp_path, capsys):
    out = tmp_path / "exists.pdf"
    out.write_bytes(b"keep me")
    code, _out, err = run_print(capsys, fixture_db_path, "test-agency", "-o", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--force" in err
    assert out.read_bytes() == b"keep me"
    code, _out, err = run_print(capsys, fixture_db_path, "test-agency", "-o", str(out), "--force")
    assert code == 0, err
    assert len(pypdf.PdfReader(out).pages) == 1


def test_cli_missing_folder_is_one_line_and_exit_2(fixture_db_path, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "x.pdf"
    code, _out, err = run_print(capsys, fixture_db_path, "test-agency", "-o", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "no-such-folder" in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_cli_unwritable_folder_is_one_line_and_exit_2(fixture_db_path, tmp_path, capsys):
    if os.geteuid() == 0:
        folder = Path("/proc")  # root may write anywhere else; nobody may create files here
    else:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o500)
    out = folder / "belgai-test.pdf"
    code, _out, err = run_print(capsys, fixture_db_path, "test-agency", "-o", str(out))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "cannot write" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_print_marks_our_titles_in_its_lists_too(library):
    from belgai_desktop.core import i18n
    from belgai_desktop.printing.sheet import build_sheet

    i18n.set_language("de")
    sheet = build_sheet(library.get("team-up", "de"))
    items = " ".join(item for block in sheet.blocks for item in block.items)
    assert "Start des KI-Aufrufs Team Up" in items and "(beschreibender Titel)" in items
    sheet = build_sheet(library.get("ewi", "de"))
    assert "Flämische Regierung*" in " ".join(v for _, v in sheet.facts)
    assert sheet.legend == "* unsere Übersetzung, nicht in den Quelldokumenten enthalten"


@pytest.mark.parametrize(("lang", "budget", "heading", "summary", "next_heading"), [
    ("en", "€30M – €36M — 6 figures: the sources disagree", "Budget: the sources disagree",
     "The Government of Flanders", "LEGAL BASIS"),
    ("nl", "€ 30 mln. – € 36 mln. — 6 bedragen: de bronnen zijn het oneens", "Budget: de bronnen zijn het oneens",
     "Het plan van de Vlaamse Regering", "RECHTSGROND"),
])
def test_summary_leads_with_the_budget_line_and_tables_the_disputed_values(
        real_library, tmp_path, lang, budget, heading, summary, next_heading):
    from belgai_desktop.printing import write_pdf

    out = tmp_path / f"plan-{lang}.pdf"
    write_pdf(real_library, "flemish-ai-policy-plan", lang, out)
    text = pdf_text(out).replace("\u00a0", " ")
    assert budget in text and text.index(budget) < text.index(summary)  # the answer comes first
    table = text.split(heading)[1].split(next_heading)[0]
    # one row per value: the value, its source marker and its as-of date, not a run-on "… or …" paragraph
    rows = re.findall(r"\[\d\]\s+(?:\d{1,2} )?(?:[^\W\d]+ )?20\d\d", table)
    assert len(rows) == 6, table
    assert {"en": " or ", "nl": " of "}[lang] not in table
