"""Writing the tables: CSV and JSON per table, validation.json, a SQLite database, a JSON Schema
per table, a Frictionless data package and the HTML normalisation report.

Output is byte-for-byte reproducible: stable row order, no timestamps, fixed float formatting.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import textwrap
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel

from baltmet_extract.errors import BaltmetError
from baltmet_extract.geo import write_geojson
from baltmet_extract.report import render_report
from baltmet_extract.results import RunResult
from baltmet_extract.schema import datapackage, frictionless_schema, table_schema
from baltmet_extract.tables import FOREIGN_KEYS, PRIMARY_KEYS, TABLES, columns
from baltmet_extract.validate import report


class OutputPathError(BaltmetError):
    """An output file that would be written outside the output folder, or a folder that is not one."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1000 else f"{value:.1f}"
    return str(value)


def to_rows(records: list[BaseModel]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in records]


def write_csv(table: str, rows: list[dict[str, Any]], f: TextIO) -> None:
    """The rows as CSV with a header row, written as they go."""
    writer = csv.writer(f, lineterminator="\n")
    cols = columns(table)
    writer.writerow(cols)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in cols])


def write_json(rows: list[dict[str, Any]], f: TextIO) -> None:
    """The rows as a JSON array, written row by row; the same bytes as `json.dumps(rows, indent=2)`."""
    if not rows:
        f.write("[]\n")
        return
    f.write("[\n")
    for i, row in enumerate(rows):
        f.write(textwrap.indent(json.dumps(row, ensure_ascii=False, indent=2), "  "))
        f.write(",\n" if i + 1 < len(rows) else "\n")
    f.write("]\n")


def csv_text(table: str, records: list[BaseModel]) -> str:
    buf = io.StringIO()
    write_csv(table, to_rows(records), buf)
    return buf.getvalue()


def json_text(records: list[BaseModel]) -> str:
    buf = io.StringIO()
    write_json(to_rows(records), buf)
    return buf.getvalue()


def _safe_path(out: Path, name: str) -> Path:
    """A path inside `out`; refuses names that would leave it, also through a symbolic link."""
    root = out.resolve()
    path = (out / name).resolve()
    if root not in path.parents:
        raise OutputPathError(f"{name}: refusing to write outside the output folder {out}")
    return path


def _output_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputPathError(f"{out}: --out must be a folder, and this is a file")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputPathError(f"{out}: cannot create the output folder: {exc.strerror or exc}") from exc


def write_outputs(result: RunResult, out: Path) -> None:
    """Every output file of a run, into `out` (created if missing)."""
    _output_folder(out)
    tables = result.tables.as_dict()
    # each table is turned into plain rows once and streamed to CSV, JSON and SQLite, so a big
    # corpus holds one table's rows at a time beside the records, not three copies as text
    with SqliteWriter(_safe_path(out, "baltmet.sqlite")) as db:
        for name in TABLES:
            rows = to_rows(tables[name])
            with _safe_path(out, f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
                write_csv(name, rows, f)
            with _safe_path(out, f"{name}.json").open("w", encoding="utf-8") as f:
                write_json(rows, f)
            db.insert(name, rows)
            del rows
    _safe_path(out, "validation.json").write_text(
        json.dumps(report(result.validation), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    schema_dir = _safe_path(out, "schema")
    schema_dir.mkdir(exist_ok=True)
    for name in TABLES:
        _safe_path(out, f"schema/{name}.schema.json").write_text(
            json.dumps(table_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _safe_path(out, "datapackage.json").write_text(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
    _safe_path(out, "normalisation_report.html").write_text(render_report(result), encoding="utf-8")
    write_geojson(result.tables, _safe_path(out, "places.geojson"))


#: Frictionless field type -> SQLite column type
SQL_TYPES = {"boolean": "INTEGER", "integer": "INTEGER", "number": "REAL", "string": "TEXT"}


def create_table_sql(name: str) -> list[str]:
    """CREATE TABLE (types and NOT NULL from the data package schema, keys) and its indexes."""
    defs = []
    for f in frictionless_schema(name)["fields"]:
        required = f.get("constraints", {}).get("required") or f["name"] in PRIMARY_KEYS.get(name, [])
        defs.append(f'"{f["name"]}" {SQL_TYPES[f["type"]]}{" NOT NULL" if required else ""}')
    if name in PRIMARY_KEYS:
        defs.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in PRIMARY_KEYS[name]) + ")")
    for col, ref_table, ref_col in FOREIGN_KEYS.get(name, []):
        defs.append(f'FOREIGN KEY ("{col}") REFERENCES "{ref_table}" ("{ref_col}")')
    statements = [f'CREATE TABLE "{name}" ({", ".join(defs)})']
    for col, _, _ in FOREIGN_KEYS.get(name, []):
        if PRIMARY_KEYS.get(name, [None])[0] != col:  # the primary key's index already starts with it
            statements.append(f'CREATE INDEX "{name}_{col}" ON "{name}" ("{col}")')
    return statements


class SqliteWriter:
    """The tables in one SQLite file with primary and foreign keys, rebuilt from scratch and
    moved into place when complete.

    Keys are declared, not enforced while writing: a duplicate id or a dangling reference is
    reported by validation (validation.json) and must not stop the run. Of two rows with the
    same primary key the first is kept; `PRAGMA foreign_key_check` lists dangling references.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")

    def __enter__(self) -> SqliteWriter:
        self.tmp.unlink(missing_ok=True)
        self.con = sqlite3.connect(self.tmp)
        return self

    def insert(self, name: str, rows: list[dict[str, Any]]) -> None:
        for statement in create_table_sql(name):
            self.con.execute(statement)
        cols = columns(name)
        col_list = ", ".join(f'"{c}"' for c in cols)
        self.con.executemany(f'INSERT OR IGNORE INTO "{name}" ({col_list}) VALUES ({", ".join("?" for _ in cols)})',
                             ([_sqlite_value(r.get(c)) for c in cols] for r in rows))

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            if exc_type is None:
                self.con.commit()
        finally:
            self.con.close()
        if exc_type is None:
            self.tmp.replace(self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def write_sqlite(tables: dict[str, list[BaseModel]], path: Path) -> None:
    """The tables in one SQLite file (see `SqliteWriter`)."""
    with SqliteWriter(path) as db:
        for name in TABLES:
            db.insert(name, to_rows(tables[name]))


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return value
