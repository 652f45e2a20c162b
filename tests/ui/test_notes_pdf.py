"""`belgai notes export -o FILE.pdf`: the printable "My notes" (Qt draws it, so it is tested here,
not in the Qt-free tests/core)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from belgai_desktop.core.library import Library


def test_notes_export_to_pdf_holds_the_note(tmp_path: Path) -> None:
    Library().user.set_note("fps-bosa", "for the PDF")
    out = tmp_path / "n.pdf"
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("BELGAI_DB", None)
    result = subprocess.run([sys.executable, "-m", "belgai_desktop", "notes", "export", "-o", str(out)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "for the PDF" in " ".join(text.split())
