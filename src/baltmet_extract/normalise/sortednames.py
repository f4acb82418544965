"""Names that start with a text, in a sorted list of names: the search behind
`Gazetteer.with_prefix` and `with_suffix` (cut names, "Brandenbu" or "randenburg").

`spans` notes where the names sharing each first `SPAN_LETTERS` letters lie in the list, so a
search starts there instead of with a binary search over all names; the answers are those of
the plain search over the whole list.
"""

from __future__ import annotations

import bisect

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
