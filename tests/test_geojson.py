"""places.geojson against the GeoJSON rules (RFC 7946): a FeatureCollection of Features, Points as
[longitude, latitude] in range, no `crs`, one feature per place of places.csv."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from baltmet_extract.geo import geojson_text, places_geojson
from baltmet_extract.models import Event, Partner, Place, Project
from baltmet_extract.schema import datapackage
from baltmet_extract.tables import Tables
from helpers import read_table


def rfc7946_problems(doc: Any) -> list[str]:
    """What in `doc` breaks RFC 7946 for a collection of point features (the only geometry we write)."""
    problems = []
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["the top level is no FeatureCollection"]
    if "crs" in doc:
        problems.append("a crs member (RFC 7946 4: coordinates are WGS 84, no crs)")
    if not isinstance(doc.get("features"), list):
        return [*problems, "features is no array"]
    for i, f in enumerate(doc["features"]):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(f"feature {i}: type is not Feature")
            continue
        if "geometry" not in f or "properties" not in f:
            problems.append(f"feature {i}: geometry and properties are required members (3.2)")
        if "id" in f and not isinstance(f["id"], str | int | float):
            problems.append(f"feature {i}: id is neither string nor number (3.2)")
        if f.get("properties") is not None and not isinstance(f["properties"], dict):
            problems.append(f"feature {i}: properties is neither an object nor null")
        geometry = f.get("geometry")
        if geometry is None:
            continue  # an unlocated feature (3.2)
        if geometry.get("type") != "Point":
            problems.append(f"feature {i}: geometry type {geometry.get('type')!r}")
            continue
        position = geometry.get("coordinates")
        if not (isinstance(position, list) and len(position) in (2, 3)
                and all(isinstance(c, int | float) and math.isfinite(c) for c in position)):
            problems.append(f"feature {i}: coordinates {position!r} are no position (3.1.1)")
            continue
        lon, lat = position[0], position[1]
        if not -180 <= lon <= 180 or not -90 <= lat <= 90:
            problems.append(f"feature {i}: [{lon}, {lat}] out of range for [longitude, latitude]")
    return problems


def test_the_checker_finds_what_breaks_the_rules():
    good = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [24.1, 56.9]}, "properties": {}}
    assert rfc7946_problems({"type": "FeatureCollection", "features": [good]}) == []
    assert rfc7946_problems({"type": "FeatureCollection", "features": [
        dict(good, geometry={"type": "Point", "coordinates": [56.9, 124.1]})]})  # latitude first
    assert rfc7946_problems({"type": "FeatureCollection", "crs": {}, "features": []})
    assert rfc7946_problems({"type": "Feature"})
    assert rfc7946_problems({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]})


@pytest.fixture(scope="module")
def sample(sample_run) -> Path:  # type: ignore[no-untyped-def]
    code, out, err = sample_run
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def collection(sample: Path) -> dict[str, Any]:
    return json.loads((sample / "places.geojson").read_text(encoding="utf-8"))


def test_sample_geojson_follows_rfc_7946(collection):
    assert rfc7946_problems(collection) == []
    assert len(collection["features"]) > 0


def test_one_feature_per_place_in_places_order(collection, sample):
    places = read_table(sample, "places")
    assert [f["id"] for f in collection["features"]] == [p["place_id"] for p in places]
    assert [f["properties"]["name"] for f in collection["features"]] == [p["name"] for p in places]


def test_coordinates_are_longitude_then_latitude_of_the_place(collection, sample):
    places = {p["place_id"]: p for p in json.loads((sample / "places.json").read_text(encoding="utf-8"))}
    located = 0
    for f in collection["features"]:
        place = places[f["id"]]
        if place["lat"] is None:
            assert f["geometry"] is None, f["id"]  # regions: ISO 3166-2 gives no coordinates
            continue
        located += 1
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (round(place["lon"], 6), round(place["lat"], 6)), f["id"]
    assert located >= 28
    birmingham = next(f for f in collection["features"] if f["properties"]["name"] == "Birmingham")
    lon, lat = birmingham["geometry"]["coordinates"]
    assert -2.0 < lon < -1.8 and 52.4 < lat < 52.6  # west of Greenwich: a swapped pair would be far off


def test_properties_name_the_place_its_projects_and_events(collection, sample):
    network = read_table(sample, "network")
    features = {f["id"]: f["properties"] for f in collection["features"]}
    for place_id, props in features.items():
        assert props["project_ids"] == sorted({e["project_id"] for e in network if e["place_id"] == place_id})
        assert props["projects"] == len(props["project_ids"])
        assert props["events"] == len(props["event_ids"])
        assert props["news"] == len(props["news_ids"])
    helsinki = features["geonames:658225"]
    assert (helsinki["name"], helsinki["kind"], helsinki["country"], helsinki["geonames_id"]) == (
        "Helsinki", "city", "FI", 658225)
    assert "baltmet-inno" in helsinki["project_ids"]
    events = read_table(sample, "events")
    copenhagen = [e["event_id"] for e in events if e["place_geonames_id"] == "2618425"]
    assert features["geonames:2618425"]["event_ids"] == copenhagen and len(copenhagen) == 2
    news = read_table(sample, "news")
    assert features["geonames:2800866"]["news_ids"] == [n["news_id"] for n in news if n["place"] == "Brussels"]
    assert sum(len(f["news_ids"]) for f in features.values()) == sum(1 for n in news if n["place"])
    dalarna = features["iso:SE-W"]
    assert (dalarna["kind"], dalarna["iso3166_2"], dalarna["geonames_id"]) == ("region", "SE-W", None)


def test_events_in_regions_are_matched_by_name_and_country_and_an_ambiguous_name_is_not():
    dalarna = Place(name="Dalarna", kind="region", country="SE", iso3166_2="SE-W")
    twins = [Place(name="Twin", kind="region", country="XX", iso3166_2="XX-1"),
             Place(name="Twin", kind="region", country="XX", iso3166_2="XX-2")]
    events = [Event(event_id="e1", source_kind="news", title="a", place="Dalarna", country="SE", source_file="n.txt"),
              Event(event_id="e2", source_kind="news", title="b", place="Twin", country="XX", source_file="n.txt"),
              Event(event_id="e3", source_kind="news", title="c", source_file="n.txt")]
    features = places_geojson(Tables(places=[dalarna, *twins], events=events))["features"]
    assert [f["properties"]["event_ids"] for f in features] == [["e1"], [], []]


def test_hand_made_places_keep_their_order_and_nothing_is_invented():
    riga = Place(name="Riga", kind="city", country="LV", geonames_id=456172, lat=56.946, lon=24.10589,
                 mentions=1, projects=1)
    petersburg = Place(name="Saint Petersburg", kind="city", country="RU", geonames_id=498817,
                       lat=59.93863, lon=30.31413, mentions=1, projects=0)
    tables = Tables(projects=[Project(project_id="p", name="P", source_file="a.txt")],
                    partners=[Partner(project_id="p", position=1, raw="Riga", name="Riga", kind="city",
                                      geonames_id=456172, country="LV", needs_review=False)],
                    places=[riga, petersburg])
    doc = json.loads(geojson_text(tables))
    assert rfc7946_problems(doc) == []
    assert [f["geometry"]["coordinates"] for f in doc["features"]] == [[24.10589, 56.946], [30.31413, 59.93863]]
    assert [f["properties"]["project_ids"] for f in doc["features"]] == [["p"], []]


def test_the_text_is_stable_and_an_empty_collection_is_valid():
    assert json.loads(geojson_text(Tables())) == {"type": "FeatureCollection", "features": []}
    place = Place(name="Tallinn", kind="city", country="EE", geonames_id=588409, lat=59.437, lon=24.7535)
    assert geojson_text(Tables(places=[place])) == geojson_text(Tables(places=[place]))
    assert geojson_text(Tables(places=[place])).endswith("]}\n")


def test_the_data_package_describes_the_map():
    resource = next(r for r in datapackage()["resources"] if r["path"] == "places.geojson")
    assert (resource["format"], resource["mediatype"]) == ("geojson", "application/geo+json")


def test_an_undated_news_item_puts_its_place_on_the_map(tmp_path):
    """Regression: a news item without a date gives no event, and its place was in no table but news."""
    import baltmet_extract as bx

    (tmp_path / "news.txt").write_text(
        "News\n\nCity officials from Gdansk visited the port of Rotterdam to learn about logistics.\nRead more\n\n"
        "The network agreed a new strategy at a meeting in Tallinn on 12 March 2009.\nRead more\n", encoding="utf-8")
    result = bx.extract([tmp_path / "news.txt"])
    (undated,) = [n for n in result.news if not n.date_start]
    assert undated.place == "Gdańsk"
    assert "Gdańsk" in {p.name for p in result.places}
    features = {f["properties"]["name"]: f["properties"] for f in places_geojson(result.tables)["features"]}
    assert features["Gdańsk"]["news_ids"] == [undated.news_id] and features["Gdańsk"]["mentions"] == 1
    assert features["Tallinn"]["events"] == 1 and features["Tallinn"]["mentions"] == 1
