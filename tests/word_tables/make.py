"""Build the sample annex as a Word table and export it to PDF with LibreOffice, as a new user would.

    python3 tests/word_tables/make.py            # needs python-docx and `soffice` (LibreOffice)

Three border styles (`grid`: every cell ruled, `rules`: horizontal rules between rows only,
`none`: no borders at all) on A4 portrait and landscape: six PDFs committed beside this script
(CI does not install LibreOffice). Rows may break across pages and the header row repeats
on every page, as Word's "Repeat as header row" does. The tables use Word's "Table Grid" style
with its borders replaced, so rows are set as tightly as the lines inside a cell (no paragraph
spacing, no top or bottom cell margin): without rules only the columns' block starts tell rows apart. The cell texts are the sample dump's
rows with page-break continuations joined (`whole_rows`), so Word decides where pages break.
Portrait keeps python-docx's defaults (template font, four equal columns: narrow cells of many
lines, 16 pages); landscape has fitted column widths and an 8 pt font (4 pages).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fixtures import read_annex_dump, whole_rows  # noqa: E402

STYLES = ("grid", "rules", "none")
ORIENTATIONS = ("portrait", "landscape")
FONT = "Liberation Sans"
FONT_SIZE_PT = 8
COLUMN_SHARES = (0.17, 0.21, 0.39, 0.23)


def _borders(style: str):  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    drawn = {
        "grid": ("top", "left", "bottom", "right", "insideH", "insideV"),
        "rules": ("top", "bottom", "insideH"),
        "none": (),
    }[style]
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if edge in drawn:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    return borders


def build_docx(path: Path, style: str, orientation: str) -> Path:
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = WordDocument()
    fitted = orientation == "landscape"
    if fitted:
        normal = doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(FONT_SIZE_PT)
    section = doc.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if orientation == "landscape" else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    text_width = section.page_width - section.left_margin - section.right_margin
    for n, block in enumerate(whole_rows(read_annex_dump())):
        if block.text is not None:
            if n == 0:
                doc.add_heading(block.text, level=1)
            else:
                doc.add_paragraph(block.text)
            continue
        table = doc.add_table(rows=len(block.rows), cols=4)
        table.style = "Table Grid"  # no space after paragraphs, no top/bottom cell margins: rows set tight
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        tbl_pr.append(_borders(style))
        for column, share in zip(table.columns, COLUMN_SHARES if fitted else (0.25,) * 4, strict=True):
            width = int(text_width * share)
            column.width = width
            for cell in column.cells:
                cell.width = width
        for i, (tr, row) in enumerate(zip(table.rows, block.rows, strict=True)):
            if i == 0 and row.kind == "header":
                tr_pr = tr._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                tr_pr.append(header)
            if row.kind == "section":
                merged = tr.cells[0].merge(tr.cells[3])
                merged.text = row.cells[0]
                continue
            for cell, text in zip(tr.cells, row.cells, strict=True):
                cell.text = text
                if i == 0 and row.kind == "header":
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
    doc.save(str(path))
    return path


def export_pdf(docx: Path, out_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), str(docx)],
            check=True, capture_output=True,
        )
    return out_dir / (docx.stem + ".pdf")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for style in STYLES:
            for orientation in ORIENTATIONS:
                name = f"annex-{style}-{orientation}"
                docx = build_docx(Path(tmp) / f"{name}.docx", style, orientation)
                pdf = export_pdf(docx, Path(tmp))
                shutil.copyfile(pdf, HERE / f"{name}.pdf")
                print(HERE / f"{name}.pdf")


if __name__ == "__main__":
    main()
