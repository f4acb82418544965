"""Text dumps of PDFs and web pages: one line per line, tab-separated cells as table rows.

Bytes are decoded as UTF-8 (with or without a byte-order mark), UTF-16 (with a mark, or
recognised by its zero bytes) or, failing UTF-8, as Windows-1252, the encoding Word and
Windows editors write, which Latin-1 is a subset of for letters (`Malm\\xf6` -> `Malmö`).
A file that is mostly UTF-8 with a few stray Windows-1252 bytes keeps its UTF-8 and has
only the stray bytes read as Windows-1252. Binary data is refused with what it looks like.
"""

from __future__ import annotations

import codecs
import re

from baltmet_extract.errors import InputError
from baltmet_extract.models import Document, Line

#: Encodings tried in order after UTF-8; cp1252 covers Word exports, latin-1 never fails.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: What a binary file is, from its first bytes: shown to the user to say what to do.
MAGIC = (
    (b"%PDF-", "a PDF file; give it the suffix .pdf"),
    (b"PK\x03\x04", "a ZIP archive, such as a Word .docx file; give it its proper suffix"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel file (.doc/.xls); save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file; save it as .docx, PDF or plain text"),
    (b"\x89PNG", "a PNG image; text in images needs OCR first"),
    (b"\xff\xd8\xff", "a JPEG image; text in images needs OCR first"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
)

#: Line ends a text dump uses; other separators (form feed, U+2028...) stay inside a line
#: as spaces, so `row` is the line number an editor shows.
_LINE_END = re.compile(r"\r\n|\r|\n")
_ASCII = bytes(range(128))
#: Control characters that are not white space: dropped, they mean nothing in a cell and
#: break the CSV, XML and HTML outputs (white-space controls become spaces anyway).
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)])
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes the codec cannot read, read as Windows-1252, else Latin-1."""
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    text = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in chunk)
    return text, error.end


codecs.register_error("baltmet-windows-1252", _windows_1252)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, from its magic number, if it is a known kind."""
    head = data[:16]
    return next((what for magic, what in MAGIC if head.startswith(magic)), None)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark: zero bytes at every other position."""
    sample = data[:8192]
    half = len(sample) // 2
    if half < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when nearly all non-ASCII bytes form UTF-8 sequences (a UTF-8 file with a few stray
    bytes); Windows-1252 text rarely holds one (`Ã©`), let alone mostly such pairs."""
    high = len(data.translate(None, _ASCII))  # the bytes left once ASCII is deleted
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return high > 0 and in_sequences >= 0.8 * high


def decode_text(name: str, data: bytes) -> str:
    """Decode bytes as UTF-8 or UTF-16 (by byte-order mark), else Windows-1252; refuses binary data."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(name, f"binary data, not text: this is {kind}")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    if looks_binary(data):
        raise InputError(name, "binary data, not text (is it a PDF or Word file with the wrong suffix?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="baltmet-windows-1252")
    return data.decode("cp1252", errors="baltmet-windows-1252")


#: a page builder's shortcode left in a page's text ("[vc_row][vc_column][vc_column_text]",
#: "[/et_pb_section]"): layout markup of WordPress themes, no words of the page
_SHORTCODE = re.compile(r"\[/?(?:vc|et_pb|fusion|av|cs|themify|tatsu|fl|elementor)_[a-z_]+(?:\s[^\]\n]*)?\]")


def split_lines(text: str) -> list[str]:
    """Lines at CR, LF and CRLF only, so that line numbers match what an editor shows."""
    return _LINE_END.split(text)


def lines_from_text(text: str, page: int | None = None) -> list[Line]:
    """Split text into `Line`s: a line with a tab is a table row, others are text lines."""
    out: list[Line] = []
    for number, raw in enumerate(split_lines(text), start=1):
        raw = _SHORTCODE.sub(" ", raw.replace("\xa0", " ").translate(_CONTROLS))
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
