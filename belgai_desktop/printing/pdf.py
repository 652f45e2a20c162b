"""Writes the one-page summary as a PDF file: layout from :mod:`.layout`, plus metadata.

Owns the PDF specifics: title, XMP metadata (title, language, creator) and the
document language in the catalogue (``/Lang``, which Qt has no setter for; added as a
standard PDF incremental update). Rendering happens in memory and the file is
written at the end through a temporary file, so a failure never leaves a partial PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter

from belgai_desktop import __version__
from belgai_desktop.core import i18n
from belgai_desktop.core.library import Library
from belgai_desktop.core.outputs import check_output, write_atomically
from belgai_desktop.printing.layout import Fit, ensure_app, page_layout, paint_sheet
from belgai_desktop.printing.sheet import build_sheet

PDF_LANGUAGES = {"en": "en-GB", "nl": "nl-BE", "fr": "fr-BE", "de": "de-BE"}
RESOLUTION_DPI = 600
CREATOR = f"BelgAI Desktop {__version__}"


def xmp_metadata(title: str, lang: str, when: dt.datetime | None = None) -> bytes:
    """XMP packet with the title in the print language and ``dc:language``."""
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = when.isoformat()
    tag = PDF_LANGUAGES.get(lang, lang)
    return (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(title)}</rdf:li>'
        f'<rdf:li xml:lang="{tag}">{xml_escape(title)}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:language><rdf:Bag><rdf:li>{tag}</rdf:li></rdf:Bag></dc:language>"
        f"<dc:creator><rdf:Seq><rdf:li>{xml_escape(CREATOR)}</rdf:li></rdf:Seq></dc:creator>"
        "<dc:format>application/pdf</dc:format>"
        f"<xmp:CreatorTool>{xml_escape(CREATOR)}</xmp:CreatorTool>"
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    ).encode()


def set_pdf_language(pdf: bytes, tag: str) -> bytes:
    """Return ``pdf`` with ``/Lang (tag)`` in its catalogue, by appending an incremental update
    (a new catalogue object, a one-entry xref section and a trailer pointing back)."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag):
        raise ValueError(f"not a language tag: {tag!r}")
    cat = None
    for obj in re.finditer(rb"(\d+) 0 obj\s*<<((?:(?!endobj).)*?)>>\s*endobj", pdf, re.S):
        if re.search(rb"/Type\s*/Catalog\b", obj.group(2)):
            cat = obj
    starts = re.findall(rb"startxref\s+(\d+)", pdf)
    trailers = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", pdf, re.S)
    if not cat or not starts or not trailers:
        return pdf  # not the structure Qt writes: leave the file as it is
    number, body = cat.group(1), re.sub(rb"/Lang\s*\([^)]*\)", b"", cat.group(2))
    trailer = trailers[-1]
    size = re.search(rb"/Size\s+(\d+)", trailer)
    if size is None:
        return pdf
    keep = b"".join(m.group(0) + b"\n" for m in re.finditer(rb"/(?:Info\s+\d+\s+\d+\s+R|ID\s*\[[^\]]*\])",
                                                             trailer))
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offset = len(out)
    out += number + b" 0 obj\n<<" + body.rstrip() + b"\n/Lang (" + tag.encode() + b")\n>>\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n" + number + b" 1\n" + b"%010d 00000 n \n" % offset
    out += (b"trailer\n<<\n/Size " + size.group(1) + b"\n/Root " + number + b" 0 R\n" + keep
            + b"/Prev " + starts[-1] + b"\n>>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n")
    return bytes(out)


def render_pdf(library: Library, record_id: str, lang: str, paper: str = "a4") -> tuple[bytes, Fit]:
    """The PDF of the summary of ``record_id`` in ``lang`` as bytes, and how it was fitted."""
    ensure_app()
    with i18n.in_language(lang):
        record = library.get(record_id, lang)
        sheet = build_sheet(record, library.meta)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageLayout(page_layout(paper))
        writer.setResolution(RESOLUTION_DPI)
        writer.setTitle(sheet.doc_title)
        writer.setCreator(CREATOR)
        writer.setDocumentXmpMetadata(xmp_metadata(sheet.doc_title, lang))
        fit = paint_sheet(sheet, writer)
        del writer  # flushes the PDF into the buffer
        data = bytes(buffer.data().data())
        buffer.close()
    return set_pdf_language(data, PDF_LANGUAGES.get(lang, lang)), fit


def write_pdf(library: Library, record_id: str, lang: str, path: Path | str, paper: str = "a4") -> None:
    """Write the one-page summary to ``path`` (overwriting it); BelgaiError if it cannot be written."""
    path = Path(path)
    check_output(path)
    data, _fit = render_pdf(library, record_id, lang, paper)
    write_atomically(path, data, "pdf", suffix=".pdf.tmp")
