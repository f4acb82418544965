"""The normalisation table and report, and the places table."""

from __future__ import annotations

from helpers import read_table


def test_normalisation_has_one_row_per_distinct_mention_worst_first(sample_run):
    _, out, _ = sample_run
    rows = read_table(out, "normalisation")
    raws = [r["raw"] for r in rows]
    assert len(raws) == len(set(raws))
    flags = [r["needs_review"] == "true" for r in rows]
    assert flags == sorted(flags, reverse=True)
    review = [float(r["score"]) for r in rows if r["needs_review"] == "true"]
    assert review == sorted(review)
    sczeczin = next(r for r in rows if r["raw"] == "Sczeczin")
    assert "Szczecinek" in sczeczin["candidates"] and sczeczin["contexts"]


def test_report_page_is_self_contained_and_lists_mentions(sample_run):
    _, out, _ = sample_run
    html = (out / "normalisation_report.html").read_text(encoding="utf-8")
    assert "Sczeczin" in html and "Szczecin" in html
    assert "http://" not in html.split("<body>")[0] and "<script" not in html


def test_places_table_counts_mentions_and_projects(sample_run):
    _, out, _ = sample_run
    places = {p["name"]: p for p in read_table(out, "places")}
    berlin = places["Berlin"]
    assert berlin["geonames_id"] == "2950159" and berlin["lat"] and berlin["lon"]
    assert int(berlin["projects"]) == 7 and int(berlin["mentions"]) >= int(berlin["projects"])
    assert places["Dalarna"]["iso3166_2"] == "SE-W"
