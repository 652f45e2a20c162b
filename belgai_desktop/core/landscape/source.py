"""What the landscape reads of the reference data, named here so that the landscape never
imports the façade that calls it (:class:`~belgai_desktop.core.library.Library` provides it,
as it provides the search's :class:`~belgai_desktop.core.search.searcher.SearchSource`)."""

from __future__ import annotations

from typing import Protocol

from belgai_desktop.core.data.model import Record, RecordSummary


class ReferenceData(Protocol):
    """The records, their relations and the data's identity (for the cached layout)."""

    @property
    def content_hash(self) -> str: ...

    @property
    def data_version(self) -> str: ...

    def list(self, kind: str | None = None, level: str | None = None,
             lang: str = "en") -> list[RecordSummary]: ...

    def get(self, record_id: str, lang: str = "en") -> Record: ...

    def title_marks(self, record_id: str, lang: str) -> tuple[bool, bool]: ...

    def relation_rows(self) -> tuple[tuple[str, str, str, str], ...]: ...
