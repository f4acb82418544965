"""The review loop: decisions about name matches are written to `rules/review.csv`, and the
next run applies them (method `review`)."""

from __future__ import annotations

import csv
from pathlib import Path

from baltmet_extract.errors import BaltmetError
from baltmet_extract.rule_files import review_dir

DECISIONS = ["accept", "pick", "reject"]
REVIEW_COLUMNS = ["raw", "decision", "target", "note"]


def record_decision(raw: str, decision: str, target: str, rules_dir: Path | None = None, note: str = "") -> Path:
    """Add or replace the decision for `raw` in review.csv; returns the file written."""
    if decision not in DECISIONS:
        raise BaltmetError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    if decision in ("accept", "pick") and not _valid_target(target):
        raise BaltmetError(f"{target!r}: a target is geonames:ID, iso:CODE, org:Name or group:Name")
    path = review_dir(rules_dir) / "review.csv"
    rows: list[dict[str, str]] = []
    if path.exists():
        with path.open(encoding="utf-8", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r.get("raw") != raw]
    rows.append({"raw": raw, "decision": decision, "target": target, "note": note})
    rows.sort(key=lambda r: r["raw"].lower())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=REVIEW_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _valid_target(target: str) -> bool:
    parts = target.split(" + ")
    return len(parts) > 1 and all(_valid_target(p) for p in parts) if len(parts) > 1 else _valid_single(target)


def _valid_single(target: str) -> bool:
    prefix, _, rest = target.partition(":")
    if prefix == "geonames":
        return rest.isdigit()
    return prefix in ("iso", "org", "group") and bool(rest.strip())


def _normalisation_rows(out: Path) -> list[dict[str, str]]:
    path = out / "normalisation.csv"
    if not path.exists():
        raise BaltmetError(f"{path}: not found; run 'baltmet-extract extract' first")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def proposed_key(out: Path, raw: str) -> str | None:
    """The entity key the last run chose for `raw`."""
    for row in _normalisation_rows(out):
        if row["raw"] == raw:
            return row.get("key") or None
    return None


def rows_to_review(out: Path) -> list[dict[str, str]]:
    return [r for r in _normalisation_rows(out) if r["needs_review"] == "true"]
