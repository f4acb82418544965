"""Ruled tables: pdfplumber's own table finder (edges, intersections, cells) on a page's geometry.

The steps are pdfplumber's `TableFinder` with the "lines" strategy, run on the edges of a
`PageGeometry` rather than on a pdfplumber page, so that the same tables come out whichever
reader drew the geometry. Cell text is pdfplumber's `Table.extract`, except in a cell whose
text all runs up or down the page, which is read in its own direction.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pdfplumber.table import (
    Table,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from baltmet_extract.ingest.pdfgeom import PageGeometry, char_direction
from baltmet_extract.ingest.tables.lines import words_from_chars
from baltmet_extract.ingest.tables.model import FoundRow, FoundTable
from baltmet_extract.ingest.tables.settings import PdfSettings

Box = tuple[float, float, float, float]


class _Chars:
    """What `pdfplumber.table.Table.extract` needs of a page: its characters."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars


def ruled_cells(edges: list[dict[str, Any]], lattice: dict[str, Any]) -> list[list[Box]]:
    """Groups of cells (one group per table) formed by the ruling edges, as pdfplumber finds them."""
    ts = TableSettings.resolve(lattice)
    v = filter_edges(edges, "v", min_length=ts.edge_min_length_prefilter)
    h = filter_edges(edges, "h", min_length=ts.edge_min_length_prefilter)
    merged = merge_edges(
        v + h,
        snap_x_tolerance=ts.snap_x_tolerance,
        snap_y_tolerance=ts.snap_y_tolerance,
        join_x_tolerance=ts.join_x_tolerance,
        join_y_tolerance=ts.join_y_tolerance,
    )
    merged = filter_edges(merged, min_length=ts.edge_min_length)
    intersections = edges_to_intersections(merged, ts.intersection_x_tolerance, ts.intersection_y_tolerance)
    return cells_to_tables(intersections_to_cells(intersections))


def _inside(char: dict[str, Any], box: Box) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _sideways_text(chars: list[dict[str, Any]], settings: PdfSettings) -> str | None:
    """The text of a cell whose visible characters all run up or down the page, else None."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible or any(c["upright"] for c in visible):
        return None
    direction = Counter(char_direction(c) for c in visible).most_common(1)[0][0]
    if direction not in (90, 270):
        return None
    words = words_from_chars(visible, settings.x_tolerance, settings.y_tolerance)
    return "\n".join(w.text for w in words)


def find_lattice_tables(page: PageGeometry, settings: PdfSettings) -> list[FoundTable]:
    """Tables drawn with ruling lines; a ruled box with one column is a frame, not a table."""
    source = _Chars(page.chars)
    sideways = [c for c in page.chars if not c["upright"] and c["text"].strip()]
    found: list[FoundTable] = []
    text_settings = {"x_tolerance": settings.x_tolerance, "y_tolerance": settings.y_tolerance}
    for group in ruled_cells(page.edges, settings.lattice):
        if len({c[0] for c in group}) < 2:
            continue
        table = Table(source, group)  # type: ignore[arg-type]
        rows: list[FoundRow] = []
        for row, texts in zip(table.rows, table.extract(**text_settings), strict=True):
            cells = []
            for box, text in zip(row.cells, texts, strict=True):
                if sideways and box is not None and text and any(_inside(c, box) for c in sideways):
                    text = _sideways_text([c for c in page.chars if _inside(c, box)], settings) or text
                cells.append(text or "")
            rows.append(FoundRow(bbox=row.bbox, cells=tuple(cells), cell_boxes=list(row.cells)))
        found.append(FoundTable(method="lattice", bbox=table.bbox, rows=rows, cells=list(group)))
    return found
