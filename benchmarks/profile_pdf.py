"""Where the time of a PDF goes: cProfile of the whole pipeline on one synthetic annex PDF.

    python benchmarks/profile_pdf.py [--pages 50] [--seed 7] [--top 15]

Writes the PDF under benchmarks/corpus/profile/, runs `pipeline.run` on it in this process
(one job, warm gazetteer but no cached document results) under cProfile, and prints the
top functions by own time and by cumulative time; the full profile is saved next to the
benchmark results (`.pstats`, for snakeviz or `python -m pstats`).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)

    folder = corpus.CORPUS_DIR / "profile"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"annex-{args.pages}p-s{args.seed}.pdf"
    if not pdf.exists():
        rng = random.Random(f"baltmet-profile:{args.seed}:{args.pages}")
        corpus.write_annex_pdf(pdf, rng, corpus.place_pool(), args.pages, "Annex I - Existing and planned initiatives")
    results = HERE / "results"
    cache = results / "cache"
    out = results / "work" / "out-profile"

    from baltmet_extract.pipeline import run

    run(["raw"], out, {"jobs": 1, "cache_dir": cache})  # warm the gazetteer cache and the imports
    # what is built from the rules, but no cached document result: the PDF is read
    fresh = results / "work" / "cache-profile"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    for f in cache.iterdir():
        if f.is_file():
            shutil.copy2(f, fresh / f.name)
    profiler = cProfile.Profile()
    t = time.perf_counter()
    profiler.enable()
    result = run([pdf], out, {"jobs": 1, "cache_dir": fresh})
    profiler.disable()
    wall = time.perf_counter() - t
    pages = sum(d.pages for d in result.documents)
    stats_path = results / f"profile-{args.pages}p.pstats"
    profiler.dump_stats(stats_path)
    print(f"{pdf.name}: {pages} pages, {len(result.tables.projects)} projects, {len(result.tables.partners)} partners; "
          f"{wall:.2f} s under cProfile ({wall / max(pages, 1):.3f} s/page)")
    for order in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats(order).print_stats(args.top)
        text = buf.getvalue()
        print(f"\n--- top {args.top} by {order} ---")
        print(text[text.index("   ncalls"):].rstrip())
    print(f"\nfull profile: {stats_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
