"""Hostile inputs, made by the tests (nothing binary is committed): Word files that expand far
beyond their size, deeply nested HTML, names that are not UTF-8 or hold control codes, cells that
a spreadsheet would run as formulas.

Each maker returns bytes (or writes a file) so a test, a benchmark or a person can make the same
file: `python tests/hostile.py DIR` writes them all into DIR.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from utils import annex_dump

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/octet-stream"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _docx(body_chunks: list[bytes] | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word file whose body is the concatenated `body_chunks` (streamed into the zip)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
                    .encode())
            for chunk in body_chunks or [b'<w:p><w:r><w:t>Annex I</w:t></w:r></w:p>']:
                f.write(chunk)
            f.write(b"</w:body></w:document>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_paragraph_bomb(unpacked_mib: int = 100) -> bytes:
    """A Word file of a few hundred KB whose document.xml unpacks to `unpacked_mib` MiB of paragraphs."""
    para = b"<w:p><w:r><w:t>Riga, Tallinn, Vilnius and Helsinki meet again.</w:t></w:r></w:p>"
    block = para * (1024 * 1024 // len(para))
    return _docx([block] * unpacked_mib)


def docx_part_bomb(unpacked_mib: int = 1200, level: int = 9) -> bytes:
    """A small Word file with a part (`word/media/blob.bin`) that unpacks to `unpacked_mib` MiB of zeros
    (1.2 MB at the default size and level; `level` 1 makes it in a quarter of the time)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Annex</w:t></w:r>'
                                        f'</w:p></w:body></w:document>')
        zero = bytes(1024 * 1024)
        with z.open("word/media/blob.bin", "w", force_zip64=True) as f:
            for _ in range(unpacked_mib):
                f.write(zero)
    return buf.getvalue()


def docx_many_parts(parts: int = 20000) -> bytes:
    """A Word file with tens of thousands of tiny parts."""
    return _docx(extra={f"word/media/p{i}.bin": b"x" for i in range(parts)})


def nested_divs_html(depth: int = 600) -> bytes:
    """An annex table at the bottom of `depth` nested <div>s."""
    return ("<html><body>" + "<div>" * depth + _annex_table() + "</div>" * depth + "</body></html>").encode()


def unclosed_fonts_html(depth: int = 1000) -> bytes:
    """An old Word-made page: `depth` <font> tags never closed, then an annex table."""
    return ("<html><body>" + '<font face="Arial">' * depth + "<p>Annex I</p>" + _annex_table()
            + "</body></html>").encode()


def _annex_table() -> str:
    return ("<h2>Prosperous region</h2><table><tr><th>Name of project</th><th>Status of the project</th>"
            "<th>Description</th><th>Cities and other partners involved</th></tr>"
            "<tr><td>Deep Page Project</td><td>Ongoing</td><td>Cities read deep pages.</td>"
            "<td>Riga (lead), Tallinn</td></tr></table>")


#: Cells a spreadsheet would run: OWASP CSV-injection payloads as project names and partners.
FORMULA_NAMES = ["=HYPERLINK(A1;\"click\")", "=cmd|'/C calc'!A0", "+SUM(1+1)", "-2+3+cmd", "@SUM(1)"]


def formula_annex() -> str:
    """An annex whose project names are spreadsheet formulas (each still a project with a partner)."""
    rows = [("Prosperous region", "", "", "")]
    rows += [(name, "Ongoing", f"Project {i} has a formula for a name.", "Riga (lead), Tallinn")
             for i, name in enumerate(FORMULA_NAMES)]
    return annex_dump(*rows)


def write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "paragraph-bomb.docx").write_bytes(docx_paragraph_bomb())
    (folder / "part-bomb.docx").write_bytes(docx_part_bomb())
    (folder / "many-parts.docx").write_bytes(docx_many_parts())
    (folder / "nested-divs.html").write_bytes(nested_divs_html())
    (folder / "unclosed-fonts.html").write_bytes(unclosed_fonts_html())
    (folder / "formulas.txt").write_text(formula_annex(), encoding="utf-8")


if __name__ == "__main__":
    write_all(Path(sys.argv[1]))
