"""Names that start with a text, in a sorted list of names: the search behind
`Gazetteer.with_prefix` and `with_suffix` (cut names, "Brandenbu" or "randenburg").

`spans` notes where the names sharing each first `SPAN_LETTERS` letters lie in the list, so a
search starts there instead of with a binary search over all names; the answers are those of
the plain search over the whole list. `cut_filter` tells, without a search, that no name starts
or ends with a text and is a few letters longer (the question a near spelling asks of every
answer it is about to leave unflagged).
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Iterable

import numpy as np

#: letters of a name's start that `spans` are kept by
SPAN_LETTERS = 3


def starting_with(names: list[str], text: str, limit: int,
                  spans: dict[str, tuple[int, int]] | None = None) -> list[str]:
    """The names of the sorted list `names` that start with `text`, at most `limit` of them;
    `spans` (of `spans(names)`) narrows the search to the names that share its first letters."""
    lo, hi = 0, len(names)
    if spans and len(text) >= SPAN_LETTERS:
        span = spans.get(text[:SPAN_LETTERS])
        if span is None:
            return []
        lo, hi = span
    i = bisect.bisect_left(names, text, lo, hi)
    out: list[str] = []
    end = min(len(names), i + limit)
    while i < end and names[i].startswith(text):
        out.append(names[i])
        i += 1
    return out


def spans(names: list[str]) -> dict[str, tuple[int, int]]:
    """(first, last + 1) index in the sorted list `names` of the names that begin with each
    `SPAN_LETTERS` letters."""
    out: dict[str, tuple[int, int]] = {}
    start, head = 0, None
    for i, name in enumerate(names):
        lead = name[:SPAN_LETTERS]
        if lead != head:
            if head is not None and len(head) == SPAN_LETTERS:
                out[head] = (start, i)
            start, head = i, lead
    if head is not None and len(head) == SPAN_LETTERS:
        out[head] = (start, len(names))
    return out


#: bits of the cut-name filter's hash (2 MB; about one look-up in fifteen finds a false bit)
FILTER_BITS = 24


def cut_filter(names: Iterable[str], most_cut: int, min_left: int) -> bytes:
    """A bit set of every start and end of the `names` left when 1 to `most_cut` letters are cut,
    of at least `min_left` letters: `may_be_cut` answers from it, without a search, that no name
    starts or ends so (most texts are no such start or end). A bit set by another text only costs
    the search it would have saved."""
    found: list[int] = []
    for name in names:
        for k in range(1, most_cut + 1):
            if len(name) - k < min_left:
                break
            found.append(_filter_hash(name[:-k]))
            found.append(_filter_hash(name[k:]))
    bits = np.zeros(1 << (FILTER_BITS - 3), dtype=np.uint8)
    at = np.asarray(found, dtype=np.int64)
    np.bitwise_or.at(bits, at >> 3, np.left_shift(1, at & 7).astype(np.uint8))
    return bits.tobytes()


def may_be_cut(bits: bytes, text: str) -> bool:
    """False when no name of `cut_filter(names, ...)` starts or ends with `text` and is 1 to
    `most_cut` letters longer (`text` of at least `min_left` letters); True when one may."""
    h = _filter_hash(text)
    return bool(bits[h >> 3] >> (h & 7) & 1)


def _filter_hash(text: str) -> int:
    return zlib.crc32(text.encode()) >> (32 - FILTER_BITS)
