#!/usr/bin/env python3
"""Score the tool on the documents of this set: `python benchmarks/eval3/run_eval.py [--verbose] [STEM...]`.

A thin entry point to `benchmarks/evaluate.py` (run it with `--help` for the options)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from evaluate import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(folder=HERE))
