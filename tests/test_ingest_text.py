"""Text dumps: rows and lines with provenance, encodings, refusals."""

from __future__ import annotations

import pytest

from baltmet_extract.errors import InputError
from baltmet_extract.ingest import read_document
from baltmet_extract.ingest.text import decode_text, read_text


def test_tab_lines_become_rows_with_line_numbers():
    doc = read_text("a.txt", b"Title\n\nName\tStatus\tDescription\tPartners\nX\tongoing\tabout\tRiga (lead)\n")
    assert [ln.is_row for ln in doc.lines] == [False, True, True]
    assert doc.lines[2].cells == ("X", "ongoing", "about", "Riga (lead)")
    assert doc.lines[2].row == 4  # blank lines still count
    assert doc.lines[0].page is None


def test_empty_cells_are_kept_in_place():
    doc = read_text("a.txt", b"\t\tcontinued text\tmore partners\n")
    assert doc.lines[0].cells == ("", "", "continued text", "more partners")


@pytest.mark.parametrize(("text", "encoding"), [("Malmö – Gdańsk", "utf-8"), ("Malmö – Århus", "cp1252"),
                                               ("Malmö, Århus", "latin-1")])
def test_legacy_encodings_are_decoded(text, encoding):
    assert decode_text("a.txt", text.encode(encoding)) == text


def test_binary_data_named_txt_is_refused():
    with pytest.raises(InputError, match="binary data"):
        read_text("x.txt", bytes(range(256)) * 10)


def test_empty_file_is_refused(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_document(p)


def test_unknown_suffix_is_refused(tmp_path):
    p = tmp_path / "notes.xyz"
    p.write_text("hello")
    with pytest.raises(InputError, match="unsupported file type"):
        read_document(p)
