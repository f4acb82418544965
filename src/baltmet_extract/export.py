"""Writing the tables: CSV and JSON per table, validation.json, a SQLite database, a JSON Schema
per table, a Frictionless data package and the HTML normalisation report.

Output is byte-for-byte reproducible: stable row order, no timestamps, fixed float formatting.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from baltmet_extract.models import TABLE_MODELS

if TYPE_CHECKING:
    from baltmet_extract.pipeline import RunResult

TABLES = ["projects", "partners", "places", "milestones", "events", "news", "normalisation", "errors"]

#: primary and foreign keys, for SQLite and the data package
PRIMARY_KEYS: dict[str, list[str]] = {
    "projects": ["project_id"],
    "partners": ["project_id", "position"],
    "events": ["event_id"],
    "news": ["news_id"],
}
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "partners": [("project_id", "projects", "project_id")],
}


def columns(table: str) -> list[str]:
    return list(TABLE_MODELS[table].model_fields)


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


def csv_text(table: str, records: list[BaseModel]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    cols = columns(table)
    writer.writerow(cols)
    for row in to_rows(records):
        writer.writerow([_cell(row.get(c)) for c in cols])
    return buf.getvalue()


def json_text(records: list[BaseModel]) -> str:
    return json.dumps(to_rows(records), ensure_ascii=False, indent=2) + "\n"


def _safe_path(out: Path, name: str) -> Path:
    """A path inside `out`; refuses names that would leave it."""
    path = (out / name).resolve()
    if out.resolve() not in path.parents:
        raise ValueError(f"{name}: output path outside {out}")
    return path


def write_outputs(result: RunResult, out: Path) -> None:
    """Every output file of a run, into `out` (created if missing)."""
    from baltmet_extract.report import render_report
    from baltmet_extract.schema import datapackage, table_schema

    out.mkdir(parents=True, exist_ok=True)
    tables = result.tables.as_dict()
    for name in TABLES:
        records = tables[name]
        _safe_path(out, f"{name}.csv").write_text(csv_text(name, records), encoding="utf-8")
        _safe_path(out, f"{name}.json").write_text(json_text(records), encoding="utf-8")
    _safe_path(out, "validation.json").write_text(
        json.dumps({"valid": not any(p["severity"] == "error" for p in result.validation),
                    "problems": result.validation}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    schema_dir = out / "schema"
    schema_dir.mkdir(exist_ok=True)
    for name in TABLES:
        _safe_path(out, f"schema/{name}.schema.json").write_text(
            json.dumps(table_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _safe_path(out, "datapackage.json").write_text(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
    write_sqlite(tables, _safe_path(out, "baltmet.sqlite"))
    _safe_path(out, "normalisation_report.html").write_text(render_report(result), encoding="utf-8")


def _sql_type(annotation: str) -> str:
    if "bool" in annotation or "int" in annotation:
        return "INTEGER"
    if "float" in annotation:
        return "REAL"
    return "TEXT"


def write_sqlite(tables: dict[str, list[BaseModel]], path: Path) -> None:
    """The tables in one SQLite file with primary and foreign keys, rebuilt from scratch."""
    tmp = path.with_suffix(".sqlite.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        for name in TABLES:
            model = TABLE_MODELS[name]
            defs = [f'"{c}" {_sql_type(str(f.annotation))}' for c, f in model.model_fields.items()]
            if name in PRIMARY_KEYS:
                defs.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in PRIMARY_KEYS[name]) + ")")
            for col, ref_table, ref_col in FOREIGN_KEYS.get(name, []):
                defs.append(f'FOREIGN KEY ("{col}") REFERENCES "{ref_table}" ("{ref_col}")')
            con.execute(f'CREATE TABLE "{name}" ({", ".join(defs)})')
            cols = list(model.model_fields)
            rows = [[_sqlite_value(r.get(c)) for c in cols] for r in to_rows(tables[name])]
            con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in cols)})', rows)
        con.commit()
    finally:
        con.close()
    tmp.replace(path)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return value
