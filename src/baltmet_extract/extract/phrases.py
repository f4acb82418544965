"""Phrases in annex cells: status, funding programme, web address, headings, project names.

Every pattern comes from `rules/`; this module only applies them.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from baltmet_extract.extract.dates import find_dates
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, fold

_PAGE_FURNITURE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)


def parse_status(cell: str, rules: Rules) -> tuple[str, str | None]:
    """Status and the date the status cell gives for it (the first date after the status phrase)."""
    cell = clean_spacing(cell or "")
    if not cell:
        return "unknown", None
    dates = find_dates(cell)
    for pattern, status in rules.statuses:
        m = pattern.search(cell)
        if m is None:
            continue
        after = [d for d in dates if d.start >= m.start() and d.year]
        chosen = after[0] if after else next((d for d in dates if d.year), None)
        return status, chosen.iso() if chosen else None
    first = next((d for d in dates if d.year), None)
    return "unknown", first.iso() if first else None


def find_funding(text: str, rules: Rules) -> str | None:
    """The first funding programme named in the text, normalised."""
    best: tuple[int, str] | None = None
    for pattern, template in rules.programmes:
        m = pattern.search(text or "")
        if m is None:
            continue
        groups = {k: _roman(v) if k == "period" else (v or "").upper() for k, v in m.groupdict().items()}
        name = template.format(**groups)
        if best is None or m.start() < best[0]:
            best = (m.start(), name)
    return best[1] if best else None


def _roman(value: str | None) -> str:
    return {"3": "III", "4": "IV", "5": "V"}.get(value or "", (value or "").upper())


def find_url(text: str, rules: Rules) -> str | None:
    for pattern in rules.url:
        m = pattern.search(text or "")
        if m:
            return m.group(0).rstrip(").,;")
    return None


def looks_like_heading(text: str) -> bool:
    """A short line that starts with a capital and is not a sentence: a section heading."""
    text = text.strip()
    words = text.split()
    if not 1 <= len(words) <= 12 or len(text) > 100:
        return False
    if not text[:1].isupper() or ". " in text or _PAGE_FURNITURE.match(text):
        return False
    return not text.endswith((".", ",", ";"))


def complete_heading(text: str, objectives: list[str]) -> str:
    """A heading cut by the layout ("Environmentally sustain") completed to the known heading it begins."""
    text = clean_spacing(text)
    key = fold(text)
    for objective in objectives:
        if fold(objective) == key:
            return objective
    if len(key) >= 6:
        starts = [o for o in objectives if fold(o).startswith(key)]
        if len(starts) == 1 or (starts and all(fold(s) == fold(starts[0]) for s in starts)):
            return starts[0]
        # the shortest completion that still fits, when several known headings begin the same way
        if starts:
            return min(starts, key=len)
    best = max(objectives, key=lambda o: fuzz.ratio(fold(o), key), default=None)
    if best is not None and fuzz.ratio(fold(best), key) >= 90:
        return best
    return text


def split_project_names(cell: str, rules: Rules) -> list[tuple[str, str | None, str | None]]:
    """(name, full title, programme) for each project a name cell holds."""
    cell = clean_spacing(cell)
    parts = [cell]
    for pattern in rules.project_split:
        parts = [piece for part in parts for piece in pattern.split(part)]
    out = []
    for part in parts:
        part = part.strip(" ,;")
        if not part:
            continue
        programme = find_funding(part, rules)
        if programme:
            for pattern, _ in rules.programmes:
                part = pattern.sub(" ", part, count=1)
            part = " ".join(part.split())
        name, title = _name_and_title(part, split_on_comma=bool(programme))
        if programme:
            words = name.split()
            while len(words) > 1 and words[0] in rules.programme_name_words:
                words = words[1:]
            name = " ".join(words)
        name = name.strip(" \"'‘’“”")
        if name:
            out.append((name, title, programme))
    return out


def _name_and_title(text: str, split_on_comma: bool) -> tuple[str, str | None]:
    for sep in (":", " – ", " - ") + ((",",) if split_on_comma else ()):
        if sep in text:
            name, title = text.split(sep, 1)
            if name.strip() and len(name.split()) <= 6:
                return name.strip(), clean_spacing(title).strip() or None
    return text.strip(), None


def name_from_description(description: str, rules: Rules) -> str | None:
    """A project's name found in its description, when the name cell is lost."""
    for pattern in rules.name_from_description:
        m = pattern.search(description or "")
        if m:
            return clean_spacing(m.group(1))
    return None
