"""The candidate index's look-up gives exactly the names the plain deletion-set look-up gives."""

from __future__ import annotations

import random

import pytest

from baltmet_extract.normalise.candidates import CandidateIndex, deletions, text_hash


def _reference(pool: list[str], query: str, depth: int) -> list[int]:
    """The index as first written: every form's hash against every name's forms, as sets."""
    owners: dict[int, set[int]] = {}
    for pos, name in enumerate(pool):
        own = deletions(name) if len(name) > 2 else set()
        own.add(name)
        for form in own:
            owners.setdefault(text_hash(form), set()).add(pos)
    forms = deletions(query)
    if depth > 1:
        forms |= {d for once in forms for d in deletions(once)}
    forms.add(query)
    out: set[int] = set()
    for form in forms:
        out |= owners.get(text_hash(form), set())
    return sorted(out)


def _names(rng: random.Random, n: int, letters: str = "aeioulnrstkmbdg") -> list[str]:
    return sorted({"".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(n)})


@pytest.mark.parametrize("seed", [5, 6, 7])
@pytest.mark.parametrize("depth", [1, 2])
def test_look_up_equals_the_plain_deletion_sets(seed, depth):
    rng = random.Random(seed)
    pool = _names(rng, 1500)
    index = CandidateIndex.build(pool)
    queries = rng.sample(pool, 80) + _names(rng, 80) + ["", "a", "ab", "zürich", "łódź", "aa", "aaa"]
    for query in queries:
        assert index.near(query, depth) == _reference(pool, query, depth), query


def test_names_sharing_a_form_are_all_found():
    # "aab" and "abb" and "ab" share the form "ab": one hash, three names
    pool = ["aab", "ab", "abb", "bab"]
    index = CandidateIndex.build(pool)
    assert index.near("ab") == _reference(pool, "ab", 1) == [0, 1, 2, 3]


def test_the_index_survives_pickling():
    import pickle

    pool = _names(random.Random(8), 300)
    index = CandidateIndex.build(pool)
    index.near(pool[0])  # makes the memoryviews, which are not pickled
    again = pickle.loads(pickle.dumps(index))
    assert all(again.near(q) == index.near(q) for q in pool[:50])


@pytest.mark.parametrize("depth", [1, 2])
def test_many_at_once_equals_one_by_one(depth):
    rng = random.Random(9)
    pool = _names(rng, 2000)
    index = CandidateIndex.build(pool)
    queries = rng.sample(pool, 100) + _names(rng, 100) + ["", "a", "zürich", "aab", "ab"]
    assert index.near_many(queries, depth) == [index.near(q, depth) for q in queries]
    assert index.near_many([], depth) == []
    assert CandidateIndex().near_many(["tallinn"]) == [[]]


@pytest.mark.parametrize("depth", [1, 2])
def test_forms_hashed_together_equal_the_forms_hashed_one_by_one(depth):
    from baltmet_extract.normalise.candidates import form_hashes, forms_hashed

    rng = random.Random(11)
    texts = _names(rng, 150) + ["", "a", "zürich", "łódź", "aab", "Кентшин"]
    hashes, owners = forms_hashed(texts, depth)
    together: dict[int, list[int]] = {}
    for h, n in zip(hashes.tolist(), owners.tolist(), strict=True):
        together.setdefault(n, []).append(h)
    for n, text in enumerate(texts):
        one = form_hashes(text, depth)
        assert sorted(together.get(n, [])) == sorted(one), text
        forms = deletions(text) | ({d for once in deletions(text) for d in deletions(once)} if depth > 1 else set())
        assert {text_hash(f) for f in forms | {text}} == set(one), text  # each hash is the form's own
