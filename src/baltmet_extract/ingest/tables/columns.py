"""Columns from alignment: where a block of text lines has empty vertical bands, and what lies
in each column on each line.

A page's text lines are cut into blocks at paragraphs (a line of one run of text nearly as
wide as the page's text, starting at its left margin) and at wide vertical gaps. In a block,
a gutter is a band at least `min_gutter` wide that no run of text covers, or only a few
(`max_crossing_share` of the lines: a heading spanning two columns, a section row). This
finds left-aligned, right-aligned (numbers) and centred columns alike, since it looks at the
space between them rather than at their edges.

Each line's runs are then placed: a run inside one column is that column's text on the line;
a run crossing a gutter is cut at the gutter when the gap between its words there is wider
than a space (two numbers set close), and otherwise spans the columns it covers: its text
goes to the first of them, once.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from baltmet_extract.ingest.tables.lines import Run, TextLine, Word
from baltmet_extract.ingest.tables.settings import PdfSettings

#: A gap between two words of a run is a cut between cells when wider than this share of the font size.
CELL_GAP_SHARE = 0.45
#: Runs count as one column's text when their edges are within this share of the font size.
EDGE_SHARE = 0.5
#: A paragraph line starts within this many font sizes of the text's left margin.
PARAGRAPH_INDENT = 2.0
#: A page's text is taken as at least this share of its width wide.
TEXT_SHARE = 0.6
_NUMBER = re.compile(r"^[(\[]?[-+−–]?[$€£%]?\d[\d.,\s%]*[)\]]?%?$|^[-–—*]$|^\(?[xX]\)?$|^n/?a$")
_MARKER = re.compile(r"^(?:[•·▪◦‣∙○■□►–—*-]|\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])$")


def is_number(text: str) -> bool:
    """A cell value that is a number (or a dash or "(X)" standing for one): such text never wraps."""
    return bool(_NUMBER.match(text.replace("\u00a0", " ").strip()))


@dataclass(slots=True)
class Piece:
    """A column's text on one line."""

    x0: float
    x1: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass
class PlacedLine:
    """A text line cut into columns. `spanning` is a line of one run crossing a gutter (a
    section row, or a title or note around a table); `spans` are the columns where a run that
    covers several columns begins."""

    line: TextLine
    pieces: dict[int, Piece] = field(default_factory=dict)
    spanning: bool = False
    spans: set[int] = field(default_factory=set)

    @property
    def bold(self) -> bool | None:
        """True when all its text is bold, False when none is, None when mixed."""
        weights = {p.bold for p in self.pieces.values()}
        return weights.pop() if len(weights) == 1 else None


def page_text_box(lines: list[TextLine]) -> tuple[float, float]:
    return min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)


def is_paragraph(line: TextLine, left: float, width: float, settings: PdfSettings) -> bool:
    """A line of running text: one run nearly as wide as the page's text, from its left margin."""
    if len(line.runs) != 1 or width <= 0:
        return False
    run = line.runs[0]
    return run.x1 - run.x0 > settings.paragraph_span * width and run.x0 - left <= PARAGRAPH_INDENT * line.size


def line_pitch(lines: list[TextLine]) -> float:
    """The distance between lines of a paragraph or cell: the shortest common step between lines.

    Steps shorter than most of a line's height (a superscript, a heading centred between two
    lines) are ignored.
    """
    heights = [ln.bottom - ln.top for ln in lines]
    height = statistics.median(heights) if heights else 10.0
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
    usable = [s for s in steps if s >= 0.8 * height]
    if not usable:
        return height * 1.2
    shortest = min(usable)
    return statistics.median(s for s in usable if s <= 1.2 * shortest)


def blocks(lines: list[TextLine], settings: PdfSettings, page_width: float = 0.0) -> list[list[TextLine]]:
    """Runs of consecutive lines that may hold a table: cut at paragraphs and wide gaps.

    A paragraph is measured against the page's text, but at least `TEXT_SHARE` of the page's
    width: on a page that holds only one column of a table, that column is not a paragraph.
    """
    if not lines:
        return []
    left, right = page_text_box(lines)
    right = max(right, left + TEXT_SHARE * page_width)
    pitch = line_pitch(lines)
    out: list[list[TextLine]] = []
    current: list[TextLine] = []
    previous: TextLine | None = None  # the last paragraph line
    for line in lines:
        # a paragraph's last line is short, but follows it at its left margin
        ends_paragraph = (
            previous is not None
            and len(line.runs) == 1
            and line.top - previous.top <= settings.row_gap * pitch
            and abs(line.x0 - previous.x0) <= PARAGRAPH_INDENT * line.size
        )
        if ends_paragraph or is_paragraph(line, left, right - left, settings):
            if current:
                out.append(current)
            current = []
            previous = line
            continue
        previous = None
        if current and line.top - current[-1].top > settings.block_gap * pitch:
            out.append(current)
            current = []
        current.append(line)
    if current:
        out.append(current)
    return out


def gutters(lines: list[TextLine], settings: PdfSettings) -> list[float]:
    """x positions of the column boundaries of a block (see `gutter_bands`)."""
    return [mid for _, mid, _ in gutter_bands(lines, settings)]


def gutter_bands(lines: list[TextLine], settings: PdfSettings) -> list[tuple[float, float, float]]:
    """(start, boundary, end) of every band between a block's text's left and right ends that few
    runs cover; the boundary is the middle of its least covered part.

    Only lines of two runs or more count: a line of one run is a cell going on from the line
    above, or a heading across the columns.
    """
    tabular = [ln for ln in lines if len(ln.runs) >= 2]
    runs = [(r.x0, r.x1) for ln in tabular for r in ln.runs]
    if not runs:
        return []
    left = min(x0 for x0, _ in runs)
    right = max(x1 for _, x1 in runs)
    allowed = int(settings.max_crossing_share * len(tabular))
    events = sorted([(x0, 1) for x0, _ in runs] + [(x1, -1) for _, x1 in runs])
    # coverage between consecutive event positions
    spans: list[tuple[float, float, int]] = []
    depth = 0
    for (x, delta), (nx, _) in zip(events, events[1:], strict=False):
        depth += delta
        if nx > x:
            spans.append((x, nx, depth))
    out: list[tuple[float, float, float]] = []
    band: list[tuple[float, float, int]] = []

    def close() -> None:
        if not band:
            return
        start, end = band[0][0], band[-1][1]
        if start > left and end < right and end - start >= settings.min_gutter:
            least = min(d for _, _, d in band)
            # each stretch of least cover is a boundary: text covering more between two of them
            # is a narrow column of its own (a status "ongoing" between a name and a description)
            stretches: list[list[float]] = []
            for a, b, d in band:
                if d != least:
                    continue
                if stretches and stretches[-1][1] == a:
                    stretches[-1][1] = b
                else:
                    stretches.append([a, b])
            if len(stretches) == 1:
                out.append((start, (stretches[0][0] + stretches[0][1]) / 2, end))
            else:
                out.extend((a, (a + b) / 2, b) for a, b in stretches if b - a >= settings.min_gutter)
        band.clear()

    for a, b, d in spans:
        if d <= allowed:
            band.append((a, b, d))
        else:
            close()
    close()
    return out


def _column(x: float, bounds: list[float]) -> int:
    """The column a position falls in, given the gutters' positions."""
    col = 0
    for b in bounds:
        if x >= b:
            col += 1
        else:
            break
    return col


def _split_run(run: Run, bounds: list[float]) -> list[tuple[int, int, list[Word]]]:
    """(first column, last column, words) pieces of a run: cut where a gutter falls in a gap
    wider than a space between two of its words, spanning where it does not."""
    pieces: list[tuple[int, int, list[Word]]] = []
    current: list[Word] = [run.words[0]]
    for prev, word in zip(run.words, run.words[1:], strict=False):
        cut = any(prev.x1 <= b <= word.x0 for b in bounds) and (
            word.x0 - prev.x1 >= CELL_GAP_SHARE * max(prev.size, word.size)
            or (is_number(prev.text) and is_number(word.text))
        )
        if cut:
            pieces.append((_column(current[0].x0, bounds), _column(current[-1].x1, bounds), current))
            current = []
        current.append(word)
    pieces.append((_column(current[0].x0, bounds), _column(current[-1].x1, bounds), current))
    return pieces


def _text_starts(lines: list[TextLine], bounds: list[float]) -> dict[int, float]:
    """Where each column's text starts furthest left, on lines of two runs or more."""
    starts: dict[int, float] = {}
    for line in lines:
        if len(line.runs) < 2:
            continue
        for run in line.runs:
            for first, last, words in _split_run(run, bounds):
                if first == last:
                    starts[first] = min(starts.get(first, words[0].x0), words[0].x0)
    return starts


def place_lines(lines: list[TextLine], bounds: list[float]) -> list[PlacedLine]:
    """Each line's text by column. A line of one run spans the columns whose text it reaches
    (it lies over where their text starts); short of that it is in the column it starts in."""
    starts = _text_starts(lines, bounds)
    placed = []
    for line in lines:
        item = PlacedLine(line)
        pieces = [p for run in line.runs for p in _split_run(run, bounds)]
        if len(pieces) == 1 and pieces[0][0] != pieces[0][1]:
            first, last, words = pieces[0]
            x1 = max(w.x1 for w in words)
            reach = max((c for c in range(first + 1, last + 1) if x1 > starts.get(c, bounds[c - 1])), default=first)
            pieces = [(first, reach, words)]
        item.spanning = len(pieces) == 1 and pieces[0][0] != pieces[0][1]
        for first, last, words in pieces:
            if first != last:
                item.spans.add(first)
            old = item.pieces.get(first)
            if old is None:
                item.pieces[first] = Piece(words[0].x0, max(w.x1 for w in words), list(words))
            else:
                old.words.extend(words)
                old.x1 = max(old.x1, max(w.x1 for w in words))
        placed.append(item)
    return placed


def marker_columns(placed: list[PlacedLine], count: int) -> set[int]:
    """Columns holding nothing but list markers (bullets, `1.`, `a)`): part of the text after them."""
    out = set()
    for col in range(count):
        texts = [p.pieces[col].text for p in placed if col in p.pieces and not p.spanning]
        if texts and all(_MARKER.match(t) for t in texts) and col + 1 < count:
            out.add(col)
    return out
