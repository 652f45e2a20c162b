"""Full-text search: text analysis (``analysis``), the whoosh index (``index``),
compound words and equivalents (``compound``), and the Searcher that ranks hits."""
