"""The search index's feed: every record of the database as the texts the index needs
(names, summaries, acronyms — ours included, so "IBPT" finds the BIPT —, aliases and each
language's fact texts), read with the façade's own query function."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.schema import LANG_TEXTS, lang_column, lang_columns

Rows = Callable[[str], list[sqlite3.Row]]


def index_documents(rows: Rows) -> Iterator[dict[str, Any]]:
    """Every record as the text the search index needs, one dict per record."""
    per_record: dict[str, dict[str, Any]] = {}
    for r in rows("SELECT id, kind, level FROM records ORDER BY id"):
        per_record[r["id"]] = {
            "id": r["id"], "kind": r["kind"], "level": r["level"],
            "names": {}, "summaries": {}, "acronyms": [], "aliases": [],
            "facts": {lang: [] for lang in vocab.LANGUAGES},
        }
    for r in rows("SELECT record_id, lang, text FROM names"):
        per_record[r["record_id"]]["names"][r["lang"]] = r["text"]
    for r in rows("SELECT record_id, lang, text FROM summaries"):
        per_record[r["record_id"]]["summaries"][r["lang"]] = r["text"]
    for table in ("acronyms", "aliases"):
        for r in rows(f"SELECT record_id, text FROM {table} ORDER BY record_id, position"):
            per_record[r["record_id"]][table].append(r["text"])
    # Our acronyms are found like the documents' ("IBPT" finds the BIPT); shown marked as ours.
    for r in rows("SELECT record_id, text FROM acronyms_ours ORDER BY record_id, lang, position"):
        per_record[r["record_id"]]["acronyms"].append(r["text"])
    for table, key, prefix in LANG_TEXTS:
        cols = ", ".join(lang_columns(prefix))
        for r in rows(f"SELECT {key} AS rid, {cols} FROM {table} ORDER BY fact_id"):
            for lang in vocab.LANGUAGES:
                if r[lang_column(prefix, lang)]:
                    per_record[r["rid"]]["facts"][lang].append(r[lang_column(prefix, lang)])
    yield from per_record.values()
