"""The governance map on paper (issue 13): one landscape page in each language, every body
drawn can be read back from the PDF, no label below 7 pt on A3 for the whole country (on A4
for one level), legend, data version, print date and sources; SVG and PNG for slides."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QImage

from belgai_desktop.cli import main
from belgai_desktop.core.data import vocab
from belgai_desktop.core.landscape.graph import BANDS
from belgai_desktop.core.text.formatting import format_date
from belgai_desktop.printing.landscape_docs import write_view

pytestmark = pytest.mark.usefixtures("qapp")


def text_of(path: Path) -> str:
    """The PDF's text as pdftotext gives it, whitespace folded."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def raw_text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_the_map_is_one_page_with_every_body_drawn_readable(lang, library, tmp_path):
    out = tmp_path / f"map-{lang}.pdf"
    page = write_view("map", library, lang, out, paper="a3")
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert page.scale >= 1.0  # drawn at its 7 pt size: no label smaller
    text = raw_text_of(out)
    labels = library.landscape.labels(page.graph)
    missing = [labels[n.id] for n in page.graph.nodes if " ".join(labels[n.id].split()) not in text]
    assert not missing
    bodies = {s.id for s in library.list(kind="body")}
    assert bodies <= {n.id for n in page.graph.nodes}


def test_the_page_carries_legend_version_date_and_sources(library, tmp_path):
    out = tmp_path / "map.pdf"
    write_view("map", library, "fr", out, paper="a3")
    text = text_of(out)
    for word in ("supervise", "coordonne", "finance", "met en œuvre", "conseille", "fait partie de"):
        assert word in text, word
    assert library.meta["source_hash"][:10] in text
    assert format_date(dt.date.today(), "fr") in text
    for source in library.sources():
        assert source.title[:30] in text


@pytest.mark.parametrize("level", BANDS)
def test_each_level_fits_a4_at_7_points(level, library, tmp_path):
    page = write_view("map", library, "de", tmp_path / "m.pdf", paper="a4", levels=[level])
    assert page.scale >= 1.0
    assert {n.level for n in page.graph.nodes} == {level}


def test_svg_and_png_for_slides(library, tmp_path):
    svg = tmp_path / "map.svg"
    write_view("map", library, "nl", svg)
    content = svg.read_text(encoding="utf-8")
    assert content.lstrip().startswith("<?xml") and "<svg" in content
    assert library.title("vlaio", "nl").split()[0] in content
    png = tmp_path / "map.png"
    write_view("map", library, "en", png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > image.height() > 1500  # A3 at 150 dpi


def test_cli_writes_the_map_and_force_overwrites(library, tmp_path, capsys):
    out = tmp_path / "map.pdf"
    assert main(["map", "--lang", "nl", "--level", "flemish", "--paper", "a4", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    first = out.read_bytes()
    assert main(["map", "--lang", "nl", "--level", "flemish", "-o", str(out)]) == 2
    assert out.read_bytes() == first
    assert main(["map", "--lang", "en", "-o", str(out), "--force"]) == 0
    assert re.search(r"European Commission", text_of(out))


def test_a_page_too_small_to_read_on_a4_says_so_in_one_line(library, tmp_path, capsys):
    out = tmp_path / "regions.pdf"
    assert main(["compare", "--lang", "fr", "--paper", "a4", "-o", str(out)]) == 0
    assert out.is_file()  # written all the same: on screen a PDF zooms
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "A4" in err[0] and "A3" in err[0], err
    found = re.search(r"(\d+),(\d) pt", err[0])  # the size in the French number format
    assert found and float(f"{found.group(1)}.{found.group(2)}") < 7
    # on A3, or one level at a time on A4, the text keeps its 7 points: nothing to say
    assert main(["compare", "--lang", "fr", "-o", str(tmp_path / "a3.pdf")]) == 0
    assert main(["map", "--level", "flemish", "--paper", "a4", "-o", str(tmp_path / "flanders.pdf")]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_timeline_page_lists_every_date_with_its_sources(lang, library, tmp_path):
    from belgai_desktop.printing.landscape_tables import source_numbers

    out = tmp_path / "timeline.pdf"
    page = write_view("timeline", library, lang, out)
    assert len(pypdf.PdfReader(out).pages) == 1
    text = raw_text_of(out)
    numbers = source_numbers(library.sources())
    for item in page.items:
        assert " ".join(item.dates_text(lang, numbers).split()) in text, item.record_id


@pytest.mark.parametrize("view", ["timeline", "compare"])
@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_the_timeline_and_comparison_fit_a3_at_7_points(view, lang, library, tmp_path):
    # Longer words (German, Dutch, French) once shrank the timeline to 6.1–6.6 pt.
    page = write_view(view, library, lang, tmp_path / f"{view}.pdf", paper="a3")
    assert page.scale >= 0.999


@pytest.mark.parametrize("level", BANDS)
def test_each_level_of_the_timeline_fits_a4_at_7_points(level, library, tmp_path):
    page = write_view("timeline", library, "nl", tmp_path / "t.pdf", paper="a4", levels=[level])
    assert page.scale >= 0.999


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_comparison_page_carries_every_value_with_its_sources(lang, library, tmp_path):
    out = tmp_path / "compare.pdf"
    page = write_view("compare", library, lang, out)
    assert len(pypdf.PdfReader(out).pages) == 1
    assert page.scale >= 0.999
    text = raw_text_of(out)
    for (row, region), entries in page.comparison.cells.items():
        for e in entries:
            assert " ".join(e.text.split()) in text, (row, region, e.text)
    for n, source in enumerate(library.sources(), 1):
        assert f"[{n}] {source.title[:30]}" in text


def test_file_print_puts_the_map_on_one_landscape_page(library, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from belgai_desktop.printing.landscape_docs import map_page
    from belgai_desktop.printing.landscape_page import landscape_printer_layout, print_page, printer_paper

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageLayout(landscape_printer_layout("a4"))  # as if A4 was chosen in the dialog
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert printer_paper(printer) == "a4"
    page = map_page(library, "nl", "a4", ["brussels"])
    print_page(page, printer)
    assert page.scale >= 1.0
    reader = pypdf.PdfReader(out)
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1 and float(box.width) > float(box.height) and round(float(box.width)) == 842
    text = raw_text_of(out)
    labels = library.landscape.labels(page.graph)
    assert all(" ".join(labels[n.id].split()) in text for n in page.graph.nodes)
