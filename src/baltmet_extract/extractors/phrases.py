"""Phrases in annex cells: status, funding programme, web address, headings, project names.

Every pattern comes from `rules/`; this module only applies them.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from baltmet_extract.extractors.dates import DateMention, find_dates
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, fold

_PAGE_FURNITURE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)


def parse_status(cell: str, rules: Rules) -> tuple[str, str | None]:
    """Status and the date the status cell gives for it (the first date after the status phrase).

    Every status phrase in the cell is found, the more specific first ("to be completed" keeps
    "completed" from matching inside it), and the furthest along the progression wins: "To take
    off by end 2008 (supported by Interreg IVC)" is approved, "Ongoing (approved May 2010)" ongoing.
    """
    cell = clean_spacing(cell or "")
    if not cell:
        return "unknown", None
    # a programme's period ("Programme 2007-2013") is no date of the project's status
    dates = [d for d in find_dates(cell)
             if not (d.kind == "year_range" and _PROGRAMME_PERIOD.search(cell[max(0, d.start - 25):d.start]))]
    found: list[tuple[int, int, str]] = []
    for pattern, status in rules.statuses:
        for m in pattern.finditer(cell):
            if not any(m.start() < e and s < m.end() for s, e, _ in found):
                found.append((m.start(), m.end(), status))
    if found:
        rank = {s: i for i, s in enumerate(rules.status_progression)}
        start, _, status = max(found, key=lambda f: (rank.get(f[2], -1), -f[0]))
        after = [d for d in dates if d.start >= start and d.year]
        chosen = after[0] if after else next((d for d in dates if d.year), None)
        return status, _status_date(chosen, status)
    first = next((d for d in dates if d.year), None)
    return "unknown", _status_date(first, "unknown")


_PROGRAMME_PERIOD = re.compile(r"(?:programme|program|period|framework|interreg)[\s\w-]*$", re.IGNORECASE)


def _status_date(d: DateMention | None, status: str) -> str | None:
    """A range gives its end for a project completed or under way (when it ends), else its start."""
    if d is None:
        return None
    if d.kind == "year_range" and status in ("completed", "ongoing"):
        return d.iso_end()
    return d.iso()


def find_funding(text: str, rules: Rules) -> str | None:
    """The first funding programme named in the text, normalised."""
    found = _programmes(text, rules)
    return min(found)[1] if found else None


def programmes_named(text: str, rules: Rules) -> set[str]:
    """Every funding programme the text names, normalised."""
    return {name for _, name in _programmes(text, rules)}


def _programmes(text: str, rules: Rules) -> list[tuple[int, str]]:
    """(where, normalised name) of the first mention of each programme pattern in `text`."""
    spans = []
    for pattern, template in rules.programmes:
        m = pattern.search(text or "")
        if m is None:
            continue
        groups = {k: _roman(v) if k == "period" else (v or "").upper() for k, v in m.groupdict().items()}
        spans.append((m.start(), m.end(), template.format(**groups)))
    # a programme named inside the name of another that starts before it is that one's name's part
    # ("Centrālā Baltijas jūras reģiona programma" is Central Baltic's, not the Baltic Sea Region's)
    return [(start, name) for start, end, name in spans
            if not any(s < start < e and other != name for s, e, other in spans)]


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


def complete_heading(text: str, objectives: list[str], document_text: str = "") -> str:
    """A heading cut by the layout ("Environmentally sustain") completed to the known heading it
    begins, or its cut last word completed from the same words elsewhere in the document
    ("Transport and logis" -> "Transport and logistics"). A heading that is most of the way to
    nothing known ("Environment") is a heading of its own."""
    text = clean_spacing(text)
    key = fold(text)
    for objective in objectives:
        if fold(objective) == key:
            return objective
    if len(key) >= 6:
        starts = [o for o in objectives if fold(o).startswith(key) and len(key) >= 0.5 * len(fold(o))]
        if len(starts) == 1 or (starts and all(fold(s) == fold(starts[0]) for s in starts)):
            return starts[0]
        # the shortest completion that still fits, when several known headings begin the same way
        if starts:
            return min(starts, key=len)
    best = max(objectives, key=lambda o: fuzz.ratio(fold(o), key), default=None)
    if best is not None and fuzz.ratio(fold(best), key) >= 90:
        return best
    if document_text and len(text) >= 6 and text[-1:].isalpha():
        m = re.search(r"(?<!\w)" + re.escape(text) + r"[a-z]+\b", document_text, re.IGNORECASE)
        if m:
            return text + m.group(0)[len(text):]
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
