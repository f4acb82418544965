"""How well a run resolved the partners (and news places) a synthetic corpus intends.

A partner is identified as in CONTRACT.md: `geonames:<id>` for cities, `iso:<code>` for
regions, the lower-cased name for organisations. Projects are matched to the truth by
source file and folded name; within a project each intended partner counts as found
when the output has a partner with its key not yet used by another intended partner
(so a name resolved to the wrong place, or split in two, is a miss).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def _fold(text: str) -> str:
    from anyascii import anyascii

    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split())


def _rows(out: Path, table: str) -> list[dict[str, str]]:
    path = out / f"{table}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def partner_key(row: dict[str, str]) -> str:
    """The identity CONTRACT.md gives a partner row."""
    kind = row.get("kind", "")
    if kind == "city" and row.get("geonames_id"):
        return f"geonames:{row['geonames_id']}"
    if kind == "region" and row.get("iso3166_2"):
        return f"iso:{row['iso3166_2']}"
    if kind == "organisation" and row.get("name"):
        return row["name"].lower()
    if row.get("geonames_id"):
        return f"geonames:{row['geonames_id']}"
    return f"{kind}:{(row.get('name') or row.get('raw') or '').lower()}"


def _share(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def score(out: Path, truth: dict[str, Any]) -> dict[str, Any]:
    """Accuracy of partner resolution (overall, by spelling error and by form) and of news places."""
    out = Path(out)
    projects = _rows(out, "projects")
    by_project: dict[str, list[str]] = defaultdict(list)
    for row in _rows(out, "partners"):
        by_project[row["project_id"]].append(partner_key(row))
    found_projects: dict[tuple[str, str], list[str]] = {}
    for p in projects:
        found_projects.setdefault((p["source_file"], _fold(p["name"])), []).append(p["project_id"])

    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    extra = missing_projects = intended_projects = 0
    misses: list[dict[str, str]] = []
    for doc in truth["documents"]:
        for proj in doc["projects"]:
            intended_projects += 1
            ids = found_projects.get((doc["file"], _fold(proj["name"])), [])
            if not ids:
                missing_projects += 1
            available = Counter(k for pid in ids[:1] for k in by_project.get(pid, []))
            for partner in proj["partners"]:
                groups = ["all", f"error:{partner['error']}", f"form:{partner['form']}", f"kind:{partner['kind']}"]
                ok = available[partner["key"]] > 0
                if ok:
                    available[partner["key"]] -= 1
                elif ids and len(misses) < 40:
                    misses.append({"file": doc["file"], "written": partner["written"], "intended": partner["key"],
                                   "error": partner["error"]})
                for g in groups:
                    totals[g] += 1
                    hits[g] += ok
            extra += sum(available.values())

    news = _rows(out, "news")
    news_by_file: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in news:
        news_by_file[row["source_file"]].append(row)
    news_hit = news_total = 0
    for doc in truth["documents"]:
        rows = news_by_file.get(doc["file"], [])
        for i, item in enumerate(doc["news"]):
            news_total += 1
            if i < len(rows) and rows[i].get("place_geonames_id") and f"geonames:{rows[i]['place_geonames_id']}" == item["place"]:
                news_hit += 1
    return {
        "partners_intended": totals["all"],
        "partners_found": hits["all"],
        "partner_accuracy": _share(hits["all"], totals["all"]),
        "partners_extra": extra,
        "projects_intended": intended_projects,
        "projects_missing": missing_projects,
        "by_group": {g: {"n": totals[g], "accuracy": _share(hits[g], totals[g])} for g in sorted(totals) if g != "all"},
        "news_items": news_total,
        "news_place_accuracy": _share(news_hit, news_total),
        "sample_misses": misses,
    }
