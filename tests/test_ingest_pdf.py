"""PDF reader: faithful cells from ruled and unruled Word-style tables, page by page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from baltmet_extract.errors import InputError
from baltmet_extract.ingest import read_document
from baltmet_extract.ingest.pdf import PdfSettings, read_pdf, repair_cell_text
from baltmet_extract.ingest.pdf_inspect import inspect_page
from baltmet_extract.models import Document, Line
from fixtures import (
    DumpBlock,
    fixture_text,
    make_annex_pdf,
    make_pdf_with_cells,
    read_annex_dump,
    unicode_font,
    whole_rows,
)

VARIANTS = {
    "portrait": dict(landscape=False, repeat_header=False, ruled=True),
    "landscape": dict(landscape=True, repeat_header=False, ruled=True),
    "portrait-header": dict(landscape=False, repeat_header=True, ruled=True),
    "landscape-header": dict(landscape=True, repeat_header=True, ruled=True),
    "unruled-portrait": dict(landscape=False, repeat_header=False, ruled=False),
    "unruled-landscape-header": dict(landscape=True, repeat_header=True, ruled=False),
}
PAGINATIONS = {"original-breaks": None, "3-rows-per-page": 3}


def norm(text: str) -> str:
    """Compare text as the dump writes it: `Scandinavian- Adriatic` is the dump's, not the PDF's, spacing."""
    return re.sub(r"(\w)- (?=\w)", r"\1-", " ".join(fixture_text(text).split()))


@pytest.fixture(scope="module")
def annex_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Document]:
    folder = tmp_path_factory.mktemp("pdf")
    docs = {}
    for variant, options in VARIANTS.items():
        for pagination, rows_per_page in PAGINATIONS.items():
            path = make_annex_pdf(
                folder / f"{variant}-{pagination}.pdf", rows_per_page=rows_per_page, **options
            )
            docs[variant, pagination] = read_pdf(path.name, path.read_bytes())
    return docs


@pytest.fixture(params=list(VARIANTS))
def variant(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=list(PAGINATIONS))
def pagination(request: pytest.FixtureRequest) -> str:
    return request.param


def header_cells() -> tuple[str, ...]:
    return tuple(norm(c) for c in read_annex_dump()[1].rows[0].cells)


def body_rows(doc: Document) -> list[tuple[str, ...]]:
    """Table rows without the header rows, normalised."""
    header = header_cells()
    rows = [tuple(norm(c) for c in line.cells) for line in doc.lines if line.is_row]
    return [r for r in rows if r != header]


def expected_rows(blocks: list[DumpBlock]) -> list[tuple[str, ...]]:
    return [tuple(norm(c) for c in r.cells) for b in blocks for r in b.rows if r.kind != "header"]


def test_rows_match_the_dump_row_for_row_with_the_original_page_breaks(annex_docs, variant):
    assert body_rows(annex_docs[variant, "original-breaks"]) == expected_rows(read_annex_dump())


def test_every_column_keeps_its_text_whatever_the_page_breaks(annex_docs, variant, pagination):
    # Rows cut at other places than the dump's: the text of each column, read in order, is unchanged.
    got = body_rows(annex_docs[variant, pagination])
    want = expected_rows(whole_rows(read_annex_dump()))
    for column in range(4):
        assert norm(" ".join(r[column] for r in got)) == norm(" ".join(r[column] for r in want))


def test_rows_cut_by_a_page_break_continue_on_the_next_page_with_empty_first_cells(
    annex_docs, variant, pagination
):
    doc = annex_docs[variant, pagination]
    header = header_cells()
    firsts = {}
    for line in doc.lines:
        if line.is_row and tuple(norm(c) for c in line.cells) != header:
            firsts.setdefault(line.page, line)
    continued = [line for line in firsts.values() if line.cells[0] == "" and any(line.cells[1:])]
    assert len(continued) >= 2
    assert all(line.page > 1 for line in continued)


def test_header_row_is_repeated_only_where_the_document_repeats_it(annex_docs, variant, pagination):
    doc = annex_docs[variant, pagination]
    header_pages = [
        line.page
        for line in doc.lines
        if line.is_row and tuple(norm(c) for c in line.cells) == header_cells()
    ]
    if VARIANTS[variant]["repeat_header"]:
        # Only the first table has a header row; the one after the paragraph has none to repeat.
        end = next(i for i, line in enumerate(doc.lines) if line.text.startswith("Other relevant examples"))
        table_pages = sorted({line.page for line in doc.lines[:end] if line.is_row})
        assert header_pages == table_pages and len(table_pages) >= 3
    else:
        assert header_pages == [1]


def test_section_rows_keep_the_table_width_with_text_in_the_first_cell(annex_docs, variant):
    rows = [line.cells for line in annex_docs[variant, "original-breaks"].lines if line.is_row]
    assert ("Prosperous region", "", "", "") in rows
    assert ("Environmentally sustain", "", "", "") in rows
    assert {len(r) for r in rows} == {4}


def test_text_outside_tables_comes_as_text_lines_in_reading_order(annex_docs, variant):
    doc = annex_docs[variant, "original-breaks"]
    first = doc.lines[0]
    assert (first.is_row, first.page, first.row) == (False, 1, 1)
    assert first.text.startswith("Annex I - Existing and planned BaltMet")
    other = [
        line for line in doc.lines if line.text == "Other relevant examples of inter-regional cooperation"
    ]
    assert len(other) == 1 and not other[0].is_row
    before, after = doc.lines[doc.lines.index(other[0]) - 1], doc.lines[doc.lines.index(other[0]) + 1]
    assert " ".join(before.cells[0].split()).startswith("INTERREG IV B BSR Scandria")
    assert after.cells[:2] == ("", "") and " ".join(after.cells[2].split()).startswith("policy. This instrument")


def test_page_and_row_numbers_follow_reading_order(annex_docs, variant, pagination):
    doc = annex_docs[variant, pagination]
    assert doc.page_count >= 4 and doc.format == "pdf"
    pages = [line.page for line in doc.lines]
    assert pages == sorted(pages) and set(pages) == set(range(1, doc.page_count + 1))
    for page in set(pages):
        assert [line.row for line in doc.lines if line.page == page] == list(range(1, pages.count(page) + 1))


def test_accented_letters_survive(annex_docs):
    text = "\n".join(line.text for line in annex_docs["portrait", "original-breaks"].lines)
    for word in (
        "Malmö",
        "Seinäjoki",
        "Warnemúnde",
        "Øresund",
        "Poznań",
        "Zielona Góra",
        "Wrocław",
        "German – Polish",
    ):
        assert fixture_text(word) in text


@pytest.mark.parametrize(
    ("raw", "compounds", "want"),
    [
        ("innova-\ntion", (), "innovation"),
        ("Scandinavian-\nAdriatic", (), "Scandinavian-Adriatic"),
        ("2007-\n2008", (), "2007-2008"),
        ("co-\noperation", (), "cooperation"),
        ("co-\noperation", ("co-operation",), "co-operation"),
        ("news -\nmore", (), "news -\nmore"),
        ("innova\u00ad\ntion", (), "innovation"),
        ("the \ufb01rst \ufb02ow, e\ufb00ect, o\ufb03ce", (), "the first flow, effect, office"),
        ("  Helsinki (lead),\n  Berlin  ", (), "Helsinki (lead),\nBerlin"),
        ("Łódź-\nśródmieście", (), "Łódźśródmieście"),
    ],
)
def test_repair_cell_text(raw, compounds, want):
    assert repair_cell_text(raw, set(compounds)) == want


def test_cell_line_breaks_hyphens_and_ligatures_are_repaired_in_a_real_pdf(tmp_path):
    cell = "Strengthening innova-\ntion along the Scandinavian-\nAdriatic corridor through co-\noperation"
    other = "co-operation 2007-\n2008"
    if unicode_font() is not None:
        cell += " and e\ufb00ective \ufb01nancing"
    path = make_pdf_with_cells(tmp_path / "cells.pdf", [("Name", "Text", "Other"), ("X", cell, other)])
    rows = [line.cells for line in read_pdf(path.name, path.read_bytes()).lines]
    want = "Strengthening innovation along the Scandinavian-Adriatic corridor through co-operation"
    if unicode_font() is not None:
        want += " and effective financing"
    assert rows == [("Name", "Text", "Other"), ("X", want, "co-operation 2007-2008")]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_heading_wider_than_a_column_is_a_full_width_row_and_the_paragraph_after_is_text(tmp_path, ruled):
    rows = [
        ("Name", "Status", "Description", "Partners"),
        ("Environmentally sustainable region around the whole Baltic Sea", "", "", ""),
        (
            "Baltic Sea Challenge",
            "Ongoing in Finland",
            "The goal is to start a municipal level challenge " * 3,
            "Helsinki (lead), Turku",
        ),
        (
            "BaltMet Promo",
            "In development",
            "Project shall develop joint promotional products.",
            "Berlin, Vilnius",
        ),
    ]
    paragraph = "Other relevant examples of inter-regional cooperation, written across the whole page width."
    path = make_pdf_with_cells(tmp_path / "t.pdf", rows, ruled=ruled, after=paragraph)
    lines = read_pdf(path.name, path.read_bytes()).lines
    want_rows = [tuple(" ".join(c.split()) for c in r) for r in rows]
    assert [tuple(" ".join(c.split()) for c in line.cells) for line in lines] == [*want_rows, (paragraph,)]
    assert [line.is_row for line in lines] == [True] * 4 + [False]


def _encrypted_pdf(path: Path, user_password: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(50, 10, "Readable with an empty user password")
    pdf.output(str(path))
    return path.read_bytes()


def test_password_protected_pdf_is_refused_in_one_line(tmp_path):
    with pytest.raises(InputError) as info:
        read_pdf("locked.pdf", _encrypted_pdf(tmp_path / "locked.pdf", "secret"))
    assert info.value.message.startswith("PDF is encrypted; ")
    assert "\n" not in str(info.value)


def test_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    doc = read_pdf("owner.pdf", _encrypted_pdf(tmp_path / "owner.pdf", ""))
    assert [line.text for line in doc.lines] == ["Readable with an empty user password"]


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nthis is not a pdf body", b"<html>not a pdf</html>", "truncated"],
    ids=["garbage-after-header", "html", "truncated"],
)
def test_unreadable_pdf_is_refused_in_one_line(tmp_path, data):
    if data == "truncated":
        path = make_pdf_with_cells(tmp_path / "t.pdf", [("a", "b"), ("c", "d")])
        data = path.read_bytes()[: len(path.read_bytes()) // 3]
    with pytest.raises(InputError) as info:
        read_pdf("bad.pdf", data)
    assert info.value.message.startswith("not a readable PDF: ")
    assert "\n" not in str(info.value)


def test_pdf_without_a_text_layer_gives_no_lines_and_the_dispatcher_says_so(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # stands in for a scanned image
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert read_pdf(path.name, path.read_bytes()).lines == []
    with pytest.raises(InputError, match="no text found"):
        read_document(path)


def test_prose_and_a_one_cell_frame_are_text_lines_not_tables(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(
        0,
        5,
        "Milestone 3 (January - June 2006)\n"
        + "The main objective of this work package is to create a joint framework. " * 8,
    )
    pdf.ln(5)
    pdf.multi_cell(0, 5, "A framed note that spans the page width and is not a table.", border=1)
    path = tmp_path / "prose.pdf"
    pdf.output(str(path))
    lines = read_pdf(path.name, path.read_bytes()).lines
    assert lines and not any(line.is_row for line in lines)
    assert lines[0] == Line(cells=("Milestone 3 (January - June 2006)",), page=1, row=1)
    assert lines[-1].text == "A framed note that spans the page width and is not a table."


def test_settings_are_checked_and_resolved():
    assert PdfSettings.resolve(None) == PdfSettings()
    assert PdfSettings.resolve({"row_gap": 1.5}).row_gap == 1.5
    for bad in (
        {"row_gap": 3.0, "block_gap": 2.0},
        {"min_aligned_columns": 1},
        {"min_gutter": 0},
        {"backend": "pdfminer"},
        {"rule_span": 0},
        {"max_crossing_share": 1},
    ):
        with pytest.raises(ValueError):
            PdfSettings.resolve(bad)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_inspect_page_draws_the_page_as_png(tmp_path, ruled):
    path = make_annex_pdf(tmp_path / "annex.pdf", landscape=False, repeat_header=False, ruled=ruled)
    out = inspect_page(path.read_bytes(), 3, tmp_path / "out" / "page3.png", resolution=50)
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width == pytest.approx(210 / 25.4 * 50, abs=2)  # A4 portrait at 50 dpi
    with pytest.raises(InputError, match="no page 99"):
        inspect_page(path.read_bytes(), 99, tmp_path / "x.png")
