"""Calibrating when a near spelling is certain (issue 16): measure how the evidence of a fuzzy match
predicts a right answer, and find the thresholds of `settings.yaml` (`normalise: certain:`).

    python benchmarks/calibrate.py                       # fit on seeds 101-103, check on 201
    python benchmarks/calibrate.py --fit 101 --check 201 --places 2000

For each seed: an annex of `--places` distinct places (synth_names.py), every one written with one
error, plus `--villages` real villages the gazetteer does not hold (half of them misspelt), is
extracted and resolved as the linker resolves it (first without context, then with the countries
of the co-partners resolved with confidence). Every answer that rests on a near spelling or a cut
name is a row: its evidence (calibration.Evidence) and whether it is right. On the fit seeds the
script searches the thresholds for the one that flags the fewest right answers while leaving no
wrong answer unflagged, then reports, on the held-out seed (names the thresholds were not fitted
on), the flagged share of right answers and the silent errors, with the curve of that trade-off.
Rows go to benchmarks/results/calibration-rows.json for further study.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import names_bench  # noqa: E402

CONFIDENT = 95.0


def resolved_rows(seed: int, places: int, villages: int, cache: Path) -> list[dict[str, Any]]:
    """Every partner of one generated annex as the linker resolves it, with its evidence and label."""
    from baltmet_extract.documents import process_document
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.rules import Rules

    rules = Rules.load()
    gz = load_gazetteer(rules, cache)
    resolver = Resolver(gz, rules)
    with tempfile.TemporaryDirectory() as tmp:
        truth = names_bench.generate(seed, places, Path(tmp), misspelt_share=1.0, villages=villages)
        doc = process_document(str(Path(tmp) / "annex_misspelt.txt"), "annex.txt", None)
    by_name = {names_bench._fold(p["name"]): p for p in truth["projects"]}
    rows: list[dict[str, Any]] = []
    for draft in doc.projects:
        proj = by_name.get(names_bench._fold(draft.project.name))
        if proj is None:
            continue
        exact = {p["key"]: p for p in proj["partners"]}
        villages_written = {names_bench._fold(p["written"]): p["population"] for p in proj["partners"]
                            if p["kind"] == "village"}
        other = {k: p for p in proj["partners"] for k in p["also"]}
        mentions = [m for m in draft.partners.mentions if not m.group]
        first = [resolver.resolve(m.raw, m.kind_hint) for m in mentions]
        countries = frozenset(r.entity.country for rs in first for r in rs
                              if r.entity and r.entity.country and r.score >= CONFIDENT and not r.needs_review)
        for m in mentions:
            context = countries | ({m.country_hint} if m.country_hint else set())
            for r in resolver.resolve(m.raw, m.kind_hint, frozenset(context)):
                intended = exact.get(r.key) or other.get(r.key)
                rows.append({
                    "seed": seed, "raw": m.raw, "got": r.key, "name": r.name, "method": r.method,
                    "score": r.score, "flagged": r.needs_review, "right": intended is not None,
                    "error": intended["error"] if intended else "",
                    "village": villages_written.get(names_bench._fold(m.raw), 0),
                    "evidence": asdict(r.evidence) if r.evidence else None})
    return rows


# --- fitting ----------------------------------------------------------------------------------

#: The search space: each threshold of `CertainRule` with the values tried, loosest last.
GRID: dict[str, list[Any]] = {
    "min_length": [12, 10, 9, 8, 7, 6, 5],
    "min_runner_up_gap": [3, 2, 1],
    "min_population": [100000, 50000, 30000, 15000, 0],
}


def evaluate(rule: Any, rows: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(right answers flagged, right answers, wrong answers left unflagged) had `rule` decided
    the near spellings (other answers keep the flag they got)."""
    flagged_right = right = silent = 0
    for row in rows:
        flagged = not rule.certain(_evidence(row)) if row["evidence"] else row["flagged"]
        if row["right"]:
            right += 1
            flagged_right += flagged
        elif not flagged:
            silent += 1
    return flagged_right, right, silent


def candidate_rules(base: Any) -> list[Any]:
    keys = list(GRID)
    out = []
    for values in itertools.product(*(GRID[k] for k in keys)):
        args = dict(zip(keys, values))
        args["min_length"] = (("default", args["min_length"]),)
        out.append(replace(base, **args))
    return out


def fit(rows: list[dict[str, Any]], base: Any) -> tuple[Any, list[tuple[Any, tuple[int, int, int]]]]:
    """The rule that flags the fewest right answers with no silent error, and every rule's figures."""
    scored = [(rule, evaluate(rule, rows)) for rule in candidate_rules(base)]
    safe = [(rule, fig) for rule, fig in scored if fig[2] == 0]
    best = min(safe, key=lambda x: (x[1][0], -x[0].min_population, -dict(x[0].min_length)["default"]))[0]
    return best, scored


def frontier(scored: list[tuple[Any, tuple[int, int, int]]]) -> list[tuple[int, int, Any]]:
    """The curve: for each number of silent errors, the fewest right answers flagged."""
    best: dict[int, tuple[int, Any]] = {}
    for rule, (flagged, _, silent) in scored:
        if silent not in best or flagged < best[silent][0]:
            best[silent] = (flagged, rule)
    out, lowest = [], None
    for silent in sorted(best):
        flagged, rule = best[silent]
        if lowest is None or flagged < lowest:
            out.append((silent, flagged, rule))
            lowest = flagged
    return out


def describe(rule: Any) -> str:
    return (f"min_length {dict(rule.min_length)['default']}, runner-up gap {rule.min_runner_up_gap}, "
            f"min population {rule.min_population:,}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Calibrate the thresholds of a certain near spelling.")
    parser.add_argument("--fit", type=int, nargs="+", default=[101, 102, 103])
    parser.add_argument("--check", type=int, nargs="+", default=[201])
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--collect-only", action="store_true")
    parser.add_argument("--rows", type=Path, default=HERE / "results" / "calibration-rows.json")
    args = parser.parse_args(argv)

    from baltmet_extract.normalise.calibration import CertainRule
    from baltmet_extract.rules import Rules

    cache = HERE / "results" / "cache"
    names_bench.warm_cache(cache)
    rows: list[dict[str, Any]] = []
    for seed in [*args.fit, *args.check]:
        t = time.perf_counter()
        got = resolved_rows(seed, args.places, args.villages, cache)
        rows += got
        print(f"seed {seed}: {len(got)} answers in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    args.rows.parent.mkdir(parents=True, exist_ok=True)
    args.rows.write_text(json.dumps(rows, ensure_ascii=False) + "\n", encoding="utf-8")

    if args.collect_only:
        return 0
    shipped = CertainRule.resolve(Rules.load().setting("normalise", "certain", None))
    fit_rows = [r for r in rows if r["seed"] in args.fit]
    check_rows = [r for r in rows if r["seed"] in args.check]
    best, scored = fit(fit_rows, shipped)
    print(report(best, scored, fit_rows, check_rows, shipped))
    return 0


def _evidence(row: dict[str, Any]) -> Any:
    from baltmet_extract.normalise.calibration import Evidence

    return Evidence(**row["evidence"])


def report(best: Any, scored: list[Any], fit_rows: list[dict[str, Any]], check_rows: list[dict[str, Any]],
           shipped: Any) -> str:
    lines = ["curve on the fit seeds (silent errors -> fewest right answers flagged, by the rule):"]
    right_fit = sum(r["right"] for r in fit_rows)
    for silent, flagged, rule in frontier(scored):
        lines.append(f"  {silent:4d} silent  {flagged:6d} flagged = {flagged / max(right_fit, 1):6.1%} of right  [{describe(rule)}]")
    for label, rule in (("fitted", best), ("settings.yaml", shipped)):
        for name, rows in (("fit", fit_rows), ("held-out", check_rows)):
            flagged, right, silent = evaluate(rule, rows)
            lines.append(f"{label} rule on {name} seeds: flagged {flagged} of {right} right answers = "
                         f"{flagged / max(right, 1):.1%}; silent errors {silent}  [{describe(rule)}]")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
