"""PDF reader (pdfplumber): table rows with faithful cells, and the text lines around them.

Tables are found by their ruling lines first. A page without a ruled table is searched
for a table laid out by alignment alone (see `find_aligned_tables`). Rows are not merged
across pages and repeated header rows are kept: joining them is the extractor's job.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.page import Page
from pdfplumber.table import Table
from pdfplumber.utils import cluster_objects
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from baltmet_extract.errors import InputError
from baltmet_extract.models import Document, Line

#: pdfplumber settings for ruled tables; the tolerances absorb Word's slightly offset cell borders.
DEFAULT_LATTICE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
DEFAULT_MIN_WORDS_VERTICAL = 1
DEFAULT_MAX_CROSSING_SHARE = 0.1
DEFAULT_MIN_GUTTER = 6.0
DEFAULT_ROW_GAP = 1.3
DEFAULT_BLOCK_GAP = 2.5
DEFAULT_MIN_ALIGNED_COLUMNS = 3
DEFAULT_X_TOLERANCE = 3.0
DEFAULT_Y_TOLERANCE = 3.0

#: Errors pdfminer raises on a damaged file after it has been opened.
PDF_ERRORS = (PdfminerException, MalformedPDFException, PDFSyntaxError, PSException)

_LIGATURES = {ch: unicodedata.normalize("NFKC", ch) for ch in map(chr, range(0xFB00, 0xFB07))}
_LIGATURE_TABLE = str.maketrans(_LIGATURES)
_LINE_END_HYPHEN = re.compile(r"(\w+)[-\u2010][ \t]*\n[ \t]*(?=(\w+))")
_COMPOUND = re.compile(r"\w+(?:[-\u2010]\w+)+")


@dataclass(frozen=True)
class PdfSettings:
    """How tables are found; every value has a named default and is checked on construction.

    The alignment search (pages without ruling lines) measures distances in points and
    in multiples of the page's line pitch: `row_gap` separates table rows, `block_gap`
    separates a table from the paragraphs around it. It only accepts tables with at
    least `min_aligned_columns` columns, because reading two-column prose as a table
    would scramble the page, while a two-column table read as text keeps each line.
    """

    lattice: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_LATTICE_SETTINGS))
    min_words_vertical: int = DEFAULT_MIN_WORDS_VERTICAL
    max_crossing_share: float = DEFAULT_MAX_CROSSING_SHARE
    min_gutter: float = DEFAULT_MIN_GUTTER
    row_gap: float = DEFAULT_ROW_GAP
    block_gap: float = DEFAULT_BLOCK_GAP
    min_aligned_columns: int = DEFAULT_MIN_ALIGNED_COLUMNS
    x_tolerance: float = DEFAULT_X_TOLERANCE
    y_tolerance: float = DEFAULT_Y_TOLERANCE

    def __post_init__(self) -> None:
        if self.min_words_vertical < 1 or self.min_aligned_columns < 2:
            raise ValueError("min_words_vertical must be >= 1 and min_aligned_columns >= 2")
        if not 1 < self.row_gap < self.block_gap:
            raise ValueError("expected 1 < row_gap < block_gap")
        if min(self.min_gutter, self.x_tolerance, self.y_tolerance) <= 0:
            raise ValueError("min_gutter and tolerances must be positive")
        if not 0 <= self.max_crossing_share < 1:
            raise ValueError("max_crossing_share must be in [0, 1)")

    @classmethod
    def resolve(cls, value: PdfSettings | dict[str, Any] | None) -> PdfSettings:
        """Settings from None (defaults), a dict of overrides or an instance."""
        if value is None:
            return cls()
        if isinstance(value, PdfSettings):
            return value
        return cls(**value)


@dataclass
class FoundTable:
    """A table on a page and how it was found (`lattice` or `aligned`)."""

    table: Table
    method: str


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


# --- tables ----------------------------------------------------------------------------------


def find_lattice_tables(page: Page, settings: PdfSettings) -> list[FoundTable]:
    """Tables drawn with ruling lines; a ruled box with one column is a frame, not a table."""
    tables = page.find_tables(settings.lattice)
    return [FoundTable(t, "lattice") for t in tables if len({c[0] for c in t.cells}) >= 2]


def _text_lines(words: list[dict[str, Any]], y_tolerance: float) -> list[list[dict[str, Any]]]:
    lines = cluster_objects(words, itemgetter("top"), y_tolerance)
    return [sorted(line, key=itemgetter("x0")) for line in lines]


def _segments(line: list[dict[str, Any]], min_gutter: float) -> list[tuple[float, float]]:
    """(x0, x1) of the runs of words in a line that are separated by at least a gutter."""
    out: list[list[float]] = []
    for word in line:
        if out and word["x0"] - out[-1][1] < min_gutter:
            out[-1][1] = max(out[-1][1], word["x1"])
        else:
            out.append([word["x0"], word["x1"]])
    return [(a, b) for a, b in out]


def _column_starts(segments: list[list[tuple[float, float]]], settings: PdfSettings) -> list[float]:
    """Left edges of columns: pdfplumber's text strategy, restricted to where text follows a gutter.

    Clustering every word edge (as `words_to_edges_v` does) also finds edges inside
    ragged or justified paragraphs. Here a candidate is the left edge of a run of words
    after a gutter, on at least one table line (a line with several such runs: not a
    paragraph or a spanning heading), and it is kept only if almost no table line has
    text running across it, which drops centred or indented text inside a cell.
    """
    starts = [{"x0": x0, "tabular": len(line) >= 2} for line in segments for x0, _ in line]
    clusters = [
        c
        for c in cluster_objects(starts, itemgetter("x0"), 1.5)
        if len(c) >= settings.min_words_vertical and any(s["tabular"] for s in c)
    ]
    tabular = [line for line in segments if len(line) >= 2]
    limit = settings.max_crossing_share * len(tabular)
    kept: list[float] = []
    for x in sorted(min(s["x0"] for s in c) for c in clusters):
        crossing = sum(any(x0 < x - 1 and x1 > x + 1 for x0, x1 in line) for line in tabular)
        if crossing <= limit:
            kept.append(x)
    return kept


def _line_columns(line: list[tuple[float, float]], bounds: list[float]) -> set[int] | None:
    """The columns a line's segments fall in, or None where a segment crosses a column boundary."""
    cols: set[int] = set()
    for x0, x1 in line:
        if x0 < bounds[0]:
            return None
        col = max(i for i, b in enumerate(bounds[:-1]) if x0 >= b)
        if col + 1 < len(bounds) - 1 and x1 > bounds[col + 1]:
            return None
        cols.add(col)
    return cols


def _line_pitch(steps: list[float], line_height: float) -> float:
    """The distance between lines inside a paragraph or cell: the shortest common step.

    Steps shorter than most of a line's height come from sub- and superscripts and are ignored.
    """
    usable = [s for s in steps if s >= 0.8 * line_height] or steps
    shortest = min(usable)
    return statistics.median(s for s in usable if s <= 1.2 * shortest)


def find_aligned_tables(page: Page, settings: PdfSettings) -> list[FoundTable]:
    """Tables without ruling lines, found from text alignment.

    Columns start where segments of text (words separated by a gutter) share a left
    edge. A run of lines whose segments stay inside the columns is a table; a line that
    crosses a column boundary between two of its rows is a section heading spanning the
    table, one above or below it is a paragraph. Rows are told apart by the extra space
    between them, so a table whose rows are set as tightly as its lines is read one row
    per line.
    """
    words = page.extract_words(x_tolerance=settings.x_tolerance, y_tolerance=settings.y_tolerance)
    lines = _text_lines(words, settings.y_tolerance)
    if len(lines) < 2:
        return []
    segments = [_segments(line, settings.min_gutter) for line in lines]
    starts = _column_starts(segments, settings)
    if len(starts) < settings.min_aligned_columns:
        return []
    bounds = [x - 1 for x in starts] + [max(w["x1"] for w in words) + 1]
    columns = [_line_columns(s, bounds) for s in segments]
    tops = [min(w["top"] for w in line) for line in lines]
    bottoms = [max(w["bottom"] for w in line) for line in lines]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    pitch = _line_pitch(steps, statistics.median(b - t for t, b in zip(tops, bottoms, strict=True)))
    tables: list[FoundTable] = []
    run: list[int] = [0]
    for i in range(1, len(lines) + 1):
        if i < len(lines) and steps[i - 1] <= settings.block_gap * pitch:
            run.append(i)
            continue
        table = _aligned_table(page, run, columns, tops, bottoms, bounds, pitch, settings)
        if table is not None:
            tables.append(table)
        run = [i]
    return tables


def _aligned_table(
    page: Page,
    run: list[int],
    columns: list[set[int] | None],
    tops: list[float],
    bottoms: list[float],
    bounds: list[float],
    pitch: float,
    settings: PdfSettings,
) -> FoundTable | None:
    """The table in one run of lines, or None when it has too few rows spread over columns."""
    inside = [i for i in run if columns[i] is not None]
    if not inside:
        return None
    run = [i for i in run if inside[0] <= i <= inside[-1]]
    if sum(len(columns[i] or ()) >= 2 for i in run) < 2:
        return None
    rows: list[list[int]] = []
    for i in run:
        spans = columns[i] is None
        new_row = (
            not rows
            or spans
            or columns[rows[-1][-1]] is None
            or tops[i] - tops[rows[-1][-1]] > settings.row_gap * pitch
        )
        if new_row:
            rows.append([i])
        else:
            rows[-1].append(i)
    edges = [tops[rows[0][0]] - 1]
    for above, below in zip(rows, rows[1:], strict=False):
        edges.append((bottoms[above[-1]] + tops[below[0]]) / 2)
    edges.append(bottoms[rows[-1][-1]] + 1)
    cells: list[tuple[float, float, float, float]] = []
    for row, top, bottom in zip(rows, edges, edges[1:], strict=False):
        if columns[row[0]] is None:
            cells.append((bounds[0], top, bounds[-1], bottom))
        else:
            cells.extend((x0, top, x1, bottom) for x0, x1 in zip(bounds, bounds[1:], strict=False))
    return FoundTable(Table(page, cells), "aligned")


def find_tables(page: Page, settings: PdfSettings | None = None) -> list[FoundTable]:
    """The tables of a page: ruled ones, or where there are none, aligned ones."""
    settings = PdfSettings.resolve(settings)
    return find_lattice_tables(page, settings) or find_aligned_tables(page, settings)


# --- pages -----------------------------------------------------------------------------------


def _in_any(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x < x1 and top <= y < bottom for x0, top, x1, bottom in boxes)


def outside_tables(page: Page, found: list[FoundTable]) -> Page:
    """The page without the characters of its tables (judged by their centre, as table cells are)."""
    boxes = [item.table.bbox for item in found]
    if not boxes:
        return page
    return page.filter(lambda obj: obj.get("object_type") != "char" or not _in_any(obj, boxes))


def page_pieces(page: Page, settings: PdfSettings) -> list[tuple[float, float, tuple[str, ...], bool]]:
    """(top, x0, raw cells, is_row) for every table row and text line of a page, unsorted."""
    found = find_tables(page, settings)
    pieces: list[tuple[float, float, tuple[str, ...], bool]] = []
    text_settings: dict[str, Any] = {"x_tolerance": settings.x_tolerance, "y_tolerance": settings.y_tolerance}
    for item in found:
        for row, cells in zip(item.table.rows, item.table.extract(**text_settings), strict=True):
            raw = tuple(cell or "" for cell in cells)
            if any(c.strip() for c in raw):
                pieces.append((row.bbox[1], row.bbox[0], raw, True))
    for line in outside_tables(page, found).extract_text_lines(return_chars=False, **text_settings):
        pieces.append((line["top"], line["x0"], (line["text"],), False))
    return pieces


def open_pdf(name: str, data: bytes) -> pdfplumber.PDF:
    """Open PDF bytes with pdfplumber; a damaged or password-protected file raises `InputError`."""
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(
                name, "PDF is encrypted; remove the password (e.g. `qpdf --decrypt`) and try again"
            ) from exc
        raise InputError(name, f"not a readable PDF: {_one_line(cause)}") from exc


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def read_pdf(name: str, data: bytes, settings: PdfSettings | dict[str, Any] | None = None) -> Document:
    """Read a PDF into a `Document`: per page, table rows and text lines in reading order.

    `row` numbers the lines of a page from 1 in reading order. A page without a text
    layer (a scan) gives no lines; the dispatcher reports that.
    """
    resolved = PdfSettings.resolve(settings)
    pieces: list[tuple[int, int, tuple[str, ...], bool]] = []
    try:
        # a damaged page box can fail while pages are read or again when the file is closed
        with open_pdf(name, data) as pdf:
            page_count = len(pdf.pages)
            for page in pdf.pages:
                ordered = sorted(page_pieces(page, resolved), key=itemgetter(0, 1))
                pieces.extend(
                    (page.page_number, i, raw, is_row) for i, (_, _, raw, is_row) in enumerate(ordered, 1)
                )
                page.close()
    except PDF_ERRORS as exc:
        raise InputError(name, f"not a readable PDF: {_one_line(exc)}") from exc
    except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
        raise InputError(name, f"not a readable PDF (damaged: {_one_line(exc)}); re-export it from the source") from exc
    compounds = hyphenated_compounds(cell for *_, raw, _ in pieces for cell in raw)
    lines: list[Line] = []
    for page_number, row, raw, is_row in pieces:
        cells = tuple(repair_cell_text(c, compounds) for c in raw)
        if any(cells):
            lines.append(Line(cells=cells, is_row=is_row, page=page_number, row=row))
    return Document(source_file=name, format="pdf", lines=lines, page_count=page_count)
