"""Where a PDF page's time goes: the reader's stages timed one by one, against pdfplumber.

    .venv/bin/python benchmarks/pdf_page_time.py [PDF ...] [--repeat 3]

Default PDFs: the bench corpus's annex PDFs (ruled, `make bench`'s PDF ratio) and the Word
exports in tests/word_tables/ (ruled, rules-only, borderless). For each group it prints seconds
per page of every stage of `read_pdf` with PDFium (opening and parsing the page, characters,
paths, turning, ruled tables, words and lines, tables by alignment, cell text repair) and of
pdfplumber's own `page.extract_tables()` on the same pages; medians of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def stage_times(paths: list[Path]) -> tuple[dict[str, float], int]:
    """Seconds per stage summed over the pages of `paths`, and the number of pages."""
    import pypdfium2 as pdfium

    from baltmet_extract.ingest.pdf import hyphenated_compounds, page_pieces, repair_cell_text
    from baltmet_extract.ingest.pdfgeom import PageGeometry, upright_geometry
    from baltmet_extract.ingest.pdfgeom import pdfium as reader
    from baltmet_extract.ingest.tables import LayoutMemory, PageTables
    from baltmet_extract.ingest.tables.aligned import find_aligned_tables
    from baltmet_extract.ingest.tables.lattice import find_lattice_tables
    from baltmet_extract.ingest.tables.lines import text_lines, words_from_chars
    from baltmet_extract.ingest.tables.settings import PdfSettings

    settings = PdfSettings()
    times: dict[str, float] = defaultdict(float)
    pages = 0

    def clock(stage: str, start: float) -> float:
        now = time.perf_counter()
        times[stage] += now - start
        return now

    for path in paths:
        t = time.perf_counter()
        doc = pdfium.PdfDocument(path.read_bytes())
        t = clock("open document", t)
        memory = LayoutMemory()
        raw: list[str] = []
        for index in range(len(doc)):
            pages += 1
            t = time.perf_counter()
            page = doc[index]
            place = reader._Page(page)
            t = clock("PDFium: load page", t)
            chars = reader._chars(page, place)
            t = clock("PDFium: characters", t)
            edges = reader._edges(page, place)
            page.close()
            t = clock("PDFium: paths to edges", t)
            geometry = upright_geometry(PageGeometry(index + 1, place.width, place.height, chars, edges))
            t = clock("turn upright", t)
            tables = find_lattice_tables(geometry, settings)
            t = clock("ruled tables (pdfplumber's finder, cell text)", t)
            boxes = [tb.bbox for tb in tables]
            rest = [
                c for c in geometry.chars
                if not any(b[0] <= (c["x0"] + c["x1"]) / 2 < b[2] and b[1] <= (c["top"] + c["bottom"]) / 2 < b[3]
                           for b in boxes)
            ]
            lines = text_lines(words_from_chars(rest, settings.x_tolerance, settings.y_tolerance), settings.word_space)
            t = clock("words and lines", t)
            key = (round(geometry.width), round(geometry.height), geometry.turned)
            found = find_aligned_tables(lines, geometry.edges, settings, memory, key, geometry.width)
            t = clock("tables by alignment", t)
            used = {id(line) for _, block in found for line in block}
            result = PageTables(geometry, tables + [tb for tb, _ in found], [ln for ln in lines if id(ln) not in used])
            raw.extend(c for _, _, cells, _ in page_pieces(result) for c in cells)
            t = clock("rows and lines in reading order", t)
        compounds = hyphenated_compounds(raw)
        for cell in raw:
            repair_cell_text(cell, compounds)
        clock("cell text repair", t)
        doc.close()
    return dict(times), pages


def pdfplumber_time(paths: list[Path]) -> tuple[float, int]:
    import pdfplumber

    t = time.perf_counter()
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
                page.close()
    return time.perf_counter() - t, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    groups = {"given": args.pdfs} if args.pdfs else {
        "bench corpus annex PDFs (ruled)": sorted((HERE / "corpus").rglob("*.pdf")),
        "Word exports (grid, rules, none)": sorted((ROOT / "tests" / "word_tables").glob("*.pdf")),
    }
    for label, paths in groups.items():
        if not paths:
            print(f"{label}: no PDFs (run `make bench` once to write the corpus)")
            continue
        runs = [stage_times(paths) for _ in range(args.repeat)]
        pages = runs[0][1]
        plumber = statistics.median(pdfplumber_time(paths)[0] for _ in range(args.repeat))
        stages = {k: statistics.median(r[0][k] for r in runs) for k in runs[0][0]}
        total = sum(stages.values())
        print(f"\n{label}: {len(paths)} PDFs, {pages} pages (median of {args.repeat} runs)")
        for stage, seconds in stages.items():
            print(f"  {stage:<48} {1000 * seconds / pages:7.2f} ms/page  {100 * seconds / total:5.1f}%")
        print(f"  {'reader total':<48} {1000 * total / pages:7.2f} ms/page")
        print(f"  {'pdfplumber page.extract_tables()':<48} {1000 * plumber / pages:7.2f} ms/page"
              f"  (reader = {total / plumber:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
