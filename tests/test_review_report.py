"""What a reviewer sees of a mention, in the static report and on the review page: the mention
highlighted in its source text, and its candidates on the offline map of Europe."""

from __future__ import annotations

import re

import pytest

from baltmet_extract.review_server.europe_map import outline, view_box
from baltmet_extract.review_server.mentions import highlight, mention_view, parse_candidates, region_points
from helpers import read_table


@pytest.mark.parametrize(("text", "raw", "expected"), [
    ("Wroclaw, Poznan, Sczeczin, Lubuskie", "Sczeczin", ("Wroclaw, Poznan, ", "Sczeczin", ", Lubuskie")),
    ("held in Malmö by the co-ordinator", "Malmo", ("held in ", "Malmö", " by the co-ordinator")),
    ("Region Skåne\nRegion  Halland et al.", "Region Skåne Region Halland", ("", "Region Skåne\nRegion  Halland", " et al.")),
    ("Riga (lead), <script>x</script>", "<SCRIPT>x</script>", ("Riga (lead), ", "<script>x</script>", "")),
    ("Tallinn, Riga", "Vilnius", ("", "", "")),
])
def test_the_mention_is_found_in_its_source_whatever_its_case_accents_or_spacing(text, raw, expected):
    assert highlight(text, raw) == expected


def test_candidates_and_their_keys_are_read_from_the_table():
    assert parse_candidates("Szczepin (geonames:8425986) 81.2 | Berlin-Brandenburg (iso:DE-BE;DE-BB) 88.8") == [
        ("Szczepin", "geonames:8425986", 81.2), ("Berlin-Brandenburg", "iso:DE-BE;DE-BB", 88.8)]


def test_places_land_where_they_are_on_the_map():
    o = outline()
    berlin, helsinki, lisbon = o.project(52.52, 13.40), o.project(60.17, 24.94), o.project(38.72, -9.14)
    assert all(o.on_map(*p) for p in (berlin, helsinki, lisbon))
    assert helsinki[0] > berlin[0] > lisbon[0] and helsinki[1] < berlin[1] < lisbon[1]
    assert not o.on_map(*o.project(40.71, -74.0))  # New York is off the map of Europe
    x, y, w, h = view_box([berlin, helsinki])
    assert x <= berlin[0] <= x + w and y <= helsinki[1] <= y + h
    assert abs(h / w - o.height / o.width) < 0.01


def test_regions_have_a_point_in_their_country():
    points = region_points()
    assert 52 < points["PL-32"][0] < 55 and 14 < points["PL-32"][1] < 17  # Zachodniopomorskie
    assert 44 < points["IT-34"][0] < 47  # Veneto, the mean of its provinces


def test_a_view_without_a_gazetteer_still_shows_the_source_and_candidates():
    row = {"raw": "Sczeczin", "name": "Szczecin", "key": "geonames:3083829", "kind": "city", "method": "fuzzy",
           "score": "85.8", "needs_review": "true", "candidates": "Szczepin (geonames:8425986) 81.2",
           "contexts": "annex.pdf:3:12 josefin", "source_text": "Poznan, Sczeczin, Lubuskie", "reason": "fuzzy"}
    v = mention_view(row)
    assert (v.match, v.needs_review, v.documents) == ("Sczeczin", True, ["annex.pdf"])
    assert (v.seen[0].page, v.seen[0].row) == ("3", "12")
    assert [(c.number, c.key, c.chosen) for c in v.candidates] == [(0, "geonames:3083829", True),
                                                                    (1, "geonames:8425986", False)]
    assert v.view_box is None  # no coordinates without the gazetteer: no map, and no error


def test_the_report_shows_each_mention_in_its_source_and_a_map(sample_run):
    _, out, _ = sample_run
    html = (out / "normalisation_report.html").read_text(encoding="utf-8")
    assert "<mark>Sczeczin</mark>" in html and "row 11" in html
    assert html.count('<path id="eu-land"') == 1 and html.count('<use href="#eu-land"/>') >= 7
    row = html[html.index("<td>Sczeczin</td>"):]
    row = row[: row.index("</tr>")]
    assert len(re.findall(r"<circle ", row)) == 4  # the chosen place and three candidates
    assert "Szczepin" in row and "pop. 18,488" in row
    assert "<script" not in html and "http://" not in html.split("<body>")[0]


def test_the_normalisation_table_records_the_source_text(sample_run):
    _, out, _ = sample_run
    rows = {r["raw"]: r for r in read_table(out, "normalisation")}
    assert "Sczeczin" in rows["Sczeczin"]["source_text"] and "Lubuskie" in rows["Sczeczin"]["source_text"]
    assert "Malmo" in rows["Malmo"]["source_text"]
    assert len(rows["Malmo"]["source_text"]) < 300  # the sentence, not the whole item
