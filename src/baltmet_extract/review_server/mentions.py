"""What a reviewer sees of one mention: the raw text inside its source sentence or table cell,
where it was seen, the chosen place and the runner-up candidates with their details, and the
points to draw on the map. Shared by the review page and the static report.

Rows come from the normalisation table (as records or as CSV rows); candidates are looked up
in the gazetteer when one is given, else shown with what the table itself says.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from baltmet_extract.review_server.europe_map import outline, view_box

#: "Name (key) score" in the normalisation table's candidates column
CANDIDATE = re.compile(r"^(?P<name>.*?)\s*\((?P<key>[a-z]+:[^()]*)\)\s+(?P<score>[\d.]+)$")
#: "file:page:row label" in the contexts column
CONTEXT = re.compile(r"^(?P<file>.*):(?P<page>\d*):(?P<row>\d*) (?P<label>\S+)$")
MAX_CANDIDATES = 9


@dataclass
class Candidate:
    """A place a mention may mean: the chosen one (number 0) or a runner-up (1..9)."""

    number: int
    key: str
    name: str
    score: float | None
    chosen: bool = False
    kind: str = ""
    country: str = ""
    population: int | None = None
    lat: float | None = None
    lon: float | None = None
    x: float | None = None
    y: float | None = None


@dataclass
class Seen:
    file: str
    page: str
    row: str
    label: str


@dataclass
class MentionView:
    raw: str
    name: str
    key: str
    kind: str
    method: str
    score: float
    needs_review: bool
    reason: str
    source_text: str
    #: the source text cut around the raw mention: before, the mention, after ("" when not found)
    before: str
    match: str
    after: str
    seen: list[Seen]
    documents: list[str]
    candidates: list[Candidate]
    view_box: tuple[float, float, float, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(data.pop("extra"))
        return data


def parse_candidates(text: str) -> list[tuple[str, str, float]]:
    """(name, key, score) from the candidates column."""
    out = []
    for part in text.split(" | "):
        m = CANDIDATE.match(part.strip())
        if m:
            out.append((m["name"], m["key"], float(m["score"])))
    return out


def parse_contexts(text: str) -> list[Seen]:
    out = []
    for part in text.split(" | "):
        m = CONTEXT.match(part.strip())
        if m:
            out.append(Seen(m["file"], m["page"], m["row"], m["label"]))
    return out


def _folded(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` without accents or case, whitespace runs as one space, with each folded character's
    position in `text`."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append(i)
            continue
        for d in unicodedata.normalize("NFKD", c):
            if not unicodedata.combining(d):
                for e in d.casefold():
                    chars.append(e)
                    where.append(i)
    return "".join(chars), tuple(where)


#: `_folded` of the texts mentions are highlighted in, remembered: a table cell names many partners
_folded_source = lru_cache(maxsize=512)(_folded)


def highlight(text: str, raw: str) -> tuple[str, str, str]:
    """`text` cut around the first occurrence of `raw`, found without regard to case, accents or
    spacing: (before, match, after); ("", "", "") when `raw` is not in `text`."""
    if not text or not raw.strip():
        return "", "", ""
    hay, where = _folded_source(text)
    needle, _ = _folded(raw.strip())
    at = hay.find(needle)
    if at < 0 or not needle:
        return "", "", ""
    start, end = where[at], where[at + len(needle) - 1] + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return text[:start], text[start:end], text[end:]


@lru_cache(maxsize=1)
def region_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> label point (lat, lon) of European regions, shipped with the package."""
    text = (resources.files("baltmet_extract.review_server") / "static" / "region_points.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {r["iso3166_2"]: (float(r["lat"]), float(r["lon"])) for r in rows}


def entity_point(entity: Any) -> tuple[float, float] | None:
    """Where to draw a gazetteer entity: a city's coordinates, a region's label point (the middle
    of several for a combined region), else nowhere."""
    if entity is None:
        return None
    if entity.lat is not None and entity.lon is not None:
        return float(entity.lat), float(entity.lon)
    if entity.iso3166_2:
        points = [region_points()[c] for c in entity.iso3166_2.split(";") if c in region_points()]
        if points:
            return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    return None


def candidate(number: int, key: str, name: str, score: float | None, gz: Any, chosen: bool = False) -> Candidate:
    c = Candidate(number=number, key=key, name=name, score=score, chosen=chosen)
    e = gz.entity(key) if gz is not None else None
    if e is None and gz is not None and key.startswith("iso:") and ";" in key:
        parts = [gz.entity(f"iso:{code}") for code in key[4:].split(";")]
        if all(parts):
            e = parts[0]._replace(key=key, name="-".join(p.name for p in parts), iso3166_2=key[4:], lat=None,
                                  lon=None)
    if e is not None:
        c.name, c.kind, c.country = e.name, e.kind, e.country or ""
        c.population = e.population or None
        point = entity_point(e)
        if point is not None:
            c.lat, c.lon = round(point[0], 4), round(point[1], 4)
            c.x, c.y = outline().project(*point)
    elif key.startswith(("org:", "group:")):
        c.kind = "organisation" if key.startswith("org:") else "group"
    return c


def mention_view(row: Any, gz: Any = None) -> MentionView:
    """The view of one normalisation row (a `NormalisationRow` or a dict of CSV cells)."""
    get = row.get if isinstance(row, dict) else (lambda k, default="": getattr(row, k, default))
    raw = str(get("raw", ""))
    key = str(get("key", "") or "")
    names = [n.strip() for n in str(get("name", "") or "").split(" + ")]
    score = float(get("score", 0) or 0)
    needs = get("needs_review", False)
    needs_review = needs if isinstance(needs, bool) else str(needs).lower() == "true"
    chosen = []
    for i, part in enumerate(p.strip() for p in key.split(" + ") if p.strip()):
        chosen.append(candidate(0, part, names[i] if i < len(names) else part, score, gz, chosen=True))
    chosen_keys = {c.key for c in chosen}
    others = [(n, k, s) for n, k, s in parse_candidates(str(get("candidates", "") or "")) if k not in chosen_keys]
    runners = [candidate(i, k, n, s, gz) for i, (n, k, s) in enumerate(others[:MAX_CANDIDATES], start=1)]
    source_text = str(get("source_text", "") or "")
    before, match, after = highlight(source_text, raw)
    seen = parse_contexts(str(get("contexts", "") or ""))
    documents = sorted({s.file for s in seen})
    cands = chosen + runners
    points = [(c.x, c.y) for c in cands if c.x is not None and c.y is not None]
    box = view_box(points) if points else None
    return MentionView(raw=raw, name=str(get("name", "") or ""), key=key, kind=str(get("kind", "") or ""),
                       method=str(get("method", "") or ""), score=score, needs_review=needs_review,
                       reason=str(get("reason", "") or ""), source_text=source_text, before=before, match=match,
                       after=after, seen=seen, documents=documents, candidates=cands, view_box=box)
