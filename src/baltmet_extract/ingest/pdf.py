"""PDF reader: table rows with faithful cells, and the text lines around them.

A page is read as geometry (`ingest.pdfgeom`: characters and ruling edges, by PDFium, or by
pdfplumber, the reference) and its tables are found from it (`ingest.tables`): ruled grids,
then tables laid out by alignment, with horizontal rules or none. Rows are not merged across
pages and repeated header rows are kept: joining them is the extractor's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from baltmet_extract.ingest.pdfgeom import PageGeometry
from baltmet_extract.ingest.pdfgeom import plumber as plumber_reader
from baltmet_extract.ingest.pdfgeom.plumber import PDF_ERRORS, open_pdf
from baltmet_extract.ingest.tables import LayoutMemory, PageTables, read_page
from baltmet_extract.ingest.tables.settings import DEFAULT_LATTICE_SETTINGS, PdfSettings
from baltmet_extract.models import Document, Line

__all__ = [
    "DEFAULT_LATTICE_SETTINGS",
    "PDF_ERRORS",
    "PdfSettings",
    "fix_ligatures",
    "hyphenated_compounds",
    "open_pdf",
    "page_pieces",
    "read_pdf",
    "repair_cell_text",
]

_LIGATURES = {ch: unicodedata.normalize("NFKC", ch) for ch in map(chr, range(0xFB00, 0xFB07))}
_LIGATURE_TABLE = str.maketrans(_LIGATURES)
_LINE_END_HYPHEN = re.compile(r"(\w+)[-\u2010][ \t]*\n[ \t]*(?=(\w+))")
_COMPOUND = re.compile(r"\w+(?:[-\u2010]\w+)+")


# --- cell text -------------------------------------------------------------------------------


def fix_ligatures(text: str) -> str:
    """Replace typographic ligatures (`ﬁ`, `ﬂ`, `ﬀ`...) by their letters."""
    return text.translate(_LIGATURE_TABLE)


def hyphenated_compounds(texts: Iterable[str]) -> set[str]:
    """Hyphenated words written whole on one line somewhere in the document, lower-cased."""
    found: set[str] = set()
    for text in texts:
        found.update(m.lower() for m in _COMPOUND.findall(fix_ligatures(text)))
    return found


def repair_cell_text(raw: str, compounds: set[str] | frozenset[str] = frozenset()) -> str:
    """Cell text with ligatures replaced, words cut at line ends joined and spaces collapsed;
    the remaining line breaks are kept (a list of one partner per line needs them).

    A hyphen at a line end is dropped before a lower-case word (`innova-`/`tion`) and kept
    before anything else (`Scandinavian-`/`Adriatic`, `2007-`/`2008`); `compounds` keeps it
    for words the document also writes whole with a hyphen (`co-`/`operation`).
    """
    text = fix_ligatures(raw).replace("\u00ad\n", "").replace("\u00ad", "")

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if right[:1].islower() and f"{left}-{right}".lower() not in compounds:
            return left
        return left + "-"

    joined = _LINE_END_HYPHEN.sub(join, text)
    return "\n".join(" ".join(line.split()) for line in joined.splitlines() if line.strip())


# --- pages -----------------------------------------------------------------------------------


@contextmanager
def read_geometry(name: str, data: bytes, settings: PdfSettings) -> Iterator[tuple[int, Iterator[PageGeometry]]]:
    """(page count, each page's geometry) from the settings' reader. A file PDFium had to repair
    (a damaged cross-reference table) is read by pdfplumber, whose stricter reading decides
    whether it can be read at all."""
    if settings.backend == "pdfium":
        from baltmet_extract.ingest.pdfgeom import pdfium as pdfium_reader

        doc = pdfium_reader.open_document(name, data)
        if pdfium_reader.is_intact(doc):
            with pdfium_reader.read_pages(name, data, doc) as result:
                yield result
            return
        doc.close()
    with plumber_reader.read_pages(name, data) as result:
        yield result


def page_pieces(found: PageTables) -> list[tuple[float, float, tuple[str, ...], bool]]:
    """(top, x0, raw cells, is_row) for every table row and text line of a page, unsorted."""
    pieces: list[tuple[float, float, tuple[str, ...], bool]] = []
    for table in found.tables:
        for row in table.rows:
            if any(c.strip() for c in row.cells):
                pieces.append((row.bbox[1], row.bbox[0], row.cells, True))
    for line in found.lines:
        pieces.append((line.top, line.x0, (line.text,), False))
    return pieces


def read_pdf(name: str, data: bytes, settings: PdfSettings | dict[str, Any] | None = None) -> Document:
    """Read a PDF into a `Document`: per page, table rows and text lines in reading order.

    `row` numbers the lines of a page from 1 in reading order. A page without a text
    layer (a scan) gives no lines; the dispatcher reports that.
    """
    resolved = PdfSettings.resolve(settings)
    pieces: list[tuple[int, int, tuple[str, ...], bool]] = []
    memory = LayoutMemory()
    with read_geometry(name, data, resolved) as (page_count, pages):
        for geometry in pages:
            ordered = sorted(page_pieces(read_page(geometry, resolved, memory)), key=lambda p: (p[0], p[1]))
            pieces.extend((geometry.number, i, raw, is_row) for i, (_, _, raw, is_row) in enumerate(ordered, 1))
    compounds = hyphenated_compounds(cell for *_, raw, _ in pieces for cell in raw)
    lines: list[Line] = []
    for page_number, row, raw, is_row in pieces:
        cells = tuple(repair_cell_text(c, compounds) for c in raw)
        if any(cells):
            lines.append(Line(cells=cells, is_row=is_row, page=page_number, row=row))
    return Document(source_file=name, format="pdf", lines=lines, page_count=page_count)
