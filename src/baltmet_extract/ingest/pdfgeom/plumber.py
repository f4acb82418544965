"""Page geometry read by pdfplumber (pdfminer): the reference the faster reader is checked against."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from baltmet_extract.errors import InputError
from baltmet_extract.ingest.pdfgeom import PageGeometry

#: Errors pdfminer raises on a damaged file after it has been opened.
PDF_ERRORS = (PdfminerException, MalformedPDFException, PDFSyntaxError, PSException)
#: Errors pdfminer lets through on a file damaged in ways it does not check.
DAMAGE_ERRORS = (TypeError, ValueError, IndexError, KeyError, AttributeError)


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def open_pdf(name: str, data: bytes) -> pdfplumber.PDF:
    """Open PDF bytes with pdfplumber; a damaged or password-protected file raises `InputError`."""
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(
                name, "PDF is encrypted; remove the password (e.g. `qpdf --decrypt`) and try again"
            ) from exc
        raise InputError(name, f"not a readable PDF: {one_line(cause)}") from exc


def page_geometry(page: Page) -> PageGeometry:
    """pdfplumber's characters and edges of one page (lines, rectangle sides, curve pieces)."""
    return PageGeometry(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        chars=list(page.chars),
        edges=list(page.edges),
    )


@contextmanager
def read_pages(name: str, data: bytes) -> Iterator[tuple[int, Iterator[PageGeometry]]]:
    """(page count, the pages' geometry one after the other); errors become `InputError`."""
    try:
        # a damaged page box can fail while pages are read or again when the file is closed
        with open_pdf(name, data) as pdf:

            def pages() -> Iterator[PageGeometry]:
                for page in pdf.pages:
                    geometry = page_geometry(page)
                    page.close()
                    yield geometry

            yield len(pdf.pages), pages()
    except PDF_ERRORS as exc:
        raise InputError(name, f"not a readable PDF: {one_line(exc)}") from exc
    except DAMAGE_ERRORS as exc:
        raise InputError(name, f"not a readable PDF (damaged: {one_line(exc)}); re-export it from the source") from exc
