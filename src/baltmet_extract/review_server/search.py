"""Searching the gazetteer by name, for a reviewer who wants a place no candidate offers."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from baltmet_extract.review_server.mentions import Candidate, candidate
from baltmet_extract.textutil import fold_compact

MAX_HITS = 12


def search_gazetteer(gz: Any, query: str, limit: int = MAX_HITS) -> list[Candidate]:
    """Entities named `query`, then those whose name starts with it, then near spellings; the
    bigger place first among equals. Numbered from 1 in the order returned."""
    text = fold_compact(query)
    if len(text) < 2:
        return []
    ranked: dict[str, tuple[float, float, str]] = {}

    def add(compact: str, score: float) -> None:
        for e, _ in gz.entries_for_compact(compact):
            best = ranked.get(e.key)
            order = (score, float(e.population or 0))
            if best is None or order > best[:2]:
                ranked[e.key] = (score, float(e.population or 0), e.name)

    add(text, 100.0)
    for name in gz.with_prefix(text, limit=200):
        add(name, 90.0 + 10.0 * len(text) / max(len(name), 1) - 0.01)
    if len(text) >= 4:
        for name, score, _ in process.extract(text, gz.fuzzy_candidates(text), scorer=fuzz.ratio, limit=30,
                                              score_cutoff=70):
            add(name, min(float(score), 89.9))
    order = sorted(ranked.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[1][2], kv[0]))[:limit]
    return [candidate(i, key, name, round(score, 1), gz) for i, (key, (score, _, name)) in enumerate(order, start=1)]
