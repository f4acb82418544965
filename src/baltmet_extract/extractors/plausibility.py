"""Plausibility guard: a table read wrong is flagged for review, never passed on silently.

A row misread from a PDF (rows run together, a header glued to the rows under it, cells of
one column landing in another) still makes projects, and their partners resolve to real
places. What gives such a row away is what it holds, compared with the rest of the table:

- a name holding a column heading, a section heading, or many words (several names run together);
- a status, description or partner cell holding a column heading;
- a description holding another row's status text, or starting mid-sentence;
- a status cell repeating the same status phrase (two rows' statuses);
- a partner cell naming several lead partners, far more partners than the other rows, or
  pieces of words (mentions in lower case: the cut end of another row);
- a page whose rows name far more lead partners than it has rows.

Each finding marks the project `needs_review` and adds its reason; the linker marks the
project's partner rows for review with it, and validation reports a `project-needs-review`
warning. The thresholds are `PlausibilitySettings`.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from baltmet_extract.models import Project
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import fold

DEFAULT_MAX_NAME_WORDS = 12
DEFAULT_PARTNER_RATIO = 3.0
DEFAULT_MIN_PARTNER_OUTLIER = 16
DEFAULT_MIN_QUOTED = 12
DEFAULT_EXTRA_LEADS_PER_PAGE = 2
DEFAULT_MIN_FRAGMENTS = 3
#: ... and at least this share of the cell's mentions: a long list with a few names cut at the
#: start (misspelt or damaged) is no misread row
DEFAULT_MIN_FRAGMENT_SHARE = 0.2
#: A column heading of fewer words ("Partner cities") may be said in a cell in passing.
MIN_HEADING_WORDS = 3
_LEAD = re.compile(r"\(\s*(?:lead|lead partners?|leaders?|coordinators?|co-ordinators?|lp)\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class PlausibilitySettings:
    """When a project row is implausible.

    `max_name_words`: a name longer than this is several names or a heading run together.
    `partner_ratio`, `min_partner_outlier`: a partner cell with more mentions than both this
    many times the table's median and this number. `min_quoted`: the shortest heading or status
    text (letters and digits) whose presence inside another cell counts. `extra_leads_per_page`:
    a page whose rows name this many more lead partners than it has rows. `min_fragments`: a
    partner cell with this many mentions starting in lower case (pieces of cut words), and at
    least `min_fragment_share` of its mentions.
    """

    max_name_words: int = DEFAULT_MAX_NAME_WORDS
    partner_ratio: float = DEFAULT_PARTNER_RATIO
    min_partner_outlier: int = DEFAULT_MIN_PARTNER_OUTLIER
    min_quoted: int = DEFAULT_MIN_QUOTED
    extra_leads_per_page: int = DEFAULT_EXTRA_LEADS_PER_PAGE
    min_fragments: int = DEFAULT_MIN_FRAGMENTS
    min_fragment_share: float = DEFAULT_MIN_FRAGMENT_SHARE

    def __post_init__(self) -> None:
        counts = (self.max_name_words, self.min_partner_outlier, self.min_quoted, self.extra_leads_per_page,
                  self.min_fragments)
        if min(counts) < 1:
            raise ValueError("counts must be >= 1")
        if self.partner_ratio <= 1:
            raise ValueError("partner_ratio must be > 1")
        if not 0 <= self.min_fragment_share <= 1:
            raise ValueError("min_fragment_share must be between 0 and 1")


class _Mentions(Protocol):
    @property
    def mentions(self) -> Sequence[Any]: ...

    @property
    def text(self) -> str: ...


class Draft(Protocol):
    """A project and its partner cell, as the annex extractor makes them."""

    @property
    def project(self) -> Project: ...

    @property
    def partners(self) -> _Mentions: ...


def _contains(haystack: str, needle: str) -> bool:
    """`needle` inside `haystack`, compared folded (case, accents, spacing and punctuation aside)."""
    return bool(needle) and needle in haystack


def _heading_texts(headers: Sequence[Sequence[str]], settings: PlausibilitySettings) -> list[tuple[str, str]]:
    """(folded, as written) of every column heading long enough to be telling."""
    out: dict[str, str] = {}
    for cells in headers:
        for cell in cells:
            folded = fold(cell).replace(" ", "")
            if len(folded) >= settings.min_quoted and len(fold(cell).split()) >= MIN_HEADING_WORDS:
                out[folded] = " ".join(cell.split())
    # a header read together with a row is no heading of its own: keep the shortest
    return [(k, v) for k, v in out.items() if not any(o != k and o in k for o in out)]


def _flat(text: str | None) -> str:
    return fold(text or "").replace(" ", "")


def _reasons(
    draft: Draft,
    drafts: Sequence[Draft],
    headings: list[tuple[str, str]],
    sections: list[tuple[str, str]],
    median_partners: float,
    rules: Rules,
    settings: PlausibilitySettings,
) -> list[str]:
    p = draft.project
    reasons: list[str] = []
    name, status, description = _flat(p.name), _flat(p.status_text), _flat(p.description)
    partner_text = _flat(draft.partners.text)
    for folded, written in headings:
        where = [label for label, text in (("name", name), ("status", status), ("description", description),
                                           ("partner cell", partner_text)) if _contains(text, folded)]
        if where:
            reasons.append(f"the {' and '.join(where)} holds the column heading {written!r}")
    for folded, written in sections:
        if folded != name and _contains(name, folded):
            reasons.append(f"the name holds the section heading {written!r}")
    words = len(p.name.split())
    if words > settings.max_name_words:
        reasons.append(f"a name of {words} words: several names or a heading run together?")
    if (p.description or "")[:1].islower():
        reasons.append("the description starts mid-sentence: the end of another row?")
    for other in drafts:
        quoted = _flat(other.project.status_text)
        if other is not draft and len(quoted) >= settings.min_quoted and _contains(description, quoted):
            reasons.append(f"the description holds another row's status {other.project.status_text!r}")
            break
    phrases: dict[str, int] = defaultdict(int)
    for pattern, _ in rules.statuses:
        for m in pattern.finditer(p.status_text or ""):
            phrases[fold(m.group(0))] += 1
    repeated = sorted(k for k, n in phrases.items() if n > 1)
    if repeated:
        reasons.append(f"the status cell repeats {repeated[0]!r}: two rows' statuses?")
    fragments = [m.raw for m in draft.partners.mentions if m.raw[:1].islower()]
    share = len(fragments) / max(1, len(draft.partners.mentions))
    if len(fragments) >= settings.min_fragments and share >= settings.min_fragment_share:
        reasons.append(f"the partner cell holds pieces of words ({', '.join(fragments[:3])}): the end of another row?")
    leads = len(_LEAD.findall(draft.partners.text or ""))
    if leads > 1:
        reasons.append(f"the partner cell names {leads} lead partners: rows run together?")
    count = len(draft.partners.mentions)
    if count >= settings.min_partner_outlier and count > settings.partner_ratio * median_partners:
        reasons.append(f"{count} partners where the table's rows have {median_partners:g} as a rule")
    return reasons


def flag_implausible(
    drafts: Sequence[Draft],
    headers: Sequence[Sequence[str]],
    rules: Rules,
    settings: PlausibilitySettings | None = None,
) -> int:
    """Mark every implausible project for review, with its reasons; returns how many were marked.

    `headers` are the cells of the table's header rows (a heading found inside a cell shows a
    header glued to a row).
    """
    settings = settings or PlausibilitySettings()
    if not drafts:
        return 0
    headings = _heading_texts(headers, settings)
    known_sections = {_flat(s): s for s in rules.objectives}
    known_sections.update({_flat(d.project.objective): d.project.objective or "" for d in drafts if d.project.objective})
    sections = [(k, v) for k, v in known_sections.items() if k]
    counts = [len(d.partners.mentions) for d in drafts if d.partners.mentions]
    median_partners = statistics.median(counts) if counts else 0.0
    found: dict[int, list[str]] = {}
    for index, draft in enumerate(drafts):
        reasons = _reasons(draft, drafts, headings, sections, median_partners, rules, settings)
        if reasons:
            found[index] = reasons
    # a page whose rows name far more lead partners than it has rows: rows run together there
    by_page: dict[int | None, list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        by_page[draft.project.source_page].append(index)
    for page, indices in by_page.items():
        leads = sum(len(_LEAD.findall(drafts[i].partners.text or "")) for i in indices)
        if page is not None and leads >= len(indices) + settings.extra_leads_per_page:
            for i in indices:
                found.setdefault(i, []).append(
                    f"page {page} has {len(indices)} row(s) where its partner cells name {leads} lead partners"
                )
    for index, reasons in found.items():
        project = drafts[index].project
        project.needs_review = True
        project.review_reason = "; ".join(filter(None, [project.review_reason, "implausible row: " + "; ".join(reasons)]))
    return len(found)
