"""Stage the package data that a wheel or a bundle carries in ``belgai_desktop/data``.

Used by ``setup.py`` (the wheel's build step) and ``tools/belgai.spec`` (the bundle); the
top-level ``db/`` and ``locales/`` stay the sources, nothing is written into the source tree.

    data/belgai.sqlite                      the built reference database (db/belgai.sqlite)
    data/locales/belgai.pot and <lang>/LC_MESSAGES/belgai.po and .mo   the template, each catalog, compiled
    data/index/                             the search index prebuilt for that database

``resources/`` holds only the README's screenshots, which the app never reads: not shipped.

Run directly to stage into a folder: ``python tools/package_data.py TARGET``.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr", "de")


def _compile_catalog(po: Path, mo: Path, lang: str) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po.read_bytes()), locale=lang, domain="belgai", abort_invalid=True)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    mo.write_bytes(buf.getvalue())
    # The app prefers a .mo at least as new as its .po.
    stat = po.stat()
    os.utime(mo, (stat.st_atime, max(stat.st_mtime, mo.stat().st_mtime)))


def _build_index(database: Path, target: Path) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from belgai_desktop.core.library import Library
        from belgai_desktop.core.search import index as search_index
    finally:
        sys.path.pop(0)
    library = Library(database)
    try:
        docs = list(library.index_documents())
        search_index.build(docs, len(docs), target, content_hash=library.content_hash)
    finally:
        library.close()


def stage(target: Path, root: Path = ROOT) -> Path:
    """Write the package data into ``target`` (replaced if it exists); returns ``target``."""
    database = root / "db" / "belgai.sqlite"
    if not database.is_file():
        raise SystemExit(f"package data: {database} is missing (run `belgai db build` in a checkout)")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(database, target / "belgai.sqlite")
    (target / "locales").mkdir()
    shutil.copy2(root / "locales" / "belgai.pot", target / "locales" / "belgai.pot")  # catalogs are checked against it
    for lang in LANGUAGES:
        po = root / "locales" / lang / "LC_MESSAGES" / "belgai.po"
        folder = target / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy2(po, folder / po.name)
        _compile_catalog(folder / po.name, folder / "belgai.mo", lang)
    _build_index(target / "belgai.sqlite", target / "index")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python tools/package_data.py TARGET")
    print(stage(Path(sys.argv[1])))
