"""The façade over the reference database: the one object the GUI and the CLI talk to.

``Library`` owns the read-only SQLite connection (and, lazily, the search index); no
other module opens the database. It is safe to share between threads: every query
runs under a lock on one connection opened with ``check_same_thread=False``.
"""

from __future__ import annotations

import builtins
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belgai_desktop.core.data import index_feed, vocab
from belgai_desktop.core.data.model import (
    Budget,
    Citation,
    DateFact,
    Link,
    Name,
    Record,
    RecordSummary,
    Related,
    Source,
    Statement,
)
from belgai_desktop.core.data.schema import connect_read_only, lang_column, schema_problem
from belgai_desktop.core.errors import DatabaseError, UnknownRecord
from belgai_desktop.core.i18n import gettext as _

if TYPE_CHECKING:
    from belgai_desktop.core.landscape.government import Section
    from belgai_desktop.core.landscape.maps import Landscape
    from belgai_desktop.core.landscape.overview import Overview
    from belgai_desktop.core.search.searcher import Progress, Searcher, SearchResult
    from belgai_desktop.core.userdata.store import UserData

# Order of the sections on a record page; relations not listed go to "related".
PARENT_RELATIONS = frozenset({"part_of"})


def _check_lang(lang: str) -> str:
    if lang not in vocab.LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    return lang


class Library:
    """Read access to the bundled reference database."""

    def __init__(self, path: Path | None = None) -> None:
        if path:
            self.path, self.shipped_index = Path(path), None
        else:  # the data in use: an installed data package, else the installation's own
            from belgai_desktop.core.updates.reference import active

            reference = active()
            self.path, self.shipped_index = reference.database, reference.index_dir
        self._conn = connect_read_only(self.path)
        try:
            problem = schema_problem(self._conn, self.path)
        except sqlite3.DatabaseError as exc:
            problem = _("cannot read the database {path}: {reason}").format(path=self.path, reason=exc)
        if problem:
            self._conn.close()
            raise DatabaseError(problem)
        self._lock = threading.Lock()
        self._searcher_lock = threading.Lock()  # two threads must not build the index twice
        self._searcher: Searcher | None = None
        self._user: UserData | None = None
        self._user_lock = threading.Lock()
        self._titles: dict[str, dict[str, tuple[str, bool]]] | None = None
        self._kinds: dict[str, tuple[str, str]] | None = None
        self._descriptive: frozenset[str] | None = None

    # -- low level -------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cur = self._conn.execute(sql, params)
                cur.row_factory = sqlite3.Row
                return cur.fetchall()
            except UnicodeEncodeError:
                return []  # text that cannot be stored (invalid UTF-8 from a command line) matches nothing
            except sqlite3.DatabaseError as exc:
                raise DatabaseError(_("cannot read the database {path}: {reason}").format(
                    path=self.path, reason=exc)) from None

    def close(self) -> None:
        with self._lock:
            self._conn.close()
        with self._user_lock:
            if self._user is not None:
                self._user.close()
                self._user = None

    # -- the user's own data -----------------------------------------------------------

    @property
    def user(self) -> UserData:
        """The user's bookmarks, notes, recently viewed records and searches (``user.sqlite`` in
        the user's data folder), opened on first use; separate from the read-only reference data."""
        with self._user_lock:
            if self._user is None:
                from belgai_desktop.core import paths
                from belgai_desktop.core.userdata.schema import FILE_NAME
                from belgai_desktop.core.userdata.store import UserData

                self._user = UserData(paths.data_dir() / FILE_NAME, self._title_or_none)
            return self._user

    def _title_or_none(self, record_id: str, lang: str) -> str | None:
        return self.title(record_id, lang) if self.exists(record_id) else None

    # -- dataset ---------------------------------------------------------------------

    @property
    def meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM meta")}

    @property
    def content_hash(self) -> str:
        """Changes whenever the data changes: the search index is keyed on it."""
        return self.meta.get("source_hash", "")

    @property
    def data_version(self) -> str:
        return self.meta.get("data_version", "1")

    @property
    def as_of(self) -> str:
        return self.meta.get("as_of", "")

    def sources(self) -> list[Source]:
        return [Source(**dict(r)) for r in self._rows(
            "SELECT id, title, author, publisher, date, date_precision, file, note, sha256 "
            "FROM sources ORDER BY date, id"
        )]

    def _all_titles(self) -> dict[str, dict[str, tuple[str, bool]]]:
        if self._titles is None:
            titles: dict[str, dict[str, tuple[str, bool]]] = defaultdict(dict)
            for r in self._rows("SELECT record_id, lang, text, is_translation FROM names"):
                titles[r["record_id"]][r["lang"]] = (r["text"], bool(r["is_translation"]))
            self._titles = dict(titles)
        return self._titles

    def _kinds_levels(self) -> dict[str, tuple[str, str]]:
        if self._kinds is None:
            self._kinds = {r["id"]: (r["kind"], r["level"])
                           for r in self._rows("SELECT id, kind, level FROM records")}
        return self._kinds

    def _descriptive_titles(self) -> frozenset[str]:
        """Records whose title is ours (written to describe them, given by no document)."""
        if self._descriptive is None:
            self._descriptive = frozenset(
                r["id"] for r in self._rows("SELECT id FROM records WHERE title_descriptive = 1"))
        return self._descriptive

    def title(self, record_id: str, lang: str) -> str:
        names = self._all_titles().get(record_id)
        if not names:
            raise UnknownRecord(record_id)
        return (names.get(lang) or names[vocab.DEFAULT_LANGUAGE])[0]

    def _acronyms_ours(self, record_id: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self._rows("SELECT lang, text FROM acronyms_ours WHERE record_id = ? ORDER BY lang, position",
                            (record_id,)):
            out.setdefault(r["lang"], []).append(r["text"])
        return out

    def title_marks(self, record_id: str, lang: str) -> tuple[bool, bool]:
        """(our translation, a descriptive title of ours) for the title ``title`` gives."""
        names = self._all_titles().get(record_id) or {}
        entry = names.get(lang) or names.get(vocab.DEFAULT_LANGUAGE)
        return (bool(entry and entry[1]), record_id in self._descriptive_titles())

    def exists(self, record_id: str) -> bool:
        return record_id in self._all_titles()

    def list(self, kind: str | None = None, level: str | None = None,
             lang: str = "en") -> builtins.list[RecordSummary]:
        """Records filtered by kind (a kind or a kind group) and level, sorted by title."""
        _check_lang(lang)
        sql, params = "SELECT id, kind, level FROM records WHERE 1", builtins.list[str]()
        if kind:
            kinds = vocab.kinds_matching(kind)
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            params += kinds
        if level:
            sql += " AND level = ?"
            params.append(level)
        out = [RecordSummary(r["id"], r["kind"], r["level"], self.title(r["id"], lang))
               for r in self._rows(sql, tuple(params))]
        return sorted(out, key=lambda s: (s.title.casefold(), s.id))

    def government(self, lang: str = "en") -> builtins.list[Section]:
        """Belgium's bodies as organised, with their plans (:mod:`core.landscape.government`)."""
        from belgai_desktop.core.landscape import government

        triples = [(r["subject_id"], r["relation"], r["object_id"]) for r in self._rows(
            "SELECT subject_id, relation, object_id FROM relations ORDER BY fact_id")]
        return government.build(self.list(lang=lang), triples)

    def overview(self, lang: str = "en") -> Overview:
        """The start page's facts: records per level, latest dates, disputed questions."""
        from belgai_desktop.core.landscape import overview

        dates = [(r["record_id"], r["aspect"], r["date"]) for r in self._rows(
            "SELECT record_id, aspect, date FROM dates ORDER BY fact_id")]
        disputed = [(r["dispute"], r["record_id"], r["aspect"]) for r in self._rows(
            "SELECT f.dispute, f.record_id, COALESCE(b.aspect, d.aspect, s.aspect) AS aspect FROM facts f "
            "LEFT JOIN budgets b ON b.fact_id = f.id LEFT JOIN dates d ON d.fact_id = f.id "
            "LEFT JOIN statements s ON s.fact_id = f.id WHERE f.disputed = 1 ORDER BY f.dispute, f.id")]
        return overview.build(self.list(lang=lang), dates, disputed, self.as_of)

    # -- one record ------------------------------------------------------------------

    def _citations(self, fact_ids: builtins.list[str]) -> dict[str, builtins.list[Citation]]:
        if not fact_ids:
            return {}
        out: dict[str, builtins.list[Citation]] = defaultdict(builtins.list)
        placeholders = ",".join("?" * len(fact_ids))
        for r in self._rows(
            "SELECT fs.fact_id, fs.source_id, s.title, s.file, fs.locator, fs.as_of, "
            "fs.as_of_precision FROM fact_sources fs JOIN sources s ON s.id = fs.source_id "
            f"WHERE fs.fact_id IN ({placeholders}) ORDER BY fs.as_of, fs.source_id, fs.locator",
            tuple(fact_ids),
        ):
            out[r["fact_id"]].append(Citation(
                r["source_id"], r["title"], r["file"], r["locator"], r["as_of"], r["as_of_precision"]
            ))
        return out

    def _contents(self, record_id: str, lang: str) -> builtins.list[Related]:
        """What a record holds: its parts and what implements it, by title."""
        out = []
        for r in self._rows("SELECT subject_id, relation, fact_id FROM relations WHERE object_id = ? "
                            "AND relation IN ('part_of', 'implements') ORDER BY fact_id", (record_id,)):
            other = r["subject_id"]
            kind, level = self._kinds_levels()[other]
            translated, descriptive = self.title_marks(other, lang)
            out.append(Related(
                id=other, kind=kind, level=level, title=self.title(other, lang), relation=r["relation"],
                direction="in", role=None, citations=self._citations([r["fact_id"]]).get(r["fact_id"], []),
                title_is_translation=translated, title_descriptive=descriptive))
        out.sort(key=lambda x: (x.relation != "part_of", x.title.casefold()))
        return out

    def get(self, record_id: str, lang: str = "en") -> Record:
        """The whole record, with names and texts in ``lang`` where they exist."""
        _check_lang(lang)
        rows = self._rows("SELECT id, kind, level, title_descriptive FROM records WHERE id = ?", (record_id,))
        if not rows:
            raise UnknownRecord(record_id)
        rec = rows[0]
        by_lang = {r["lang"]: Name(r["text"], bool(r["is_translation"])) for r in self._rows(
            "SELECT lang, text, is_translation FROM names WHERE record_id = ?", (record_id,))}
        names = {lang: by_lang[lang] for lang in vocab.LANGUAGES if lang in by_lang}
        by_lang_text = {r["lang"]: r["text"] for r in self._rows(
            "SELECT lang, text FROM summaries WHERE record_id = ?", (record_id,))}
        summaries = {lang: by_lang_text[lang] for lang in vocab.LANGUAGES if by_lang_text.get(lang)}
        facts = {r["id"]: dict(r) for r in self._rows(
            "SELECT id, type, dispute, disputed FROM facts WHERE record_id = ? OR id IN "
            "(SELECT fact_id FROM relations WHERE object_id = ?)", (record_id, record_id))}
        cites = self._citations(sorted(facts))

        def fact(fid: str) -> tuple[bool, str | None, builtins.list[Citation]]:
            f = facts[fid]
            return bool(f["disputed"]), f["dispute"], cites.get(fid, [])

        def text(row: sqlite3.Row, prefix: str) -> str | None:
            value: str | None = row[lang_column(prefix, lang)] or row[lang_column(prefix, vocab.DEFAULT_LANGUAGE)]
            return value

        summary_lang = lang if summaries.get(lang) else vocab.DEFAULT_LANGUAGE
        name = names.get(lang) or names[vocab.DEFAULT_LANGUAGE]
        record = Record(
            id=rec["id"], kind=rec["kind"], kind_group=vocab.GROUP_OF_KIND.get(rec["kind"], "body"),
            level=rec["level"], lang=lang, title=name.text, title_is_translation=name.is_translation,
            title_descriptive=bool(rec["title_descriptive"]),
            names=names, name_citations=cites.get(f"{record_id}/name", []),
            acronyms=[r["text"] for r in self._rows(
                "SELECT text FROM acronyms WHERE record_id = ? ORDER BY position", (record_id,))],
            aliases=[r["text"] for r in self._rows(
                "SELECT text FROM aliases WHERE record_id = ? ORDER BY position", (record_id,))],
            acronyms_ours=self._acronyms_ours(record_id),
            summary=summaries.get(summary_lang, ""), summary_lang=summary_lang,
            summaries=summaries, summary_citations=cites.get(f"{record_id}/summary", []),
        )

        kinds = self._kinds_levels()
        for r in self._rows(
            "SELECT * FROM relations WHERE subject_id = ? OR object_id = ? ORDER BY fact_id",
            (record_id, record_id),
        ):
            out = r["subject_id"] == record_id
            other = r["object_id"] if out else r["subject_id"]
            kind, level = kinds[other]
            other_names = self._all_titles()[other]
            related = Related(
                id=other, kind=kind, level=level, title=self.title(other, lang),
                relation=r["relation"], direction="out" if out else "in",
                role=text(r, "role"), citations=fact(r["fact_id"])[2],
                title_is_translation=(other_names.get(lang) or other_names[vocab.DEFAULT_LANGUAGE])[1],
                title_descriptive=other in self._descriptive_titles(),
            )
            if r["relation"] in PARENT_RELATIONS:
                (record.parents if out else record.children).append(related)
            elif kind == "person" and not out:
                record.people.append(related)
            elif record.kind == "person" and out:
                record.roles.append(related)
            else:
                record.related.append(related)
        for group in (record.children, record.people, record.related):
            group.sort(key=lambda x: (x.relation, x.title.casefold()))
        for child in record.children:  # two levels deep: what each part holds
            child.parts = self._contents(child.id, lang)

        for r in self._rows("SELECT * FROM budgets WHERE record_id = ? ORDER BY fact_id", (record_id,)):
            disputed, dispute, c = fact(r["fact_id"])
            record.budgets.append(Budget(
                aspect=r["aspect"], amount=r["amount"], amount_max=r["amount_max"],
                currency=r["currency"], period=r["period"], year=r["year"], year_end=r["year_end"],
                approximate=bool(r["approximate"]), qualifier=r["qualifier"], note=text(r, "note"),
                disputed=disputed, dispute=dispute, citations=c,
            ))
        for r in self._rows("SELECT * FROM dates WHERE record_id = ? ORDER BY date, fact_id", (record_id,)):
            disputed, dispute, c = fact(r["fact_id"])
            record.dates.append(DateFact(r["aspect"], r["date"], r["precision"], text(r, "note"),
                                         disputed, dispute, c))
        for r in self._rows("SELECT * FROM statements WHERE record_id = ? ORDER BY fact_id", (record_id,)):
            disputed, dispute, c = fact(r["fact_id"])
            record.statements.append(Statement(r["aspect"], text(r, "text") or "", disputed, dispute, c))
        for r in self._rows("SELECT * FROM links WHERE record_id = ? ORDER BY fact_id", (record_id,)):
            record.links.append(Link(r["url"], r["lang"], fact(r["fact_id"])[2]))

        cited = {c.source_id for cs in cites.values() for c in cs}
        cited |= {r["source_id"] for r in self._rows(
            "SELECT source_id FROM record_sources WHERE record_id = ?", (record_id,))}
        record.sources = [s for s in self.sources() if s.id in cited]
        return record

    # -- search ----------------------------------------------------------------------

    def index_documents(self) -> Iterator[dict[str, Any]]:
        """Every record as the text the search index needs, one dict per record."""
        return index_feed.index_documents(self._rows)

    def search(self, query: str, lang: str = "en", kind: str | None = None, level: str | None = None,
               limit: int = 20, progress: Progress | None = None) -> SearchResult:
        """Records matching ``query``, best first. The first search after the data changed
        builds the index; ``progress(done, total)`` hears how far that is."""
        return self._open_searcher(progress).search(query, lang=lang, kind=kind, level=level, limit=limit)

    def browse(self, lang: str = "en", kind: str | None = None, level: str | None = None) -> SearchResult:
        """Every record the filters let through, by title, as a search result (no words typed)."""
        from belgai_desktop.core.search.results import SearchHit, SearchResult

        hits = [SearchHit(s.id, s.kind, s.level, s.title, "", "", 0.0, *self.title_marks(s.id, lang))
                for s in self.list(kind=kind, level=level, lang=lang)]
        return SearchResult("", lang, None, len(hits), hits)

    def warm_up_search(self) -> None:
        """Open the index and build what the first queries would wait for (in the background)."""
        self._open_searcher(None).warm_up()

    def _open_searcher(self, progress: Progress | None) -> Searcher:
        with self._searcher_lock:
            if self._searcher is None:
                from belgai_desktop.core.search.searcher import Searcher

                self._searcher = Searcher(self, progress=progress)
            return self._searcher

    # -- the landscape: map, timeline, regions side by side -----------------------------

    def relation_rows(self) -> tuple[tuple[str, str, str, str], ...]:
        """Every typed relation of the data: (fact id, subject, relation, object)."""
        return tuple((r["fact_id"], r["subject_id"], r["relation"], r["object_id"]) for r in self._rows(
            "SELECT fact_id, subject_id, relation, object_id FROM relations ORDER BY fact_id"))

    @property
    def landscape(self) -> Landscape:
        """The governance map, the timeline and the regions side by side over this data."""
        from belgai_desktop.core.landscape.maps import Landscape

        return Landscape(self)
