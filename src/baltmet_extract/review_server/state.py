"""The review server's model: the mentions of one output folder with their recorded decisions,
decisions written to the rules folder, and "Apply" (re-running the later stages on the same
documents, from the document cache, so the decisions show in the output).

The mentions are read from the output folder's files again whenever those change (a run in a
terminal, an Apply); decisions are re-read from review.csv the same way, so a decision recorded
with `baltmet-extract review ...` meanwhile shows too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baltmet_extract.csvsafe import read_csv_records
from baltmet_extract.errors import BaltmetError
from baltmet_extract.review import record_decision, target_problem
from baltmet_extract.review_file import DECISIONS, Decision, read_decisions
from baltmet_extract.review_server.europe_map import outline
from baltmet_extract.review_server.mentions import MentionView, mention_view
from baltmet_extract.rule_files import REVIEW_FILE
from baltmet_extract.run_record import read_run_record
from baltmet_extract.textutil import fold

#: what the page sends beyond the three decisions: a mention that is an organisation or a group
KIND_ACTIONS = {"organisation": "org", "group": "group"}


class DecisionRefused(BaltmetError):
    """A decision the server will not record; the message says why."""


@dataclass
class _Snapshot:
    stamp: tuple[int, int]
    views: list[MentionView] = field(default_factory=list)
    by_raw: dict[str, MentionView] = field(default_factory=dict)


class ReviewState:
    """One output folder under review, and the rules folder its decisions go to."""

    def __init__(self, out: Path, rules_dir: Path, gazetteer: Any,
                 apply: Callable[[], Any] | None = None) -> None:
        self.out = out
        self.rules_dir = rules_dir
        self.gz = gazetteer
        self._apply = apply or self._run_pipeline
        self._lock = threading.RLock()
        self._apply_lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._decisions: tuple[tuple[int, int], dict[str, Decision]] | None = None
        self.last_apply: dict[str, Any] | None = None

    @property
    def review_file(self) -> Path:
        return self.rules_dir / REVIEW_FILE

    # ---- reading ------------------------------------------------------------------------------

    def _stamp(self, path: Path) -> tuple[int, int]:
        try:
            st = path.stat()
        except FileNotFoundError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def views(self) -> _Snapshot:
        path = self.out / "normalisation.csv"
        with self._lock:
            if self._snapshot is not None and self._apply_lock.locked():
                return self._snapshot  # the files are being written: the last complete reading
            stamp = self._stamp(path)
            if self._snapshot is None or self._snapshot.stamp != stamp:
                if stamp == (0, 0):
                    raise BaltmetError(f"{path}: not found; run 'baltmet-extract extract ... --out {self.out}' first")
                rows = read_csv_records(path)
                views = [mention_view(r, self.gz) for r in rows]
                self._snapshot = _Snapshot(stamp, views, {v.raw: v for v in views})
            return self._snapshot

    def decisions(self) -> dict[str, Decision]:
        """Recorded decisions by folded mention (as a run applies them)."""
        with self._lock:
            stamp = self._stamp(self.review_file)
            if self._decisions is None or self._decisions[0] != stamp:
                self._decisions = (stamp, {fold(d.raw): d for d in read_decisions(self.review_file)})
            return self._decisions[1]

    def counts(self) -> dict[str, int]:
        snap, decided = self.views(), self.decisions()
        flagged = [v for v in snap.views if v.needs_review]
        return {
            "mentions": len(snap.views),
            "flagged": len(flagged),
            "needs-review": sum(1 for v in flagged if fold(v.raw) not in decided),
            "decided": sum(1 for v in snap.views if fold(v.raw) in decided),
            "pending": sum(1 for v in snap.views if fold(v.raw) in decided and v.method != "review"),
        }

    def mentions(self) -> dict[str, Any]:
        """Every mention (those that need review first, as the table orders them), its decision,
        the counts, and the values to filter by."""
        snap, decided = self.views(), self.decisions()
        items = []
        for i, v in enumerate(snap.views):
            d = decided.get(fold(v.raw))
            item = v.as_json()
            item["id"] = i
            item["decision"] = None if d is None else {"decision": d.decision, "target": d.target, "note": d.note}
            item["applied"] = d is not None and v.method == "review"
            items.append(item)
        return {
            "counts": self.counts(),
            "mentions": items,
            "filters": {
                "documents": sorted({doc for v in snap.views for doc in v.documents}),
                "methods": sorted({v.method for v in snap.views}),
                "kinds": sorted({v.kind for v in snap.views}),
            },
            "rules": str(self.review_file),
            "map": {"width": outline().width, "height": outline().height},
            "last_apply": self.last_apply,
        }

    # ---- deciding -----------------------------------------------------------------------------

    def decide(self, raw: str, action: str, target: str = "", note: str = "") -> dict[str, Any]:
        """Record one decision at once in review.csv; `action` is accept, pick, reject, or
        organisation / group (a pick of `org:Name` / `group:Name`, the name defaulting to the
        mention's). Returns the decision and the new counts."""
        action = (action or "").strip().lower()
        raw = raw if isinstance(raw, str) else ""
        view = self.views().by_raw.get(raw)
        if action in KIND_ACTIONS:
            # the name the run already gave it when it took it for one, else the mention itself
            same_kind = view is not None and view.kind == action and view.name
            name = target.strip() or (view.name if same_kind and view else raw).strip()
            action, target = "pick", f"{KIND_ACTIONS[action]}:{name}"
        if action not in DECISIONS:
            raise DecisionRefused(f"unknown action {action!r}; one of {', '.join([*DECISIONS, *KIND_ACTIONS])}")
        if not raw.strip():
            raise DecisionRefused("no mention named")
        if action == "accept":
            if view is None:
                raise DecisionRefused(f"{raw!r} is no mention of this output; use pick with a target")
            target = target or view.key
            if not target:
                raise DecisionRefused(f"{raw!r} was not resolved to anything: pick a place, or reject it")
        if action == "reject":
            target = ""
        problem = target_problem(target, self.gz, action)
        if problem:
            raise DecisionRefused(f"{raw!r}: {problem}")
        record_decision(raw, action, target, self.rules_dir, note, gazetteer=self.gz)
        return {"decision": {"raw": raw, "decision": action, "target": target, "note": note},
                "counts": self.counts()}

    # ---- applying -----------------------------------------------------------------------------

    def apply(self) -> dict[str, Any]:
        """Re-run normalise, validate and export over the cached documents with the decisions;
        one at a time."""
        if not self._apply_lock.acquire(blocking=False):
            raise DecisionRefused("an Apply is already running")
        try:
            before = self.counts()
            summary = self._apply()
            with self._lock:
                self._snapshot = None
                self._decisions = None
            self.last_apply = {"before": before, "after": self.counts(), **(summary or {})}
            return {"counts": self.last_apply["after"], "apply": self.last_apply}
        finally:
            self._apply_lock.release()

    def _run_pipeline(self) -> dict[str, Any]:
        import baltmet_extract.api as api

        record = read_run_record(self.out)
        self.rules_dir.mkdir(parents=True, exist_ok=True)
        result = api.run(record.inputs, self.out, {"rules_dir": self.rules_dir, "jobs": 1})
        if result.gazetteer is not None:
            self.gz = result.gazetteer
        problems = [p for p in result.validation if p.get("severity") != "info"]
        return {"documents": len(result.documents), "failed": len(result.failed_inputs),
                "problems": len(problems)}
