"""Text dumps of PDFs and web pages: one line per line, tab-separated cells as table rows."""

from __future__ import annotations

from baltmet_extract.errors import InputError
from baltmet_extract.models import Document, Line

#: Encodings tried in order after UTF-8; cp1252 covers Word exports, latin-1 never fails.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def decode_text(name: str, data: bytes) -> str:
    """Decode bytes as UTF-8, else Windows-1252, else Latin-1; refuses binary data."""
    if looks_binary(data):
        raise InputError(name, "binary data, not text (is it a PDF or Word file with the wrong suffix?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for enc in FALLBACK_ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(name, "text in an unknown encoding")  # pragma: no cover - latin-1 decodes anything


def lines_from_text(text: str, page: int | None = None) -> list[Line]:
    """Split text into `Line`s: a line with a tab is a table row, others are text lines."""
    out: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        raw = raw.replace("\xa0", " ").rstrip("\r\n")
        if not raw.strip():
            continue
        if "\t" in raw:
            cells = tuple(" ".join(c.split()) for c in raw.split("\t"))
            out.append(Line(cells=cells, is_row=True, page=page, row=number))
        else:
            out.append(Line(cells=(" ".join(raw.split()),), page=page, row=number))
    return out


def read_text(name: str, data: bytes) -> Document:
    """Read a `.txt` dump into a `Document`."""
    text = decode_text(name, data)
    return Document(source_file=name, format="text", lines=lines_from_text(text))
