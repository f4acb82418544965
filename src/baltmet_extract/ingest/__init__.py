"""Readers: one per format, each returning the same `Document` with provenance.

Readers know nothing about BaltMet; they only turn bytes into lines and cells.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from baltmet_extract.errors import InputError
from baltmet_extract.models import Document
from baltmet_extract.settings import DocumentLimits

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
#: Environment variable that overrides `MAX_FILE_BYTES` (`500M`, `2G`, `65536`).
MAX_FILE_BYTES_ENV = "BALTMET_MAX_FILE_BYTES"

#: Why a readable file gave no text, per format.
NO_TEXT = {
    "pdf": "no text found: none of its {pages} page(s) has a text layer (a scan?); run OCR first, "
           "e.g. `ocrmypdf IN.pdf OUT.pdf`",
    "text": "no text found: the file holds only blank lines",
    "html": "no text found: the page has nothing outside navigation, scripts and styles",
    "docx": "no text found: the Word file has no paragraphs or tables with text",
}

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


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


def human_size(n: int) -> str:
    """`512 bytes`, `3.2 KiB`, `200 MiB`."""
    if n < 1024:
        return f"{n} byte{'' if n == 1 else 's'}"
    value, unit = n / 1024, "KiB"
    for bigger in ("MiB", "GiB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f} {unit}".replace(".0 ", " ")


def parse_size(value: str) -> int | None:
    """Bytes in a size such as `65536`, `4K`, `500M`, `2GiB`; None when it is not a size."""
    m = _SIZE.match(value)
    if not m or int(m.group(1)) == 0:
        return None
    return int(m.group(1)) * _UNITS[m.group(2).lower()]


def max_file_bytes(name: str = "") -> int:
    """The size limit: `$BALTMET_MAX_FILE_BYTES` when set, else `MAX_FILE_BYTES`."""
    value = os.environ.get(MAX_FILE_BYTES_ENV, "").strip()
    if not value:
        return MAX_FILE_BYTES
    size = parse_size(value)
    if size is None:
        raise InputError(name, f"{MAX_FILE_BYTES_ENV}={value!r} is not a size (write e.g. 500M, 2G or 65536)",
                         stage="settings")
    return size


def _check_content(name: str, fmt: str, data: bytes) -> None:
    """Refuse a file whose bytes plainly are not its suffix's format, saying what they are."""
    if fmt == "pdf" and b"%PDF-" not in data[:1024]:
        from baltmet_extract.ingest.text import binary_kind, looks_binary

        kind = binary_kind(data)
        if kind is None:
            head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
            if head.startswith((b"<!doctype html", b"<html")):
                kind = "an HTML page; give it the suffix .html"
            elif not looks_binary(data):
                kind = "a text file; give it the suffix .txt"
        raise InputError(name, "not a PDF: the file does not start with %PDF-" + (f"; it looks like {kind}" if kind else ""))


def read_document(path: Path, source_name: str | None = None, max_bytes: int | None = None,
                  limits: DocumentLimits | None = None) -> Document:
    """Read one file into a `Document`; raises `InputError` with a one-line reason.

    `max_bytes` defaults to `max_file_bytes()`, read at call time so the limit can be set
    per run (and per test) through the environment. `limits` caps what a Word file may
    unpack to (`DocumentLimits` defaults when omitted).
    """
    name = source_name or path.name
    fmt = format_of(path)
    if fmt is None:
        raise InputError(name, f"unsupported file type {path.suffix or '(none)'!r}; expected one of {', '.join(sorted(SUFFIXES))}")
    limit = max_bytes if max_bytes is not None else max_file_bytes(name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(name, f"cannot be read: {exc.strerror}") from exc
    if size == 0:
        raise InputError(name, "file is empty")
    if size > limit:
        raise InputError(name, f"file is too large ({human_size(size)}; the limit is {human_size(limit)}, "
                               f"set {MAX_FILE_BYTES_ENV} to raise it)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read: {exc.strerror}") from exc
    _check_content(name, fmt, data)
    if fmt == "docx":
        from baltmet_extract.ingest.docx import read_docx

        doc = read_docx(name, data, limits)
    else:
        doc = _reader(fmt)(name, data)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if not any(line.text for line in doc.lines):
        raise InputError(name, NO_TEXT.get(fmt, "no text found").format(pages=doc.page_count))
    return doc
