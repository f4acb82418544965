"""Page geometry read by pypdfium2: pdfplumber's characters and edges, without pdfminer's cost.

PDFium parses a page in C; what is left in Python is one loop over the characters and one
over the path objects. The objects are built the way pdfminer and pdfplumber build them, so
that the table finder gives the same tables from either reader:

- a character's box runs along its baseline from its origin over its advance width (PDFium's
  loose box), and across it from the font's descent over the font size, as pdfminer's does;
  line ends PDFium adds are left out, the spaces it adds are kept (it also reports some of the
  file's own spaces as added ones);
- every painted path is cut into subpaths; a subpath of one segment is a `line`, a closed
  axis-aligned four-sided one a `rect`, anything else a `curve`; their edges are pdfplumber's
  (`line_to_edge`, `rect_to_edges`, `curve_to_edges`);
- points go through the page's /Rotate and MediaBox as pdfminer's device matrix takes them,
  and then to pdfplumber's top-left coordinates.

Coordinates are rounded to 1/10000 pt: PDFium keeps them in single precision, pdfminer in double.
PDFium is not thread-safe: every call into it holds one lock (a Dask worker may run threads).
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, rect_to_edges

from baltmet_extract.errors import InputError
from baltmet_extract.ingest.pdfgeom import Obj, PageGeometry

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
DIGITS = 4
_SUBPATH = re.compile(r"m[^m]+")
_LOCK = threading.RLock()


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """m1 then m0 (pdfminer's `mult_matrix` order)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


class _Page:
    """The page's placement: user space -> pdfminer's device space -> pdfplumber's coordinates."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        # the page's own MediaBox, else the one it inherits (PDFium's page box)
        box = page.get_mediabox(fallback_ok=False) or page.get_bbox()
        x0, y0, x1, y1 = (round(float(v), DIGITS) for v in box)
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        rotation = page.get_rotation() % 360
        self.rotation = rotation
        self.ctm: Matrix = {
            90: (0, -1, 1, 0, -y0, x1),
            180: (-1, 0, 0, -1, x1, y1),
            270: (0, 1, -1, 0, y1, -x0),
        }.get(rotation, (1, 0, 0, 1, -x0, -y0))
        # pdfplumber's MediaBox: normalised for the rotation, flipped to a top-left origin
        bx0, by0, bx1, by1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        self.height = by1 - by0
        self.width = bx1 - bx0
        self.mb_x0 = bx0
        self.mb_top = self.height - by1

    def device(self, x: float, y: float, m: Matrix) -> tuple[float, float]:
        a, b, c, d, e, f = m
        return (a * x + c * y + e, b * x + d * y + f)

    def coord(self, x: float, y: float) -> tuple[float, float]:
        """A device point in pdfplumber's coordinates (`point2coord`)."""
        return (round(self.mb_x0 + x, DIGITS), round(self.mb_top + self.height - y, DIGITS))


# --- characters ------------------------------------------------------------------------------


def _address(handle: Any) -> int:
    value = ctypes.cast(handle, ctypes.c_void_p).value
    if value is None:
        raise ValueError("null PDFium handle")
    return value


def _proto(fn: Any, restype: Any, *argtypes: Any) -> Any:
    """`fn` called through plain C types: integers for handles and addresses, no conversion cost."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(_address(fn))


_V, _I = ctypes.c_void_p, ctypes.c_int
_get_text = _proto(raw.FPDFText_GetText, _I, _V, _I, _I, _V)
_get_box = _proto(raw.FPDFText_GetLooseCharBox, _I, _V, _I, _V)
_get_object = _proto(raw.FPDFText_GetTextObject, _V, _V, _I)
_is_generated = _proto(raw.FPDFText_IsGenerated, _I, _V, _I)
_get_matrix = _proto(raw.FPDFText_GetMatrix, _I, _V, _I, _V)
_get_size = _proto(raw.FPDFText_GetFontSize, ctypes.c_double, _V, _I)
_count_chars = _proto(raw.FPDFText_CountChars, _I, _V)
_get_font = _proto(raw.FPDFTextObj_GetFont, _V, _V)
_font_name = _proto(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, _V, _V, ctypes.c_size_t)
_get_unicode = _proto(raw.FPDFText_GetUnicode, ctypes.c_uint, _V, _I)


def _chars(page: pdfium.PdfPage, place: _Page) -> list[Obj]:
    textpage = page.get_textpage()
    try:
        return _read_chars(_address(textpage.raw), place)
    finally:
        textpage.close()


def _font(obj: int) -> str:
    """The base name of a text object's font ("Arial-BoldMT")."""
    font = _get_font(obj)
    if not font:
        return ""
    buffer = ctypes.create_string_buffer(256)
    length = _font_name(font, ctypes.addressof(buffer), 256)
    return buffer.value.decode("utf-8", errors="replace") if length else ""


def _object_info(tp: int, index: int, ctm: Matrix) -> tuple[Matrix, float, int]:
    """(device matrix, font size in points, how the baseline lies) of the text object of a character:
    0 left to right, 1 upside down, 2 up the page, 3 down the page."""
    m = raw.FS_MATRIX()
    _get_matrix(tp, index, ctypes.addressof(m))
    full = _mult((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
    a, b, c, d = full[:4]
    size = _get_size(tp, index) * (c * c + d * d) ** 0.5
    if abs(a) >= abs(b):
        kind = 0 if d >= 0 else 1
    else:
        kind = 2 if c <= 0 else 3
    return tuple(round(v, DIGITS) for v in full), size, kind  # type: ignore[return-value]


def _read_chars(tp: int, place: _Page) -> list[Obj]:
    count = _count_chars(tp)
    if count <= 0:
        return []
    text_buffer = (ctypes.c_uint16 * (count + 1))()
    _get_text(tp, 0, count, ctypes.addressof(text_buffer))
    text = bytes(text_buffer)[: 2 * count].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters beyond the BMP: one at a time
        text = "".join(chr(_get_unicode(tp, i) or 0xFFFD) for i in range(count))
    if "\ufffe" in text or "\x02" in text:  # PDFium's mark for a hyphen that ends a line
        text = text.replace("\ufffe", "-").replace("\x02", "-")
    boxes = (ctypes.c_float * (4 * count))()
    base = ctypes.addressof(boxes)
    for i in range(count):
        _get_box(tp, i, base + 16 * i)
    objects = [_get_object(tp, i) for i in range(count)]
    infos: dict[int, tuple[Matrix, float, int]] = {}
    fonts: dict[int, str] = {}
    keep: list[int] = []
    previous: int | None = None
    inferred: set[int] = set()
    for i, (obj, ch) in enumerate(zip(objects, text, strict=True)):
        if ch in "\r\n\x00":
            continue  # a line end PDFium inferred
        if obj is None:
            if ch != " " or previous is None:
                continue
            # a space PDFium inferred (from a gap, or for a space the text shows by moving on):
            # it ends a word, as a space character does in pdfminer's reading
            obj = objects[i] = previous
            inferred.add(len(keep))
        previous = obj
        if obj not in infos:
            infos[obj] = _object_info(tp, i, place.ctm)
            fonts[obj] = _font(obj)
        keep.append(i)
    if not keep:
        return []
    rect = np.frombuffer(boxes, dtype=np.float32).reshape(-1, 4).astype(np.float64)[keep]
    left, top, right, bottom = rect[:, 0], rect[:, 1], rect[:, 2], rect[:, 3]
    a, b, c, d, e, f = place.ctm
    xa, ya = a * left + c * bottom + e, b * left + d * bottom + f
    xb, yb = a * right + c * top + e, b * right + d * top + f
    lx0, lx1 = np.minimum(xa, xb), np.maximum(xa, xb)
    ly0, ly1 = np.minimum(ya, yb), np.maximum(ya, yb)
    info = [infos[objects[i]] for i in keep]
    size = np.array([s for _, s, _ in info])
    kind = np.array([k for _, _, k in info])
    # pdfminer's box: along the baseline the loose box; across it, from the descent over the font size
    ly1 = np.where(kind == 0, ly0 + size, ly1)
    ly0 = np.where(kind == 1, ly1 - size, ly0)
    lx0 = np.where(kind == 2, lx1 - size, lx0)
    lx1 = np.where(kind == 3, lx0 + size, lx1)
    x0 = np.round(place.mb_x0 + lx0, DIGITS).tolist()
    x1 = np.round(place.mb_x0 + lx1, DIGITS).tolist()
    tops = np.round(place.mb_top + place.height - ly1, DIGITS).tolist()
    bottoms = np.round(place.mb_top + place.height - ly0, DIGITS).tolist()
    sizes = np.round(size, DIGITS).tolist()
    chars: list[Obj] = []
    for n, i in enumerate(keep):
        matrix = info[n][0]
        ma, mb, mc, md = matrix[:4]
        chars.append(
            {
                "object_type": "char",
                "text": text[i],
                "x0": x0[n],
                "x1": x1[n],
                "top": tops[n],
                "bottom": bottoms[n],
                "doctop": tops[n],
                "width": x1[n] - x0[n],
                "height": bottoms[n] - tops[n],
                "size": sizes[n],
                "upright": (0 < ma * md) and (mb * mc <= 0),
                "matrix": matrix,
                "fontname": fonts[objects[i]],
            }
        )
    for n in sorted(inferred):
        _after(chars[n], chars[n - 1], info[n][2])
    return chars


def _after(space: Obj, previous: Obj, kind: int) -> None:
    """Put an inferred space, which PDFium gives no box, where the character before it ends."""
    space.update(x0=previous["x0"], x1=previous["x1"], top=previous["top"], bottom=previous["bottom"])
    end = {0: ("x1", "x0"), 1: ("x0", "x1"), 2: ("top", "bottom"), 3: ("bottom", "top")}[kind]
    space[end[1]] = previous[end[0]]
    space.update(doctop=space["top"], width=space["x1"] - space["x0"], height=space["bottom"] - space["top"])


# --- paths -----------------------------------------------------------------------------------


def _obj_matrix(obj: Any, out: Any) -> Matrix | None:
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(out)):
        return None
    return (out.a, out.b, out.c, out.d, out.e, out.f)


def _walk(objects: list[Any], parent: Matrix, found: list[tuple[Any, Matrix]], out: Any) -> None:
    """Path objects with their matrix to user space, descending into form XObjects."""
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            m = _obj_matrix(obj, out)
            if m is not None:
                found.append((obj, _mult(m, parent)))
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            m = _obj_matrix(obj, out)
            if m is None:
                continue
            inner = [raw.FPDFFormObj_GetObject(obj, k) for k in range(raw.FPDFFormObj_CountObjects(obj))]
            _walk(inner, _mult(m, parent), found, out)


def _segments(path: Any) -> tuple[str, list[tuple[float, float]]]:
    """The path as pdfminer sees it: an operator string (`m`, `l`, `c`, `h`) and one point per
    operator (a curve's end point; `h` repeats its subpath's start)."""
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    xr, yr = ctypes.byref(x), ctypes.byref(y)
    start = (0.0, 0.0)
    bezier = 0
    for k in range(raw.FPDFPath_CountSegments(path)):
        seg = raw.FPDFPath_GetPathSegment(path, k)
        raw.FPDFPathSegment_GetPoint(seg, xr, yr)
        kind = raw.FPDFPathSegment_GetType(seg)
        point = (x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            shape.append("m")
            pts.append(point)
            start = point
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point
            shape.append("c")
            pts.append(point)
        else:
            shape.append("l")
            pts.append(point)
        if raw.FPDFPathSegment_GetClose(seg):
            shape.append("h")
            pts.append(start)
    return "".join(shape), pts


def _subpath_objects(shape: str, pts: list[tuple[float, float]], place: _Page) -> list[tuple[str, list]]:
    """pdfminer's `paint_path` on device points: ('line' | 'rect' | 'curve', points) per subpath."""
    if shape[:1] != "m":
        return []
    if shape.count("m") > 1:
        out = []
        for sub in _SUBPATH.finditer(shape):
            out.extend(_subpath_objects(sub.group(0), pts[sub.start() : sub.end()], place))
        return out
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        return [("line", pts[:2])]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            return [("rect", pts)]
    return [("curve", pts)]


def _bounds(points: list[tuple[float, float]], place: _Page) -> Obj:
    coords = [place.coord(x, y) for x, y in points]
    xs = [p[0] for p in coords]
    ys = [p[1] for p in coords]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    y0, y1 = min(y for _, y in points), max(y for _, y in points)
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "y0": round(y0, DIGITS),
            "y1": round(y1, DIGITS), "width": x1 - x0, "height": bottom - top, "pts": coords}


def _edges(page: pdfium.PdfPage, place: _Page) -> list[Obj]:
    found: list[tuple[Any, Matrix]] = []
    out = raw.FS_MATRIX()
    top_level = [raw.FPDFPage_GetObject(page.raw, k) for k in range(raw.FPDFPage_CountObjects(page.raw))]
    _walk(top_level, IDENTITY, found, out)
    lines: list[Obj] = []
    rects: list[Obj] = []
    curves: list[Obj] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, m in found:
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            continue
        if fill.value == 0 and not stroke.value:
            continue  # not painted
        shape, pts = _segments(obj)
        full = _mult(m, place.ctm)
        device = [place.device(round(x, DIGITS), round(y, DIGITS), full) for x, y in pts]
        for kind, points in _subpath_objects(shape, device, place):
            item = _bounds(points, place)
            item["object_type"] = kind
            {"line": lines, "rect": rects, "curve": curves}[kind].append(item)
    edges = [line_to_edge(line) for line in lines]
    for rect in rects:
        edges.extend(rect_to_edges(rect))
    for curve in curves:
        edges.extend(curve_to_edges(curve))
    return edges


# --- documents -------------------------------------------------------------------------------


def page_geometry(page: pdfium.PdfPage, number: int) -> PageGeometry:
    with _LOCK:
        place = _Page(page)
        return PageGeometry(
            number=number,
            width=place.width,
            height=place.height,
            chars=_chars(page, place),
            edges=_edges(page, place),
        )


def open_document(name: str, data: bytes) -> pdfium.PdfDocument:
    """Open PDF bytes with PDFium; a password-protected or unreadable file raises `InputError`."""
    try:
        with _LOCK:
            return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise InputError(
                name, "PDF is encrypted; remove the password (e.g. `qpdf --decrypt`) and try again"
            ) from exc
        raise InputError(name, f"not a readable PDF: {' '.join(str(exc).split())}") from exc


def is_intact(doc: pdfium.PdfDocument) -> bool:
    """Whether PDFium read the file's cross-reference table as written (rather than rebuilding
    it from a damaged file, where pdfminer's stricter reading decides)."""
    with _LOCK:
        return bool(raw.FPDF_DocumentHasValidCrossReferenceTable(doc.raw))


@contextmanager
def read_pages(name: str, data: bytes, doc: pdfium.PdfDocument | None = None) -> Iterator[tuple[int, Iterator[PageGeometry]]]:
    """(page count, the pages' geometry one after the other); `doc` if already opened."""
    doc = doc if doc is not None else open_document(name, data)
    try:

        def pages() -> Iterator[PageGeometry]:
            for index in range(len(doc)):
                try:
                    with _LOCK:
                        page = doc[index]
                except pdfium.PdfiumError as exc:
                    raise InputError(name, f"not a readable PDF (damaged page {index + 1}: {exc})") from exc
                try:
                    geometry = page_geometry(page, index + 1)
                finally:
                    with _LOCK:
                        page.close()
                yield geometry

        yield len(doc), pages()
    finally:
        with _LOCK:
            doc.close()
