"""The source documents' text (``/work/shared/seeds`` or ``--seeds``), to verify the data
against: each cited document is there in the version cited (sha256), web addresses are written
in their documents, titles are the documents' own, and our prose is not copied from them.

Imports only the standard library and :mod:`belgai_desktop.core.data.model`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import defaultdict
from pathlib import Path

from belgai_desktop.core.data.model import Source

# Summaries and statements are written in our own words: names and official terms may be
# copied, whole sentences may not. A run of this many words found in a document is reported,
# once the names of our records and any quoted words are taken out of our text (names may be
# copied) and British and American spellings are made alike (a changed "z" is not rewording).
COPY_WORDS = 9
# A sentence of at least this many words, this share of which stands in one sentence of a
# document in the same order (difflib's matching runs of 3 or more words), is a near-copy
# even without a long verbatim run.
SIMILAR_MIN_WORDS = 10
SIMILAR_SHARE = 0.7

_SPELLING = [(re.compile(p), r) for p, r in (
    (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"), (r"yse(d|s)?$", r"yze\1"), (r"^programme(s)?$", r"program\1"),
    (r"^centre(s)?$", r"center\1"), (r"^(colo|behavio|labo|favo|hono|neighbo)ur(s|ed|ing)?$", r"\1r\2"),
    (r"^labelled$", "labeled"),
)]
# Quoted words are exempt up to this many (a title, an official term), not a whole sentence.
QUOTE_WORDS = 12
# A quotation: an opening quote after a space or at the start (not the apostrophe of "plan's").
_QUOTED = re.compile(r"(?<!\w)[\"“„«‘'](?=\w)[^\"“”„«»‘’]{1,200}?(?<=[\w.)])[\"”»’'](?!\w)")


def _norm(word: str) -> str:
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


def _words(text: str) -> list[str]:
    # Underscores are Markdown emphasis in the documents ("_FOD Beleid en Ondersteuning_").
    return [_norm(w) for w in re.findall(r"[^\W_]+", text.casefold())]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;:])\s+|\n+|\s[-*•o]\s", text) if s.strip()]


class SeedTexts:
    """The source documents' text, when ``../shared/seeds`` is available, to verify against."""

    def __init__(self, seeds_dir: Path | None, sources: list[Source]) -> None:
        self.texts: dict[str, str] = {}
        self.problems: list[str] = []
        self._shingles: set[str] | None = None
        self._doc_sentences: list[list[str]] = []
        self._by_word: dict[str, list[int]] = {}
        self._names: dict[str, list[tuple[str, ...]]] = {}
        self._joined: dict[str, str] | None = None
        self.available = seeds_dir is not None and seeds_dir.is_dir()
        if not self.available:
            return
        assert seeds_dir is not None
        for s in sources:
            path = seeds_dir / s.file
            if not path.is_file():
                self.problems.append(f"source {s.id}: document {s.file} not found in {seeds_dir}")
                continue
            raw = path.read_bytes()
            if hashlib.sha256(raw).hexdigest() != s.sha256:
                self.problems.append(f"source {s.id}: {s.file} differs from the cited version (sha256)")
            self.texts[s.id] = raw.decode("utf-8", errors="replace")

    def set_names(self, names: list[str]) -> None:
        """Names that may be copied verbatim (our records' names, aliases and acronyms)."""
        self._names = defaultdict(list)
        for name in names:
            words = tuple(_words(name))
            if len(words) > 1:  # a one-word name ("Brussels") inside a copied phrase is no excuse
                self._names[words[0]].append(words)
        for first in self._names:
            self._names[first].sort(key=len, reverse=True)

    def _own_words(self, text: str) -> list[str | None]:
        """The words of ``text`` with names and quoted words replaced by None (they may be copied)."""
        words: list[str | None] = []
        start = 0
        for m in _QUOTED.finditer(text):
            words += _words(text[start:m.start()])
            # A quoted title or term may be copied; a quoted sentence is still not our prose.
            words += [None] if len(_words(m.group())) <= QUOTE_WORDS else _words(m.group())
            start = m.end()
        words += _words(text[start:])
        out: list[str | None] = []
        i = 0
        while i < len(words):
            w = words[i]
            names = self._names.get(w, []) if w is not None else []
            match = next((n for n in names if tuple(words[i:i + len(n)]) == n), None)
            if match:
                out.append(None)
                i += len(match)
            else:
                out.append(w)
                i += 1
        return out

    def _index(self) -> None:
        self._shingles = set()
        for doc in self.texts.values():
            words = _words(doc)
            self._shingles.update(
                " ".join(words[i:i + COPY_WORDS]) for i in range(len(words) - COPY_WORDS + 1))
            for sentence in _sentences(doc):
                sw = _words(sentence)
                if len(sw) >= SIMILAR_MIN_WORDS // 2:
                    self._doc_sentences.append(sw)
        by_word: dict[str, list[int]] = defaultdict(list)
        for n, sw in enumerate(self._doc_sentences):
            for w in set(sw):
                by_word[w].append(n)
        self._by_word = dict(by_word)

    def copied_run(self, text: str) -> str | None:
        """Wording copied from a document, if any: a run of COPY_WORDS words outside names and
        quotes, or a sentence nearly the same as one of a document's. Prose must be our own."""
        if not self.available:
            return None
        if self._shingles is None:
            self._index()
        assert self._shingles is not None
        words = self._own_words(text)
        for i in range(len(words) - COPY_WORDS + 1):
            window = words[i:i + COPY_WORDS]
            if None not in window:
                run = " ".join(window)  # type: ignore[arg-type]
                if run in self._shingles:
                    return run
        for sentence in _sentences(text):
            sw = [w for w in self._own_words(sentence) if w is not None]
            if len(sw) < SIMILAR_MIN_WORDS:
                continue
            # Only document sentences sharing a rarer word are compared: fast enough for CI.
            candidates: dict[int, int] = defaultdict(int)
            for w in set(sw):
                hits = self._by_word.get(w, [])
                if len(hits) < 100:
                    for n in hits:
                        candidates[n] += 1
            for n, _ in sorted(candidates.items(), key=lambda kv: -kv[1])[:10]:
                matcher = difflib.SequenceMatcher(None, sw, self._doc_sentences[n], autojunk=False)
                # Share of our words that come in the document's order, in runs of 3 or more:
                # a sentence with a few words swapped is still the document's sentence.
                copied = sum(b.size for b in matcher.get_matching_blocks() if b.size >= 3)
                if copied / len(sw) >= SIMILAR_SHARE:
                    doc = " ".join(self._doc_sentences[n])
                    return f"{sentence} ~ {doc[:100]}{'…' if len(doc) > 100 else ''}"
        return None

    def contains(self, name: str) -> str | None:
        """The id of a document that writes ``name`` (words in order, case and spelling aside)."""
        if self._joined is None:
            self._joined = {sid: f" {' '.join(_words(text))} " for sid, text in self.texts.items()}
        wanted = f" {' '.join(_words(name))} "
        return next((sid for sid, text in self._joined.items() if wanted in text), None)

    def url_problem(self, where: str, url: str, source_ids: list[str]) -> str | None:
        if not self.available:
            return None
        if any(url in self.texts.get(sid, "") for sid in source_ids):
            return None
        return f"{where}: URL {url} is not written in its cited document(s) {', '.join(source_ids)}"
