"""Score the reader on the Word/LibreOffice annex PDFs beside this script (and any PDFs given).

    .venv/bin/python tests/word_tables/score.py [--score-tool ../shared/tools/score.py] [PDF ...]

Each PDF is extracted on its own (`baltmet-extract extract`) and scored with the team's scorer
against the projects of the hand-checked gold (`../shared/gold/seeds.json`, news left out):
projects found, partner F1, silent errors (partner rows matching no gold partner and not
flagged needs_review), overall, and how many projects are flagged for review.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_TOOL = ROOT.parent / "shared" / "tools" / "score.py"
FALLBACK_TOOL = Path("/work/shared/tools/score.py")


def load_tool(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("team_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_pdf(pdf: Path, tool, gold: dict) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from baltmet_extract.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / pdf.name).write_bytes(pdf.read_bytes())
        out = Path(tmp) / "out"
        main(["extract", str(folder), "--out", str(out), "--jobs", "1"], stdout=io.StringIO(), stderr=io.StringIO())
        res = tool.score(out, gold)
        with (out / "projects.csv").open(encoding="utf-8", newline="") as f:
            projects = list(csv.DictReader(f))
        res["projects"] = len(projects)
        res["flagged"] = sum(p["needs_review"].lower() in ("true", "1") for p in projects)
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--score-tool", type=Path, default=DEFAULT_TOOL if DEFAULT_TOOL.exists() else FALLBACK_TOOL)
    args = parser.parse_args(argv)
    tool = load_tool(args.score_tool)
    seeds = json.loads((args.score_tool.parent.parent / "gold" / "seeds.json").read_text(encoding="utf-8"))
    gold = {"projects": seeds["projects"]}
    pdfs = args.pdfs or sorted(HERE.glob("*.pdf"))
    print(f"{'file':34} projects flagged projects_f1 partners_f1 silent_errors score")
    for pdf in pdfs:
        r = score_pdf(pdf, tool, gold)
        print(f"{pdf.name:34} {r['projects']:8d} {r['flagged']:7d} {r['projects_f1']:11.3f} "
              f"{r['partners_f1']:11.3f} {r['silent_errors']:13d} {r['score']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
