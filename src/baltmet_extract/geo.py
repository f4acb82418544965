"""places.geojson: the places table as a GeoJSON FeatureCollection (RFC 7946) for QGIS, geojson.io
and web maps.

One feature per row of places.csv, its `id` the place_id, its geometry a Point `[longitude,
latitude]` (WGS 84, RFC 7946's only coordinate system, so no `crs` member). A place without
coordinates (most regions: ISO 3166-2 gives none) keeps its feature with `"geometry": null`, the
RFC's way to say "not located", so the map and the table hold the same places.

Properties: the place's columns, the projects it takes part in (from the network) and the events
held there. News items reach the map through the events they announce.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from baltmet_extract.models import Event, Place
from baltmet_extract.tables import Tables

#: RFC 7946 section 11.2: six decimal places are about 10 cm, more is noise
COORDINATE_DECIMALS = 6


def _event_places(events: list[Event], places: list[Place]) -> dict[str, list[str]]:
    """place_id -> ids of the events held there. An event names its place by GeoNames id (cities)
    or by name and country (regions, countries); a name that fits two places is left unmatched."""
    by_geonames = {p.geonames_id: p.place_id for p in places if p.geonames_id is not None}
    by_name: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for p in places:
        if p.geonames_id is None:
            by_name[(p.name, p.country)].append(p.place_id)
    found: dict[str, list[str]] = defaultdict(list)
    for ev in events:
        if ev.place_geonames_id is not None:
            pid = by_geonames.get(ev.place_geonames_id)
        elif ev.place:
            candidates = by_name.get((ev.place, ev.country), [])
            pid = candidates[0] if len(candidates) == 1 else None
        else:
            pid = None
        if pid is not None:
            found[pid].append(ev.event_id)
    return found


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
    events = _event_places(tables.events, tables.places)
    features = []
    for place in tables.places:
        props = {"place_id": place.place_id, "name": place.name, "kind": place.kind, "country": place.country,
                 "geonames_id": place.geonames_id, "iso3166_2": place.iso3166_2, "mentions": place.mentions,
                 "projects": place.projects, "project_ids": sorted(projects.get(place.place_id, [])),
                 "events": len(events.get(place.place_id, [])), "event_ids": events.get(place.place_id, [])}
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
