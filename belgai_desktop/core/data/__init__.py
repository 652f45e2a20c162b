"""The reference data: its vocabularies, the source files (TOML), the checks, the build
into SQLite, and the plain dataclasses a user reads (``model``)."""
