"""The benchmark corpus generator (benchmarks/corpus.py): reproducible, realistic, extractable."""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import accuracy  # noqa: E402
import corpus  # noqa: E402
import synth_places  # noqa: E402

KINDS = ("annex_txt", "annex_pdf", "news_html")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A corpus of one annex text dump, one 5-page annex PDF and one news page, and its truth."""
    out = tmp_path_factory.mktemp("tiny-corpus")
    truth = corpus.generate_corpus(out, 3, seed=11, kinds=KINDS)
    return out, truth


def test_same_seed_gives_the_same_bytes(tiny, tmp_path):  # type: ignore[no-untyped-def]
    out, _ = tiny
    again = corpus.generate_corpus(tmp_path / "again", 3, seed=11, kinds=KINDS)
    assert _files(out) == _files(tmp_path / "again")
    assert again["summary"]["pdf_pages"] > 0


def test_drawn_kinds_are_reproducible_and_independent_of_processes(tmp_path):  # type: ignore[no-untyped-def]
    one = corpus.generate_corpus(tmp_path / "one", 6, seed=5, jobs=1)
    two = corpus.generate_corpus(tmp_path / "two", 6, seed=5, jobs=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert one["documents"] == two["documents"]


def test_another_seed_gives_another_corpus(tiny, tmp_path):  # type: ignore[no-untyped-def]
    out, _ = tiny
    corpus.generate_corpus(tmp_path / "other", 3, seed=12, kinds=KINDS)
    assert _files(out / "docs") != _files(tmp_path / "other" / "docs")


def test_an_existing_corpus_is_reused(tiny):  # type: ignore[no-untyped-def]
    out, truth = tiny
    before = {p: p.stat().st_mtime_ns for p in (out / "docs").iterdir()}
    assert corpus.generate_corpus(out, 3, seed=11, kinds=KINDS) == truth
    assert {p: p.stat().st_mtime_ns for p in (out / "docs").iterdir()} == before


def test_truth_names_contract_keys(tiny):  # type: ignore[no-untyped-def]
    _, truth = tiny
    partners = [p for d in truth["documents"] for proj in d["projects"] for p in proj["partners"]]
    assert partners
    for p in partners:
        assert p["key"].startswith(("geonames:", "iso:")) or p["kind"] == "organisation"
        assert p["role"] in ("lead", "partner", "observer")
        assert p["error"] in synth_places.ERRORS
    news = [n for d in truth["documents"] for n in d["news"]]
    assert news and all(n["place"].startswith("geonames:") for n in news)


def test_pdf_pages_are_near_the_target(tiny):  # type: ignore[no-untyped-def]
    _, truth = tiny
    (pdf,) = [d for d in truth["documents"] if d["kind"] == "annex_pdf"]
    assert 4 <= pdf["pages"] <= 7


def test_plan_draws_pdfs_of_5_to_60_pages():
    pages = [d.pages for d in corpus.plan(400, seed=1) if d.kind == "annex_pdf"]
    assert pages and min(pages) >= 5 and max(pages) <= 60
    assert len({d.kind for d in corpus.plan(400, seed=1)}) == len(corpus.KIND_SHARES)


def test_tiny_corpus_extracts_projects_and_partners(tiny, tmp_path):  # type: ignore[no-untyped-def]
    from baltmet_extract.cli import main

    out, truth = tiny
    err = io.StringIO()
    code = main(["extract", str(out / "docs"), "--out", str(tmp_path / "out"), "--jobs", "1"],
                stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    projects = json.loads((tmp_path / "out" / "projects.json").read_text(encoding="utf-8"))
    partners = json.loads((tmp_path / "out" / "partners.json").read_text(encoding="utf-8"))
    assert {p["source_file"] for p in projects} == {d["file"] for d in truth["documents"] if d["projects"]}
    assert len(partners) > 10
    score = accuracy.score(tmp_path / "out", truth)
    assert score["projects_missing"] <= 1
    assert score["partner_accuracy"] >= 0.8
    assert score["news_place_accuracy"] >= 0.8


@pytest.mark.parametrize(
    ("name", "error", "check"),
    [
        ("Malmö", "no_diacritics", lambda s: s == "Malmo"),
        ("Poznań", "no_diacritics", lambda s: s == "Poznan"),
        ("Riga", "no_diacritics", lambda s: s is None),
        ("Malmö", "wrong_diacritic", lambda s: s != "Malmö" and s.startswith("Malm") and len(s) == 5),
        ("Helsinki", "swapped_letters", lambda s: s != "Helsinki" and sorted(s) == sorted("Helsinki") and s[0] == "H"),
        ("Helsinki", "dropped_letter", lambda s: len(s) == 7 and s[0] == "H"),
        ("Brandenburg", "cut_start", lambda s: s in ("randenburg", "andenburg")),
        ("Riga", "cut_start", lambda s: s is None),
        ("Oslo", "swapped_letters", lambda s: s is None),
    ],
)
def test_misspellings(name, error, check):  # type: ignore[no-untyped-def]
    assert check(synth_places.misspell(name, error, random.Random(3)))


def test_pool_holds_real_unambiguous_places():
    pool = synth_places.place_pool()
    names = {p.name for p in pool.cities}
    assert {"Helsinki", "Stockholm", "Gdańsk"} <= names
    assert "Mokotów" not in names  # a district of Warsaw, not a partner city
    assert all(p.key.startswith("iso:") for p in pool.regions) and len(pool.regions) > 100
