"""The Python API with pandas (issue #13): `bx.extract(...).to_pandas()` and `bx.load(folder)` give
one DataFrame per table with the same dtypes and rows as the CSVs."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import baltmet_extract as bx
from baltmet_extract import api
from baltmet_extract.export import write_outputs
from baltmet_extract.frames import OutputFolderError
from baltmet_extract.models import (
    EVENT_KINDS,
    METHODS,
    PARTNER_KINDS,
    ROLES,
    STATUSES,
    NormalisationRow,
    Project,
)
from baltmet_extract.results import RunResult
from baltmet_extract.tables import TABLES, Tables, columns
from conftest import RAW

#: the five dtypes a frame may hold (issue #13); anything else (object, numpy int64/float64) is a defect
DTYPE_KINDS = {"Int64", "Float64", "boolean", "category", "string"}


@pytest.fixture(scope="module")
def extracted() -> dict[str, pd.DataFrame]:
    return bx.extract([RAW], {"jobs": 1}).to_pandas()


@pytest.fixture(scope="module")
def out(sample_run) -> Path:  # type: ignore[no-untyped-def]
    code, folder, err = sample_run
    assert code == 0, err
    return folder


@pytest.fixture(scope="module")
def loaded(out: Path) -> dict[str, pd.DataFrame]:
    return bx.load(out)


def csv_rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_api_names_extract_run_and_load():
    assert {"extract", "run", "load"} <= set(bx.__all__)
    assert bx.load is api.load and bx.extract is api.extract and bx.run is api.run


def test_importing_the_package_does_not_import_pandas():
    proc = subprocess.run([sys.executable, "-c", "import sys, baltmet_extract; print('pandas' in sys.modules)"],
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr


@pytest.mark.parametrize("source", ["extracted", "loaded"])
def test_one_frame_per_table_with_the_rows_and_columns_of_its_csv(source, request, out):
    frames = request.getfixturevalue(source)
    assert list(frames) == TABLES
    for name in TABLES:
        rows = csv_rows(out, name)
        assert len(frames[name]) == len(rows), name
        assert list(frames[name].columns) == columns(name)
        assert {str(t) for t in frames[name].dtypes} <= DTYPE_KINDS, (name, dict(frames[name].dtypes))
    assert len(frames["partners"]) == 101 and len(frames["projects"]) == 14


@pytest.mark.parametrize("source", ["extracted", "loaded"])
def test_dtypes_ids_and_pages_int64_flags_boolean_enums_category_text_string(source, request):
    frames = request.getfixturevalue(source)
    expected = {
        ("partners", "geonames_id"): "Int64", ("partners", "position"): "Int64", ("partners", "source_page"): "Int64",
        ("projects", "source_row"): "Int64", ("places", "geonames_id"): "Int64", ("places", "mentions"): "Int64",
        ("events", "place_geonames_id"): "Int64", ("news", "place_geonames_id"): "Int64",
        ("milestones", "milestone"): "Int64", ("errors", "source_row"): "Int64", ("copartners", "projects"): "Int64",
        ("partners", "needs_review"): "boolean", ("projects", "partners_tbc"): "boolean",
        ("events", "date_inferred"): "boolean", ("network", "needs_review"): "boolean",
        ("partners", "lat"): "Float64", ("partners", "score"): "Float64",
        ("projects", "project_id"): "string", ("partners", "raw"): "string", ("events", "date_start"): "string",
        ("places", "place_id"): "string", ("errors", "message"): "string",
    }
    for (table, col), dtype in expected.items():
        assert str(frames[table][col].dtype) == dtype, (table, col, frames[table][col].dtype)
    categories = {("projects", "status"): STATUSES, ("partners", "kind"): PARTNER_KINDS,
                  ("partners", "role"): ROLES, ("partners", "method"): METHODS, ("events", "kind"): EVENT_KINDS,
                  ("normalisation", "method"): METHODS, ("network", "role"): ROLES, ("places", "kind"): PARTNER_KINDS}
    for (table, col), values in categories.items():
        dtype = frames[table][col].dtype
        assert isinstance(dtype, pd.CategoricalDtype), (table, col)
        assert list(dtype.categories) == values, (table, col)


def test_values_match_the_csv(loaded, out):
    partners = loaded["partners"]
    rows = csv_rows(out, "partners")
    first = partners.iloc[0]
    assert (first["project_id"], first["position"], first["name"], first["role"]) == (
        rows[0]["project_id"], int(rows[0]["position"]), rows[0]["name"], rows[0]["role"])
    assert partners["needs_review"].sum() == sum(r["needs_review"] == "true" for r in rows)
    assert partners["geonames_id"].isna().sum() == sum(r["geonames_id"] == "" for r in rows)
    helsinki = partners[partners["name"] == "Helsinki"]
    assert set(helsinki["geonames_id"]) == {658225}


def test_extract_to_pandas_equals_the_output_folder_read_back(extracted, loaded):
    for name in TABLES:
        # CSV writes numbers with six significant digits
        pd.testing.assert_frame_equal(extracted[name], loaded[name], check_exact=False, rtol=1e-5, obj=name)


def test_empty_strings_are_missing_as_in_the_csv():
    rows = [NormalisationRow(raw="Riga", name="Riga", candidates="", reason="exact")]
    frames = RunResult(tables=Tables(normalisation=rows), documents=[]).to_pandas()
    assert frames["normalisation"]["candidates"].isna().all()
    assert frames["normalisation"].loc[0, "reason"] == "exact"


def test_empty_run_gives_empty_frames_with_the_same_dtypes(tmp_path, loaded):
    result = RunResult(tables=Tables(), documents=[])
    frames = result.to_pandas()
    write_outputs(result, tmp_path)
    back = bx.load(tmp_path)
    for name in TABLES:
        assert len(frames[name]) == len(back[name]) == 0, name
        assert dict(frames[name].dtypes) == dict(back[name].dtypes) == dict(loaded[name].dtypes), name


def test_text_that_looks_like_a_number_or_a_flag_stays_text(tmp_path):
    """What pandas would guess wrongly without the data package: `007`, `NA`, `true` as names."""
    projects = [Project(project_id="007", name="NA", full_title="true", source_file="a.txt", source_row=3)]
    result = RunResult(tables=Tables(projects=projects), documents=[])
    write_outputs(result, tmp_path)
    for frames in (bx.load(tmp_path), result.to_pandas()):
        row = frames["projects"].iloc[0]
        assert (row["project_id"], row["name"], row["full_title"]) == ("007", "NA", "true")
        assert row["source_row"] == 3 and pd.isna(row["source_page"])


def test_load_takes_its_types_from_the_data_package(tmp_path, out):
    """An output folder is read as its datapackage.json says, not as today's code would write it."""
    for f in ("datapackage.json", "projects.csv", "partners.csv"):
        (tmp_path / f).write_bytes((out / f).read_bytes())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in ("projects", "partners")]
    partners = descriptor["resources"][1]["schema"]
    score = next(f for f in partners["fields"] if f["name"] == "score")
    score["type"] = "string"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    frames = bx.load(tmp_path)
    assert list(frames) == ["projects", "partners"]
    assert str(frames["partners"]["score"].dtype) == "string"
    assert frames["partners"]["score"].iloc[0] == csv_rows(out, "partners")[0]["score"]


def test_load_of_a_folder_without_a_data_package_names_it(tmp_path):
    with pytest.raises(OutputFolderError, match="no datapackage.json"):
        bx.load(tmp_path)
    with pytest.raises(OutputFolderError, match="no such folder"):
        bx.load(tmp_path / "missing")


def test_load_refuses_a_resource_outside_the_folder(tmp_path, out):
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [dict(descriptor["resources"][0], path="../projects.csv")]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(OutputFolderError, match="outside the folder"):
        bx.load(tmp_path)


def test_load_names_a_csv_that_does_not_match_its_schema(tmp_path, out):
    for f in out.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "datapackage.json").write_bytes((out / "datapackage.json").read_bytes())
    text = (tmp_path / "partners.csv").read_text(encoding="utf-8").replace("josefin,1,", "josefin,first,", 1)
    (tmp_path / "partners.csv").write_text(text, encoding="utf-8")
    with pytest.raises(OutputFolderError, match="partners.csv: does not match its schema"):
        bx.load(tmp_path)
    (tmp_path / "projects.csv").unlink()
    with pytest.raises(OutputFolderError, match="projects.csv: missing"):
        bx.load(tmp_path)


def test_the_readme_shows_the_api_with_pandas():
    readme = (RAW.parent / "README.md").read_text(encoding="utf-8")
    for snippet in ("import baltmet_extract as bx", "bx.extract([", ".to_pandas()", "bx.load(", "bx.run(",
                    "`Int64`", "`boolean`", "`category`", "`string`"):
        assert snippet in readme, snippet


def test_a_run_leaves_nothing_frozen_from_the_garbage_collector(tmp_path):
    """The run freezes the gazetteer's objects for speed; a process that runs many extractions
    (the review server's "Apply", a notebook, the tests) must get them back when it drops a run,
    else each run's garbage in cycles stays for good (the test suite had grown past 20 GB)."""
    import gc

    gc.unfreeze()
    bx.run([RAW], tmp_path / "out", {"jobs": 1})
    assert gc.get_freeze_count() == 0
