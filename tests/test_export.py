"""Exported files other tools can trust: the Frictionless data package, a JSON Schema per table,
the SQLite database with its keys, the HTML report's escaping, and output paths kept inside --out."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from baltmet_extract.cli import main
from baltmet_extract.export import OutputPathError, _safe_path, write_outputs
from baltmet_extract.models import NewsItem, Partner, Place, Project
from baltmet_extract.results import RunResult
from baltmet_extract.schema import datapackage, table_schema
from baltmet_extract.tables import FOREIGN_KEYS, PRIMARY_KEYS, TABLES, Tables, columns
from baltmet_extract.validate import validate
from utils import Run, annex_dump, fast_gazetteer, run_cli, write_good_annex

__all__ = ["fast_gazetteer"]


@pytest.fixture(scope="module")
def sample(sample_run) -> Run:  # type: ignore[no-untyped-def]
    code, out, err = sample_run
    assert code == 0, err
    return Run(code, out, "", err)


def write_tables(tables: Tables, out: Path) -> RunResult:
    result = RunResult(tables=tables, documents=[], validation=validate(tables, []))
    write_outputs(result, out)
    return result


def broken_tables() -> Tables:
    """A partner of a project that does not exist, and two news items with the same id."""
    riga = {"name": "Riga", "kind": "city", "country": "LV", "geonames_id": 456172, "lat": 56.946, "lon": 24.10589}
    return Tables(
        projects=[Project(project_id="p1", name="P1", source_file="a.txt")],
        partners=[Partner(project_id="p1", position=1, raw="Riga", **riga, role="lead"),  # type: ignore[arg-type]
                  Partner(project_id="ghost", position=1, raw="Riga", **riga)],  # type: ignore[arg-type]
        places=[Place(**riga, mentions=2, projects=2)],  # type: ignore[arg-type]
        news=[NewsItem(news_id="n-1", title="first", source_file="a b.txt"),
              NewsItem(news_id="n-1", title="second", source_file="a-b.txt")],
    )


# --- Frictionless -----------------------------------------------------------------------------------


def test_sample_datapackage_passes_frictionless_validation(sample):
    from frictionless import Package

    report = Package(str(sample.out / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} == set(TABLES) | {"places-geojson"}


def test_datapackage_declares_types_and_keys_from_the_models(sample):
    descriptor = json.loads((sample.out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor == datapackage()
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name in TABLES:
        fields = resources[name]["schema"]["fields"]
        header = (sample.out / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0]
        assert [f["name"] for f in fields] == columns(name) == header.split(",")
        assert resources[name]["schema"].get("primaryKey") == PRIMARY_KEYS.get(name)
    partners = {f["name"]: f for f in resources["partners"]["schema"]["fields"]}
    assert (partners["position"]["type"], partners["score"]["type"], partners["needs_review"]["type"]) == (
        "integer", "number", "boolean")
    assert partners["role"]["constraints"]["enum"] == ["lead", "partner", "observer", "interested"]
    assert resources["partners"]["schema"]["foreignKeys"] == [
        {"fields": "project_id", "reference": {"resource": "projects", "fields": "project_id"}}]


def test_frictionless_finds_a_broken_foreign_key_and_a_duplicate_id(tmp_path):
    from frictionless import Package

    write_tables(broken_tables(), tmp_path)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    types = {e.type for task in report.tasks for e in task.errors}
    assert {"foreign-key", "primary-key"} <= types


# --- JSON Schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLES)
def test_every_json_row_validates_against_its_table_schema(sample, name):
    from jsonschema import Draft202012Validator

    schema = json.loads((sample.out / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema == table_schema(name)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for row in json.loads((sample.out / f"{name}.json").read_text(encoding="utf-8")):
        errors = list(validator.iter_errors(row))
        assert not errors, (row, errors[0].message)


def test_schema_command_prints_every_table_schema():
    out = io.StringIO()
    assert main(["schema"], stdout=out, stderr=io.StringIO()) == 0
    assert json.loads(out.getvalue()) == {name: table_schema(name) for name in TABLES}


# --- SQLite -----------------------------------------------------------------------------------------


def test_sqlite_has_every_table_with_its_rows_and_keys(sample):
    con = sqlite3.connect(sample.out / "baltmet.sqlite")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.execute("PRAGMA foreign_keys = ON")
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        for name in TABLES:
            rows = json.loads((sample.out / f"{name}.json").read_text(encoding="utf-8"))
            assert con.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone() == (len(rows),), name
            info = con.execute(f'PRAGMA table_info("{name}")').fetchall()
            assert [c[1] for c in info] == columns(name)
            assert [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]] == PRIMARY_KEYS.get(name, [])
            declared = [(fk[3], fk[2], fk[4]) for fk in con.execute(f'PRAGMA foreign_key_list("{name}")')]
            assert sorted(declared) == sorted(FOREIGN_KEYS.get(name, []))  # SQLite lists them last first
        types = {c[1]: c[2] for c in con.execute('PRAGMA table_info("partners")')}
        assert (types["role"], types["position"], types["score"], types["needs_review"]) == (
            "TEXT", "INTEGER", "REAL", "INTEGER")
        stored = con.execute("SELECT DISTINCT needs_review, typeof(needs_review) FROM partners").fetchall()
        assert stored and set(stored) <= {(0, "integer"), (1, "integer")}  # true/false as 1/0
        lead = con.execute("SELECT p.name FROM partners p JOIN projects j USING (project_id) "
                           "WHERE j.name = 'BaltMet Inno' AND p.role = 'lead'").fetchall()
        assert lead == [("Helsinki",)]
    finally:
        con.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command is not installed")
def test_sqlite3_command_opens_the_database(sample):
    proc = subprocess.run(["sqlite3", str(sample.out / "baltmet.sqlite"),
                           "PRAGMA foreign_keys=ON; PRAGMA foreign_key_check; SELECT COUNT(*) FROM projects;"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "14"


def test_duplicate_ids_and_orphans_are_reported_not_a_crash(tmp_path):
    result = write_tables(broken_tables(), tmp_path)
    validation = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    assert validation["valid"] is False
    assert validation["summary"]["by_code"] == {"duplicate-id": 1, "orphan-partner": 1}
    assert validation["problems"] == result.validation
    con = sqlite3.connect(tmp_path / "baltmet.sqlite")
    try:
        assert con.execute("SELECT news_id, title FROM news").fetchall() == [("n-1", "first")]
        # the network mirrors the partners, the orphan included
        assert set(con.execute("PRAGMA foreign_key_check").fetchall()) == {("partners", 2, "projects", 0),
                                                                          ("network", 2, "projects", 1)}
    finally:
        con.close()


# --- safety -----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast_gazetteer")
def test_markup_in_documents_shows_as_text_in_the_report(tmp_path):
    path = tmp_path / "xss.txt"
    path.write_text(annex_dump(
        ("Prosperous region", "", "", ""),
        ("<script>alert(1)</script>", "Ongoing", "A project whose name is markup.",
         "Riga (lead), <img src=x onerror=alert(2)>"),
        ("Ragged <b>bold</b> project", "Ongoing", "Three cells."),
    ), encoding="utf-8")
    run = run_cli([path], tmp_path / "out", "--jobs", "1")
    names = [p["name"] for p in run.table("projects")]
    assert "<script>alert(1)</script>" in names
    html = (run.out / "normalisation_report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "<b>bold" not in html
    assert "Content-Security-Policy" in html
    codes = [p["code"] for p in run.json("validation.json")["problems"]]  # type: ignore[index]
    assert "suspicious-value" in codes


@pytest.mark.parametrize("name", ["../escape.csv", "/tmp/escape.csv", "schema/../../escape.csv", "..", "."])
def test_output_paths_never_leave_the_output_folder(tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputPathError, match="outside the output folder"):
        _safe_path(out, name)


def test_output_path_inside_the_folder_is_allowed(tmp_path):
    assert _safe_path(tmp_path, "schema/projects.schema.json") == (tmp_path / "schema/projects.schema.json").resolve()


@pytest.mark.usefixtures("fast_gazetteer")
@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_a_link_in_the_output_folder_is_replaced_never_written_through(tmp_path, link):
    """A file of the output folder that is a link to a file elsewhere: the run writes a new file of
    its own in its place; the file the link pointed to keeps its bytes."""
    outside = tmp_path / "precious.csv"
    outside.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    if link == "symbolic":
        (out / "projects.csv").symlink_to(outside)
    else:
        (out / "projects.csv").hardlink_to(outside)
    run = run_cli([write_good_annex(tmp_path)], out, "--jobs", "1")
    assert run.code == 0, run.stderr
    assert outside.read_text() == "keep me"
    assert not (out / "projects.csv").is_symlink() and (out / "projects.csv").stat().st_nlink == 1
    assert {p["name"] for p in run.table("projects")} == {"Baltic Good Practice", "Harbour Link"}


def test_json_rows_are_the_bytes_json_dumps_gives_whatever_the_values():
    import io
    import json
    import random

    from baltmet_extract.export import write_json

    rng = random.Random(1)
    values = ["", "a\nb", "Gdańsk", "line\u2028separator", "next\x85line", '"quoted"', "\\", "\x00", 0, -3, 10**20,
              1.5, -0.0, 1e300, 1 / 3, True, False, None, float("nan"), float("inf"), [1, "x\u2028y"],
              {"a": [1, {"b": None}]}, [], {}]
    rows = [{f"k{j}": rng.choice(values) for j in range(rng.randint(0, 6))} for _ in range(2000)]
    rows += [{"x": v} for v in values]
    buf = io.StringIO()
    write_json(rows, buf)
    assert buf.getvalue() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(buf.getvalue())[-len(values) + 3]["x"] == "line\u2028separator"  # no spaces put into a value


def test_flat_json_rows_are_the_bytes_json_dumps_gives():
    import io
    import json
    import random

    from baltmet_extract.export import write_json

    rng = random.Random(2)
    values = ["", "a\nb", "},\n    {", "}", "{", "Gdańsk", "line\u2028separator", '"quoted"', "\\", "\x00", 0, -3,
              10**20, 1.5, -0.0, 1e300, 1 / 3, True, False, None, float("nan"), float("inf")]
    for n in (1, 2, 500, 4001):
        rows = [{f"k{j}": rng.choice(values) for j in range(rng.randint(1, 7))} for _ in range(n)]
        buf = io.StringIO()
        write_json(rows, buf, flat=True)
        assert buf.getvalue() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buf = io.StringIO()
    write_json([], buf, flat=True)
    assert buf.getvalue() == "[]\n"


def test_every_table_model_field_is_a_json_scalar():
    # write_tables writes the tables' rows as flat JSON (write_json(flat=True)): a field holding a
    # list or a mapping would be written on one line
    import datetime
    import types
    import typing

    from baltmet_extract.models import TABLE_MODELS

    scalars = {str, int, float, bool, type(None), datetime.date}
    for name, model in TABLE_MODELS.items():
        for field, info in model.model_fields.items():
            kinds = typing.get_args(info.annotation) if isinstance(info.annotation, types.UnionType) or \
                typing.get_origin(info.annotation) is typing.Union else (info.annotation,)
            kinds = tuple(type(k.__args__[0]) if typing.get_origin(k) is typing.Literal else k for k in kinds)
            assert set(kinds) <= scalars, (name, field, info.annotation)


def test_json_documents_are_the_bytes_json_dumps_gives():
    import random

    from baltmet_extract.export import _json

    rng = random.Random(2)
    plain = ["", "a\nb", "Gdańsk", "x\u2028y", '"', "\\", 0, -3, 1.5, 1e300, True, False, None, float("nan")]

    def value(depth: int) -> object:
        r = rng.random()
        if depth > 3 or r < 0.4:
            return rng.choice(plain)
        if r < 0.7:
            return {f"{rng.choice(['a', 'b', 'ł'])}{i}": value(depth + 1) for i in range(rng.randint(0, 4))}
        if r < 0.8:
            return {1: "x", None: 2} if rng.random() < 0.5 else tuple(value(depth + 1) for _ in range(rng.randint(0, 3)))
        return [value(depth + 1) for _ in range(rng.randint(0, 4))]

    for _ in range(2000):
        v = value(0)
        assert _json(v) == json.dumps(v, ensure_ascii=False, indent=2) + "\n", v


@pytest.mark.parametrize("raw", [False, True])
def test_csv_columns_are_written_as_each_cell_would_be(raw):
    # write_csv formats column by column (a column with nothing to format goes to the writer as
    # it is); every cell must be what ExportOptions.cell makes of its value, formula guard included
    import csv
    import io
    import random

    from baltmet_extract.export import ExportOptions, write_csv
    from baltmet_extract.tables import columns

    options = ExportOptions(csv_raw=raw)
    cols = columns("copartners")
    pools = [["geonames:1", "=HYPERLINK(1)", "-3.7", "+x", "@a", "\tx", "plain, with comma", 'say "hi"', "",
              None],
             ["Gdańsk", "x\ny", None], [1, 0, -5, 10**20, None], [True, False, None], [1.5, -0.25, 1234.5678, None],
             ["a", 3, None, True]]
    rng = random.Random(3)
    kinds = [pools[0]] + [rng.choice(pools) for _ in cols[1:]]
    assert len({id(k) for k in kinds}) > 3
    rows = [{c: rng.choice(pool) for c, pool in zip(cols, kinds)} for _ in range(300)]
    rows += [{c: pool[0] for c, pool in zip(cols, kinds)}]
    buf = io.StringIO()
    write_csv("copartners", rows, buf, options)
    got = list(csv.reader(io.StringIO(buf.getvalue())))
    assert got[0] == cols
    assert got[1:] == [[options.cell(r[c]) for c in cols] for r in rows]
    assert ("'=HYPERLINK(1)" in [row[0] for row in got[1:]]) is not raw
