"""Spreadsheet-safe CSV cells (OWASP CSV injection): a cell a spreadsheet would run as a formula
gets a `'` in front when written, and loses it again when one of our own CSV files is read back."""

from __future__ import annotations

import csv
import re
from pathlib import Path

__all__ = ["FORMULA_STARTS", "csv_value", "read_csv_records", "spreadsheet_safe"]

#: A CSV cell starting with one of these is run by a spreadsheet as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(text: str) -> str:
    """`text` with a `'` in front when a spreadsheet would run it as a formula; a number stays as it is."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_value(cell: str) -> str:
    """The value a CSV cell of ours stands for: `spreadsheet_safe` undone (for tools that read the CSV
    files back, e.g. to look a mention up). A value that itself began with `'` followed by `=`
    cannot be told apart; JSON holds every value as written."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell


def read_csv_records(path: Path) -> list[dict[str, str]]:
    """The rows of one of our CSV files as written before the guard (`csv_value` on every cell)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: csv_value(v or "") for k, v in row.items()} for row in csv.DictReader(f)]
