"""Small text helpers shared by the extractors and the normaliser."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACED_HYPHEN = re.compile(r"(\w)- +(?!(?:and|or|und|och|to|til)\b)(\w)")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)])")


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: `Malmö` and `Malmo`, `Poznań` and `Poznan` fold alike."""
    return " ".join(_NON_ALNUM.sub(" ", anyascii(text).lower()).split())


def fold_compact(text: str) -> str:
    """`fold` without spaces, for comparing names whose spacing or hyphens differ."""
    return fold(text).replace(" ", "")


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (alternate names in other scripts are skipped)."""
    for ch in text:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def is_cyrillic(text: str) -> bool:
    """True when every letter is Cyrillic script ("Кентшин", "Калининград")."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("CYRILLIC") for ch in letters)


def clean_spacing(text: str) -> str:
    """Collapse whitespace, re-join words split by a hyphen and a space, tidy punctuation spacing."""
    text = " ".join(text.split())
    text = _SPACED_HYPHEN.sub(r"\1-\2", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text


def join_fragments(first: str, second: str) -> str:
    """Join two pieces of a cell cut by a page break, mending a word split with a hyphen."""
    first, second = first.rstrip(), second.lstrip()
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and second[:1].islower():
        return first[:-1] + second
    return first + " " + second


def join_list_fragments(first: str, second: str) -> str:
    """Join two pieces of a list cell cut by a page break: a new capitalised item after a
    complete one is a new list item, anything else continues the item."""
    first, second = first.rstrip(), second.lstrip()
    if first and second and second[:1].isupper() and not first.endswith(("-", ",", ";", "(")) \
            and not re.match(r"(?:and|or|with|as)\b", second):
        return f"{first}, {second}"
    return join_fragments(first, second)


def unique_id(ident: str, used: set[str]) -> str:
    """`ident`, or `ident-2`, `ident-3`... the first not in `used`, which it joins."""
    out, n = ident, 2
    while out in used:
        out, n = f"{ident}-{n}", n + 1
    used.add(out)
    return out


def slugify(text: str) -> str:
    """A stable id from a name: `BaltMet Inno` -> `baltmet-inno`."""
    return fold(text).replace(" ", "-") or "item"


def alternation(words: Iterable[object] | None) -> str:
    """`words` as one regular-expression alternation, escaped and longest first (so that "till
    den" is tried before "till"); "(?!x)x", which matches nothing, for none."""
    return "|".join(sorted((re.escape(str(w)) for w in words or ()), key=len, reverse=True)) or "(?!x)x"


def label_of(text: str, max_words: int = 4) -> tuple[str, str]:
    """("label", "value") of a "Label: value" line (the label in lower case, of at most `max_words`
    words and starting with a letter: "06:52 ..." is a time), else ("", "")."""
    label, sep, value = text.partition(":")
    label = label.strip().lower()
    if not sep or not label or len(label.split()) > max_words or not label[:1].isalpha():
        return "", ""
    return label, value.strip()


def split_outside_brackets(text: str, separator: re.Pattern[str]) -> list[tuple[str, str]]:
    """The pieces of `text` between matches of `separator` that stand outside round brackets,
    each with the separator after it ("" after the last): "ERKAS (Eesti Regionaalse ja Kohaliku
    Arenduse Sihtasutus), LALRG" splits at the comma only."""
    before: list[int] = []  # the bracket depth before each character
    depth = 0
    for ch in text:
        before.append(depth)
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
    parts: list[tuple[str, str]] = []
    start = 0
    for m in separator.finditer(text):
        if m.end() == m.start() or before[m.start()]:
            continue
        parts.append((text[start:m.start()], m.group(0)))
        start = m.end()
    parts.append((text[start:], ""))
    return parts
