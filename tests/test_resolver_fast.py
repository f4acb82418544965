"""The resolver with its fast paths gives the same answers as with the plain code they replace.

Every fast path of the near-spelling search (the hash-table candidate index and its look-up of a
run's mentions at once, folding and descriptor steps kept per text, answers for parts of
mentions kept per text, prefix spans, trigram counts from sorted runs, edit kinds from
rapidfuzz, ranking without a sort of one candidate, evidence seen in context without
`_replace`) is swapped here for the plain code it stands for, and a generated set of damaged
names is resolved both ways, alone and among co-partners: every field of every answer agrees.
"""

from __future__ import annotations

import bisect
import copy
import math
import os
import random
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from baltmet_extract import _native
from baltmet_extract.normalise import spelling
from baltmet_extract.normalise.calibration import Evidence
from baltmet_extract.normalise.candidates import deletions, text_hash
from baltmet_extract.normalise.gazetteer import Gazetteer, trigrams_of
from baltmet_extract.normalise.ranking import AMBIGUOUS_GAP, COUNTRY_BONUS, Ranker, Scored
from baltmet_extract.normalise.resolver import Resolver
from baltmet_extract.normalise.variants import noisy_names
from baltmet_extract.textutil import clean_spacing, fold, fold_compact
from test_fast_paths import _edit_kind_plain


class _SortedIndex:
    """The candidate index as first written: sorted hashes, a binary search per form."""

    def __init__(self, pool: list[str]) -> None:
        forms: list[str] = []
        owners: list[int] = []
        for pos, name in enumerate(pool):
            own = deletions(name) if len(name) > 2 else set()
            own.add(name)
            forms.extend(own)
            owners.extend([pos] * len(own))
        keys = np.fromiter((text_hash(f) for f in forms), dtype=np.uint32, count=len(forms))
        order = np.argsort(keys, kind="stable")
        self.keys, self.positions = keys[order], np.asarray(owners, dtype=np.int32)[order]

    def near(self, query: str, depth: int = 1) -> list[int]:
        forms = deletions(query)
        if depth > 1:
            forms |= {d for once in forms for d in deletions(once)}
        forms.add(query)
        keys = self.keys
        wanted = np.array([text_hash(f) for f in forms], dtype=np.uint32)
        at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
        out: set[int] = set()
        for i in at[keys[at] == wanted].tolist():
            end = i + 1
            while end < keys.size and keys[end] == keys[i]:
                end += 1
            out.update(self.positions[i:end].tolist())
        return sorted(out)


def _fuzzy_candidates_plain(gz: Gazetteer, text: str, limit: int = 300) -> list[str]:
    grams = set(trigrams_of(text))
    arrays = [gz.trigrams[g] for g in grams if g in gz.trigrams]
    same_letters = gz.anagrams.get("".join(sorted(text)), [])
    if not arrays:
        return [gz.pool[i] for i in same_letters]
    counts = np.bincount(np.concatenate(arrays), minlength=0)
    need = max(1, math.ceil(len(grams) * 0.25))
    hits = np.nonzero(counts >= need)[0]
    if len(hits) > limit:
        hits = hits[np.argsort(-counts[hits], kind="stable")[:limit]]
    return [gz.pool[i] for i in sorted({*hits.tolist(), *same_letters})]


def _starting_with_plain(names: list[str], text: str, limit: int) -> list[str]:
    out: list[str] = []
    i = bisect.bisect_left(names, text)
    end = min(len(names), i + limit)
    while i < end and names[i].startswith(text):
        out.append(names[i])
        i += 1
    return out


def _rank_plain(self: Ranker, found, similarity, hint, countries, matched=None):  # type: ignore[no-untyped-def]
    best: dict[str, Scored] = {}
    for i, (e, t) in enumerate(found):
        sim = similarity[i] if similarity else 100.0
        s = Scored(e, t, sim, sim + 2.0 * self.prior(e, t, hint, countries))
        if matched:
            s.matched, s.edits = matched[i]
        if e.key not in best or s.total > best[e.key].total:
            best[e.key] = s
    ranked = sorted(best.values(), key=lambda s: (-s.total, s.entity.key))
    if not countries and len(ranked) > 1 and not self.context_matters:
        top = ranked[0]
        reach = 2.0 * COUNTRY_BONUS + AMBIGUOUS_GAP
        self.context_matters = any(s.entity.country != top.entity.country and top.total - s.total < reach
                                   for s in ranked[1:])
    if countries and len(ranked) > 1:
        plain = min(ranked, key=lambda s: (-(s.similarity + 2.0 * self.prior(s.entity, s.name_type, hint,
                                                                              frozenset())), s.entity.key))
        top = ranked[0]
        if plain is not top and plain.similarity >= top.similarity:
            top.context_decided = True
            if plain.entity.kind == top.entity.kind == "city" and plain.entity.population >= 10 * max(
                    top.entity.population, 1):
                ranked.remove(plain)
                ranked.insert(0, plain)
                plain.context_decided = True
    if len(ranked) > 1 and hint != "region":
        a, b = ranked[0], ranked[1]
        if a.entity.kind == "region" and b.entity.kind == "city" and a.entity.country == b.entity.country \
                and b.entity.population >= 100000 and b.similarity >= a.similarity:
            ranked[0], ranked[1] = b, a
    return ranked


class _PlainFolds:
    fold = staticmethod(fold)
    compact = staticmethod(fold_compact)


@pytest.fixture(scope="module")
def plain_index(gazetteer):  # type: ignore[no-untyped-def]
    return _SortedIndex(gazetteer.pool + gazetteer.small_places)


def _slow(gazetteer, rules, plain_index, monkeypatch) -> Resolver:  # type: ignore[no-untyped-def]
    gz = copy.copy(gazetteer)
    gz.candidate_index = plain_index
    gz.cut_bits = b""  # no filter: every cut name searched
    gz.fuzzy_candidates = types.MethodType(_fuzzy_candidates_plain, gz)
    gz.with_prefix = lambda text, limit=200: _starting_with_plain(gz.sorted_names, text, limit)
    gz.with_suffix = lambda text, limit=200: [n[::-1] for n in _starting_with_plain(gz.sorted_reversed, text[::-1],
                                                                                     limit)]
    gz.entries_for_compact = lambda name: [(gz.entities[i], t) for i, t in gz.entries(name)]
    r = Resolver(gz, rules)
    r.folds = r.spelling.folds = _PlainFolds()  # type: ignore[assignment]
    r._descriptor_steps = r._steps_of  # type: ignore[method-assign]
    r._cleaned = lambda raw: clean_spacing(raw).strip(" ,;:.()[]")  # type: ignore[method-assign]
    r._resolve_one = r._one_name  # type: ignore[method-assign]
    r.ranker.rank = types.MethodType(_rank_plain, r.ranker)  # type: ignore[method-assign]
    monkeypatch.setattr(spelling, "edit_kind", _edit_kind_plain)
    monkeypatch.setattr(Evidence, "seen_with", lambda self, entity, countries: self._replace(
        in_context=bool(countries) and entity.country in countries))
    return r


def _cases(gazetteer) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    rng = random.Random(16)
    names = [c.text for c in noisy_names(gazetteer, count=330, seed=16)]
    joined = [f"Region, {rng.choice(names)}" for _ in range(15)] + \
        [f"{rng.choice(names)}-{rng.choice(names)}" for _ in range(15)] + \
        [f"{rng.choice(names)}/{rng.choice(names)}" for _ in range(10)] + \
        [f"{rng.choice(names)} {rng.choice(names)}" for _ in range(20)] + \
        [f"City of {rng.choice(names)}, Planning Department" for _ in range(10)] + ["Region", "Region", "la"]
    texts = names + joined + names[:40]  # some twice: answers kept must be answers given
    return [(t, rng.choice([None, None, "city", "region"])) for t in texts]


def _answers(r: Resolver, cases, ahead: bool) -> list:  # type: ignore[no-untyped-def]
    if ahead:
        r.look_up_ahead([t for t, _ in cases])
    out = []
    for text, hint in cases:
        for countries in (frozenset(), frozenset({"PL", "DE"}), frozenset({"SE", "FI", "EE"})):
            out.append([(res, res.others) for res in r.resolve(text, hint, countries)])
    return out


def test_fast_paths_give_the_same_answers_as_the_plain_code(gazetteer, rules, request, monkeypatch):
    if _native.running_compiled():
        # compiled classes take no patched methods: this comparison runs as Python, in a process of
        # its own (the compiled code is compared with the Python in test_native)
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              f"{__file__}::{request.node.name}"], env={**os.environ, "BALTMET_PURE_PYTHON": "1"},
                             capture_output=True, text=True, cwd=Path(__file__).parents[1])
        assert run.returncode == 0, run.stdout[-3000:]
        assert "1 passed" in run.stdout
        return
    plain_index = request.getfixturevalue("plain_index")
    cases = _cases(gazetteer)
    fast = _answers(Resolver(gazetteer, rules), cases, ahead=True)
    with monkeypatch.context() as m:
        slow = _answers(_slow(gazetteer, rules, plain_index, m), cases, ahead=False)
    assert len(fast) == len(slow) == 3 * len(cases)
    fuzzy = sum(1 for answer in fast for res, _ in answer if res.method == "fuzzy")
    assert fuzzy > 200  # the generated set does reach the near-spelling search
    for (text, _), got, want in zip([c for c in cases for _ in range(3)], fast, slow, strict=True):
        assert got == want, text
