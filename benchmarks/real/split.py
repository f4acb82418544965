"""Seeded, language-stratified split of docs/*.txt into dev (2/3) and holdout (1/3).

    python3 split.py            # prints stem,split and copies docs into dev/docs, holdout/docs
"""
import random
import shutil
from collections import defaultdict
from pathlib import Path

SEED = 20240611
HERE = Path(__file__).resolve().parent
stems = sorted(p.stem for p in (HERE / "docs").glob("*.txt"))
by_lang = defaultdict(list)
for s in stems:
    by_lang[s.split("_", 1)[0]].append(s)
rng = random.Random(SEED)
split = {}
for lang in sorted(by_lang):
    group = sorted(by_lang[lang])
    rng.shuffle(group)
    n_dev = round(len(group) * 2 / 3)
    for i, s in enumerate(group):
        split[s] = "dev" if i < n_dev else "holdout"
if __name__ == "__main__":
    for s in stems:
        dest = HERE / split[s] / "docs"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(HERE / "docs" / f"{s}.txt", dest / f"{s}.txt")
        print(f"{s},{split[s]}")
