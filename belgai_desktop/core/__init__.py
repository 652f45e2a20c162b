"""The core: data, search, i18n and summaries. Plain Python; never imports PySide6."""
