"""Draw what the PDF reader sees on one page: table cells, ruling lines and the text lines outside tables.

For tuning and bug reports (`baltmet-extract inspect FILE.pdf --page N`): ruled tables
are drawn with pdfplumber's `debug_tablefinder` (edges in red, intersections as
circles, cells shaded), tables found by alignment as blue cells, text lines outside
tables as green boxes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from baltmet_extract.errors import InputError
from baltmet_extract.ingest.pdf import PdfSettings, find_tables, open_pdf, outside_tables

DEFAULT_RESOLUTION = 110
ALIGNED_STROKE = (0, 90, 220)
ALIGNED_FILL = (0, 90, 220, 40)
TEXT_STROKE = (0, 150, 60)


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
    with open_pdf(name, data) as pdf:
        if not 1 <= page_number <= len(pdf.pages):
            raise InputError(name, f"no page {page_number}; the PDF has {len(pdf.pages)} page(s)")
        page = pdf.pages[page_number - 1]
        found = find_tables(page, resolved)
        image = page.to_image(resolution=resolution)
        if any(item.method == "lattice" for item in found):
            image.debug_tablefinder(resolved.lattice)
        for item in found:
            if item.method == "aligned":
                image.draw_rects(item.table.cells, stroke=ALIGNED_STROKE, fill=ALIGNED_FILL, stroke_width=2)
        lines = outside_tables(page, found).extract_text_lines(return_chars=False)
        image.draw_rects(
            [(ln["x0"], ln["top"], ln["x1"], ln["bottom"]) for ln in lines],
            stroke=TEXT_STROKE,
            fill=(0, 0, 0, 0),
        )
        out_png.parent.mkdir(parents=True, exist_ok=True)
        image.save(out_png, format="PNG")
    return out_png
