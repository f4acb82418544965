"""Where a misspelt name's time goes: the linking of the names benchmark's two annexes in this
process, timed (CPU, least of `--repeat`) and optionally profiled.

    python benchmarks/names_profile.py [--seed 16] [--places 5000] [--repeat 5]
    python benchmarks/names_profile.py --profile misspelt --top 40     # cProfile of one linking
    python benchmarks/names_profile.py --dump /tmp/a.json              # every answer, to compare

The annexes are those of `names_bench.py` (generated when missing). `--dump` writes each
partner row and normalisation row the linking gave, so that two builds can be compared.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import names_bench  # noqa: E402


def _setup(seed: int, places: int, only: str | None = None) -> tuple[Any, Any, int, dict[str, Any]]:
    from baltmet_extract.documents import process_document
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.rules import Rules

    folder = names_bench.FOLDER / f"names-s{seed}-n{places}"
    if not (folder / "annex_misspelt.txt").exists():
        names_bench.generate(seed, places, folder)
    cache = names_bench.RESULTS / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    rules = Rules.load()
    gz = load_gazetteer(rules, cache)
    docs = {w: process_document(str(folder / f"annex_{w}.txt"), f"annex_{w}.txt", None)
            for w in ("misspelt", "correct") if only in (None, w)}
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    gc.freeze()  # as the pipeline does once the gazetteer is loaded
    misspelt = sum(1 for p in truth["projects"] for w in p["partners"] if w["error"] != "none")
    return rules, gz, misspelt, docs


_TABLES: dict[str, Any] = {}


def link_once(rules: Any, gz: Any, doc: Any, warm: bool = False) -> tuple[float, Any]:
    from baltmet_extract.normalise.link import Linker
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.normalise.textplaces import TextPlaceFinder

    resolver = Resolver(gz, rules)
    finder = TextPlaceFinder(gz, resolver, rules)
    if warm:
        # the bent-name tables of an earlier run: their one-off reading is no misspelt name's cost
        finder.inflections._tables = _TABLES
    t = time.process_time()
    tables = Linker(resolver, finder).run([doc])
    return time.process_time() - t, tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", choices=("misspelt", "correct"), default=None)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--dump", type=Path, default=None)
    parser.add_argument("--once", choices=("misspelt", "correct"), default=None,
                        help="read and link only this annex, once (to count instructions of two runs: "
                             "valgrind --tool=callgrind, the difference is the misspelt names' cost)")
    parser.add_argument("--warm", action="store_true", help="time without the one-off reading of the bent-name tables")
    args = parser.parse_args(argv)
    rules, gz, misspelt, docs = _setup(args.seed, args.places, args.once)
    if args.once:
        link_once(rules, gz, docs[args.once])
        return 0
    if args.profile:
        link_once(rules, gz, docs["misspelt"], warm=True)
        prof = cProfile.Profile()
        prof.enable()
        link_once(rules, gz, docs[args.profile], warm=True)
        prof.disable()
        pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
        return 0
    if args.dump:
        out = {}
        for which, doc in docs.items():
            _, tables = link_once(rules, gz, doc)
            out[which] = {"partners": [p.model_dump(mode="json") for p in tables.partners],
                          "normalisation": [r.model_dump(mode="json") for r in tables.normalisation]}
        args.dump.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        return 0
    best: dict[str, float] = {}
    times: dict[str, list[float]] = {"misspelt": [], "correct": []}
    for _ in range(args.repeat):
        for which in ("misspelt", "correct"):
            times[which].append(link_once(rules, gz, docs[which], warm=args.warm)[0])
    best = {k: min(v) for k, v in times.items()}
    extra = best["misspelt"] - best["correct"]
    print(f"linking misspelt {best['misspelt']:.3f} s, correct {best['correct']:.3f} s (least of {args.repeat}); "
          f"{extra / misspelt * 1e6:.1f} us per misspelt name = {misspelt / extra:,.0f}/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
