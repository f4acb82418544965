"""The fast reader (PDFium) against the reference (pdfplumber): the same page geometry, the same
ruled tables as pdfplumber's own `extract_tables`, and the same documents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import Table

from baltmet_extract.ingest.pdf import read_geometry, read_pdf
from baltmet_extract.ingest.pdf_inspect import inspect_page
from baltmet_extract.ingest.pdfgeom import pdfium as pdfium_reader
from baltmet_extract.ingest.pdfgeom import plumber as plumber_reader
from baltmet_extract.ingest.pdfgeom import upright_geometry
from baltmet_extract.ingest.tables import read_page
from baltmet_extract.ingest.tables.lattice import _Chars, extract_table, ruled_cells
from baltmet_extract.ingest.tables.settings import DEFAULT_LATTICE_SETTINGS, PdfSettings
from fixtures import make_annex_pdf

WORD_TABLES = Path(__file__).resolve().parent / "word_tables"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("geometry")
    made = {
        "fpdf-ruled": make_annex_pdf(folder / "ruled.pdf", landscape=False, repeat_header=True),
        "fpdf-unruled": make_annex_pdf(folder / "unruled.pdf", landscape=True, repeat_header=False, ruled=False),
    }
    made.update({p.stem: p for p in sorted(WORD_TABLES.glob("*.pdf"))})
    return made


def geometry(path: Path, reader) -> list:  # type: ignore[no-untyped-def]
    data = path.read_bytes()
    with reader.read_pages(path.name, data) as (_, pages):
        return list(pages)


def unmatched(reference: list[dict], fast: list[dict]) -> list[dict]:
    """Visible characters of `reference` with no character of `fast` of the same text in the same
    place, each used once. The same place: the box's left and bottom within 0.3 font sizes,
    PDFium's box covering pdfminer's from side to side: both run over the advance width, but
    PDFium's also over a glyph's overhang (an italic f, a j), and the bottom is the font's
    descent, which pdfminer takes as 0 where the file leaves it unset."""
    buckets: dict[tuple[str, int], list[dict]] = {}
    for c in fast:
        if c["text"].strip():
            buckets.setdefault((c["text"], int(c["x0"] // 4)), []).append(c)
    missing = []
    for c in reference:
        if not c["text"].strip():
            continue
        tol = 0.3 * c["size"]
        candidates = [
            (abs(o["x0"] - c["x0"]) + abs(o["bottom"] - c["bottom"]), key, o)
            for key in ((c["text"], int(c["x0"] // 4) + d) for d in (-1, 0, 1))
            for o in buckets.get(key, [])
            if abs(o["x0"] - c["x0"]) <= tol and abs(o["bottom"] - c["bottom"]) <= tol and o["upright"] == c["upright"]
        ]
        if not candidates:
            missing.append(c)
            continue
        _, key, match = min(candidates, key=lambda t: t[0])
        buckets[key].remove(match)
    return missing


def covers(outer: list[dict], inner: list[dict]) -> bool:
    """Every visible character of `inner` lies within one of `outer` (matched as in `unmatched`)
    from side to side."""
    spans = {}
    for c in outer:
        spans.setdefault((c["text"], round(c["bottom"])), []).append((c["x0"], c["x1"]))
    for c in inner:
        if not c["text"].strip():
            continue
        near = [s for d in (-3, -2, -1, 0, 1, 2, 3) for s in spans.get((c["text"], round(c["bottom"]) + d), [])]
        if not any(x0 - 0.01 <= c["x0"] and c["x1"] <= x1 + 0.01 for x0, x1 in near):
            return False
    return True


def edge_keys(edges: list[dict]) -> Counter:
    return Counter(
        (e["orientation"], round(e["x0"], 2), round(e["x1"], 2), round(e["top"], 2), round(e["bottom"], 2))
        for e in edges
        if e["orientation"] in ("h", "v") and max(e["x1"] - e["x0"], e["bottom"] - e["top"]) > 0
    )


@pytest.mark.parametrize("name", ["fpdf-ruled", "fpdf-unruled", "annex-grid-portrait", "annex-rules-landscape"])
def test_pdfium_draws_the_characters_and_edges_pdfplumber_reads(pdfs, name):
    reference, fast = geometry(pdfs[name], plumber_reader), geometry(pdfs[name], pdfium_reader)
    assert len(reference) == len(fast) >= 3
    for a, b in zip(reference, fast, strict=True):
        assert (round(a.width, 2), round(a.height, 2)) == (round(b.width, 2), round(b.height, 2))
        # the same characters both ways; pdfminer gives a ligature's letters as one character,
        # PDFium as one per letter in the same box
        reference = [dict(c, text=letter) for c in a.chars for letter in c["text"]]
        assert unmatched(reference, b.chars) == [] and unmatched(b.chars, reference) == []
        assert covers(b.chars, reference)
        assert edge_keys(a.edges) == edge_keys(b.edges)


@pytest.mark.parametrize("name", ["fpdf-ruled", "annex-grid-portrait", "annex-grid-landscape"])
def test_ruled_tables_are_pdfplumbers_own(pdfs, name):
    # the grids found on PDFium's edges, with their cell text, are what pdfplumber's own
    # extract_tables gives on the same page
    path = pdfs[name]
    fast = geometry(path, pdfium_reader)
    with pdfplumber.open(path) as pdf:
        for page, geo in zip(pdf.pages, fast, strict=True):
            want = page.extract_tables(DEFAULT_LATTICE_SETTINGS)
            found = read_page(geo, PdfSettings()).tables
            got = [[list(row.cells) for row in table.rows] for table in found if table.method == "lattice"]
            assert got == [[[c or "" for c in row] for row in table] for table in want]


@pytest.mark.parametrize("name", ["fpdf-ruled", "annex-grid-portrait"])
def test_table_text_by_sorted_lookup_is_table_extract(pdfs, name):
    for geo in geometry(pdfs[name], plumber_reader):
        for cells in ruled_cells(geo.edges, DEFAULT_LATTICE_SETTINGS):
            table = Table(_Chars(geo.chars), cells)  # type: ignore[arg-type]
            assert extract_table(table, geo.chars, x_tolerance=3, y_tolerance=3) == table.extract(
                x_tolerance=3, y_tolerance=3
            )


@pytest.mark.parametrize(
    "name",
    ["fpdf-ruled", "fpdf-unruled", "annex-grid-portrait", "annex-rules-portrait", "annex-none-portrait",
     "annex-none-landscape"],
)
def test_both_readers_give_the_same_document(pdfs, name):
    data = pdfs[name].read_bytes()
    reference = read_pdf(name, data, {"backend": "pdfplumber"})
    fast = read_pdf(name, data, {"backend": "pdfium"})
    assert sum(line.is_row for line in fast.lines) >= 10
    assert fast.lines == reference.lines and fast.page_count == reference.page_count


def test_a_damaged_file_pdfium_would_repair_is_judged_by_pdfplumber(pdfs):
    from baltmet_extract.errors import InputError

    data = pdfs["fpdf-ruled"].read_bytes()
    doc = pdfium_reader.open_document("x.pdf", data)
    assert pdfium_reader.is_intact(doc)
    doc.close()
    damaged = data.replace(b"startxref", b"startxrex")  # the cross-reference table cannot be found
    doc = pdfium_reader.open_document("x.pdf", damaged)
    assert not pdfium_reader.is_intact(doc)  # PDFium would rebuild it and read on
    doc.close()
    with pytest.raises(InputError, match="not a readable PDF: No /Root object"):  # pdfminer's verdict
        with read_geometry("x.pdf", damaged, PdfSettings()) as (_, pages):
            list(pages)


def test_a_sideways_page_is_turned_upright_with_its_rules(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.rotation(-90, x=300, y=400):  # text running down the page
        for i, word in enumerate(["first", "second", "third", "fourth"]):
            pdf.text(200, 380 + 14 * i, word)
        pdf.line(200, 420, 400, 420)
    path = tmp_path / "down.pdf"
    pdf.output(str(path))
    (page,) = geometry(path, pdfium_reader)
    turned = upright_geometry(page)
    assert turned.turned == 270 and (turned.width, turned.height) == (page.height, page.width)
    assert all(c["upright"] for c in turned.chars if c["text"].strip())
    words = read_pdf(path.name, path.read_bytes()).lines
    assert [line.text for line in words] == ["first", "second", "third", "fourth"]
    assert {e["orientation"] for e in turned.edges} == {"h"}  # the rule under the text stays under it


@pytest.mark.parametrize("name", ["annex-none-landscape", "annex-rules-landscape"])
def test_inspect_draws_the_rows_and_columns_of_an_unruled_table(pdfs, name, tmp_path):
    from PIL import Image

    out = inspect_page(pdfs[name].read_bytes(), 1, tmp_path / "p1.png", resolution=40)
    image = Image.open(out).convert("RGB")
    data = image.tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    blue = sum(1 for r, g, b in pixels if b > 180 and r < 80 and g < 140)
    assert blue > 500  # the cells of the table found by alignment
