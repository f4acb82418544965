"""Tables as PDFs draw them: made here with fpdf2 (no rules, rules between rows only, a grid),
read back cell for cell: columns from alignment, logical rows, headers, spans, extent, rotation."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from baltmet_extract.ingest.pdf import read_pdf
from baltmet_extract.models import Line

FONT = "Helvetica"


def _pdf(orientation: str = "P") -> FPDF:
    pdf = FPDF(orientation=orientation, unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font(FONT, size=9)
    return pdf


def _text(pdf: FPDF, x: float, y: float, text: str, *, align: str = "L", width: float = 0, bold: bool = False) -> None:
    """`text` with its baseline box at (x, y); right- or centre-aligned in `width` points."""
    pdf.set_font(FONT, style="B" if bold else "", size=9)
    w = pdf.get_string_width(text)
    if align == "R":
        x = x + width - w
    elif align == "C":
        x = x + (width - w) / 2
    pdf.text(x, y, text)


def _save(pdf: FPDF, path: Path) -> Path:
    pdf.output(str(path))
    return path


def rows_of(path: Path) -> list[tuple[str, ...]]:
    return [line.cells for line in read_pdf(path.name, path.read_bytes()).lines if line.is_row]


def lines_of(path: Path) -> list[Line]:
    return read_pdf(path.name, path.read_bytes()).lines


STATS = [
    ("Andhra Pradesh", "47,824,589", "9,967,837", "1,275,000"),
    ("Arunachal Pradesh", "2,241,609", "107,549", "23,000"),
    ("Assam", "14,874,821", "2,554,197", "161,600"),
    ("Bihar", "21,016,708", "4,332,141", "5,329,000"),
    ("Chhattisgarh", "11,427,311", "1,415,660", "2,366,592"),
]


def test_numbers_set_right_and_one_line_rows_read_one_row_per_line(tmp_path):
    pdf = _pdf()
    columns = [(60, 110, "L"), (190, 70, "R"), (280, 70, "R"), (370, 70, "R")]
    for i, row in enumerate(STATS):
        for (x, w, align), text in zip(columns, row, strict=True):
            _text(pdf, x, 100 + 12 * i, text, align=align, width=w)
    assert rows_of(_save(pdf, tmp_path / "stats.pdf")) == STATS


def test_a_two_line_header_reads_as_one_row_and_a_heading_over_two_columns_once(tmp_path):
    pdf = _pdf()
    columns = [(60, 110, "L"), (190, 70, "R"), (280, 70, "R"), (370, 70, "R")]
    _text(pdf, 190, 80, "Revenue", align="C", width=160, bold=True)  # spans two columns
    for x, w, _ in columns[1:]:
        pdf.line(x + 5, 83, x + w, 83) if x < 300 else None
    for (x, w, _), (top, bottom) in zip(
        columns,
        [("State", ""), ("Medical and", "public health"), ("Family", "welfare"), ("Capital", "outlay")],
        strict=True,
    ):
        _text(pdf, x, 94, top, align="C", width=w, bold=True)
        _text(pdf, x, 104, bottom, align="C", width=w, bold=True)
    for i, row in enumerate(STATS[:3]):
        for (x, w, align), text in zip(columns, row, strict=True):
            _text(pdf, x, 120 + 12 * i, text, align=align, width=w)
    rows = rows_of(_save(pdf, tmp_path / "header.pdf"))
    assert [c for c in rows[0] if c] == ["Revenue"]  # once, in the first column it covers
    assert rows[1] == ("State", "Medical and\npublic health", "Family\nwelfare", "Capital\noutlay")
    assert rows[2:] == STATS[:3]


def test_centred_columns_and_a_column_filled_only_at_the_top(tmp_path):
    pdf = _pdf()
    heads = ["Outer 1", "Outer 2", "Long 1", "Long 2", "Inner", "Long 3"]
    xs = [60, 140, 220, 300, 380, 460]
    for x, head in zip(xs, heads, strict=True):
        _text(pdf, x, 80, head, align="C", width=60, bold=True)
    body = [["A1", "B1", "C1", "D1", "E1", "F1"]] + [["", "", f"C{i}", f"D{i}", "", f"F{i}"] for i in (2, 3, 4)]
    for r, row in enumerate(body):
        for x, text in zip(xs, row, strict=True):
            if text:
                _text(pdf, x, 94 + 12 * r, text, align="C", width=60)
    assert rows_of(_save(pdf, tmp_path / "inner.pdf")) == [tuple(heads)] + [tuple(r) for r in body]


def test_a_two_column_table_of_labels_and_values_is_a_table_and_the_paragraphs_around_it_text(tmp_path):
    pdf = _pdf()
    pdf.set_xy(60, 60)
    pdf.multi_cell(470, 11, "Key figures of the network in its first year, as reported by the secretariat to the "
                             "general assembly. All amounts are in euro.")
    pairs = [("Member cities", "12"), ("Projects started", "7"), ("Budget of the year", "1,250,000"),
             ("Staff of the secretariat", "3")]
    for i, (label, value) in enumerate(pairs):
        _text(pdf, 60, 110 + 13 * i, label)
        _text(pdf, 400, 110 + 13 * i, value, align="R", width=100)
    pdf.set_xy(60, 170)
    pdf.multi_cell(470, 11, "The figures above are those of the closing of accounts; the next report follows in spring.")
    lines = lines_of(_save(pdf, tmp_path / "pairs.pdf"))
    assert [line.cells for line in lines if line.is_row] == pairs
    text = [line.text for line in lines if not line.is_row]
    assert text[0].startswith("Key figures") and text[-1].endswith("follows in spring.")


def test_prose_in_two_columns_is_text_not_a_table(tmp_path):
    pdf = _pdf()
    words = ("cooperation between the cities of the region continued to grow in the year under review "
             "with new projects in transport energy and culture ").split()
    for column, x in enumerate((60, 320)):
        pdf.set_xy(x, 60)
        pdf.multi_cell(220, 11, " ".join(words[column:] + words[:column]) * 3)
    assert rows_of(_save(pdf, tmp_path / "prose.pdf")) == []


MULTI = [
    ("BaltMet Inno", "Completed in December 2007",
     "The innovation strategy project was implemented as a joint project of the capitals and other major cities "
     "of the region, strengthening their role as developers of innovation environments.",
     "Helsinki (lead), Berlin, Copenhagen, Malmö, Riga, Tallinn"),
    ("Baltic Sea Challenge", "Ongoing in Finland",
     "The goal is to start a municipal level challenge programme including all countries around the sea.",
     "Helsinki and Turku (lead)"),
    ("Rail Baltica", "In development",
     "Cities are evaluating practical actions to speed up the railway project, with an action plan for all "
     "interested cities and a common position towards the national governments concerned.",
     "Berlin, Helsinki, Tallinn, Riga, Kaunas, Warsaw"),
]


def _multi_line_table(pdf: FPDF, *, rules: bool, gap: float = 0.0) -> None:
    """Rows of several lines set as tightly as the lines in their cells (a borderless Word
    table's look); `rules` draws a rule between rows only."""
    widths = [90, 90, 200, 110]
    xs = [60, 155, 250, 455]
    y = 80.0
    header = ("Name of project", "Status", "Description", "Partners")
    for row_index, row in enumerate([header, *MULTI]):
        pdf.set_font(FONT, style="B" if row_index == 0 else "", size=9)
        tallest = 0
        for x, w, text in zip(xs, widths, row, strict=True):
            lines = pdf.multi_cell(w - 6, 11, text, dry_run=True, output="LINES")
            for k, line in enumerate(lines):
                pdf.text(x, y + 11 * (k + 1) - 3, line)
            tallest = max(tallest, len(lines))
        y += 11 * tallest + gap
        if rules:
            pdf.line(60, y + 1, 560, y + 1)


@pytest.mark.parametrize("rules", [False, True], ids=["borderless", "rules-between-rows"])
def test_cells_of_several_lines_set_tight_make_one_row_each(tmp_path, rules):
    pdf = _pdf()
    _multi_line_table(pdf, rules=rules)
    rows = [tuple(" ".join(c.split()) for c in r) for r in rows_of(_save(pdf, tmp_path / "multi.pdf"))]
    assert rows == [("Name of project", "Status", "Description", "Partners"), *MULTI]


def test_a_page_printed_sideways_reads_in_reading_order(tmp_path):
    pdf = _pdf()
    with pdf.rotation(90, x=300, y=420):  # the whole table turned a quarter anticlockwise
        columns = [(200, 110, "L"), (330, 70, "R"), (420, 70, "R"), (510, 70, "R")]
        for i, row in enumerate(STATS):
            for (x, w, align), text in zip(columns, row, strict=True):
                _text(pdf, x, 400 + 12 * i, text, align=align, width=w)
    assert rows_of(_save(pdf, tmp_path / "sideways.pdf")) == STATS
