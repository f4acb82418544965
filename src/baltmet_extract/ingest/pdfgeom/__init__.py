"""What a PDF page draws, as plain objects: characters with their boxes and ruling edges.

Two readers produce the same `PageGeometry`: pdfplumber (`plumber.py`, the reference, built on
pdfminer) and pypdfium2 (`pdfium.py`, several times faster). Both give pdfplumber's own object
dictionaries (`text`, `x0`, `x1`, `top`, `bottom`, `upright`, `matrix`... for characters;
`orientation`, `object_type`, `x0`... for edges) in pdfplumber's coordinates (points, origin at
the top left of the page as displayed, after /Rotate), so that the table finder, pdfplumber's
utilities and the tests can use either without knowing which one read the page.

`upright_geometry` turns a page whose text runs down or up the page (a table printed sideways)
so that it reads left to right; everything downstream then sees an ordinary page.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]

#: Characters whose direction is measured: below this share of turned text a page stays as it is.
DEFAULT_TURN_SHARE = 0.5


@dataclass
class PageGeometry:
    """One page: characters and edges as pdfplumber dictionaries, and the page's size.

    `turned` is the direction the text ran before the page was turned to read upright (see
    `char_direction`): 0 for an ordinary page, 90 for text running up the page, 270 down it.
    """

    number: int
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    edges: list[Obj] = field(default_factory=list)
    turned: int = 0

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def char_direction(char: Obj) -> int:
    """The direction a character's baseline runs on the displayed page: 0 (left to right),
    90 (bottom to top), 180 (right to left, upside down) or 270 (top to bottom)."""
    a, b = char["matrix"][0], char["matrix"][1]
    if a == 0 and b == 0:
        return 0
    angle = math.degrees(math.atan2(b, a)) % 360  # device space: y grows upwards
    return int(((angle + 45) % 360) // 90) * 90


def dominant_direction(chars: list[Obj], share: float = DEFAULT_TURN_SHARE) -> int:
    """The direction most of the page's visible characters run in, when more than `share` of
    them run in it and it is not 0; else 0."""
    visible = [c for c in chars if c["text"].strip()]
    if sum(not c["upright"] or c["matrix"][0] < 0 for c in visible) <= share * len(visible):
        return 0  # most of it reads left to right: no need to measure directions
    counts = Counter(char_direction(c) for c in visible)
    total = sum(counts.values())
    if not total:
        return 0
    direction, n = counts.most_common(1)[0]
    return direction if direction and n > share * total else 0


def _turn_box(obj: Obj, turn: int, width: float, height: float) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) of `obj` once a page whose text runs in direction `turn` is turned
    upright (clockwise for 90, counter-clockwise for 270)."""
    x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
    if turn == 90:  # text that ran bottom to top now runs left to right
        return (height - bottom, x0, height - top, x1)
    if turn == 270:  # text that ran top to bottom
        return (top, width - x1, bottom, width - x0)
    if turn == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    return (x0, top, x1, bottom)


def _turn_matrix(matrix: tuple[float, ...], turn: int) -> tuple[float, ...]:
    """A character matrix after turning the page (device space, y upwards)."""
    a, b, c, d, e, f = matrix
    cos, sin = round(math.cos(math.radians(-turn))), round(math.sin(math.radians(-turn)))
    return (a * cos - b * sin, a * sin + b * cos, c * cos - d * sin, c * sin + d * cos, e, f)


def turn_objects(objs: list[Obj], turn: int, width: float, height: float) -> list[Obj]:
    """Copies of characters or edges as they lie once the page is turned."""
    out = []
    for obj in objs:
        x0, top, x1, bottom = _turn_box(obj, turn, width, height)
        new = dict(obj, x0=x0, top=top, x1=x1, bottom=bottom, doctop=top, width=x1 - x0, height=bottom - top)
        if "matrix" in obj:
            new["matrix"] = _turn_matrix(obj["matrix"], turn)
            new["upright"] = char_direction(new) == 0
        if obj.get("orientation") in ("h", "v") and turn in (90, 270):
            new["orientation"] = "v" if obj["orientation"] == "h" else "h"
        out.append(new)
    return out


def upright_geometry(page: PageGeometry, share: float = DEFAULT_TURN_SHARE) -> PageGeometry:
    """The page turned so that most of its text reads left to right (itself when it already does)."""
    turn = dominant_direction(page.chars, share)
    if not turn:
        return page
    width, height = (page.height, page.width) if turn in (90, 270) else (page.width, page.height)
    return PageGeometry(
        number=page.number,
        width=width,
        height=height,
        chars=turn_objects(page.chars, turn, page.width, page.height),
        edges=turn_objects(page.edges, turn, page.width, page.height),
        turned=turn,
    )
