"""The postings of the long texts — summaries and facts, stemmed, and their words unstemmed
(prefixes, typos, compounds, stop words) — kept beside the whoosh index, one file of our own
per field, instead of as whoosh fields.

Why: whoosh's writer spends about 30 µs per posting in Python, and these three fields hold
nine in ten postings (4.7 of 4.9 million at 10,000 records); counted here in one pass and
written as arrays, they cost a fraction of that. whoosh keeps the schema, the names, the
acronyms, the stored fields and the atomic storage. The scores stay those of whoosh fields:
the same term frequencies, and the field lengths rounded as whoosh rounds them (BM25 in
:mod:`postings` reads both). The files are written into the index's storage before the index
is checksummed, so they are verified, copied into memory and replaced with the rest.

Layout: 8 bytes (the header's length), a JSON header (document count, and for each term its
first posting and its number of postings), then the field lengths, the document numbers and
the frequencies, each as an array of unsigned 32-bit integers. No Qt, no SQLite.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

from whoosh.util.numeric import byte_to_length, length_to_byte

FIELDS = ("summary", "facts", "words")


def file_name(field: str) -> str:
    return f"belgai-{field}.bin"
_TYPE = "I"  # unsigned 32-bit on every platform Python supports


def _array(data: bytes | memoryview = b"") -> array[int]:
    out = array(_TYPE)
    out.frombytes(data)
    if sys.byteorder != "little":
        out.byteswap()
    return out


def _bytes(values: array[int]) -> bytes:
    if sys.byteorder != "little":
        values = array(_TYPE, values)
        values.byteswap()
    return values.tobytes()


class WordsWriter:
    """Counts each added document's terms in one field; :meth:`to_bytes` gives the file."""

    def __init__(self) -> None:
        # term -> document numbers and frequencies, interleaved (one append call per posting)
        self._postings: dict[str, array[int]] = {}
        self._lengths: array[int] = array(_TYPE)

    def add(self, terms: Iterable[str]) -> None:
        """The next document's terms (documents are numbered in the order they are added,
        as whoosh numbers a fresh index's)."""
        docnum = len(self._lengths)
        counts = Counter(terms)
        postings = self._postings
        for term, tf in counts.items():
            try:
                postings[term].extend((docnum, tf))
            except KeyError:
                postings[term] = array(_TYPE, (docnum, tf))
        self._lengths.append(byte_to_length(length_to_byte(sum(counts.values()))))

    def to_bytes(self) -> bytes:
        terms, ids, tfs, start = {}, array(_TYPE), array(_TYPE), 0
        for term in sorted(self._postings):
            pairs = self._postings[term]
            count = len(pairs) // 2
            terms[term] = [start, count]
            ids.extend(pairs[0::2])
            tfs.extend(pairs[1::2])
            start += count
        header = json.dumps({"documents": len(self._lengths), "postings": start, "terms": terms},
                            ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return b"".join([len(header).to_bytes(8, "little"), header, _bytes(self._lengths), _bytes(ids),
                         _bytes(tfs)])


class WordsField:
    """One stored field, read: document frequencies, field lengths and each term's postings."""

    def __init__(self, data: bytes) -> None:
        size = int.from_bytes(data[:8], "little")
        header = json.loads(data[8:8 + size].decode("utf-8"))
        documents, postings = int(header["documents"]), int(header["postings"])
        self._terms: dict[str, list[int]] = header["terms"]
        body = memoryview(data)[8 + size:]
        width = array(_TYPE).itemsize
        if len(body) != (documents + 2 * postings) * width:
            raise ValueError("damaged word list")
        self.lengths = _array(body[:documents * width])
        self._ids = body[documents * width:(documents + postings) * width]
        self._tfs = body[(documents + postings) * width:]
        self.df = {term: span[1] for term, span in self._terms.items()}

    def postings(self, term: str) -> tuple[Sequence[int], Sequence[int]]:
        """Every (document number, term frequency) of ``term``, in document order."""
        span = self._terms.get(term)
        if span is None:
            return array(_TYPE), array(_TYPE)
        width = array(_TYPE).itemsize
        lo, hi = span[0] * width, (span[0] + span[1]) * width
        return _array(self._ids[lo:hi]), _array(self._tfs[lo:hi])
