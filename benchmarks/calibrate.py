"""Calibrating when a near spelling is certain (issue 16): measure how the evidence of a fuzzy match
predicts a right answer, and find the thresholds of `settings.yaml` (`normalise: certain:`).

    python benchmarks/calibrate.py                       # fit on seeds 101-103, check on 201
    python benchmarks/calibrate.py --fit 101 --check 201 --places 2000
    python benchmarks/calibrate.py --small-places-floor 1000   # villages of 500-999 people unknown

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
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import names_bench  # noqa: E402

CONFIDENT = 95.0


def resolved_rows(seed: int, places: int, villages: int, cache: Path, rules: Any) -> list[dict[str, Any]]:
    """Every partner of one generated annex as the linker resolves it, with its evidence and label."""
    from baltmet_extract.documents import process_document
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.resolver import Resolver

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
                    "evidence": r.evidence._asdict() if r.evidence else None})
    return rows


# --- fitting ----------------------------------------------------------------------------------

#: The search space: thresholds of `CertainRule` and the values tried.
GRID: dict[str, list[Any]] = {
    "length": [5, 6, 7, 8],
    "cut_length": [7, 8, 9, 10, 12, 99],
    "max_cut": [1, 2],
    "min_runner_up_gap": [0, 1, 2],
    "min_population": [0, 15000, 30000, 50000],
    "insertion": [False, True],
}
GROUPS = ("place", "small", "unknown")


def group(row: dict[str, Any]) -> str:
    """What the mention is: a place of the set, a village the gazetteer knows only by name, or one
    it knows nothing of (below the floor of the small places it knows by name)."""
    if not row["village"]:
        return "place"
    return "unknown" if row["village"] < row.get("floor", 0) else "small"


def _evidence(row: dict[str, Any]) -> Any:
    from baltmet_extract.normalise.calibration import Evidence

    ev = dict(row["evidence"])
    ev["doubts"] = tuple(ev.get("doubts", ()))
    return Evidence(**ev)


def evaluate(rule: Any, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Had `rule` decided the near spellings (other answers keep the flag they got): right answers,
    right answers flagged, and wrong answers left unflagged by group, those the rule let through
    (`silent_<group>`) apart from the others (`other_<group>`: exact names of another place)."""
    out = dict.fromkeys(["right", "flagged_right", *(f"{k}_{g}" for k in ("silent", "other") for g in GROUPS)], 0)
    for row in rows:
        flagged = not rule.certain(_evidence(row)) if row["evidence"] else row["flagged"]
        if row["right"]:
            out["right"] += 1
            out["flagged_right"] += flagged
        elif not flagged:
            out[f"{'silent' if row['evidence'] else 'other'}_{group(row)}"] += 1
    return out


def candidate_rules(base: Any) -> list[Any]:
    out = []
    for length, cut_length, max_cut, gap, population, insertion in itertools.product(*GRID.values()):
        kinds = tuple(k for k in base.edit_kinds if k not in ("cut_start", "insertion")) + \
            (("cut_start",) if cut_length < 99 else ()) + (("insertion",) if insertion else ())
        out.append(replace(base, min_length=(("cut_start", cut_length), ("default", length)), max_cut=max_cut,
                           min_runner_up_gap=gap, min_population=population, edit_kinds=kinds))
    return out


def _strictness(rule: Any) -> tuple[int, ...]:
    lengths = dict(rule.min_length)
    return (rule.min_population, lengths["default"], lengths["cut_start"], rule.min_runner_up_gap, -rule.max_cut,
            -len(rule.edit_kinds))


def fit(rows: list[dict[str, Any]], base: Any) -> tuple[Any, list[tuple[Any, dict[str, int]]]]:
    """The rule that flags the fewest right answers while letting no wrong answer about a place or
    a village the gazetteer knows through unflagged (the strictest of equals), and every rule's
    figures."""
    scored = [(rule, evaluate(rule, rows)) for rule in candidate_rules(base)]
    safe = [(rule, fig) for rule, fig in scored if fig["silent_place"] == fig["silent_small"] == 0]
    if not safe:
        raise SystemExit("no rule in the grid lets no wrong answer through: widen GRID")
    fewest = min(fig["flagged_right"] for _, fig in safe)
    best = max((rule for rule, fig in safe if fig["flagged_right"] == fewest), key=_strictness)
    return best, scored


def frontier(scored: list[tuple[Any, dict[str, int]]]) -> list[tuple[int, int, Any]]:
    """The curve: for each number of silent errors (places and known villages), the fewest right
    answers flagged, and the rule that does it."""
    best: dict[int, tuple[int, Any]] = {}
    for rule, fig in scored:
        silent = fig["silent_place"] + fig["silent_small"]
        if silent not in best or fig["flagged_right"] < best[silent][0]:
            best[silent] = (fig["flagged_right"], rule)
    out, lowest = [], None
    for silent in sorted(best):
        flagged, rule = best[silent]
        if lowest is None or flagged < lowest:
            out.append((silent, flagged, rule))
            lowest = flagged
    return out


def describe(rule: Any) -> str:
    lengths = dict(rule.min_length)
    cut = f"cut start from {lengths['cut_start']} letters, at most {rule.max_cut} cut" \
        if "cut_start" in rule.edit_kinds else "no cut start"
    return (f"length >= {lengths['default']}, {cut}, runner-up gap >= {rule.min_runner_up_gap}, "
            f"city population >= {rule.min_population:,}{', insertions' if 'insertion' in rule.edit_kinds else ''}")


def predictors(rows: list[dict[str, Any]]) -> list[str]:
    """How each piece of evidence predicts a right answer: the share right, by value."""
    ev_rows = [r for r in rows if r["evidence"] and not r["evidence"]["doubts"]]

    def bucket(name: str, key: Any) -> str:
        table: dict[Any, list[int]] = {}
        for r in ev_rows:
            k = key(r["evidence"], r)
            table.setdefault(k, [0, 0])
            table[k][0] += r["right"]
            table[k][1] += 1
        cells = [f"{k}: {right / n:.1%} of {n}" for k, (right, n) in sorted(table.items(), key=lambda x: str(x[0]))]
        return f"  {name:<22} " + "; ".join(cells)

    def gap(e: dict[str, Any], _: Any) -> str:
        errors = 1 if e["edit_kind"] in ("cut_start", "cut_end") else e["edits"]
        return "none" if e["runner_up_edits"] is None else str(min(e["runner_up_edits"] - errors, 3))

    return [
        "share of right answers among near spellings (no other doubt), by:",
        bucket("edit kind", lambda e, _: e["edit_kind"]),
        bucket("edits", lambda e, _: min(e["edits"], 3)),
        bucket("letters", lambda e, _: min(e["length"], 12) // 2 * 2),
        bucket("runner-up gap", gap),
        bucket("runner-up is", lambda e, _: e["runner_up"] or "none"),
        bucket("margin (points)", lambda e, _: min(int(e["margin"] // 5) * 5, 20)),
        bucket("score", lambda e, r: min(int(r["score"] // 5) * 5, 95)),
        bucket("city population", lambda e, _: "region" if e["kind"] != "city" else
               ">=50k" if e["population"] >= 50000 else ">=15k" if e["population"] >= 15000 else "<15k"),
        bucket("in Europe", lambda e, _: e["european"]),
        bucket("co-partners' country", lambda e, _: e["in_context"]),
        bucket("context decided", lambda e, _: e["context_decided"]),
        bucket("name type", lambda e, _: e["name_type"]),
        bucket("mention is", lambda e, r: group(r)),
    ]


def report(best: Any, scored: list[Any], fit_rows: list[dict[str, Any]], check_rows: list[dict[str, Any]],
           shipped: Any) -> str:
    lines = predictors(fit_rows)
    right_fit = sum(r["right"] for r in fit_rows)
    lines += ["", "curve on the fit seeds: wrong answers let through (places and villages known by name) -> "
              "fewest right answers flagged:"]
    for silent, flagged, rule in frontier(scored):
        lines.append(f"  {silent:4d} silent  {flagged:6d} flagged = {flagged / max(right_fit, 1):6.1%} of right  [{describe(rule)}]")
    lines.append("")
    reasons: dict[str, int] = {}
    for row in fit_rows:
        if row["right"]:
            why = best.why_doubtful(_evidence(row)) if row["evidence"] else \
                (f"not a near spelling ({row['method']})" if row["flagged"] else "")
            if why:
                key = why if not why.startswith("a short name") else "a short name"
                reasons[key] = reasons.get(key, 0) + 1
    lines.append("right answers the fitted rule still flags, by reason: " +
                 "; ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda x: -x[1])))
    lines.append("")
    for label, rule in (("fitted", best), ("settings.yaml", shipped)):
        lines.append(f"{label} rule: {describe(rule)}")
        for name, rows in (("fit", fit_rows), ("held-out", check_rows)):
            f = evaluate(rule, rows)
            lines.append(f"  {name:>8} seeds: flagged {f['flagged_right']} of {f['right']} right answers = "
                         f"{f['flagged_right'] / max(f['right'], 1):.1%}; let through by the rule: "
                         f"{f['silent_place']} places, {f['silent_small']} villages known by name, "
                         f"{f['silent_unknown']} unknown villages; exact names of another place (no rule): "
                         f"{f['other_place']} + {f['other_small']} + {f['other_unknown']}")
    return "\n".join(lines)


def _rules(floor: int | None) -> tuple[Any, Path, int]:
    """The rules (the shipped ones, or with another small-places floor) and a cache folder for
    the gazetteer they build."""
    from baltmet_extract.rules import Rules

    rules = Rules.load()
    cache = HERE / "results" / "cache"
    if floor is not None:
        folder = HERE / "results" / f"rules-floor-{floor}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "settings.yaml").write_text(f"normalise:\n  small_places_min_population: {floor}\n",
                                              encoding="utf-8")
        rules = Rules.load(folder)
        cache = HERE / "results" / f"cache-floor-{floor}"  # the gazetteer cache keeps one gazetteer
    names_bench.warm_cache(cache, rules)
    return rules, cache, int(rules.setting("normalise", "small_places_min_population", 0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Calibrate the thresholds of a certain near spelling.")
    parser.add_argument("--fit", type=int, nargs="+", default=[101, 102, 103])
    parser.add_argument("--check", type=int, nargs="+", default=[201])
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--rows", type=Path, default=HERE / "results" / "calibration-rows.json")
    parser.add_argument("--reuse", action="store_true", help="analyse the rows of the last run again")
    parser.add_argument("--small-places-floor", type=int, default=None,
                        help="know small places by name only from this many people (default: settings.yaml); "
                             "1000 makes the 500-999 villages unknown, to measure names the gazetteer cannot know")
    args = parser.parse_args(argv)

    from baltmet_extract.normalise.calibration import CertainRule
    from baltmet_extract.rules import Rules

    if args.reuse:
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        rules, cache, floor = _rules(args.small_places_floor)
        rows = []
        for seed in [*args.fit, *args.check]:
            t = time.perf_counter()
            got = resolved_rows(seed, args.places, args.villages, cache, rules)
            for row in got:
                row["floor"] = floor
            rows += got
            print(f"seed {seed}: {len(got)} answers in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        args.rows.parent.mkdir(parents=True, exist_ok=True)
        args.rows.write_text(json.dumps(rows, ensure_ascii=False) + "\n", encoding="utf-8")
    shipped = CertainRule.resolve(Rules.load().setting("normalise", "certain", None))
    fit_rows = [r for r in rows if r["seed"] in args.fit]
    check_rows = [r for r in rows if r["seed"] in args.check]
    best, scored = fit(fit_rows, shipped)
    print(report(best, scored, fit_rows, check_rows, shipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
