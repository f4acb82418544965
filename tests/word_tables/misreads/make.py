"""Record what the PDF reader before issue #11 made of the Word exports: the regression set of
the plausibility guard (tests/test_plausibility.py).

    python3 tests/word_tables/misreads/make.py      # from the project root, in its venv

The reader of commit 597c245 (`ingest/pdf.py` as it was) read the borderless and rules-only
exports a page at a time: a header glued to the rows under it, rows of several projects run
together. Each PDF's `Document` (the lines that reader returned) is stored as JSON, so the test
does not need the old reader. Besides the committed exports, the annex as a Word table with
python-docx's own defaults (equal column widths, template fonts, borders removed) is exported
again here with LibreOffice, read, and only its reading kept.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OLD_READER_COMMIT = "597c245"
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[1]))


def old_reader():  # type: ignore[no-untyped-def]
    source = subprocess.run(
        ["git", "show", f"{OLD_READER_COMMIT}:src/baltmet_extract/ingest/pdf.py"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "old_pdf.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_pdf", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_pdf"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def default_word_exports(folder: Path) -> list[Path]:
    from docx import Document as WordDocument
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from make import _borders, export_pdf

    from fixtures import make_annex_docx

    out = []
    for style in ("none", "rules"):
        docx = make_annex_docx(folder / f"defaults-{style}.docx")
        doc = WordDocument(str(docx))
        for table in doc.tables:
            table._tbl.tblPr.append(_borders(style))
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(header)
        doc.save(str(docx))
        out.append(export_pdf(docx, folder))
    return out


def main() -> None:
    reader = old_reader()
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = sorted(HERE.parent.glob("annex-*.pdf")) + default_word_exports(Path(tmp))
        for pdf in pdfs:
            doc = reader.read_pdf(pdf.name, pdf.read_bytes())
            target = HERE / f"{pdf.stem}.json"
            target.write_text(doc.model_dump_json(indent=1), encoding="utf-8")
            print(target, len(doc.lines), "lines")


if __name__ == "__main__":
    main()
