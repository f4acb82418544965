"""Tables on a PDF page, from its geometry (`ingest.pdfgeom`): ruled grids first (`lattice`),
then tables laid out by alignment, with or without horizontal rules (`aligned`), among the
text outside the grids. What is in no table comes back as text lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from baltmet_extract.ingest.pdfgeom import PageGeometry, upright_geometry
from baltmet_extract.ingest.tables.aligned import find_aligned_tables
from baltmet_extract.ingest.tables.lattice import find_lattice_tables
from baltmet_extract.ingest.tables.lines import TextLine, text_lines, words_from_chars
from baltmet_extract.ingest.tables.memory import LayoutMemory
from baltmet_extract.ingest.tables.model import FoundRow, FoundTable
from baltmet_extract.ingest.tables.settings import PdfSettings

__all__ = ["FoundRow", "FoundTable", "LayoutMemory", "PageTables", "PdfSettings", "read_page"]


@dataclass
class PageTables:
    """A page as the reader sees it: the page turned upright if its text ran sideways, its
    tables, and the text lines outside them."""

    page: PageGeometry
    tables: list[FoundTable]
    lines: list[TextLine]


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x < x1 and top <= y < bottom for x0, top, x1, bottom in boxes)


def read_page(
    geometry: PageGeometry, settings: PdfSettings | None = None, memory: LayoutMemory | None = None
) -> PageTables:
    """The tables and the remaining text lines of one page; `memory` carries what the pages
    before showed of the document's tables (give the same one for every page of a document)."""
    settings = PdfSettings.resolve(settings)
    page = upright_geometry(geometry, settings.turn_share)
    tables = find_lattice_tables(page, settings)
    boxes = [t.bbox for t in tables]
    rest = [c for c in page.chars if not _inside(c, boxes)] if boxes else page.chars
    words = words_from_chars(rest, settings.x_tolerance, settings.y_tolerance)
    # text set sideways in an upright page (a page number of a turned page) is never in a table
    lines = text_lines([w for w in words if w.upright], settings.word_space)
    sideways = text_lines([w for w in words if not w.upright], settings.word_space)
    used: set[int] = set()
    page_key = (round(page.width), round(page.height), page.turned)
    for table, block in find_aligned_tables(lines, page.edges, settings, memory, page_key, page.width):
        tables.append(table)
        used.update(id(line) for line in block)
    outside = [line for line in lines if id(line) not in used] + sideways
    return PageTables(page, tables, outside)
