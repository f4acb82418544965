"""Word reader: paragraphs and tables in body order, merged cells on the table grid, headings."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from baltmet_extract.errors import InputError
from baltmet_extract.ingest.docx import read_docx
from baltmet_extract.models import Document
from fixtures import make_annex_docx, read_annex_dump, whole_rows


def read(doc) -> Document:
    buffer = io.BytesIO()
    doc.save(buffer)
    return read_docx("t.docx", buffer.getvalue())


@pytest.fixture(scope="module")
def annex(tmp_path_factory) -> Document:
    path = make_annex_docx(tmp_path_factory.mktemp("docx") / "annex.docx")
    return read_docx(path.name, path.read_bytes())


def test_annex_gives_the_dump_rows_and_paragraphs_in_body_order(annex):
    want: list[tuple[tuple[str, ...], bool]] = []
    for block in whole_rows(read_annex_dump()):
        if block.text is not None:
            want.append(((block.text,), False))
        want.extend((row.cells, True) for row in block.rows)
    assert [(line.cells, line.is_row) for line in annex.lines] == want
    assert [line.row for line in annex.lines] == list(range(1, len(want) + 1))
    assert {line.page for line in annex.lines} == {None} and annex.format == "docx"


def test_annex_title_is_a_heading_and_merged_section_cell_fills_the_first_cell(annex):
    assert annex.lines[0].heading and annex.lines[0].text.startswith("Annex I")
    assert annex.lines[2].cells == ("Prosperous region", "", "", "")
    other = next(line for line in annex.lines if line.text.startswith("Other relevant"))
    assert not other.heading and not other.is_row


def test_horizontal_and_vertical_merges_keep_the_grid():
    doc = WordDocument()
    table = doc.add_table(rows=4, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "wide"
    table.cell(1, 2).merge(table.cell(3, 2)).text = "tall"
    rows = [line.cells for line in read(doc).lines]
    assert rows == [
        ("wide", "", "r0c2"),
        ("r1c0", "r1c1", "tall"),
        ("r2c0", "r2c1", "tall"),  # a vertically merged cell holds the text of the cell above
        ("r3c0", "r3c1", "tall"),
    ]


def test_empty_rows_are_skipped_and_paragraphs_stay_lines_of_the_cell():
    doc = WordDocument()
    table = doc.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Name"
    table.cell(0, 1).text = "Partners"
    table.cell(2, 0).text = "Rail Baltica"
    table.cell(2, 1).text = "Berlin,"
    table.cell(2, 1).add_paragraph("Helsinki,\tTallinn")
    assert [line.cells for line in read(doc).lines] == [
        ("Name", "Partners"),
        ("Rail Baltica", "Berlin,\nHelsinki, Tallinn"),
    ]


def test_headings_are_marked_and_line_breaks_split_paragraphs():
    doc = WordDocument()
    doc.add_heading("Annex", level=0)
    doc.add_heading("Prosperous region", level=2)
    para = doc.add_paragraph("BaltMet Inno\tCompleted")
    para.add_run().add_break()
    para.add_run("second line")
    doc.add_paragraph("")
    lines = read(doc).lines
    assert [(line.cells, line.heading, line.is_row) for line in lines] == [
        (("Annex",), True, False),
        (("Prosperous region",), True, False),
        (("BaltMet Inno Completed",), False, False),
        (("second line",), False, False),
    ]


def test_deleted_text_and_field_codes_are_left_out_inserted_text_and_links_kept():
    doc = WordDocument()
    para = doc.add_paragraph("Lead: ")
    w = nsdecls("w")
    para._p.append(
        parse_xml(f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>Oslo</w:delText></w:r></w:del>')
    )
    para._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>Berlin</w:t></w:r></w:ins>'))
    para._p.append(parse_xml(f'<w:r {w}><w:instrText> HYPERLINK "x" </w:instrText></w:r>'))
    para._p.append(
        parse_xml(f'<w:hyperlink {w}><w:r><w:t xml:space="preserve"> (site)</w:t></w:r></w:hyperlink>')
    )
    assert [line.text for line in read(doc).lines] == ["Lead: Berlin (site)"]


def test_content_controls_around_paragraphs_are_read():
    doc = WordDocument()
    doc.add_paragraph("before")
    w = nsdecls("w")
    sdt = parse_xml(
        f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>inside control</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    doc.element.body.insert(1, sdt)
    assert [line.text for line in read(doc).lines] == ["before", "inside control"]


def _zip_without_word_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"not a zip at all", b"PK\x03\x04broken zip", _zip_without_word_parts()],
    ids=["text", "broken-zip", "zip-without-word-parts"],
)
def test_unreadable_word_file_is_refused_in_one_line(data):
    with pytest.raises(InputError) as info:
        read_docx("bad.docx", data)
    assert info.value.message.startswith("not a readable Word file: ")
    assert "\n" not in str(info.value)
