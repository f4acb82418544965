"""What the evaluation-set generators share: where each set lives, the test fixtures' document
writers, and the spelling of gold facts (keys, partners, news, events) in the format of the
team's gold file (`../shared/gold/seeds.json`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

GENERATORS = Path(__file__).resolve().parent
BENCHMARKS = GENERATORS.parent
ROOT = BENCHMARKS.parent
SETS = BENCHMARKS / "sets"

# the fixtures' PDF and Word writers live with the tests
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))


def docs_dir(set_name: str) -> Path:
    return SETS / set_name / "docs"


def gold_dir(set_name: str) -> Path:
    return SETS / set_name / "gold"


Key = str | list[str]


class Keys:
    """Gold keys by readable name, looked up in tables of cities, regions and organisations."""

    def __init__(self, *tables: Mapping[str, Key]) -> None:
        self.tables = tables

    def __call__(self, name: str) -> Key:
        for table in self.tables:
            if name in table:
                return table[name]
        raise KeyError(name)

    def place(self, name: str) -> str:
        """The one key of a place (the first, where several count)."""
        k = self(name)
        return k[0] if isinstance(k, list) else k

    def partners(self, lead: Iterable[str] | str | None = (), partner: Iterable[str] = (),
                 observer: Iterable[str] = (), interested: Iterable[str] = ()) -> list[list[Key]]:
        """`[key, role]` pairs, leads first."""
        leads = [lead] if isinstance(lead, str) else list(lead or ())
        out: list[list[Key]] = []
        for role, names in (("lead", leads), ("partner", partner), ("observer", observer),
                            ("interested", interested)):
            out += [[self(n), role] for n in names]
        return out

    def event(self, date: str, where: str) -> dict[str, str]:
        return {"date": date, "place": self.place(where)}

    def news(self, start: str, where: str | None, end: str | None = None, duplicate: bool = False) -> dict[str, object]:
        # an item about no place at all: the scorer reads an empty place as "geonames:"
        item: dict[str, object] = {"date_start": start, "place": self.place(where) if where else "geonames:"}
        if end:
            item["date_end"] = end
        if duplicate:
            item["duplicate"] = True
        return item


def write_gold(set_name: str, golds: Mapping[str, dict[str, object]],
               about: Callable[[str], str] | None = None) -> None:
    """One `gold/STEM.json` per document; `about(stem)` adds an `about` text first where given."""
    folder = gold_dir(set_name)
    folder.mkdir(parents=True, exist_ok=True)
    for stem, facts in golds.items():
        gold = {"about": about(stem), **facts} if about else dict(facts)
        path = folder / f"{stem}.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path)
