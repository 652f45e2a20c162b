"""A record rendered for a reader, all from the one wording in ``core/text/phrases.py``:
``plain`` (the terminal's ``belgai show``), ``page`` (the record page's HTML). The printed
summary's layout is Qt's (``printing/``), its words come from the same phrases."""
