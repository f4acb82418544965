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
    "document_words",
    "hyphenated_compounds",
    "hyphenates",
    "open_pdf",
    "page_pieces",
    "read_pdf",
    "repair_cell_text",
]

_LIGATURES = {ch: unicodedata.normalize("NFKC", ch) for ch in map(chr, range(0xFB00, 0xFB07))}
_LIGATURE_TABLE = str.maketrans(_LIGATURES)
_LINE_END_HYPHEN = re.compile(r"(\w+)[-\u2010][ \t]*\n[ \t]*(?=(\w+))")
#: Endings a hyphenating typesetter leaves alone on the next line.
_SUFFIXES = frozenset(
    "tion tions sion sions ment ments ness ity ities ing ings able ible ance ence ally ical ous ive ives "
    "ise ised ize ized ist ists ism ture tures ular ency ancy".split()
)
_CUT_WORD = re.compile(r"\w+[-\u2010][ \t]*\n[ \t]*\w+")
_COMPOUND = re.compile(r"\w+(?:[-\u2010]\w+)+")
_WORD = re.compile(r"(?<![-\u2010\w])\w+(?![-\u2010\w])")
#: A web address cut at a line end, when the next line goes on with address characters.
_URL_BREAK = re.compile(r"((?:https?://|www\.)[^\s()]*)[ \t]*\n[ \t]*(?=[^\s()]*[./?=&#%~_][^\s]*)")


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


def document_words(texts: Iterable[str]) -> set[str]:
    """Every word of the document written whole on a line (not at a line end before a hyphen), lower-cased."""
    found: set[str] = set()
    for text in texts:
        whole = _CUT_WORD.sub(" ", fix_ligatures(text))  # the pieces of a word cut at a line end are not words
        found.update(w.lower() for w in _WORD.findall(whole))
    return found


def hyphenates(texts: Iterable[str], words: set[str] | frozenset[str]) -> bool:
    """Whether the document breaks words with a hyphen at line ends (automatic hyphenation):
    some word cut at a line end is written whole elsewhere, or is cut before a suffix
    (`innova-`/`tion`). Word and LibreOffice do not hyphenate unless asked to."""
    for text in texts:
        for match in _LINE_END_HYPHEN.finditer(fix_ligatures(text)):
            left, right = match.group(1), match.group(2)
            if right[:1].islower() and ((left + right).lower() in words or right.lower() in _SUFFIXES):
                return True
    return False


def repair_cell_text(
    raw: str,
    compounds: set[str] | frozenset[str] = frozenset(),
    words: set[str] | frozenset[str] = frozenset(),
    hyphenated: bool = True,
) -> str:
    """Cell text with ligatures replaced, words cut at line ends joined and spaces collapsed;
    the remaining line breaks are kept (a list of one partner per line needs them).

    A hyphen at a line end is kept before anything but a lower-case letter (`Scandinavian-`/
    `Adriatic`, `2007-`/`2008`). Before a lower-case word it is kept for a compound the document
    also writes whole with a hyphen (`compounds`: `co-`/`operation`) or for two words it writes
    alone (`words`, its vocabulary: `so-`/`called`), and dropped for a word it writes whole or
    before a suffix (`innova-`/`tion`); otherwise it is dropped only in a `hyphenated` document
    (see `hyphenates`). A web address cut at a line end is joined when the next line goes on
    with one (`www.example.`/`org/page`).
    """
    text = fix_ligatures(raw).replace("\u00ad\n", "").replace("\u00ad", "")
    while True:  # an address may be cut more than once
        joined_url = _URL_BREAK.sub(r"\1", text)
        if joined_url == text:
            break
        text = joined_url

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if not right[:1].islower() or f"{left}-{right}".lower() in compounds:
            return left + "-"
        if (left + right).lower() in words or right.lower() in _SUFFIXES:
            return left
        if left.lower() in words and right.lower() in words:
            return left + "-"
        return left if hyphenated else left + "-"

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
    vocabulary = document_words(cell for *_, raw, _ in pieces for cell in raw)
    hyphenated = hyphenates((cell for *_, raw, _ in pieces for cell in raw), vocabulary)
    lines: list[Line] = []
    for page_number, row, raw, is_row in pieces:
        cells = tuple(repair_cell_text(c, compounds, vocabulary, hyphenated) for c in raw)
        if any(cells):
            lines.append(Line(cells=cells, is_row=is_row, page=page_number, row=row))
    return Document(source_file=name, format="pdf", lines=lines, page_count=page_count)
