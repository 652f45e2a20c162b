"""Full-text search. ``searcher`` (the Searcher the façade hands out) over ``ranking`` (one
query word's scores) over ``query`` (the words typed), ``spelling`` (typos), ``postings``
(BM25 over the whoosh index) and ``results`` (what a search returns); below them ``lexicon``
(term lists), ``compound`` (compounds and equivalents), ``snippets``, ``index`` (the
on-disk whoosh index) and ``analysis`` (text to terms)."""
