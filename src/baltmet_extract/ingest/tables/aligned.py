"""Tables without a ruled grid: found from text alignment, with horizontal rules where drawn.

For each block of lines (`columns.blocks`): find the gutters, place every line's text in
columns, drop the lines at the block's top and bottom that are one text across the columns
(a title, a note), and keep the block as a table when enough lines have text in two columns
or more and the columns are not just prose set side by side. Its rows are `rows.group_rows`;
a horizontal rule across most of its width separates rows (`rules`: a table of horizontal
rules only).
"""

from __future__ import annotations

from typing import Any

from pdfplumber.table import merge_edges
from pdfplumber.utils import filter_edges

from baltmet_extract.ingest.tables.columns import (
    PlacedLine,
    blocks,
    gutter_bands,
    line_pitch,
    marker_columns,
    place_lines,
)
from baltmet_extract.ingest.tables.lines import TextLine
from baltmet_extract.ingest.tables.memory import LayoutMemory, header_length
from baltmet_extract.ingest.tables.model import FoundRow, FoundTable
from baltmet_extract.ingest.tables.rows import group_rows, links
from baltmet_extract.ingest.tables.settings import PdfSettings

#: A table whose every column continues from line to line this often is prose in columns.
PROSE_SHARE = 0.8
#: Rules closer than this (points) are one rule.
RULE_SNAP = 3.0


def horizontal_rules(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal edges, snapped and joined as pdfplumber joins them for ruled tables."""
    h = filter_edges(edges, "h", min_length=1)
    if not h:
        return []
    return merge_edges(h, RULE_SNAP, RULE_SNAP, RULE_SNAP, RULE_SNAP)


def _widths(placed: list[PlacedLine]) -> dict[int, float]:
    widths: dict[int, float] = {}
    for item in placed:
        if item.spanning:
            continue
        for col, piece in item.pieces.items():
            if col not in item.spans:
                widths[col] = max(widths.get(col, 0.0), piece.x1 - piece.x0)
    return widths


def _trim(placed: list[PlacedLine]) -> tuple[int, int]:
    """The first and last line of the table proper: titles above it and notes below it, lines
    of one text across the columns, left out. Below the last line with text in two columns,
    a line across the columns starts the notes: it and all after it are left out."""
    start, end = 0, len(placed)
    while start < end and placed[start].spanning:
        start += 1
    last = max((i for i in range(start, end) if len(placed[i].pieces) >= 2 and not placed[i].spanning), default=None)
    if last is not None:
        end = next((i for i in range(last + 1, end) if placed[i].spanning), end)
    while end > start and placed[end - 1].spanning:
        end -= 1
    return start, end


def _is_prose(placed: list[PlacedLine], widths: dict[int, float]) -> bool:
    """Columns of running text side by side: every column continues from line to line."""
    link = links(placed, widths)
    for col in widths:
        filled = [i for i, item in enumerate(placed) if col in item.pieces and not item.spanning]
        if len(filled) < 2 or sum(col in link.cont[i] for i in filled) < PROSE_SHARE * len(filled):
            return False
    return True


def _merge_markers(placed: list[PlacedLine], count: int) -> list[int]:
    """Fold columns of list markers into the column after them; returns the columns folded."""
    markers = sorted(marker_columns(placed, count), reverse=True)
    for col in markers:
        for item in placed:
            marker = item.pieces.pop(col, None)
            if marker is None:
                continue
            after = item.pieces.get(col + 1)
            if after is None:
                item.pieces[col + 1] = marker
            else:
                after.words[:0] = marker.words
                after.x0 = marker.x0
    if markers:
        renumber = {c: c - sum(m < c for m in markers) for c in range(count)}
        for item in placed:
            item.pieces = {renumber[c]: p for c, p in item.pieces.items()}
            item.spans = {renumber[c] for c in item.spans}
    return markers


def _bands(
    block: list[TextLine],
    settings: PdfSettings,
    memory: LayoutMemory,
    page_key: tuple[int, int, int],
    first: bool = False,
) -> list[tuple[float, float, float]]:
    """The block's gutters, or those of a table seen before whose columns include them; for the
    first block of a page without gutters, those of the last table seen when all its text lies
    in one of its columns (a cell going on from the page before)."""
    bands = gutter_bands(block, settings)
    runs = [(r.x0, r.x1) for line in block if len(line.runs) >= 2 for r in line.runs]
    if bands:
        known = memory.match(page_key, bands, runs)
    else:
        known = memory.column_of(page_key, [(r.x0, r.x1) for line in block for r in line.runs]) if first else None
    return known.bands if known is not None else bands


def _table(
    block: list[TextLine],
    rules: list[dict[str, Any]],
    pitch: float,
    settings: PdfSettings,
    memory: LayoutMemory,
    page_key: tuple[int, int, int],
    first: bool = False,
) -> tuple[FoundTable, list[TextLine]] | None:
    bands = _bands(block, settings, memory, page_key, first)
    if not bands:
        return None
    placed = place_lines(block, [mid for _, mid, _ in bands])
    start, end = _trim(placed)
    if (start, end) != (0, len(placed)):
        block = block[start:end]
        bands = _bands(block, settings, memory, page_key, first)
        if not bands:
            return None
        placed = place_lines(block, [mid for _, mid, _ in bands])
    bounds = [mid for _, mid, _ in bands]
    for col in _merge_markers(placed, len(bounds) + 1):
        del bounds[col]
    columns = sorted({c for item in placed for c in item.pieces})
    anchors = sum(len(item.pieces) >= 2 and not item.spanning for item in placed)
    going_on = first and memory.column_of(page_key, [(r.x0, r.x1) for line in block for r in line.runs]) is not None
    if not going_on and (len(columns) < settings.min_aligned_columns or anchors < settings.min_table_lines):
        return None
    if sum(item.spanning for item in placed) > anchors:
        return None  # mostly lines across the "columns": justified prose with wide spaces, not a table
    widths = _widths(placed)
    if not going_on and _is_prose(placed, widths):
        return None
    x0 = min(ln.x0 for ln in block)
    x1 = max(ln.x1 for ln in block)
    span = x1 - x0
    across = [r["top"] for r in rules if r["x0"] <= x0 + span * (1 - settings.rule_span)
              and r["x1"] >= x0 + span * settings.rule_span and r["x1"] - r["x0"] >= settings.rule_span * span]
    groups = group_rows(placed, widths, pitch, across, settings.row_gap)
    width = max(columns) + 1
    known = memory.same(page_key, bands)
    cut = header_length(known, [{c: p.text for c, p in placed[i].pieces.items()} for i in groups[0]])
    if cut is not None:
        groups[0:1] = [groups[0][:cut], groups[0][cut:]]
    head = placed[groups[0][0]]
    if known is None and not head.spanning and len(head.pieces) >= 2:
        header = {c: [placed[i].pieces[c].text for i in groups[0] if c in placed[i].pieces] for c in range(width)}
        memory.remember(page_key, bands, {c: v for c, v in header.items() if v})
    rows: list[FoundRow] = []
    for group in groups:
        lines = [placed[i] for i in group]
        cells = []
        for col in range(width):
            texts = [item.pieces[col].text for item in lines if col in item.pieces]
            cells.append("\n".join(texts))
        top = min(item.line.top for item in lines)
        bottom = max(item.line.bottom for item in lines)
        rows.append(FoundRow(bbox=(x0, top, x1, bottom), cells=tuple(cells)))
    method = "rules" if any(rows[0].bbox[1] < r < rows[-1].bbox[3] for r in across) else "aligned"
    edges = [x0, *bounds, x1]
    table = FoundTable(
        method=method,
        bbox=(x0, rows[0].bbox[1], x1, rows[-1].bbox[3]),
        rows=rows,
        cells=[(a, r.bbox[1], b, r.bbox[3]) for r in rows for a, b in zip(edges, edges[1:], strict=False)],
        columns=list(zip(edges, edges[1:], strict=False)),
    )
    return table, block


def find_aligned_tables(
    lines: list[TextLine],
    edges: list[dict[str, Any]],
    settings: PdfSettings,
    memory: LayoutMemory | None = None,
    page_key: tuple[int, int, int] = (0, 0, 0),
    page_width: float = 0.0,
) -> list[tuple[FoundTable, list[TextLine]]]:
    """Tables found by alignment among `lines` (top to bottom), each with the lines it holds.
    `memory` holds the layouts of the tables on the document's pages before (see `memory`)."""
    memory = memory if memory is not None else LayoutMemory()
    if len(lines) < settings.min_table_lines:
        return []
    rules = horizontal_rules(edges)
    pitch = line_pitch(lines)
    found = []
    for index, block in enumerate(blocks(lines, settings, page_width)):
        if len(block) < settings.min_table_lines and index:
            continue
        result = _table(block, rules, pitch, settings, memory, page_key, first=index == 0)
        if result is not None:
            found.append(result)
    return found
