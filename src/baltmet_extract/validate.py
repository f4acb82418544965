"""Cross-record checks over the tables. Problems are records with a code, a message and the
source location; nothing here raises."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from baltmet_extract.normalise.link import Tables
    from baltmet_extract.pipeline import DocumentResult

#: code -> (severity, description)
CHECKS = {
    "duplicate-id": ("error", "two records share an id"),
    "orphan-partner": ("error", "a partner points at a project that does not exist"),
    "no-lead": ("warning", "the partner cell names no lead partner"),
    "event-outside-period": ("warning", "an event's date lies outside its milestone's period"),
    "no-partners": ("warning", "a project has no partners and is not marked 'to be confirmed'"),
    "needs-review": ("info", "a value a person should confirm"),
    "rows-unaccounted": ("error", "table rows neither became records nor were reported"),
}


def _problem(code: str, message: str, source_file: str | None = None, source_row: int | None = None,
             source_page: int | None = None) -> dict[str, object]:
    return {"code": code, "severity": CHECKS[code][0], "message": message, "source_file": source_file,
            "source_page": source_page, "source_row": source_row}


def validate(tables: Tables, documents: list[DocumentResult]) -> list[dict[str, object]]:
    """Every cross-record problem found, in a stable order."""
    problems: list[dict[str, object]] = []
    for table, key in (("projects", "project_id"), ("events", "event_id"), ("news", "news_id")):
        counts = Counter(getattr(r, key) for r in getattr(tables, table))
        for value, n in sorted(counts.items()):
            if n > 1:
                problems.append(_problem("duplicate-id", f"{table}.{key} {value!r} appears {n} times"))
    project_ids = {p.project_id for p in tables.projects}
    partners_by_project: dict[str, list] = {}  # type: ignore[type-arg]
    for partner in tables.partners:
        partners_by_project.setdefault(partner.project_id, []).append(partner)
        if partner.project_id not in project_ids:
            problems.append(_problem("orphan-partner", f"partner {partner.raw!r} points at unknown project "
                                     f"{partner.project_id!r}", partner.source_file, partner.source_row))
    for p in tables.projects:
        partners = [x for x in partners_by_project.get(p.project_id, []) if x.kind != "group"]
        if not partners and not p.partners_tbc:
            problems.append(_problem("no-partners", f"project {p.name!r} has no partners", p.source_file,
                                     p.source_row, p.source_page))
        if p.needs_review:
            problems.append(_problem("needs-review", f"project {p.name!r}: {p.review_reason}", p.source_file,
                                     p.source_row, p.source_page))
    periods = {(m.source_file, m.milestone): (m.period_start, m.period_end) for m in tables.milestones}
    for e in tables.events:
        if e.milestone is None or not e.date_start:
            continue
        start, end = periods.get((e.source_file, e.milestone), (None, None))
        if (start and e.date_start[: len(start)] < start) or (end and e.date_start[: len(end)] > end):
            problems.append(_problem("event-outside-period", f"event {e.event_id} on {e.date_start} lies outside "
                                     f"milestone {e.milestone} ({start} to {end})", e.source_file, e.source_row))
    for d in documents:
        if d.rows_seen != d.rows_used:
            problems.append(_problem("rows-unaccounted", f"{d.rows_seen - d.rows_used} table row(s) not accounted for",
                                     d.source_file))
    for n in tables.normalisation:
        if n.needs_review:
            problems.append(_problem("needs-review", f"mention {n.raw!r} resolved to {n.name!r} by {n.method} "
                                     f"({n.score:g}): {n.reason}"))
    return problems
