"""Draw what the PDF reader sees on one page: tables, their rows and columns, ruling lines and
the text lines outside tables.

For tuning and bug reports (`baltmet-extract inspect FILE.pdf --page N`): ruling edges in red,
cells of ruled tables shaded red, tables found by alignment as blue cells (one box per row and
column, so the rows and columns it found can be checked), horizontal rules it used as row
boundaries in orange, text lines outside tables as green boxes. A page whose text runs
sideways is drawn turned, as the reader reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from baltmet_extract.errors import InputError
from baltmet_extract.ingest.pdf import PdfSettings, read_geometry
from baltmet_extract.ingest.tables import read_page

DEFAULT_RESOLUTION = 110
EDGE_STROKE = (220, 30, 30)
LATTICE_FILL = (220, 30, 30, 40)
ALIGNED_STROKE = (0, 90, 220)
ALIGNED_FILL = (0, 90, 220, 40)
RULE_STROKE = (240, 140, 0)
TEXT_STROKE = (0, 150, 60)
#: PIL's rotation (counter-clockwise degrees) that turns the page as the reader turned it.
_IMAGE_TURN = {90: -90, 270: 90, 180: 180}


def _render(data: bytes, page_number: int, resolution: int, turned: int) -> Image.Image:
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[page_number - 1]
        image = page.render(scale=resolution / 72).to_pil().convert("RGBA")
        page.close()
    finally:
        doc.close()
    if turned:
        image = image.rotate(_IMAGE_TURN[turned], expand=True)
    return image


def inspect_page(
    data: bytes,
    page_number: int,
    out_png: Path,
    *,
    name: str = "input.pdf",
    resolution: int = DEFAULT_RESOLUTION,
    settings: PdfSettings | dict[str, Any] | None = None,
) -> Path:
    """Save a PNG of page `page_number` (1-based) with the detected tables drawn on it; returns the path."""
    resolved = PdfSettings.resolve(settings)
    out_png = Path(out_png)
    with read_geometry(name, data, resolved) as (count, pages):
        if not 1 <= page_number <= count:
            raise InputError(name, f"no page {page_number}; the PDF has {count} page(s)")
        geometry = next(g for g in pages if g.number == page_number)
        found = read_page(geometry, resolved)
    image = _render(data, page_number, resolution, found.page.turned)
    scale = image.width / found.page.width
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)

    def box(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale)

    for edge in found.page.edges:
        if edge.get("orientation") in ("h", "v"):
            draw.line(box((edge["x0"], edge["top"], edge["x1"], edge["bottom"])), fill=EDGE_STROKE, width=1)
    for table in found.tables:
        lattice = table.method == "lattice"
        for cell in table.cells:
            draw.rectangle(
                box(cell),
                outline=EDGE_STROKE if lattice else ALIGNED_STROKE,
                fill=LATTICE_FILL if lattice else ALIGNED_FILL,
                width=1 if lattice else 2,
            )
    for line in found.lines:
        draw.rectangle(box((line.x0, line.top, line.x1, line.bottom)), outline=TEXT_STROKE, width=1)
    image = Image.alpha_composite(image, overlay).convert("RGB")
    out_png.parent.mkdir(parents=True, exist_ok=True)
    image.save(out_png, format="PNG")
    return out_png
