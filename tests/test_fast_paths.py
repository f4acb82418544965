"""Fast paths give what the plain code they replace gives."""

from __future__ import annotations

import random

from baltmet_extract.normalise.calibration import edit_kind


def _edit_kind_plain(query: str, name: str) -> str:
    """`edit_kind` as first written, letter by letter."""
    if query == name:
        return "none"
    lq, ln = len(query), len(name)
    if lq < ln and name.endswith(query) and ln - lq <= 3:
        return "cut_start"
    if lq < ln and name.startswith(query) and ln - lq <= 3:
        return "cut_end"
    i = 0
    while i < min(lq, ln) and query[i] == name[i]:
        i += 1
    j = 0
    while j < min(lq, ln) - i and query[lq - 1 - j] == name[ln - 1 - j]:
        j += 1
    got, want = query[i:lq - j], name[i:ln - j]
    if not got and len(want) == 1:
        return "deletion"
    if len(got) == 1 and not want:
        near = query[max(0, i - 1):i] + query[i + 1:i + 2]
        return "doubled" if got in near else "insertion"
    if len(got) == 1 and len(want) == 1:
        return "substitution"
    if len(got) == 2 and got == want[::-1]:
        return "transposition"
    return "several"


def test_edit_kind_equals_the_letter_by_letter_comparison():
    rng = random.Random(16)
    for _ in range(30000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
        assert edit_kind(a, b) == _edit_kind_plain(a, b), (a, b)
    for a, b in [("kanuas", "kaunas"), ("schweinfudt", "schweinfurt"), ("randenburg", "brandenburg"),
                 ("talinn", "tallinn"), ("rigga", "riga"), ("", "a"), ("aa", "a")]:
        assert edit_kind(a, b) == _edit_kind_plain(a, b), (a, b)
