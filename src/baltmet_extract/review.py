"""The review loop: decisions about name matches are written to `rules/review.csv`, and the
next run applies them (method `review`).

A decision's target must name a real gazetteer entry (a GeoNames id or an ISO 3166-2 code the
gazetteer holds; organisations and groups are created by name); one that does not is refused
when it is recorded, and a run whose review file holds one stops before it starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from baltmet_extract.csvsafe import read_csv_records
from baltmet_extract.errors import BaltmetError
from baltmet_extract.review_file import (
    DECISIONS,
    REVIEW_COLUMNS,
    Decision,
    ReviewFileError,
    decision_problem,
    set_decision,
    unknown_targets,
)
from baltmet_extract.rule_files import REVIEW_FILE, review_dir

if TYPE_CHECKING:
    from baltmet_extract.normalise.gazetteer import Gazetteer
    from baltmet_extract.rules import Rules

__all__ = ["DECISIONS", "REVIEW_COLUMNS", "check_review_targets", "record_decision", "target_problem"]


def is_known_target(gz: Gazetteer, part: str) -> bool:
    """Whether one target part (no ` + `) names an entry of the gazetteer; `org:` and `group:`
    targets name entities that a decision creates."""
    prefix, _, rest = part.strip().partition(":")
    if prefix in ("org", "group"):
        return bool(rest.strip())
    if prefix == "geonames":
        return part.strip() in gz.by_key
    if prefix == "iso":
        codes = [c.strip() for c in rest.split(";")]
        return bool(codes) and all(c and f"iso:{c}" in gz.by_key for c in codes)
    return False


def needs_gazetteer(target: str) -> bool:
    return any(p.strip().startswith(("geonames:", "iso:")) for p in target.split(" + "))


def target_problem(target: str, gz: Gazetteer | None, decision: str = "pick") -> str | None:
    """Why a decision cannot take `target` (None when it can); with a gazetteer, a target that is
    well written but names no entry is refused too."""
    problem = decision_problem(decision, target)
    if problem or decision == "reject" or gz is None:
        return problem
    missing = [p.strip() for p in target.split(" + ") if not is_known_target(gz, p)]
    if missing:
        return f"{', '.join(missing)} is no entry of the gazetteer (look the place up with 'review serve', or in " \
               "normalisation.csv's candidates)"
    return None


def check_review_targets(rules: Rules, gz: Gazetteer) -> None:
    """Raises `ReviewFileError` (a usage error) listing, with line numbers, every decision whose
    target names no gazetteer entry."""
    decisions = [Decision(r["raw"], r["decision"], r["target"], r.get("note", ""), int(r.get("line") or 0))
                 for r in rules.review]
    where = (rules.directory / REVIEW_FILE) if rules.directory else REVIEW_FILE
    unknown_targets(decisions, lambda part: is_known_target(gz, part), where)


def load_checking_gazetteer(rules_dir: Path | str | None) -> Gazetteer:
    """The gazetteer a run with these rules uses (from the cache when it is current)."""
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.rules import Rules
    from baltmet_extract.settings import default_cache_dir

    folder = review_dir(rules_dir)
    folder.mkdir(parents=True, exist_ok=True)  # the decision is about to be written there
    return load_gazetteer(Rules.load(folder), default_cache_dir())


def record_decision(raw: str, decision: str, target: str, rules_dir: Path | None = None, note: str = "",
                    gazetteer: Gazetteer | None = None, check_gazetteer: bool = True) -> Path:
    """Add or replace the decision for `raw` in review.csv (under the writers' lock, atomically);
    returns the file written. An accept or pick whose target names no gazetteer entry is refused
    (the gazetteer is loaded when none is given and `check_gazetteer` is true)."""
    decision = decision.strip().lower()
    raw = raw.strip()
    if not raw:
        raise BaltmetError("name the mention to decide about")
    if decision == "reject":
        target = ""
    gz = gazetteer
    if gz is None and check_gazetteer and decision != "reject" and needs_gazetteer(target) \
            and decision_problem(decision, target) is None:
        gz = load_checking_gazetteer(rules_dir)
    problem = target_problem(target, gz, decision)
    if problem:
        raise BaltmetError(f"{raw!r}: {problem}")
    path = review_dir(rules_dir) / REVIEW_FILE
    set_decision(path, Decision(raw, decision, target, note))
    return path


def _normalisation_rows(out: Path) -> list[dict[str, str]]:
    path = out / "normalisation.csv"
    if not path.exists():
        raise BaltmetError(f"{path}: not found; run 'baltmet-extract extract' first")
    return read_csv_records(path)


def proposed_key(out: Path, raw: str) -> str | None:
    """The entity key the last run chose for `raw`."""
    for row in _normalisation_rows(out):
        if row["raw"] == raw:
            return row.get("key") or None
    return None


def rows_to_review(out: Path) -> list[dict[str, str]]:
    return [r for r in _normalisation_rows(out) if r["needs_review"] == "true"]


__all__ += ["ReviewFileError", "is_known_target", "proposed_key", "rows_to_review"]
