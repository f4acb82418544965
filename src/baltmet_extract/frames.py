"""The tables as pandas DataFrames: from a run's records (`to_pandas`) or from an output folder's
data package (`read_datapackage`), with the same dtypes either way.

Dtypes follow the data package's field types: integers (ids, pages, positions, counts) are
nullable `Int64`, numbers `Float64`, booleans `boolean`, a string with a fixed set of values
(status, kind, role, method, source_kind) a `category` with those values as its categories, any
other string `string`. An empty value is missing (`<NA>`), as the data package says of an empty
CSV cell, so a frame made from records equals the one read back from its CSV.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from baltmet_extract.errors import BaltmetError
from baltmet_extract.schema import frictionless_schema
from baltmet_extract.tables import TABLES, Tables, columns


class OutputFolderError(BaltmetError):
    """A folder that holds no readable output of baltmet-extract."""


def field_dtype(field: dict[str, Any]) -> Any:
    """The pandas dtype of a data package field."""
    kind = field.get("type", "string")
    if kind == "integer":
        return "Int64"
    if kind == "number":
        return "Float64"
    if kind == "boolean":
        return "boolean"
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return pd.CategoricalDtype(categories=list(enum), ordered=False)
    return "string"


def table_dtypes(fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {f["name"]: field_dtype(f) for f in fields}


def frame(name: str, records: list[Any]) -> pd.DataFrame:
    """One table's records as a DataFrame with the data package's dtypes."""
    cols = columns(name)
    rows = [r.model_dump(mode="json") for r in records]
    df = pd.DataFrame.from_records(rows, columns=cols) if rows else pd.DataFrame(columns=cols)
    # an empty string is a missing value in the CSV and the data package; the same here
    df = df.replace({"": None})
    return df.astype(table_dtypes(frictionless_schema(name)["fields"]))


def to_pandas(tables: Tables) -> dict[str, pd.DataFrame]:
    """Every table as a DataFrame, in contract order."""
    records = tables.as_dict()
    return {name: frame(name, records[name]) for name in TABLES}


def read_datapackage(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of an output folder, read with the types its datapackage.json declares."""
    root = Path(folder)
    descriptor_path = root / "datapackage.json"
    if not descriptor_path.is_file():
        what = "no such folder" if not root.exists() else "no datapackage.json in it"
        raise OutputFolderError(f"{root}: {what}; give the --out folder of a baltmet-extract run")
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutputFolderError(f"{descriptor_path}: not a readable data package: {exc}") from exc
    frames: dict[str, pd.DataFrame] = {}
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema")
        if not isinstance(schema, dict) or resource.get("format", "csv") != "csv":
            continue  # places.geojson and any other file that is no table
        frames[resource["name"]] = _read_table(root, resource, schema)
    return frames


def _read_table(root: Path, resource: dict[str, Any], schema: dict[str, Any]) -> pd.DataFrame:
    name, rel = resource["name"], str(resource.get("path", ""))
    path = (root / rel).resolve()
    if Path(rel).is_absolute() or root.resolve() not in path.parents:
        raise OutputFolderError(f"{root / 'datapackage.json'}: resource {name!r} points outside the folder ({rel})")
    if not path.is_file():
        raise OutputFolderError(f"{path}: missing, though datapackage.json lists it")
    fields = schema.get("fields", [])
    true_values = sorted({v for f in fields for v in f.get("trueValues", ["true"])})
    false_values = sorted({v for f in fields for v in f.get("falseValues", ["false"])})
    try:
        return pd.read_csv(path, dtype=table_dtypes(fields), encoding=resource.get("encoding", "utf-8"),
                           keep_default_na=False, na_values=schema.get("missingValues", [""]),
                           true_values=true_values, false_values=false_values)
    except (ValueError, UnicodeDecodeError) as exc:
        raise OutputFolderError(f"{path}: does not match its schema in datapackage.json: {exc}") from exc
