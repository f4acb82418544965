#!/usr/bin/env python3
"""Held-out evaluation: extract each document of an evaluation set and score it against its gold file.

    .venv/bin/python benchmarks/evaluate.py eval2                 # all documents of benchmarks/sets/eval2
    .venv/bin/python benchmarks/evaluate.py eval2 --verbose       # also every miss the scorer reports
    .venv/bin/python benchmarks/evaluate.py eval2 --keep /tmp/ev  # keep the output folders there
    .venv/bin/python benchmarks/evaluate.py eval2 news_2010_web   # only documents whose stem contains this

Each set is a folder with `docs/` and `gold/`, under `benchmarks/sets/` or given by its path.

Each document is extracted on its own, as a user would run the tool:
`baltmet-extract extract DOC --out TMP/STEM --jobs 1`, then `TMP/STEM` is scored against
`gold/STEM.json`. The scorer is the team's `../shared/tools/score.py` when it exists (or the
one given with `--scorer`), else `score.py` here, a verbatim copy of it, so the project does
not depend on `../shared` to run. The mean `score:` is the mean of the documents' scores.

The documents imitate what the tool meets in use (annex text dumps with other column orders,
an HTML annex, a Word-style PDF annex, news dumps and pages, a work-package page) and were
written without regard to how the tool handles them; see README.md.
Exit status: 0, or 1 when `--min` is given and the mean score is below it, or when an
extraction failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_SCORER = ROOT.parent / "shared" / "tools" / "score.py"
LOCAL_SCORER = HERE / "score.py"
SETS = HERE / "sets"
DEFAULT_BIN = ROOT / ".venv" / "bin" / "baltmet-extract"

COLUMNS = [
    ("projects_f1", "proj"),
    ("fields_acc", "fields"),
    ("partners_f1", "partF1"),
    ("partners_precision", "partP"),
    ("partners_recall", "partR"),
    ("roles_acc", "roles"),
    ("silent_errors", "silent"),
    ("milestones_f1", "miles"),
    ("events_f1", "events"),
    ("news_f1", "news"),
    ("score", "score"),
]


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("baltmet_eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(folder: Path, filters: list[str]) -> list[tuple[Path, Path]]:
    pairs = []
    for doc in sorted(p for p in (folder / "docs").iterdir() if p.is_file() and not p.name.startswith(".")):
        if filters and not any(f in doc.stem for f in filters):
            continue
        gold = folder / "gold" / f"{doc.stem}.json"
        if not gold.exists():
            print(f"warning: no gold file for {doc.name}; skipped", file=sys.stderr)
            continue
        pairs.append((doc, gold))
    return pairs


def extract(binary: Path, doc: Path, out: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [str(binary), "extract", str(doc), "--out", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode, (proc.stderr or "").strip()


def fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"{float(value):.3f}"  # type: ignore[arg-type]


def main(argv: list[str] | None = None, folder: Path | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    if folder is None:
        ap.add_argument("set", help="the evaluation set: a folder under benchmarks/sets/ (eval, eval2, ...) or a path")
    ap.add_argument("only", nargs="*", help="only documents whose stem contains one of these")
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN, help="the baltmet-extract command")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py to use (default: shared, else local copy)")
    ap.add_argument("--keep", type=Path, default=None, help="write the output folders here and keep them")
    ap.add_argument("--verbose", action="store_true", help="print the scorer's list of misses per document")
    ap.add_argument("--min", type=float, default=None, help="exit 1 when the mean score is below this")
    ap.add_argument("--by-name", action="store_true",
                    help="also the mean score by language and by kind, from file names LANG_KIND_slug (real pages)")
    args = ap.parse_args(argv)

    scorer_path = args.scorer or (SHARED_SCORER if SHARED_SCORER.exists() else LOCAL_SCORER)
    scorer = load_scorer(scorer_path)
    if folder is None:
        folder = Path(args.set) if Path(args.set).is_dir() else SETS / args.set
    pairs = documents(folder, args.only)
    if not pairs:
        print("no documents to evaluate", file=sys.stderr)
        return 2
    print(f"scorer: {scorer_path}")
    print(f"command: {args.bin}")

    import json

    failed = False
    results: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="baltmet-eval-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        for doc, gold_path in pairs:
            out = base / doc.stem
            code, stderr = extract(args.bin, doc, out)
            if code != 0:
                failed = True
                print(f"{doc.name}: extract exited {code}: {stderr.splitlines()[-1] if stderr else ''}", file=sys.stderr)
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if args.verbose:
                print(f"\n== {doc.name} ({out})")
                res = scorer.score(out, gold, verbose=True)
            else:
                res = scorer.score(out, gold)
            results.append((doc.name, res))

    width = max(len(name) for name, _ in results) + 2
    print()
    print("document".ljust(width) + "".join(short.rjust(8) for _, short in COLUMNS))
    for name, res in results:
        print(name.ljust(width) + "".join(fmt(res.get(key)).rjust(8) for key, _ in COLUMNS))
    mean = sum(res["score"] for _, res in results) / len(results)
    print()
    print("measures per document are those of the scorer; '-' = not scored for this document")
    if args.by_name:
        groups: dict[str, list[float]] = {}
        for name, res in results:
            parts = Path(name).stem.split("_")
            if len(parts) >= 3:
                groups.setdefault(f"language {parts[0]}", []).append(res["score"])
                groups.setdefault(f"kind {parts[1]}", []).append(res["score"])
        for key in sorted(groups):
            print(f"{key:<20} n={len(groups[key]):<3} score {sum(groups[key]) / len(groups[key]):.3f}")
    print(f"score: {mean:.3f}")
    if args.min is not None and mean < args.min:
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
