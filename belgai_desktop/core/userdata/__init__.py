"""The user's own data: bookmarks, notes, recently viewed records, search history and saved
searches, in one SQLite file beside the installed data updates (never in the reference data)."""
