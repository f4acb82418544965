#!/usr/bin/env python3
# Verbatim copy of ../shared/tools/score.py (the team's scorer), so that benchmarks/eval runs
# without ../shared. Keep it in step with the original; do not change the scoring here.
# ruff: noqa: F841
"""Score an output folder written by `baltmet-extract extract` against a gold file.

    python3 ../shared/tools/score.py OUT_DIR GOLD.json [--min F1] [--verbose]

`silent_errors` counts partner rows that match no gold partner and are not
flagged needs_review: wrong answers a reader would trust.
Reads OUT_DIR/projects.csv, partners.csv, milestones.csv, events.csv, news.csv
(see ../shared/CONTRACT.md) with the standard library only. Prints one line per
measure and, last, `score: <overall F1>`; exits 1 when --min is given and the
overall F1 is below it. Gold format: see ../shared/gold/seeds.json.
"""
from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def read(out: Path, name: str) -> list[dict]:
    path = out / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def truthy(v) -> bool:
    return str(v).strip().lower() in {"1", "true", "yes", "y"}


def partner_key(row: dict) -> str:
    gid = (row.get("geonames_id") or "").strip()
    if gid.endswith(".0"):
        gid = gid[:-2]
    iso = (row.get("iso3166_2") or "").strip()
    kind = (row.get("kind") or "").strip()
    if kind == "region" and iso:
        return "iso:" + iso
    if gid:
        return "geonames:" + gid
    if iso:
        return "iso:" + iso
    return "org:" + (row.get("name") or row.get("raw") or "").strip().lower()


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_projects(gold: list[dict], rows: list[dict]) -> dict[int, dict]:
    by_name: dict[str, dict] = {}
    for row in rows:
        by_name.setdefault(fold(row.get("name", "")), row)
    found = {}
    for i, g in enumerate(gold):
        for n in [g["name"], *g.get("aliases", [])]:
            row = by_name.get(fold(n))
            if row is None:  # tolerate a name that carries more words
                row = next((r for k, r in by_name.items() if fold(n) and fold(n) in k and len(k) < 3 * len(fold(n))), None)
            if row is not None:
                found[i] = row
                break
    return found


def score(out: Path, gold: dict, verbose: bool = False) -> dict[str, float]:
    res: dict[str, float] = {}
    projects, partners = read(out, "projects"), read(out, "partners")
    gp = gold.get("projects", [])
    if gp:
        found = match_projects(gp, projects)
        _, _, res["projects_f1"] = f1(len(found), len(projects), len(gp))
        fields = ok = 0
        for i, g in enumerate(gp):
            row = found.get(i)
            for field in ("objective", "status", "status_date", "funding", "url"):
                if field not in g:
                    continue
                fields += 1
                got = (row or {}).get(field, "")
                good = fold(got) == fold(g[field]) if field != "url" else fold(g[field]) in fold(got)
                if field == "objective" and not good and got:
                    good = fold(got).startswith(fold(g[field])[:12]) and len(fold(got)) >= len(fold(g[field])) - 2
                ok += good
                if verbose and not good:
                    print(f"  field {g['name']}.{field}: want {g[field]!r} got {got!r}")
            for field in ("partners_tbc", "partners_incomplete"):
                if field in g:
                    fields += 1
                    good = truthy((row or {}).get(field)) == g[field]
                    ok += good
                    if verbose and not good:
                        print(f"  field {g['name']}.{field}: want {g[field]!r}")
            for text in g.get("description_contains", []):
                fields += 1
                good = fold(text) in fold((row or {}).get("description", ""))
                ok += good
                if verbose and not good:
                    print(f"  field {g['name']}.description lacks {text!r}")
        res["fields_acc"] = ok / fields if fields else 1.0
        # partners: (project, key) pairs; roles on the matched ones
        pid_of = {i: row.get("project_id") for i, row in found.items()}
        tp = n_gold = role_ok = silent = 0
        gold_pids = set(pid_of.values())
        pred_by_pid: dict[str, list[dict]] = {}
        for row in partners:
            if (row.get("kind") or "") == "group":
                continue
            pred_by_pid.setdefault(row.get("project_id"), []).append(row)
        n_pred = sum(len(v) for k, v in pred_by_pid.items() if k in gold_pids)
        for i, g in enumerate(gp):
            pred = list(pred_by_pid.get(pid_of.get(i), []))
            keys = [partner_key(r) for r in pred]
            for key, role in g["partners"]:
                n_gold += 1
                alts = key if isinstance(key, list) else [key]
                hit = next((j for j, k in enumerate(keys) if k in alts), None)
                if hit is None:
                    if verbose:
                        print(f"  partner {g['name']}: missing {alts[0]} ({role})")
                    continue
                tp += 1
                role_ok += (pred[hit].get("role") or "") == role
                if verbose and (pred[hit].get("role") or "") != role:
                    print(f"  partner {g['name']}: {alts[0]} role {pred[hit].get('role')!r} want {role!r}")
                keys[hit] = None
            for k, r in zip(keys, pred):
                if k is None:
                    continue
                silent += not truthy(r.get("needs_review"))
                if verbose:
                    flag = "flagged" if truthy(r.get("needs_review")) else "NOT flagged"
                    print(f"  partner {g['name']}: extra {k} from {r.get('raw')!r} ({flag})")
        p, r, res["partners_f1"] = f1(tp, n_pred, n_gold)
        res["partners_precision"], res["partners_recall"] = p, r
        res["roles_acc"] = role_ok / tp if tp else 0.0
        res["silent_errors"] = silent  # partner rows not in gold and not flagged for review
    if "milestones" in gold:
        got = {(str(r.get("milestone")), r.get("period_start"), r.get("period_end")) for r in read(out, "milestones")}
        want = {(str(m["milestone"]), m["period_start"], m["period_end"]) for m in gold["milestones"]}
        _, _, res["milestones_f1"] = f1(len(got & want), len(got), len(want))
        if verbose:
            for m in sorted(want - got):
                print(f"  milestone missing {m}")
    if "events" in gold:
        rows = read(out, "events")
        pool = [((r.get("date_start") or ""), "geonames:" + (r.get("place_geonames_id") or "").removesuffix(".0")) for r in rows]
        tp = 0
        for e in gold["events"]:
            hit = next((j for j, (d, pl) in enumerate(pool) if d.startswith(e["date"]) and pl == e["place"]), None)
            if hit is None:
                if verbose:
                    print(f"  event missing {e['date']} at {e['place']}")
                continue
            tp += 1
            pool[hit] = ("", "")
        placed = sum(1 for r in rows if r.get("place_geonames_id"))
        _, _, res["events_f1"] = f1(tp, placed, len(gold["events"]))
    if "news" in gold:
        rows = read(out, "news")
        tp = dup_ok = 0
        used: set[int] = set()
        for n in gold["news"]:
            hit = next((j for j, r in enumerate(rows) if j not in used and (r.get("date_start") or "") == n["date_start"]
                        and "geonames:" + (r.get("place_geonames_id") or "").removesuffix(".0") == n["place"]
                        and (not n.get("date_end") or (r.get("date_end") or "") == n["date_end"])
                        and bool((r.get("duplicate_of") or "").strip()) == bool(n.get("duplicate"))), None)
            if hit is None:
                if verbose:
                    print(f"  news missing {n}")
                continue
            used.add(hit)
            tp += 1
        _, _, res["news_f1"] = f1(tp, len(rows), len(gold["news"]))
    parts = [v for k, v in res.items() if k.endswith("_f1") or k.endswith("_acc")]
    res["score"] = sum(parts) / len(parts) if parts else 0.0
    return res


def main(argv: list[str]) -> int:
    minimum = None
    if "--min" in argv:
        i = argv.index("--min")
        minimum = float(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, gold = Path(args[0]), json.loads(Path(args[1]).read_text(encoding="utf-8"))
    res = score(out, gold, verbose="--verbose" in argv)
    for k, v in res.items():
        if k != "score":
            print(f"{k}: {v}" if isinstance(v, int) else f"{k}: {v:.3f}")
    print(f"score: {res['score']:.3f}")
    return 1 if minimum is not None and res["score"] < minimum else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
