"""`run.json` in an output folder: the inputs and the rules folder a run read, so that the review
server's "Apply" can re-run the later stages on the same documents (from the document cache)
with the new decisions. Paths are absolute; nothing that changes from run to run is written, so
the same inputs still give byte-identical output folders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from baltmet_extract.errors import BaltmetError

RUN_FILE = "run.json"


@dataclass(frozen=True)
class RunRecord:
    inputs: list[Path]
    rules_dir: Path | None


def run_record_text(inputs: list[str], rules_dir: str | None) -> str:
    """run.json's text: the absolute paths of the inputs and the user's rules folder."""
    data = {"inputs": [str(Path(p).resolve()) for p in inputs],
            "rules": str(Path(rules_dir).resolve()) if rules_dir else None}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_run_record(out: Path) -> RunRecord:
    path = out / RUN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        inputs = [Path(p) for p in data["inputs"]]
        rules = Path(data["rules"]) if data.get("rules") else None
    except FileNotFoundError as exc:
        raise BaltmetError(f"{path}: not found; run 'baltmet-extract extract ... --out {out}' first") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BaltmetError(f"{path}: not a run record ({exc})") from exc
    return RunRecord(inputs, rules)
