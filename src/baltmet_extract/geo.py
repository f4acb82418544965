"""places.geojson: the places table as a GeoJSON FeatureCollection (RFC 7946) for QGIS, geojson.io
and web maps.

One feature per row of places.csv, its `id` the place_id, its geometry a Point `[longitude,
latitude]` (WGS 84, RFC 7946's only coordinate system, so no `crs` member). A place without
coordinates (most regions: ISO 3166-2 gives none) keeps its feature with `"geometry": null`, the
RFC's way to say "not located", so the map and the table hold the same places.

Properties: the place's columns, the projects it takes part in (from the network), the events
held there and the news items about it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from baltmet_extract.models import Place
from baltmet_extract.tables import Tables

#: RFC 7946 section 11.2: six decimal places are about 10 cm, more is noise
COORDINATE_DECIMALS = 6


class _PlaceFinder:
    """Finds the place_id of an event's or news item's place: they name it by GeoNames id (cities)
    or by name (and, for events, country); a name that fits two places is left unmatched."""

    def __init__(self, places: list[Place]) -> None:
        self.by_geonames = {p.geonames_id: p.place_id for p in places if p.geonames_id is not None}
        self.by_name: dict[tuple[str, str | None], list[str]] = defaultdict(list)
        for p in places:
            if p.geonames_id is None:
                self.by_name[(p.name, p.country)].append(p.place_id)
                self.by_name[(p.name, None)].append(p.place_id)

    def find(self, name: str | None, geonames_id: int | None, country: str | None) -> str | None:
        if geonames_id is not None:
            return self.by_geonames.get(geonames_id)
        candidates = self.by_name.get((name, country), []) if name else []
        return candidates[0] if len(candidates) == 1 else None


def _ids_by_place(tables: Tables) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """place_id -> ids of the events held there, and of the news items about it."""
    finder = _PlaceFinder(tables.places)
    events: dict[str, list[str]] = defaultdict(list)
    for ev in tables.events:
        if (pid := finder.find(ev.place, ev.place_geonames_id, ev.country)) is not None:
            events[pid].append(ev.event_id)
    news: dict[str, list[str]] = defaultdict(list)
    for item in tables.news:
        if (pid := finder.find(item.place, item.place_geonames_id, None)) is not None:
            news[pid].append(item.news_id)
    return events, news


def _point(place: Place) -> dict[str, Any] | None:
    if place.lat is None or place.lon is None:
        return None
    return {"type": "Point",
            "coordinates": [round(place.lon, COORDINATE_DECIMALS), round(place.lat, COORDINATE_DECIMALS)]}


def places_geojson(tables: Tables) -> dict[str, Any]:
    """The FeatureCollection of the places, in places.csv order."""
    projects: dict[str, list[str]] = defaultdict(list)
    for edge in tables.network:
        if edge.project_id not in projects[edge.place_id]:
            projects[edge.place_id].append(edge.project_id)
    events, news = _ids_by_place(tables)
    features = []
    for place in tables.places:
        pid = place.place_id
        props = {"place_id": pid, "name": place.name, "kind": place.kind, "country": place.country,
                 "geonames_id": place.geonames_id, "iso3166_2": place.iso3166_2, "mentions": place.mentions,
                 "projects": place.projects, "project_ids": sorted(projects.get(pid, [])),
                 "events": len(events.get(pid, [])), "event_ids": events.get(pid, []),
                 "news": len(news.get(pid, [])), "news_ids": news.get(pid, [])}
        features.append({"type": "Feature", "id": place.place_id, "geometry": _point(place), "properties": props})
    return {"type": "FeatureCollection", "features": features}


def geojson_text(tables: Tables) -> str:
    """The GeoJSON as text: one feature per line, the same bytes for the same tables."""
    collection = places_geojson(tables)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}\n"


def write_geojson(tables: Tables, path: Path) -> None:
    """places.geojson into `path`."""
    path.write_text(geojson_text(tables), encoding="utf-8")
