"""Readers: one per format, each returning the same `Document` with provenance.

Readers know nothing about BaltMet; they only turn bytes into lines and cells.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from baltmet_extract.errors import InputError
from baltmet_extract.models import Document

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}

#: Files larger than this are refused with a clear message rather than exhausting memory.
MAX_FILE_BYTES = 200 * 1024 * 1024


def _reader(fmt: str) -> Callable[[str, bytes], Document]:
    if fmt == "text":
        from baltmet_extract.ingest.text import read_text

        return read_text
    if fmt == "pdf":
        from baltmet_extract.ingest.pdf import read_pdf

        return read_pdf
    if fmt == "html":
        from baltmet_extract.ingest.html import read_html

        return read_html
    if fmt == "docx":
        from baltmet_extract.ingest.docx import read_docx

        return read_docx
    raise ValueError(fmt)


def format_of(path: Path) -> str | None:
    """The reader name for a path, from its suffix; None when no reader takes it."""
    return SUFFIXES.get(path.suffix.lower())


def read_document(path: Path, source_name: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read one file into a `Document`; raises `InputError` with a one-line reason."""
    name = source_name or path.name
    fmt = format_of(path)
    if fmt is None:
        raise InputError(name, f"unsupported file type {path.suffix or '(none)'!r}; expected one of {', '.join(sorted(SUFFIXES))}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(name, f"cannot be read: {exc.strerror}") from exc
    if size == 0:
        raise InputError(name, "file is empty")
    if size > max_bytes:
        raise InputError(name, f"file is too large ({size // (1024 * 1024)} MiB, limit {max_bytes // (1024 * 1024)} MiB)")
    data = path.read_bytes()
    doc = _reader(fmt)(name, data)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if not any(line.text for line in doc.lines):
        raise InputError(name, "no text found (a scanned PDF needs OCR first)" if fmt == "pdf" else "no text found")
    return doc
