"""Schemas derived from the pydantic models: JSON Schema per table and a Frictionless data package."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from baltmet_extract._version import __version__
from baltmet_extract.models import TABLE_MODELS
from baltmet_extract.tables import FOREIGN_KEYS, PRIMARY_KEYS, TABLE_DESCRIPTIONS, TABLES


@cache
def _model_schema(name: str) -> dict[str, Any]:
    return TABLE_MODELS[name].model_json_schema()


def model_schema(name: str) -> dict[str, Any]:
    """The pydantic JSON Schema of a table's model (a copy: callers may change it)."""
    return copy.deepcopy(_model_schema(name))


def table_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one row of a table."""
    schema = model_schema(name)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = TABLE_DESCRIPTIONS[name]
    return schema


def _field_type(prop: dict[str, Any]) -> str:
    types = {p.get("type") for p in prop.get("anyOf", [prop])}
    if "boolean" in types:
        return "boolean"
    if "integer" in types:
        return "integer"
    if "number" in types:
        return "number"
    return "string"


def frictionless_schema(name: str) -> dict[str, Any]:
    model = model_schema(name)
    props = model["properties"]
    required = set(model.get("required", []))
    fields = []
    for col, prop in props.items():
        f: dict[str, Any] = {"name": col, "type": _field_type(prop)}
        if f["type"] == "boolean":
            f["trueValues"], f["falseValues"] = ["true"], ["false"]
        enum = prop.get("enum") or next((p.get("enum") for p in prop.get("anyOf", []) if p.get("enum")), None)
        constraints: dict[str, Any] = {}
        if enum:
            constraints["enum"] = enum
        if col in required:
            constraints["required"] = True
        if constraints:
            f["constraints"] = constraints
        fields.append(f)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[name]
    if name in FOREIGN_KEYS:
        # a reference to the table itself is written with an empty resource name (Table Schema spec)
        schema["foreignKeys"] = [{"fields": col, "reference": {"resource": "" if ref == name else ref, "fields": ref_col}}
                                 for col, ref, ref_col in FOREIGN_KEYS[name]]
    return schema


#: the files of the data package that are no table: (resource name, path, format, media type, description)
OTHER_RESOURCES = [
    ("places-geojson", "places.geojson", "geojson", "application/geo+json",
     "The places table as a GeoJSON FeatureCollection (RFC 7946, longitude first): one feature per place, "
     "id = place_id, a Point where the place has coordinates (else geometry null), with the ids of its "
     "projects, events and news items."),
]


def datapackage() -> dict[str, Any]:
    """The Frictionless data package descriptor: the CSV tables with their schemas and keys, and
    places.geojson (a data package rather than a tabular one, since the map is no table)."""
    tables = [{"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
               "mediatype": "text/csv", "encoding": "utf-8", "description": TABLE_DESCRIPTIONS[name],
               "schema": frictionless_schema(name)}
              for name in TABLES]
    others = [{"name": name, "path": path, "profile": "data-resource", "format": fmt, "mediatype": mediatype,
               "encoding": "utf-8", "description": description}
              for name, path, fmt, mediatype, description in OTHER_RESOURCES]
    return {
        "name": "baltmet-extract-output",
        "title": "Baltic Sea Region city cooperation: projects, partners, places, events",
        "version": __version__,
        "profile": "data-package",
        "resources": tables + others,
    }
