"""The misspelt-names benchmark (benchmarks/synth_names.py, names_bench.py): seeded, distinct places,
one realistic error each, a twin that differs only in the names, and a scorer that sees silent errors."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import names_bench  # noqa: E402
import synth_names  # noqa: E402


@pytest.fixture(scope="module")
def written():
    places = synth_names.draw_places(seed=5, cities=400, regions=100)
    return synth_names.write_names(places, seed=5, misspelt=300)


def test_places_are_distinct_and_the_set_is_reproducible(written):
    assert len(written) == 500 and len({w.place.key for w in written}) == 500
    assert sum(w.place.kind == "region" for w in written) == 100
    again = synth_names.write_names(synth_names.draw_places(seed=5, cities=400, regions=100), seed=5, misspelt=300)
    assert again == written
    assert synth_names.write_names(synth_names.draw_places(seed=6, cities=400, regions=100), 6, 300) != written


def test_each_misspelt_name_has_one_error_of_the_realistic_kinds(written):
    damaged = [w for w in written if w.error != "none"]
    assert len(damaged) == 300
    assert {w.error for w in damaged} >= {"swapped_letters", "dropped_letter", "doubled_letter", "neighbour_letter",
                                          "wrong_diacritic", "space_added", "cut_start", "region_form"}
    assert all(w.text != w.place.name for w in damaged)
    assert all(w.text == w.place.name for w in written if w.error == "none")


@pytest.mark.parametrize(("name", "error", "expected"), [
    ("Lebach", "doubled_letter", None), ("Malmö", "no_diacritics", "Malmo"), ("Zielona Góra", "space_lost", None),
    ("Brandenburg", "cut_start", None),
])
def test_misspellings(name, error, expected):
    import random

    got = synth_names.misspell(name, error, random.Random(1))
    assert got and got != name
    if expected:
        assert got == expected
    if error == "cut_start":
        assert name.endswith(got) and 1 <= len(name) - len(got) <= 2
    if error == "space_lost":
        assert " " not in got


def test_regions_are_written_as_documents_write_them():
    assert synth_names.region_written("Komi, Respublika") == "Respublika Komi"
    assert synth_names.region_written("Kaliningradskaya oblast'") == "Kaliningradskaya oblast"
    assert synth_names.region_short("Stockholms län") == "Stockholms"


def test_the_twin_differs_only_in_the_names_and_the_scorer_finds_silent_errors(tmp_path):
    truth = names_bench.generate(7, 250, tmp_path, villages=20)
    bad = (tmp_path / "annex_misspelt.txt").read_text(encoding="utf-8").splitlines()
    good = (tmp_path / "annex_correct.txt").read_text(encoding="utf-8").splitlines()
    assert len(bad) == len(good) and bad[0] == good[0]
    assert [ln.split("\t")[:3] for ln in bad] == [ln.split("\t")[:3] for ln in good]
    assert any(p["kind"] == "village" for proj in truth["projects"] for p in proj["partners"])
    # an output that names every partner right but one, which it names wrongly and does not flag
    out = tmp_path / "out"
    out.mkdir()
    proj = truth["projects"][0]
    with (out / "projects.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["project_id", "name"], ["p1", proj["name"]]])
    rows = [["project_id", "kind", "geonames_id", "iso3166_2", "raw", "name", "needs_review", "method", "score"]]
    for i, p in enumerate(proj["partners"]):
        kind, _, ident = p["key"].partition(":")
        if i == 0:  # the wrong place, not flagged
            rows.append(["p1", "city", "1", "", p["written"], "", "false", "exact", "100"])
            continue
        rows.append(["p1", "city" if kind == "geonames" else "region", ident if kind == "geonames" else "",
                     "" if kind == "geonames" else ident, p["written"], "", "false", "exact", "100"])
    with (out / "partners.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    score = names_bench.score(out, {"projects": [proj]})
    assert score["silent_errors"] == 1 and score["right"] == len(proj["partners"]) - 1


def test_the_median_interval_holds_the_median_and_narrows_with_more_pairs():
    import random
    import statistics

    rng = random.Random(5)
    few = [0.15 + rng.gauss(0, 0.1) for _ in range(9)]
    many = few + [0.15 + rng.gauss(0, 0.1) for _ in range(91)]
    for values in (few, many):
        low, high = names_bench.median_interval(values)
        assert low <= statistics.median(values) <= high
    assert names_bench.median_interval(few) == names_bench.median_interval(few)  # seeded
    width = [h - lo for lo, h in (names_bench.median_interval(v) for v in (few, many))]
    assert width[1] < width[0]
