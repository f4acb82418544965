"""Writing the tables: CSV and JSON per table, validation.json, a SQLite database, a JSON Schema
per table, a Frictionless data package and the HTML normalisation report.

Every file is written into a staging folder and the folder is switched in whole (`publish`).
Output is byte-for-byte reproducible: stable row order, no timestamps, fixed float formatting.

CSV cells are spreadsheet-safe (OWASP "CSV injection"): a text cell that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return gets a `'` in front, so a spreadsheet shows it instead of
running it as a formula. Numbers (`-3.7`, a longitude) are left alone, written from numbers or
written as text that reads as a number; ids, dates, names and keys never start with those
characters unless a document put them there. JSON and SQLite keep every value as written;
`csv_raw=True` (`--csv-raw`) writes CSV cells as they are.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, TypeAdapter

from baltmet_extract.csvsafe import FORMULA_STARTS, csv_value, spreadsheet_safe
from baltmet_extract.geo import write_geojson
from baltmet_extract.publish import OutputFolder, OutputPathError
from baltmet_extract.report import render_report
from baltmet_extract.results import RunResult
from baltmet_extract.run_record import RUN_FILE, run_record_text
from baltmet_extract.schema import datapackage, frictionless_schema, table_schema
from baltmet_extract.tables import FOREIGN_KEYS, PRIMARY_KEYS, TABLES, columns
from baltmet_extract.validate import report

__all__ = ["OutputPathError", "ExportOptions", "WRITERS", "csv_value", "open_output", "output_names",
           "spreadsheet_safe", "write_outputs"]

@dataclass(frozen=True)
class ExportOptions:
    """How the files are written: `csv_raw` leaves CSV cells as they are (no `'` before formulas)."""

    csv_raw: bool = False

    def cell(self, value: Any) -> str:
        """A value as a CSV cell: formatted (`_cell`), and spreadsheet-safe unless `csv_raw`."""
        text = _cell(value)
        return text if self.csv_raw or not isinstance(value, str) else spreadsheet_safe(text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1000 else f"{value:.1f}"
    return str(value)


def _csv_cell_of(options: ExportOptions) -> Callable[[Any], str]:
    """`options.cell`, with the common case (a text that starts like no formula) answered first:
    every cell of every table passes here."""
    if options.csv_raw:
        return _cell
    formula_starts = FORMULA_STARTS

    def cell(value: Any) -> str:
        if value.__class__ is str and not value.startswith(formula_starts):
            return value
        return options.cell(value)

    return cell


def to_rows(records: list[BaseModel]) -> list[dict[str, Any]]:
    """Each record as a dict of JSON values (`model_dump(mode="json")`); records of one model are
    dumped in one call of pydantic's serializer, half the time of one call each."""
    if not records:
        return []
    model = records[0].__class__
    if all(r.__class__ is model for r in records):
        return _list_adapter(model).dump_python(records, mode="json")  # type: ignore[no-any-return]
    return [r.model_dump(mode="json") for r in records]


@lru_cache(maxsize=64)
def _list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def write_csv(table: str, rows: list[dict[str, Any]], f: TextIO, options: ExportOptions | None = None) -> None:
    """The rows as CSV with a header row; spreadsheet-safe unless `options.csv_raw`.

    Formatted column by column: a column of texts, whole numbers and empty values that no formula
    start needs guarding in goes to the CSV writer as it is (it writes them as `_cell` does), a
    column of true/false through a table, any other through `cell` value by value."""
    options = options or ExportOptions()
    cell = _csv_cell_of(options)
    writer = csv.writer(f, lineterminator="\n")
    cols = columns(table)
    writer.writerow(cols)
    if not rows:
        return
    out = []
    for c in cols:
        col: list[Any] = [row.get(c) for row in rows]
        kinds = set(map(type, col))
        if kinds <= _AS_IS:
            if str in kinds and not options.csv_raw:
                texts: list[str] = col if len(kinds) == 1 else [v for v in col if v.__class__ is str]
                if any(map(str.startswith, texts, repeat(FORMULA_STARTS))):
                    col = list(map(cell, col))
        elif kinds <= _TRUTHS:
            col = list(map(_TRUTH_CELLS.__getitem__, col))
        else:
            col = list(map(cell, col))
        out.append(col)
    writer.writerows(zip(*out, strict=True))


#: classes of values the CSV writer writes as `_cell` does (None as "", a whole number in digits)
_AS_IS = frozenset((str, int, type(None)))
_TRUTHS = frozenset((bool, type(None)))
_TRUTH_CELLS = {v: _cell(v) for v in (True, False, None)}


def write_json(rows: list[dict[str, Any]], f: TextIO, flat: bool = False) -> None:
    """The rows as a JSON array; the same bytes as `json.dumps(rows, indent=2, ensure_ascii=False)`.

    `flat`: the caller knows every value is a JSON scalar (a table's rows): then json's C encoder
    writes them all in one call, with the line breaks and indents of `indent=2` as its separators
    (with `indent` json falls back to its Python encoder; twice as slow on a big table)."""
    if not rows:
        f.write("[]\n")
        return
    if flat:
        # a line break is only ever a separator (one inside a text is written "\\n"), and "}"
        # before one, "{" after it, only a row's end and start: values are scalars. Encoded a
        # few thousand rows at a time: one text for a table of 60,000 rows would take 30-80 MB
        f.write("[\n")
        for start in range(0, len(rows), _FLAT_CHUNK):
            text = _FLAT_ROWS.encode(rows[start:start + _FLAT_CHUNK])
            f.write(",\n  {\n    " if start else "  {\n    ")
            f.write(text[2:-2].replace("},\n    {", "\n  },\n  {\n    "))
            f.write("\n  }")
        f.write("\n]\n")
        return
    f.write("[\n")
    for i, row in enumerate(rows):
        f.write("  " + _indented(row, "  "))
        f.write(",\n" if i + 1 < len(rows) else "\n")
    f.write("]\n")


#: json's C encoder with the separators of rows at depth one (see `write_json`)
_FLAT_ROWS = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": "))
_FLAT_CHUNK = 2000
_SCALARS = (str, int, float, type(None))
#: the classes `_json_scalar` writes itself
_PLAIN = frozenset((str, int, float, bool, type(None)))


@lru_cache(maxsize=1024)
def _json_key(key: str) -> str:
    return encode_basestring(key)


def _json_scalar(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False)` of a plain value, without building an encoder."""
    if value.__class__ is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value.__class__ is float:
        if value != value:
            return "NaN"
        if value in (_INFINITY, -_INFINITY):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    if value.__class__ is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)  # (subclasses, as json itself writes them)


_INFINITY = float("inf")


def csv_text(table: str, records: list[BaseModel], options: ExportOptions | None = None) -> str:
    buf = io.StringIO()
    write_csv(table, to_rows(records), buf, options)
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


def _write_text(folder: Path, name: str, text: str) -> None:
    with _safe_path(folder, name).open("x", encoding="utf-8") as f:  # "x": a file of our own, never an old one
        f.write(text)


def _json(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)` and a line end."""
    return _indented(data, "") + "\n"


def _indented(value: Any, indent: str) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)` as it stands at `indent` in a larger
    document, written value by value (`indent` sends `json.dumps` to its Python encoder, ten times
    slower; every row of every table passes here)."""
    if value.__class__ is dict and all(k.__class__ is str for k in value):
        if not value:
            return "{}"
        inner = indent + "  "
        key, plain, scalar = _json_key, _PLAIN, _json_scalar
        return "{\n" + ",\n".join(
            f"{inner}{key(k)}: {scalar(v) if v.__class__ in plain else _indented(v, inner)}" for k, v in value.items()
        ) + f"\n{indent}}}"
    if value.__class__ in (list, tuple):
        if not value:
            return "[]"
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + f"\n{indent}]"
    if isinstance(value, _SCALARS):
        return _json_scalar(value)
    # (mappings with keys other than text, subclasses: as json writes them, indented to the place;
    # its own line breaks are JSON's only "\n", where `textwrap.indent` would also break lines at a
    # U+2028 or U+0085 inside a value, and put spaces into the value)
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


# --- the writers: each writes its files into a fresh (staging) folder -----------------------------


def write_tables(result: RunResult, folder: Path, options: ExportOptions) -> None:
    """Each table as NAME.csv and NAME.json, and all of them in baltmet.sqlite."""
    tables = result.tables.as_dict()
    # each table is turned into plain rows once and streamed to CSV, JSON and SQLite, so a big
    # corpus holds one table's rows at a time beside the records, not three copies as text
    with SqliteWriter(_safe_path(folder, "baltmet.sqlite")) as db:
        for name in TABLES:
            rows = to_rows(tables[name])
            with _safe_path(folder, f"{name}.csv").open("x", encoding="utf-8", newline="") as f:
                write_csv(name, rows, f, options)
            with _safe_path(folder, f"{name}.json").open("x", encoding="utf-8") as f:
                write_json(rows, f, flat=True)  # (the table models' fields are all scalars)
            db.insert(name, rows)
            del rows


def write_validation(result: RunResult, folder: Path, options: ExportOptions) -> None:
    _write_text(folder, "validation.json", _json(report(result.validation)))


def write_schemas(result: RunResult, folder: Path, options: ExportOptions) -> None:
    _safe_path(folder, "schema").mkdir(exist_ok=True)
    for name in TABLES:
        _write_text(folder, f"schema/{name}.schema.json", _json(table_schema(name)))


def write_datapackage(result: RunResult, folder: Path, options: ExportOptions) -> None:
    _write_text(folder, "datapackage.json", _json(datapackage()))


def write_report(result: RunResult, folder: Path, options: ExportOptions) -> None:
    _write_text(folder, "normalisation_report.html", render_report(result))


def write_run_record(result: RunResult, folder: Path, options: ExportOptions) -> None:
    if result.inputs:  # a run through `run` (the CLI, the API), not tables put together by hand
        _write_text(folder, RUN_FILE, run_record_text(result.inputs, result.rules_dir))


def write_places_geojson(result: RunResult, folder: Path, options: ExportOptions) -> None:
    write_geojson(result.tables, _safe_path(folder, "places.geojson"))


#: Every writer of a run's files, in order; a new output file is a new writer here.
WRITERS: list[Callable[[RunResult, Path, ExportOptions], None]] = [
    write_tables,
    write_validation,
    write_schemas,
    write_datapackage,
    write_report,
    write_places_geojson,
    write_run_record,
]


def output_names() -> set[str]:
    """The files the writers write (as of this version), so a folder of them is recognised as ours."""
    names = {f"{name}.{ext}" for name in TABLES for ext in ("csv", "json")}
    names |= {f"schema/{name}.schema.json" for name in TABLES}
    return names | {"baltmet.sqlite", "validation.json", "datapackage.json", "normalisation_report.html",
                    "places.geojson", RUN_FILE}


def open_output(out: str | Path, inputs: Sequence[str | Path] = (), force: bool = False) -> OutputFolder:
    """The output folder of a run, to use as a `with` block around the run: checked (`publish.
    check_out_path`: not `/`, home, an input...), locked against other runs, and refused when
    it holds files the tool did not write unless `force` (see `publish.OutputFolder`)."""
    return OutputFolder(Path(out), inputs=inputs, known=output_names(), force=force)


def write_outputs(result: RunResult, out: str | Path | OutputFolder, csv_raw: bool = False) -> None:
    """Every output file of a run, written into a staging folder and switched in as `out` whole.

    `out` is a folder (created if missing; checked and locked for this call) or an `OutputFolder`
    already open (`open_output`), as a run that holds the lock from its start uses."""
    if not isinstance(out, OutputFolder):
        with open_output(out) as folder:
            write_outputs(result, folder, csv_raw)
        return
    staging = out.staging()
    options = ExportOptions(csv_raw=csv_raw)
    for writer in WRITERS:
        writer(result, staging, options)
    out.publish()


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
        # (sqlite3 binds True and False as the integers 1 and 0 itself)
        self.con.executemany(f'INSERT OR IGNORE INTO "{name}" ({col_list}) VALUES ({", ".join("?" for _ in cols)})',
                             zip(*[[r.get(c) for r in rows] for c in cols], strict=True))

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

