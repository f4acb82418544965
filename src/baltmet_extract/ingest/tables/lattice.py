"""Ruled tables: pdfplumber's own table finder (edges, intersections, cells) on a page's geometry.

The steps are pdfplumber's `TableFinder` with the "lines" strategy, run on the edges of a
`PageGeometry` rather than on a pdfplumber page, so that the same tables come out whichever
reader drew the geometry. Cell text is pdfplumber's `Table.extract` (done with sorted lookups,
`extract_table`), except in a cell whose text all runs up or down the page, which is read in
its own direction. A column of labels printed beside the grid, level with its rows but without
an outer rule, is taken in as one more column (`_with_sides`).
"""

from __future__ import annotations

from bisect import bisect_left
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
from pdfplumber.utils import extract_text, filter_edges

from baltmet_extract.ingest.pdfgeom import PageGeometry, char_direction
from baltmet_extract.ingest.tables.lines import text_lines, words_from_chars
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
    words = words_from_chars([c for c in chars if not c["upright"]], settings.x_tolerance, settings.y_tolerance)
    return "\n".join(w.text for w in words)


#: Share of a grid's text in cells that hide columns, from which the grid is not the table's.
MAX_HIDDEN_SHARE = 0.2


def _hidden_columns(chars: list[dict[str, Any]], spans: int, settings: PdfSettings) -> bool:
    """Whether a cell holds columns its rules do not show: at least two wide gaps between runs of
    text on its lines, in a cell spanning several of the grid's columns or at the same place
    on two lines (a table inside one cell: shading or partial rules taken for the grid)."""
    lines = text_lines(words_from_chars(chars, settings.x_tolerance, settings.y_tolerance), settings.word_space)
    breaks = [round(run.x0) for line in lines for run in line.runs[1:]]
    if len(breaks) < 2:
        return False
    if spans >= 2:
        return True
    return any(abs(a - b) <= settings.x_tolerance for i, a in enumerate(breaks) for b in breaks[i + 1 :])


def _explains_text(table: Table, chars: list[dict[str, Any]], settings: PdfSettings) -> bool:
    """Whether the grid holds its text in its cells: not when much of the text sits in cells
    that hide columns."""
    xs = sorted({c[0] for c in table.cells} | {c[2] for c in table.cells})
    bbox = table.bbox
    inside = sorted(
        (((c["top"] + c["bottom"]) / 2, c) for c in chars if _inside(c, bbox) and c["text"].strip()),
        key=lambda pair: pair[0],
    )
    if not inside:
        return True
    middles = [m for m, _ in inside]
    hidden = 0
    for cell in table.cells:
        lo, hi = bisect_left(middles, cell[1]), bisect_left(middles, cell[3])
        cell_chars = [c for _, c in inside[lo:hi] if cell[0] <= (c["x0"] + c["x1"]) / 2 < cell[2]]
        if len(cell_chars) < 2:
            continue
        spans = sum(cell[0] < x < cell[2] for x in xs) + 1
        if _hidden_columns(cell_chars, spans, settings):
            hidden += len(cell_chars)
    return hidden < MAX_HIDDEN_SHARE * len(inside)


def extract_table(table: Table, chars: list[dict[str, Any]], **text_settings: Any) -> list[list[str | None]]:
    """`Table.extract` (the same cells, the same text) without testing every character against
    every row: characters are looked up by their middle in a sorted list."""
    order = sorted(
        range(len(chars)), key=lambda i: (chars[i]["top"] + chars[i]["bottom"]) / 2
    )
    middles = [(chars[i]["top"] + chars[i]["bottom"]) / 2 for i in order]
    out: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        picked = sorted(
            i for i in order[bisect_left(middles, top) : bisect_left(middles, bottom)]
            if x0 <= (chars[i]["x0"] + chars[i]["x1"]) / 2 < x1
        )
        row_chars = [chars[i] for i in picked]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            cell_chars = [c for c in row_chars if _inside(c, cell)]
            texts.append(extract_text(cell_chars, **text_settings) if cell_chars else "")
        out.append(texts)
    return out


#: A grid takes in text beside it when this share of its rows has a label there.
SIDE_ROW_SHARE = 0.6
#: ... lying within this share of the grid's width from its side, none wider than that.
SIDE_REACH = 0.5


def _side_column(
    rows: list[FoundRow], bbox: Box, chars: list[dict[str, Any]], left: bool, settings: PdfSettings
) -> list[str] | None:
    """The text beside a grid that reads as one more column of it: a label of one line level
    with most of its rows (a first column printed without its outer rule), else None."""
    x0, top, x1, bottom = bbox
    reach = SIDE_REACH * (x1 - x0)
    beside = [
        c for c in chars
        if c["text"].strip() and top <= (c["top"] + c["bottom"]) / 2 < bottom
        and (x0 - reach <= (c["x0"] + c["x1"]) / 2 < x0 if left else x1 <= (c["x0"] + c["x1"]) / 2 < x1 + reach)
    ]
    if not beside:
        return None
    texts: list[str] = []
    for row in rows:
        mine = [c for c in beside if row.bbox[1] <= (c["top"] + c["bottom"]) / 2 < row.bbox[3]]
        text = extract_text(mine, x_tolerance=settings.x_tolerance, y_tolerance=settings.y_tolerance) if mine else ""
        if "\n" in text:
            return None  # lines of running text beside the grid, not one label per row
        texts.append(text)
    filled = [t for t in texts if t]
    with_text = [row for row in rows if any(c.strip() for c in row.cells)]
    if len(filled) < max(2, SIDE_ROW_SHARE * len(with_text)):
        return None
    return texts


def _with_sides(table: FoundTable, chars: list[dict[str, Any]], settings: PdfSettings) -> FoundTable:
    """The table with the label columns printed beside its grid, if any (see `_side_column`)."""
    x0, top, x1, bottom = table.bbox
    for left in (True, False):
        texts = _side_column(table.rows, table.bbox, chars, left, settings)
        if texts is None:
            continue
        reach = SIDE_REACH * (x1 - x0)
        edge = x0 - reach if left else x1 + reach
        for row, text in zip(table.rows, texts, strict=True):
            box = (edge, row.bbox[1], x0, row.bbox[3]) if left else (x1, row.bbox[1], edge, row.bbox[3])
            row.cells = (text, *row.cells) if left else (*row.cells, text)
            row.cell_boxes = [box, *row.cell_boxes] if left else [*row.cell_boxes, box]
            table.cells.append(box)
        table.bbox = (edge, top, x1, bottom) if left else (x0, top, edge, bottom)
        x0, x1 = table.bbox[0], table.bbox[2]
    return table


def find_lattice_tables(page: PageGeometry, settings: PdfSettings) -> list[FoundTable]:
    """Tables drawn with ruling lines; a ruled box with one column is a frame, not a table, and
    a grid whose cells hide columns of text (see `_explains_text`) is left to the alignment finder."""
    source = _Chars(page.chars)
    sideways = [c for c in page.chars if not c["upright"] and c["text"].strip()]
    found: list[FoundTable] = []
    text_settings = {"x_tolerance": settings.x_tolerance, "y_tolerance": settings.y_tolerance}
    for group in ruled_cells(page.edges, settings.lattice):
        if len({c[0] for c in group}) < 2:
            continue
        table = Table(source, group)  # type: ignore[arg-type]
        if not _explains_text(table, page.chars, settings):
            continue
        rows: list[FoundRow] = []
        for row, texts in zip(table.rows, extract_table(table, page.chars, **text_settings), strict=True):
            cells = []
            for box, text in zip(row.cells, texts, strict=True):
                if sideways and box is not None and text and any(_inside(c, box) for c in sideways):
                    text = _sideways_text([c for c in page.chars if _inside(c, box)], settings) or text
                cells.append(text or "")
            rows.append(FoundRow(bbox=row.bbox, cells=tuple(cells), cell_boxes=list(row.cells)))
        found.append(_with_sides(FoundTable(method="lattice", bbox=table.bbox, rows=rows, cells=list(group)),
                                 page.chars, settings))
    return found
