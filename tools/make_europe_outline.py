"""Write the Europe outline the review page and the report draw their maps on.

Source: Natural Earth 1:50m land and country shapes (public domain), as redistributed in
TopoJSON by the npm package `world-atlas` (2.0.2, ISC licence). Run once by hand; the output
is committed, and nothing is fetched at run time:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 tools/make_europe_outline.py package/countries-50m.json \
        src/baltmet_extract/review_server/static/europe_outline.json

The shapes are clipped to Europe, projected with a Lambert azimuthal equal-area projection
centred at 52N 10E (the centre of ETRS89-LAEA, EPSG:3035, on a sphere), simplified to about
half a unit of a 1000-unit-wide map, and written as SVG path data with the projection's
parameters, so `review_server/europe_map.py` places points on the same map.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

CENTRE_LAT, CENTRE_LON = 52.0, 10.0
#: the part of the world kept before projecting (degrees)
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = -32.0, 65.0, 25.0, 82.0
#: points the map must show: Lisbon, Crete, the Caspian end of the Caucasus, Moscow, North Cape, Iceland's west
FRAME = [(-10.5, 36.5), (-9.5, 43.0), (26.0, 34.5), (41.0, 43.0), (42.0, 56.0), (30.0, 71.5), (-24.5, 64.5),
         (10.0, 71.5), (-11.0, 55.0)]
WIDTH = 1000.0
TOLERANCE = 0.6


def laea(lon: float, lat: float) -> tuple[float, float]:
    phi, lam = math.radians(lat), math.radians(lon - CENTRE_LON)
    phi0 = math.radians(CENTRE_LAT)
    k = math.sqrt(2 / (1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)))
    return k * math.cos(phi) * math.sin(lam), k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for r in refs:
        a = arcs[r] if r >= 0 else arcs[~r][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def clip(points: list[tuple[float, float]], inside, cut) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Sutherland-Hodgman against one edge."""
    out: list[tuple[float, float]] = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cut(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cut(prev, cur))
    return out


def clip_box(points, x0, y0, x1, y1):  # type: ignore[no-untyped-def]
    def at_x(x):  # type: ignore[no-untyped-def]
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):  # type: ignore[no-untyped-def]
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cut in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                        (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        if not points:
            break
        points = clip(points, inside, cut)
    return points


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = points[0], points[-1]
    dx, dy = bx - ax, by - ay
    norm = math.hypot(dx, dy)
    best, index = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        d = abs(dy * px - dx * py + bx * ay - by * ax) / norm if norm else math.hypot(px - ax, py - ay)
        if d > best:
            best, index = d, i
    if best <= tol:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tol)[:-1] + simplify(points[index:], tol)


def path(rings: list[list[tuple[float, float]]], closed: bool) -> str:
    parts = []
    for pts in rings:
        coords = [(round(x), round(y)) for x, y in pts]
        dedup = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
        if len(dedup) < (3 if closed else 2):
            continue
        parts.append("M" + " ".join(f"{x},{y}" for x, y in dedup) + ("Z" if closed else ""))
    return "".join(parts)


def main(source: Path, target: Path) -> None:
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    frame = [laea(lon, lat) for lon, lat in FRAME]
    fx0, fx1 = min(p[0] for p in frame), max(p[0] for p in frame)
    fy0, fy1 = min(p[1] for p in frame), max(p[1] for p in frame)
    scale = WIDTH / (fx1 - fx0)
    height = round((fy1 - fy0) * scale)

    def to_map(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [((x - fx0) * scale, (fy1 - y) * scale) for x, y in (laea(lon, lat) for lon, lat in pts)]

    land_rings = []
    for geom in topo["objects"]["land"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for poly in polys:
            for refs in poly:
                whole = ring(arcs, refs)
                if min(p[0] for p in whole) < LON_MIN and max(p[0] for p in whole) < -10:
                    continue  # Greenland and the Americas: only their edges would show, as slivers
                pts = clip_box(whole, LON_MIN, LAT_MIN, LON_MAX, LAT_MAX)
                pts = clip_box(to_map(pts), 0, 0, WIDTH, height) if pts else []
                if len(pts) >= 3:
                    land_rings.append(simplify(pts + [pts[0]], TOLERANCE)[:-1])
    # a border is an arc two countries share
    uses: Counter[int] = Counter()
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs") or []
        polys = polys if geom["type"] == "MultiPolygon" else [polys]
        for poly in polys:
            for refs in poly:
                for r in refs:
                    uses[r if r >= 0 else ~r] += 1
    border_lines = []
    for index, n in sorted(uses.items()):
        if n < 2:
            continue
        pts = [p for p in arcs[index] if LON_MIN <= p[0] <= LON_MAX and LAT_MIN <= p[1] <= LAT_MAX]
        if len(pts) < 2:
            continue
        mapped = [p for p in to_map(pts) if 0 <= p[0] <= WIDTH and 0 <= p[1] <= height]
        if len(mapped) >= 2:
            border_lines.append(simplify(mapped, TOLERANCE))
    out = {
        "source": "Natural Earth 1:50m land and countries (public domain), via the npm package world-atlas 2.0.2",
        "projection": {"name": "Lambert azimuthal equal-area", "centre_lat": CENTRE_LAT, "centre_lon": CENTRE_LON,
                       "x0": fx0, "y1": fy1, "scale": scale},
        "width": WIDTH,
        "height": height,
        "land": path(land_rings, closed=True),
        "borders": path(border_lines, closed=False),
    }
    target.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target}: {target.stat().st_size} bytes, {len(land_rings)} land rings, {len(border_lines)} borders")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
