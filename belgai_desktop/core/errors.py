"""Errors the user can act on. The CLI turns them into one line and exit code 2.

Their messages are translated when they are raised, into the interface language of that moment.
"""

from belgai_desktop.core.i18n import gettext as _


class BelgaiError(Exception):
    """A problem with a clear message for the user (never shown as a traceback)."""

    exit_code = 2


class UnknownRecord(BelgaiError):
    def __init__(self, record_id: str) -> None:
        super().__init__(_("no record with id {record_id!r} (try `belgai list` or `belgai search`)").format(
            record_id=record_id))
        self.record_id = record_id


class DatabaseError(BelgaiError):
    """The database file is missing, unreadable, corrupt or of another schema version."""


class SourceDataError(BelgaiError):
    """The TOML reference data under db/ is malformed."""
