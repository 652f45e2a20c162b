"""What changed between two reference databases: records added, removed and changed, and
for each changed record every fact before and after, with its sources.

Facts are compared by their stable ids (``<record>/<type>/<n>``); names and summaries by
record and language. Disputes that appeared or were resolved are listed on their own, so a
reader sees them first. Reads the databases with plain ``sqlite3`` (read-only); a package is
compared by the database inside it (:func:`database_in`), and :func:`names` gives the titles
to show the changes with.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from belgai_desktop.core.errors import BelgaiError, DatabaseError
from belgai_desktop.core.i18n import gettext as _

# Tables holding the content of a fact, by the fact's id.
FACT_TABLES = ("budgets", "dates", "statements", "links", "relations")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        conn.execute("SELECT 1 FROM records LIMIT 1")
        return conn
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_("{path} is not a BelgAI database ({reason})").format(path=path, reason=exc)) from None


def snapshot(path: Path) -> dict[str, dict[str, Any]]:
    """Every record of the database as a comparable dict of its facts."""
    conn = _connect(path)
    try:
        records: dict[str, dict[str, Any]] = {
            r["id"]: {"kind": r["kind"], "level": r["level"], "facts": {}}
            for r in conn.execute("SELECT id, kind, level FROM records")}
        sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in conn.execute("SELECT fact_id, source_id, locator, as_of FROM fact_sources "
                              "ORDER BY fact_id, source_id, locator"):
            sources[r["fact_id"]].append({"source_id": r["source_id"], "where": r["locator"], "as_of": r["as_of"]})
        content: dict[str, dict[str, Any]] = {}
        for table in FACT_TABLES:
            for r in conn.execute(f"SELECT * FROM {table}"):  # fixed table names
                row = {k: r[k] for k in r.keys() if k not in ("fact_id", "record_id")}
                content[r["fact_id"]] = row
        texts: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
        for r in conn.execute("SELECT record_id, lang, text, is_translation FROM names"):
            texts[(r["record_id"], "name")][r["lang"]] = r["text"] + (" (translation)" if r["is_translation"] else "")
        for r in conn.execute("SELECT record_id, lang, text FROM summaries"):
            texts[(r["record_id"], "summary")][r["lang"]] = r["text"]
        for r in conn.execute("SELECT id, record_id, type, dispute FROM facts"):
            if r["record_id"] not in records:
                continue
            value = content.get(r["id"]) or texts.get((r["record_id"], r["type"]), {})
            records[r["record_id"]]["facts"][r["id"]] = {
                "type": r["type"], "value": value, "dispute": r["dispute"], "sources": sources.get(r["id"], [])}
        for table in ("acronyms", "aliases"):
            for r in conn.execute(f"SELECT record_id, text FROM {table} ORDER BY position"):
                if r["record_id"] in records:
                    records[r["record_id"]].setdefault(table, []).append(r["text"])
        return records
    finally:
        conn.close()


def _disputes(records: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    return {(rid, f["dispute"]) for rid, rec in records.items() for f in rec["facts"].values() if f["dispute"]}


def diff(old_path: Path, new_path: Path) -> dict[str, Any]:
    """``{"added", "removed", "changed", "disputes_appeared", "disputes_resolved"}``."""
    old, new = snapshot(old_path), snapshot(new_path)
    changed = []
    for rid in sorted(set(old) & set(new)):
        before, after = old[rid], new[rid]
        facts = []
        for fid in sorted(set(before["facts"]) | set(after["facts"])):
            b, a = before["facts"].get(fid), after["facts"].get(fid)
            if b != a:
                facts.append({"id": fid, "type": (a or b or {}).get("type"), "before": b, "after": a})
        fields = [k for k in ("kind", "level", "acronyms", "aliases") if before.get(k) != after.get(k)]
        if facts or fields:
            changed.append({"id": rid, "fields": {k: {"before": before.get(k), "after": after.get(k)} for k in fields},
                            "facts": facts})
    appeared = sorted(_disputes(new) - _disputes(old))
    resolved = sorted(_disputes(old) - _disputes(new))
    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "changed": changed,
        "disputes_appeared": [{"id": rid, "dispute": key} for rid, key in appeared],
        "disputes_resolved": [{"id": rid, "dispute": key} for rid, key in resolved],
    }


def summary(result: dict[str, Any]) -> dict[str, int]:
    """Counts for a package manifest."""
    return {key: len(result[key]) for key in ("added", "removed", "changed", "disputes_appeared", "disputes_resolved")}


def describe(fact: dict[str, Any] | None, lang: str, record_titles: dict[str, str],
             source_titles: dict[str, str]) -> tuple[str, str]:
    """One side of a changed fact in words, as the record page says it: (value, sources)."""
    from belgai_desktop.core.data.model import Budget
    from belgai_desktop.core.i18n import pgettext
    from belgai_desktop.core.text import labels, phrases
    from belgai_desktop.core.text.formatting import format_date

    if fact is None:
        return "—", ""
    kind, v = fact["type"], fact["value"]
    if kind == "budget":
        budget = Budget(v.get("aspect") or "", v["amount"], v.get("amount_max"), v.get("currency") or "EUR",
                        v.get("period") or "", v.get("year"), v.get("year_end"), bool(v.get("approximate")),
                        v.get("qualifier"), None, False, None, [])
        value = phrases.budget_text(budget, lang)
    elif kind == "date":
        value = format_date(v["date"], lang, v.get("precision"))
    elif kind == "statement":
        value = v.get(f"text_{lang}") or v.get("text_en") or ""
    elif kind == "relation":
        target = v.get("object_id") or ""
        value = f"{labels.relation_label(v.get('relation') or '')}: {record_titles.get(target, target)}"
    elif kind == "link":
        value = v.get("url") or ""
    else:  # name, summary: per language
        value = v.get(lang) or v.get("en") or "" if isinstance(v, dict) else str(v)
    aspect = v.get("aspect") if isinstance(v, dict) else None
    if aspect and kind in ("budget", "date", "statement"):
        value = pgettext("label and value", "{label}: {value}").format(label=labels.aspect_label(aspect), value=value)
    cites = "; ".join(source_titles.get(s["source_id"], s["source_id"]) + (f", {s['where']}" if s.get("where") else "")
                      for s in fact["sources"])
    return value, cites


def database_in(path: Path, tmp: Path) -> Path:
    """``path`` when it is a database file; for a package, its database unpacked into the folder
    ``tmp`` (its signature is not needed to compare)."""
    from belgai_desktop.core.updates.reference import DATABASE

    if not path.is_file():
        raise BelgaiError(_("{path} does not exist").format(path=path))
    if zipfile.is_zipfile(path):
        target = tmp / f"{len(list(tmp.iterdir()))}-{DATABASE}"
        try:
            with zipfile.ZipFile(path) as z:
                target.write_bytes(z.read(DATABASE))
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            raise BelgaiError(_("{path} is not a BelgAI data package ({reason})").format(path=path, reason=exc)) \
                from None
        return target
    return path


class TitleSource(Protocol):
    """What :func:`names` reads of a database: the façade's :class:`~belgai_desktop.core.library.Library`,
    passed in by the caller (this module sits below the façade and never imports it)."""

    def list(self, lang: str = ...) -> Sequence[Any]: ...

    def sources(self) -> Sequence[Any]: ...

    def close(self) -> None: ...


def names(databases: Iterable[Path], lang: str,
          open_library: Callable[[Path], TitleSource]) -> tuple[dict[str, str], dict[str, str]]:
    """(record id → title in ``lang``, source id → title) from these databases, a later one's
    winning: the words to show a diff with. ``open_library`` opens one (the façade's Library)."""
    titles: dict[str, str] = {}
    sources: dict[str, str] = {}
    for database in databases:
        library = open_library(database)
        try:
            titles.update({r.id: r.title for r in library.list(lang=lang)})
            sources.update({s.id: s.title for s in library.sources()})
        finally:
            library.close()
    return titles, sources
