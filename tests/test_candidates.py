"""The candidate index: every name within one edit of a mention is found, without scanning."""

from __future__ import annotations

import random
import string

import pytest
from rapidfuzz.distance import OSA

from baltmet_extract.normalise.candidates import CandidateIndex, deletions


def _pool(seed: int, n: int = 400) -> list[str]:
    rng = random.Random(seed)
    names = {"".join(rng.choice("aeioulnrstkmbdg") for _ in range(rng.randint(3, 12))) for _ in range(n)}
    return sorted(names)


def _damaged(rng: random.Random, name: str) -> str:
    i = rng.randrange(len(name))
    kind = rng.choice(["drop", "swap", "double", "replace", "add"])
    if kind == "drop":
        return name[:i] + name[i + 1:]
    if kind == "swap" and i + 1 < len(name):
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "replace":
        return name[:i] + rng.choice(string.ascii_lowercase) + name[i + 1:]
    return name[:i] + rng.choice(string.ascii_lowercase) + name[i:]


def test_deletions_are_every_one_letter_deletion():
    assert deletions("abc") == {"bc", "ac", "ab"}
    assert deletions("aab") == {"ab", "aa"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_name_within_one_edit_is_found(seed):
    pool = _pool(seed)
    index = CandidateIndex.build(pool)
    rng = random.Random(seed)
    for name in rng.sample(pool, 60):
        query = _damaged(rng, name)
        found = {pool[i] for i in index.near(query)}
        within_one = {p for p in pool if OSA.distance(query, p) <= 1}
        assert within_one <= found, (query, within_one - found)


def test_two_deletions_deep_finds_names_two_edits_away():
    pool = ["schweinfurt", "kaunas", "lippstadt", "brandenburg"]
    index = CandidateIndex.build(pool)
    assert "schweinfurt" not in {pool[i] for i in index.near("schweinffurtt")}  # two edits: not at depth 1
    assert "schweinfurt" in {pool[i] for i in index.near("schweinffurtt", depth=2)}


def test_found_names_are_few_and_sorted():
    pool = _pool(4, 2000)
    index = CandidateIndex.build(pool)
    found = index.near(pool[17])
    assert found == sorted(found) and pool.index(pool[17]) in found
    assert len(found) < 40  # a handful of candidates, not a scan


def test_empty_index_finds_nothing():
    assert CandidateIndex().near("tallinn") == []
    assert len(CandidateIndex.build([])) == 0


def test_the_gazetteer_carries_the_index_and_small_places(gazetteer):
    names, small = gazetteer.near_names("schweinfudt")
    assert "schweinfurt" in names
    # a small European place the gazetteer knows only by name is a runner-up, never an answer
    assert gazetteer.small_places and all(gazetteer.entries(s) == [] for s in gazetteer.small_places[:50])
    _, small = gazetteer.near_names(gazetteer.small_places[0])
    assert gazetteer.small_places[0] in small
