"""Fixtures made at test time from the sample text dumps in raw/: PDF, Word and HTML versions.

The annex dump holds one table row per line (cells separated by tabs); a blank line
followed by a row whose first cells are empty marks a page break inside a row, as
Word exports it. The PDF writer lays the table out the way Word does: a row that
does not fit the page is cut at a line boundary and continues on the next page with
empty cells where a column's text has already ended.

When no Unicode TrueType font is found, the PDFs are written in Helvetica and only
the characters that Latin-1 lacks are transliterated (`ń` -> `n`, `–` -> `-`);
`fixture_text` applies the same change so tests can compare like with like.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from anyascii import anyascii

RAW = Path(__file__).resolve().parents[1] / "raw"
ANNEX_DUMP = RAW / "000_334f8267bbda754e.txt"
NEWS_DUMP = RAW / "002_3129d51c2f9d92f9.txt"

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)

# Page geometry in millimetres; the widths are shares of the text width.
MARGIN = 15.0
FONT_SIZE = 7.0
LINE_HEIGHT = 3.3
PADDING = 1.5
COLUMN_SHARES = (0.17, 0.21, 0.39, 0.23)


# --- the sample dump -------------------------------------------------------------------------


@dataclass(frozen=True)
class DumpRow:
    """One table row of the dump; `kind` is header, section, project or continuation."""

    cells: tuple[str, ...]
    kind: str
    page_break_before: bool = False


@dataclass
class DumpBlock:
    """A paragraph (`text`) or a table (`rows`) of the dump, in document order."""

    text: str | None = None
    rows: list[DumpRow] = field(default_factory=list)


def _row_kind(cells: tuple[str, ...], first_row: bool, first_in_table: bool) -> str:
    if first_row:
        return "header"
    if not cells[0] and not first_in_table:
        return "continuation"
    return "section" if cells[0] and not any(cells[1:]) else "project"


def _dump_cells(raw: str, width: int) -> tuple[str, ...]:
    """Cells of a dump line, padded to the table width.

    A short line whose first cell starts mid-sentence (lower case) lost its leading cells,
    as the row after "Other relevant examples" did: its cells belong at the right.
    """
    cells = tuple(" ".join(c.split()) for c in raw.split("\t"))[:width]
    padding = ("",) * (width - len(cells))
    return padding + cells if cells[0][:1].islower() else cells + padding


def read_annex_dump(path: Path = ANNEX_DUMP, width: int = 4) -> list[DumpBlock]:
    """Parse the annex dump into paragraphs and tables, marking the rows that follow a page break."""
    blocks: list[DumpBlock] = []
    seen_row = blank = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            blank = True
            continue
        if "\t" not in raw:
            blocks.append(DumpBlock(text=" ".join(raw.split())))
        else:
            cells = _dump_cells(raw, width)
            if not blocks or blocks[-1].text is not None:
                blocks.append(DumpBlock())
            kind = _row_kind(cells, not seen_row, not blocks[-1].rows)
            seen_row = True
            blocks[-1].rows.append(DumpRow(cells, kind, page_break_before=blank and kind == "continuation"))
        blank = False
    return blocks


def join_continuations(rows: list[DumpRow]) -> list[DumpRow]:
    """Rows as the author typed them: each page-break continuation appended to the row above."""
    out: list[DumpRow] = []
    for row in rows:
        if row.kind == "continuation" and out:
            cells = tuple(
                " ".join(p for p in (a, b) if p) for a, b in zip(out[-1].cells, row.cells, strict=True)
            )
            out[-1] = replace(out[-1], cells=cells)
        else:
            out.append(replace(row, page_break_before=False))
    return out


def whole_rows(blocks: list[DumpBlock]) -> list[DumpBlock]:
    """The dump's blocks with every split row joined again."""
    return [DumpBlock(text=b.text, rows=join_continuations(b.rows)) for b in blocks]


# --- fonts and text --------------------------------------------------------------------------


@cache
def unicode_font() -> Path | None:
    """A TrueType font with the accented letters and dashes of the samples, if the machine has one."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "--format=%{file}", "DejaVu Sans:charset=144 2013"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found.lower().endswith(".ttf") and Path(found).is_file():
            return Path(found)
    return None


def fixture_text(text: str) -> str:
    """Text as the PDF fixtures can write it: unchanged, or with non-Latin-1 letters transliterated."""
    if unicode_font() is not None:
        return text
    return "".join(ch if ord(ch) < 256 else anyascii(ch) for ch in text)


# --- PDF -------------------------------------------------------------------------------------


class _TableWriter:
    """Writes paragraphs and tables with fpdf2, cutting rows at page breaks as Word does."""

    def __init__(self, *, landscape: bool, ruled: bool, repeat_header: bool) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.c_margin = 0
        font = unicode_font()
        if font is not None:
            self.pdf.add_font("Body", "", str(font))
            self.pdf.set_font("Body", size=FONT_SIZE)
        else:
            self.pdf.set_font("Helvetica", size=FONT_SIZE)
        self.ruled = ruled
        self.repeat_header = repeat_header
        self.width = self.pdf.w - 2 * MARGIN
        self.bottom = self.pdf.h - MARGIN
        self.columns = [self.width * share for share in COLUMN_SHARES]
        self.header: DumpRow | None = None
        self.pdf.add_page()

    def wrap(self, text: str, width: float) -> list[str]:
        if not text:
            return []
        return self.pdf.multi_cell(
            width - 2 * PADDING, LINE_HEIGHT, fixture_text(text), dry_run=True, output="LINES"
        )

    def cell_lines(self, row: DumpRow) -> list[list[str]]:
        if row.kind == "section":
            return [self.wrap(row.cells[0], self.width)]
        return [self.wrap(text, width) for text, width in zip(row.cells, self.columns, strict=True)]

    def new_page(self) -> None:
        self.pdf.add_page()
        if self.repeat_header and self.header is not None:
            self.draw(self.header, self.cell_lines(self.header))

    def draw(self, row: DumpRow, lines: list[list[str]]) -> None:
        """Draw one (part of a) row at the current position."""
        height = max((len(c) for c in lines), default=0) * LINE_HEIGHT + 2 * PADDING
        widths = [self.width] if len(lines) == 1 else self.columns
        x, y = MARGIN, self.pdf.get_y()
        for cell, width in zip(lines, widths, strict=True):
            if self.ruled:
                self.pdf.rect(x, y, width, height)
            for i, line in enumerate(cell):
                self.pdf.set_xy(x + PADDING, y + PADDING + i * LINE_HEIGHT)
                self.pdf.cell(width - 2 * PADDING, LINE_HEIGHT, line)
            x += width
        self.pdf.set_xy(MARGIN, y + height)

    def room(self) -> int:
        """How many lines of a row fit in the space left on the page."""
        return int((self.bottom - self.pdf.get_y() - 2 * PADDING) // LINE_HEIGHT)

    def row(self, row: DumpRow, split_at: int | None = None) -> None:
        """Draw a row, cutting it after `split_at` lines or where the page ends."""
        lines = self.cell_lines(row)
        fresh = False
        while True:
            tallest = max((len(c) for c in lines), default=0)
            room = self.room()
            cut = min(room, split_at) if split_at is not None else room
            # On a fresh page a row that cannot be cut is drawn even if it overflows, rather than looping.
            if tallest <= cut or (fresh and (cut < 1 or len(lines) == 1)):
                self.draw(row, lines)
                return
            if cut < 1 or len(lines) == 1:
                self.new_page()
                split_at, fresh = None, True
                continue
            self.draw(row, [c[:cut] for c in lines])
            lines = [c[cut:] for c in lines]
            split_at, fresh = None, True
            self.new_page()

    def paragraph(self, text: str) -> None:
        lines = self.wrap(text, self.width)
        if self.room() < len(lines) + 1:
            self.pdf.add_page()
        self.pdf.set_y(self.pdf.get_y() + PADDING)
        for line in lines:
            self.pdf.set_x(MARGIN)
            self.pdf.cell(self.width, LINE_HEIGHT, line)
            self.pdf.ln(LINE_HEIGHT)
        self.pdf.set_y(self.pdf.get_y() + 2 * PADDING)

    def table(self, rows: list[DumpRow], rows_per_page: int | None) -> None:
        self.header = rows[0] if rows and rows[0].kind == "header" else None
        on_page = 0
        for row in rows:
            if row.page_break_before:
                self.new_page()
                on_page = 0
            page_before = self.pdf.page
            # A page that holds `rows_per_page` rows is full: the next row starts on it and is cut.
            forced = rows_per_page is not None and on_page >= rows_per_page
            if forced:
                tallest = max(len(c) for c in self.cell_lines(row))
                self.row(row, split_at=max(1, tallest // 2) if tallest > 1 else 0)
            else:
                self.row(row)
            on_page = 1 if self.pdf.page != page_before else on_page + 1
        self.header = None
        self.pdf.set_y(self.pdf.get_y() + 2 * PADDING)


def write_annex_pdf(
    path: Path,
    blocks: list[DumpBlock],
    *,
    landscape: bool,
    repeat_header: bool,
    ruled: bool = True,
    rows_per_page: int | None = None,
) -> Path:
    """Write `blocks` as a PDF: paragraphs full width, tables with 4 columns and section rows spanning all."""
    writer = _TableWriter(landscape=landscape, ruled=ruled, repeat_header=repeat_header)
    for block in blocks:
        if block.text is not None:
            writer.paragraph(block.text)
        else:
            writer.table(block.rows, rows_per_page)
    path = Path(path)
    writer.pdf.output(str(path))
    return path


def make_annex_pdf(
    path: Path,
    *,
    landscape: bool,
    repeat_header: bool,
    rows_per_page: int | None = None,
    ruled: bool = True,
    copies: int = 1,
) -> Path:
    """The annex as a ruled Word-style PDF table over several pages.

    With `rows_per_page` None the pages break where the original's did (the dump's rows
    that start with empty cells begin a page). With a number the split rows are joined
    again and each page holds that many rows plus the top part of the next one, which
    continues on the following page. `copies` repeats the tables (for timing runs).
    """
    blocks = read_annex_dump()
    if rows_per_page is not None:
        blocks = whole_rows(blocks)
    blocks = blocks[:1] + blocks[1:] * copies
    return write_annex_pdf(
        path,
        blocks,
        landscape=landscape,
        repeat_header=repeat_header,
        ruled=ruled,
        rows_per_page=rows_per_page,
    )


def make_annex_pdf_unruled(
    path: Path, *, landscape: bool, repeat_header: bool, rows_per_page: int | None = None, copies: int = 1
) -> Path:
    """`make_annex_pdf` without ruling lines: the table is only text aligned in columns."""
    return make_annex_pdf(
        path,
        landscape=landscape,
        repeat_header=repeat_header,
        rows_per_page=rows_per_page,
        ruled=False,
        copies=copies,
    )


def make_pdf_with_cells(
    path: Path, rows: list[tuple[str, ...]], *, ruled: bool = True, after: str | None = None
) -> Path:
    """A one-page PDF with a table of `rows` in equal columns, and optionally a paragraph `after` it.

    A row with only its first cell filled spans the table; explicit newlines in a cell
    are kept as line breaks.
    """
    width = len(rows[0])

    def kind(i: int, row: tuple[str, ...]) -> str:
        return "header" if i == 0 else "section" if row[0] and not any(row[1:]) else "project"

    writer = _TableWriter(landscape=False, ruled=ruled, repeat_header=False)
    writer.columns = [writer.width / width] * width
    writer.table([DumpRow(tuple(r), kind(i, r)) for i, r in enumerate(rows)], None)
    if after is not None:
        writer.paragraph(after)
    path = Path(path)
    writer.pdf.output(str(path))
    return path


# --- Word ------------------------------------------------------------------------------------


def make_annex_docx(path: Path) -> Path:
    """The annex as a Word file: title heading, tables with merged section cells, a paragraph between."""
    from docx import Document as WordDocument

    doc = WordDocument()
    for n, block in enumerate(whole_rows(read_annex_dump())):
        if block.text is not None:
            if n == 0:
                doc.add_heading(block.text, level=1)
            else:
                doc.add_paragraph(block.text)
            continue
        table = doc.add_table(rows=len(block.rows), cols=4)
        table.style = "Table Grid"
        for tr, row in zip(table.rows, block.rows, strict=True):
            if row.kind == "section":
                merged = tr.cells[0].merge(tr.cells[3])
                merged.text = row.cells[0]
                continue
            for cell, text in zip(tr.cells, row.cells, strict=True):
                cell.text = text
    path = Path(path)
    doc.save(str(path))
    return path


# --- HTML ------------------------------------------------------------------------------------

_CHROME_TOP = """<header class="site-header"><div id="logo">BaltMet</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/projects">Projects</a></li><li><a href="/news">News</a></li></ul></nav>
</header>
<div class="cookie-banner"><p>This site uses cookies. <a href="#">Accept</a></p></div>
<div id="breadcrumb"><a href="/">Home</a> &gt; Projects</div>
"""
_CHROME_BOTTOM = """<aside class="sidebar"><h3>Related links</h3><ul><li>Baltic Sea Group</li></ul></aside>
<footer><p>Copyright 2008 Baltic Metropoles Network</p><p><a href="/contact">Contact</a></p></footer>
<script>document.write("SCRIPT TEXT MUST NOT APPEAR");</script>
<noscript>Please enable JavaScript</noscript>
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>td { vertical-align: top } .hidden { display: none }</style>"
        '<script src="menu.js"></script></head>\n<body>\n'
        f"{_CHROME_TOP}<main>\n{body}</main>\n{_CHROME_BOTTOM}</body></html>\n"
    )


def make_annex_html(path: Path) -> Path:
    """The annex as a web page, with navigation, a cookie banner, a footer and scripts around it."""
    parts: list[str] = []
    for block in whole_rows(read_annex_dump()):
        if block.text is not None:
            tag = "h1" if not parts else "p"
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>\n")
            continue
        parts.append('<table border="1">\n')
        for row in block.rows:
            if row.kind == "header":
                parts.append(
                    "<thead><tr>"
                    + "".join(f"<th>{html.escape(c)}</th>" for c in row.cells)
                    + "</tr></thead>\n"
                )
            elif row.kind == "section":
                parts.append(f'<tr><td colspan="4"><b>{html.escape(row.cells[0])}</b></td></tr>\n')
            else:
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row.cells) + "</tr>\n")
        parts.append("</table>\n")
    path = Path(path)
    path.write_text(_page("Annex I", "".join(parts)), encoding="utf-8")
    return path


def read_news_dump(path: Path = NEWS_DUMP) -> tuple[list[str], list[list[str]], list[str]]:
    """The news dump as (lines before the news, [[title, summary...]], lines after the last item).

    An item is the lines up to its "Read more"; the first is the title, some have no summary.
    """
    lines = [" ".join(raw.split()) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]
    marks = [i for i, line in enumerate(lines) if line == "Read more"]
    first = marks[0] - 2
    items = [lines[a + 1 : b] for a, b in zip([first - 1, *marks], marks, strict=False)]
    return lines[:first], items, lines[marks[-1] + 1 :]


def make_news_html(path: Path) -> Path:
    """The news dump as a web page: each item an h3, a paragraph and a "Read more" link."""
    before, items, after = read_news_dump()
    parts = [f"<h2>{html.escape(line)}</h2>\n" for line in before]
    for n, (title, *summary) in enumerate(items, start=1):
        paragraphs = "".join(f"<p>{html.escape(text)}</p>\n" for text in summary)
        parts.append(
            f'<div class="news-item"><h3>{html.escape(title)}</h3>\n{paragraphs}'
            f'<a href="/news/{n}" class="more">Read more</a></div>\n'
        )
    for line in after:
        tag = "h4" if line.startswith(("Milestone", "Work Package")) else "p"
        parts.append(f"<{tag}>{html.escape(line)}</{tag}>\n")
    path = Path(path)
    path.write_text(_page("Latest news", "".join(parts)), encoding="utf-8")
    return path
