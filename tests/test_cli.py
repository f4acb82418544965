"""The command line: the sample run, exit codes, help, and the installed entry point."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from baltmet_extract.cli import main
from baltmet_extract.tables import TABLES
from conftest import RAW, ROOT
from helpers import by, read_table


def test_sample_run_exits_zero_and_writes_every_table(sample_run):
    code, out, err = sample_run
    assert code == 0, err
    for name in TABLES:
        assert (out / f"{name}.csv").exists(), name
        rows = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert isinstance(rows, list)
    for extra in ("baltmet.sqlite", "datapackage.json", "normalisation_report.html", "validation.json"):
        assert (out / extra).exists(), extra
    assert "14 projects" in err


def test_sample_projects_have_the_contract_values(sample_run):
    _, out, _ = sample_run
    projects = by(read_table(out, "projects"), "name")
    inno = projects["BaltMet Inno"]
    assert (inno["status"], inno["status_date"], inno["funding"]) == ("completed", "2007-12", "Interreg IIIB")
    assert inno["objective"] == "Prosperous region"
    assert "inno.baltmet.org" in inno["url"]
    assert projects["Baltic Sea Challenge"]["objective"] == "Environmentally sustainable region"
    assert projects["BaltMet Procure"]["partners_tbc"] == "true"
    assert projects["Scandria"]["partners_incomplete"] == "true"
    assert projects["Sonora"]["full_title"] == "South North Axis"
    assert "increasing public demand for creative services" in projects["Creative Metropoles"]["description"]
    oder = next(p for name, p in projects.items() if name.lower().startswith("oder"))
    assert oder["needs_review"] == "true"
    assert oder["objective"] == "Other relevant examples of inter-regional cooperation"


def test_sample_partners_resolve_misspellings_with_roles(sample_run):
    _, out, _ = sample_run
    partners = read_table(out, "partners")
    josefin = {p["raw"]: p for p in partners if p["project_id"] == "josefin"}
    assert josefin["Sczeczin"]["geonames_id"] == "3083829"
    assert josefin["Sczeczin"]["needs_review"] == "true"  # fuzzy: a person confirms it
    assert josefin["Region Dalarnas"]["iso3166_2"] == "SE-W"
    assert josefin["Berlin"]["role"] == "lead"
    inno = [p for p in partners if p["project_id"] == "baltmet-inno"]
    assert [p["role"] for p in inno].count("observer") == 4
    assert [int(p["position"]) for p in inno] == list(range(1, len(inno) + 1))
    sonora = {p["raw"]: p for p in partners if p["project_id"] == "sonora"}
    assert sonora["Berlin-Brandenburg"]["iso3166_2"] == "DE-BE;DE-BB"


def test_every_partner_row_carries_method_score_and_review_flag(sample_run):
    _, out, _ = sample_run
    for p in read_table(out, "partners"):
        assert p["method"] in ("exact", "alias", "rule", "fuzzy", "ner", "review", "unresolved")
        assert 0 <= float(p["score"]) <= 100
        assert p["needs_review"] in ("true", "false")
        assert p["source_file"] and p["source_row"]


def test_missing_input_is_a_usage_error(tmp_path):
    err = io.StringIO()
    code = main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "o")], stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "no such file or folder" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_unknown_option_is_a_usage_error(tmp_path):
    err = io.StringIO()
    assert main(["extract", str(RAW), "--frobnicate"], stdout=io.StringIO(), stderr=err) == 2


def test_bad_executor_is_a_usage_error(tmp_path):
    err = io.StringIO()
    code = main(["extract", str(RAW), "--out", str(tmp_path), "--executor", "spark"], stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "executor must be one of" in err.getvalue()


def test_help_explains_every_command():
    for args in (["--help"], ["extract", "--help"], ["review", "--help"], ["schema", "--help"], ["inspect", "--help"]):
        out = io.StringIO()
        code = main(args, stdout=out, stderr=io.StringIO())
        assert code == 0


def test_schema_command_prints_json_schema():
    out = io.StringIO()
    assert main(["schema", "partners"], stdout=out, stderr=io.StringIO()) == 0
    schema = json.loads(out.getvalue())
    assert "needs_review" in schema["properties"]


def test_installed_entry_point_runs(tmp_path):
    exe = ROOT / ".venv" / "bin" / "baltmet-extract"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "baltmet_extract"]
    proc = subprocess.run([*cmd, "extract", str(RAW / "002_3129d51c2f9d92f9.txt"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert len(read_table(tmp_path, "news")) == 4


def test_inspect_writes_a_png_of_the_detected_cells(tmp_path):
    from fixtures import make_annex_pdf

    pdf = make_annex_pdf(tmp_path / "annex.pdf", landscape=False, repeat_header=True)
    err = io.StringIO()
    assert main(["inspect", str(pdf), "--page", "2", "--out", str(tmp_path / "p2.png")], stdout=io.StringIO(),
                stderr=err) == 0, err.getvalue()
    assert (tmp_path / "p2.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_inspect_names_a_missing_page(tmp_path):
    from fixtures import make_annex_pdf

    pdf = make_annex_pdf(tmp_path / "annex.pdf", landscape=False, repeat_header=True)
    err = io.StringIO()
    assert main(["inspect", str(pdf), "--page", "99"], stdout=io.StringIO(), stderr=err) == 2
    assert "no page 99" in err.getvalue()
