"""Word reader (python-docx): body paragraphs and table rows in document order.

The body's XML is read directly rather than through `Table.rows[i].cells`, which
repeats a merged cell once per grid column it covers: here a cell spanning columns
(`gridSpan`) keeps its text in its first column, the columns it covers are empty, and
a cell continuing a vertical merge (`vMerge`) is empty, so every row has the table's
width. Text is taken from `w:t` runs, which also covers hyperlinks, fields' results and
inserted text, and leaves out deleted text and field codes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from docx import Document as open_word
from docx.document import Document as WordDocument
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml import etree

from baltmet_extract.errors import InputError
from baltmet_extract.models import Document, Line
from baltmet_extract.settings import DocumentLimits

W_P, W_TBL, W_TR, W_TC, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
W_SDT_CONTENT, W_VAL = qn("w:sdtContent"), qn("w:val")
#: Run content that reads as text; `w:delText` and `w:instrText` are deliberately absent.
RUN_TEXT = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
HEADING_STYLE_PREFIXES = ("heading", "title")
#: Outline levels 0-8 are heading levels; 9 is body text.
BODY_OUTLINE_LEVEL = 9


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text, soft line breaks kept as newlines."""
    parts: list[str] = []
    for node in p.iter(*RUN_TEXT):
        replacement = RUN_TEXT[node.tag]
        parts.append(node.text or "" if replacement is None else replacement)
    return "".join(parts)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls (`w:sdt`) that wrap them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)


def _int_val(parent: etree._Element | None, path: str, default: int) -> int:
    node = parent.find(path) if parent is not None else None
    try:
        return int(node.get(W_VAL)) if node is not None else default
    except (TypeError, ValueError):
        return default


def table_rows(tbl: etree._Element) -> list[tuple[str, ...]]:
    """The rows of a table on its grid, merged positions empty, each row as wide as the table."""
    grid = len(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    rows: list[list[str]] = []
    for tr in _children(tbl, W_TR):
        tr_pr = tr.find(qn("w:trPr"))
        row = [""] * _int_val(tr_pr, qn("w:gridBefore"), 0)
        for tc in _children(tr, W_TC):
            tc_pr = tc.find(qn("w:tcPr"))
            span = max(1, _int_val(tc_pr, qn("w:gridSpan"), 1))
            v_merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            continues = v_merge is not None and v_merge.get(W_VAL, "continue") == "continue"
            if continues:
                # a cell merged with the one above holds its text (a programme shared by two
                # projects); in the first column it would make a second project of the same name
                above = rows[-1] if rows else []
                text = above[len(row)] if 0 < len(row) < len(above) else ""
            else:
                # paragraphs stay lines of their own (one partner per paragraph)
                text = "\n".join(" ".join(paragraph_text(p).split()) for p in tc.iter(W_P) if paragraph_text(p).strip())
            row.append(text)
            row.extend([""] * (span - 1))
        rows.append(row)
    width = max([grid, *(len(r) for r in rows)])
    return [tuple(r + [""] * (width - len(r))) for r in rows if any(r)]


def _is_heading(p: etree._Element, doc: WordDocument) -> bool:
    p_pr = p.find(qn("w:pPr"))
    if _int_val(p_pr, qn("w:outlineLvl"), BODY_OUTLINE_LEVEL) < BODY_OUTLINE_LEVEL:
        return True
    style_id = (
        p_pr.find(qn("w:pStyle")).get(W_VAL)
        if p_pr is not None and p_pr.find(qn("w:pStyle")) is not None
        else None
    )
    if not style_id:
        return False
    style = doc.styles.element.get_by_id(style_id)
    names = [style_id, style.name_val or ""] if style is not None else [style_id]
    if any(n.lower().replace(" ", "").startswith(HEADING_STYLE_PREFIXES) for n in names):
        return True
    # Localised templates name headings in their language but keep the outline level on the style.
    level = _int_val(style.pPr if style is not None else None, qn("w:outlineLvl"), BODY_OUTLINE_LEVEL)
    return level < BODY_OUTLINE_LEVEL


def body_lines(doc: WordDocument) -> Iterator[Line]:
    """Lines of the document body in order, `row` counting from 1."""
    number = 0
    for block in _blocks(doc.element.body):
        if block.tag == W_TBL:
            for cells in table_rows(block):
                number += 1
                yield Line(cells=cells, is_row=True, row=number)
            continue
        heading = _is_heading(block, doc)
        # Tabs in a paragraph are spacing, not cells: only real tables give rows.
        for text in paragraph_text(block).split("\n"):
            text = " ".join(text.split())
            if text:
                number += 1
                yield Line(cells=(text,), row=number, heading=heading)


def _blocks(body: etree._Element) -> Iterator[etree._Element]:
    for child in body:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)


#: Parts parsed as XML (the rest, pictures and the like, are only held in memory).
XML_SUFFIXES = (".xml", ".rels")


def check_package(name: str, data: bytes, limits: DocumentLimits) -> None:
    """Refuse a Word file that would unpack to more than the limits allow, before anything is unpacked.

    The sizes come from the zip directory; a part that unpacks to more than its entry says fails its
    check when read, so the declared sizes bound what is read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(name, f"not a readable Word file: {reason}") from exc
    if len(parts) > limits.parts:
        raise InputError(name, f"Word file has {len(parts):,} parts; the limit is {limits.parts:,} "
                               "(a zip bomb?); nothing was read")
    total = sum(p.file_size for p in parts)
    xml = sum(p.file_size for p in parts if p.filename.lower().endswith(XML_SUFFIXES))
    if xml > limits.xml_bytes:
        raise InputError(name, f"Word file unpacks to {_mib(xml)} of XML from {_mib(len(data))}; "
                               f"the limit is {_mib(limits.xml_bytes)} (a zip bomb?); nothing was read")
    if total > limits.unpacked_bytes:
        raise InputError(name, f"Word file unpacks to {_mib(total)} from {_mib(len(data))}; "
                               f"the limit is {_mib(limits.unpacked_bytes)} (a zip bomb?); nothing was read")


def _mib(n: int) -> str:
    """`349 KiB`, `1,200 MiB` (the `human_size` of `ingest`, which this module cannot import)."""
    if n < 1024**2:
        return f"{max(1, round(n / 1024))} KiB"
    return f"{n / 1024**2:,.1f} MiB".replace(".0 ", " ")


def read_docx(name: str, data: bytes, limits: DocumentLimits | None = None) -> Document:
    """Read a `.docx` file into a `Document` (no pages: `page` is None).

    Refused first when it would unpack to more than `limits` allow (`check_package`)."""
    check_package(name, data, limits or DocumentLimits())
    try:
        doc = open_word(io.BytesIO(data))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(name, f"not a readable Word file: {reason}") from exc
    return Document(source_file=name, format="docx", lines=list(body_lines(doc)))
