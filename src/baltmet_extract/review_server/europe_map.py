"""The offline map of Europe the review page and the report draw candidates on.

The outline is Natural Earth's 1:50m land and country shapes (public domain), projected and
simplified once by `tools/make_europe_outline.py` and shipped with the package; nothing is
fetched at run time. `project` puts a latitude and longitude on the same map.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

OUTLINE_FILE = "europe_outline.json"


@dataclass(frozen=True)
class Outline:
    """The projected outline: SVG path data for land and borders, and the projection's parameters."""

    width: float
    height: float
    land: str
    borders: str
    source: str
    centre_lat: float
    centre_lon: float
    x0: float
    y1: float
    scale: float

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """Map units (x to the right, y down) of a point; Lambert azimuthal equal-area on a sphere."""
        phi, lam, phi0 = math.radians(lat), math.radians(lon - self.centre_lon), math.radians(self.centre_lat)
        denominator = 1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / max(denominator, 1e-9))
        x = k * math.cos(phi) * math.sin(lam)
        y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
        return round((x - self.x0) * self.scale, 1), round((self.y1 - y) * self.scale, 1)

    def on_map(self, x: float, y: float) -> bool:
        return 0 <= x <= self.width and 0 <= y <= self.height


@lru_cache(maxsize=1)
def outline() -> Outline:
    """The shipped outline (read once per process)."""
    data = json.loads((resources.files("baltmet_extract.review_server") / "static" / OUTLINE_FILE).read_text("utf-8"))
    p = data["projection"]
    return Outline(width=float(data["width"]), height=float(data["height"]), land=data["land"],
                   borders=data["borders"], source=data["source"], centre_lat=p["centre_lat"],
                   centre_lon=p["centre_lon"], x0=p["x0"], y1=p["y1"], scale=p["scale"])


def view_box(points: list[tuple[float, float]], o: Outline | None = None, margin: float = 60.0,
             min_size: float = 260.0) -> tuple[float, float, float, float]:
    """A window on the map around `points` (x, y), at least `min_size` wide, kept inside the map,
    with the map's proportions."""
    o = o or outline()
    inside = [(x, y) for x, y in points if o.on_map(x, y)]
    if not inside:
        return 0.0, 0.0, o.width, o.height
    xs, ys = [p[0] for p in inside], [p[1] for p in inside]
    aspect = o.height / o.width
    w = max(max(xs) - min(xs) + 2 * margin, (max(ys) - min(ys) + 2 * margin) / aspect, min_size)
    w = min(w, o.width)
    h = w * aspect
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - w / 2, 0.0), o.width - w)
    y = min(max(cy - h / 2, 0.0), o.height - h)
    return round(x, 1), round(y, 1), round(w, 1), round(h, 1)
