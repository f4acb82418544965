"""A table found on a page: its rows, each with its cells' text and boxes."""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]


@dataclass
class FoundRow:
    """One logical row: `cells` hold the raw text (line breaks kept) of every column."""

    bbox: Box
    cells: tuple[str, ...]
    cell_boxes: list[Box | None] = field(default_factory=list)


@dataclass
class FoundTable:
    """A table and how it was found: `lattice` (ruled grid), `rules` (horizontal rules only) or
    `aligned` (text alignment alone). `cells` are the boxes drawn by `inspect`; `columns` the
    x-extents of the columns found from alignment."""

    method: str
    bbox: Box
    rows: list[FoundRow]
    cells: list[Box] = field(default_factory=list)
    columns: list[tuple[float, float]] = field(default_factory=list)
