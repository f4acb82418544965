"""The answer one mention gets (`Resolution`), and flagging it for review.

Kept apart from the ranking that makes it, as a plain Python class: answers are pickled into the
caches (a page's places), and the ranking may run compiled (`baltmet_extract._native`), whose
classes pickle otherwise; one class, so a cache written by either is read by the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from baltmet_extract.normalise.calibration import Evidence
from baltmet_extract.normalise.gazetteer import Entity


@dataclass(slots=True)
class Resolution:
    """The answer for one mention (or one part of a mention taken apart)."""

    raw: str
    entity: Entity | None
    method: str
    score: float
    needs_review: bool
    reason: str = ""
    candidates: list[tuple[str, float]] = field(default_factory=list)
    kind: str = "unknown"
    #: what a fuzzy match rests on (see `calibration`); None for other methods
    evidence: Evidence | None = None
    #: the runner-ups of the ranking without context, (shown as, similarity, total, country), to
    #: show them in the order another context gives them
    others: tuple[tuple[str, float, float, str], ...] = field(default=(), repr=False, compare=False)

    @property
    def name(self) -> str | None:
        return self.entity.name if self.entity else None

    @property
    def key(self) -> str:
        return self.entity.key if self.entity else ""


def doubt(r: Resolution, reason: str) -> None:
    """Flag `r` for review, noting why in its evidence."""
    r.needs_review = True
    if r.evidence is not None:
        r.evidence = r.evidence.doubt(reason)


__all__ = ["Resolution", "doubt"]
