"""The tool used as a hostile user would (issue #14): every case ends in one clear line or a clean
result, the other inputs are still processed, and the output folder is never half-written.

The hostile inputs are named fixtures made here (`hostile.py`); runs that must be killed or run
side by side are subprocesses.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile
from baltmet_extract.publish import MARKER
from utils import (
    GOOD_ANNEX,
    ROOT,
    annex_dump,
    assert_exit_status,
    assert_good_annex_extracted,
    assert_in_errors_csv,
    assert_one_line_error,
    fast_gazetteer,
    open_tmp,
    output_files,
    run_cli,
    run_unprivileged,
    write_good_annex,
)

pytestmark = pytest.mark.usefixtures("fast_gazetteer")
__all__ = ["fast_gazetteer", "open_tmp"]


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_good_annex(folder)
    return folder


def _published(tmp_path: Path, folder: Path | None = None) -> Path:
    """An output folder written by a complete run, to be kept intact by the runs that fail."""
    out = tmp_path / "out"
    run = run_cli([folder or _inputs(tmp_path)], out, "--jobs", "1")
    assert run.code == 0, run.stderr
    return out


def _beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


# --- a run killed while it writes --------------------------------------------------------------------

#: Runs the CLI in a subprocess with a hook between two output files: the third JSON file written
#: ends the process at once (os._exit, as a kill does: no clean-up runs).
KILLED_RUN = """
import os, sys
import baltmet_extract.export as export
real, written = export.write_json, []
def write_json(rows, f, **options):
    real(rows, f, **options)
    written.append(f.name)
    if len(written) == 3:
        f.flush()
        os._exit(9)
export.write_json = write_json
from baltmet_extract.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _subprocess(script: str, *args: str | Path, **kwargs) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, **kwargs)


def test_a_run_killed_between_two_files_leaves_the_old_folder_intact(tmp_path):
    inputs = _inputs(tmp_path)
    out = _published(tmp_path, inputs)
    before = output_files(out)
    (inputs / "more.txt").write_text(annex_dump(("Prosperous region", "", "", ""),
                                                ("New Project", "Ongoing", "New.", "Oslo (lead)")), encoding="utf-8")
    proc = _subprocess(KILLED_RUN, "extract", inputs, "--out", out, "--jobs", "1")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 9, err
    assert output_files(out) == before  # not one file of the old folder changed
    assert any(name.startswith(".out.new-") for name in _beside(out))  # the half-written staging folder
    run = run_cli([inputs], out, "--jobs", "1")  # the next run cleans up and publishes
    assert run.code == 0, run.stderr
    assert "New Project" in {p["name"] for p in run.table("projects")}
    assert _beside(out) == []


def test_ctrl_c_while_writing_is_one_line_and_leaves_the_old_folder(tmp_path, monkeypatch):
    import baltmet_extract.export as export

    out = _published(tmp_path)
    before = output_files(out)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "write_report", interrupted)
    monkeypatch.setattr(export, "WRITERS", [*export.WRITERS[:-1], interrupted])
    run = run_cli([tmp_path / "in"], out, "--jobs", "1")
    assert run.stderr.strip().splitlines() == ["baltmet-extract: interrupted; --out is as it was"]
    assert output_files(out) == before
    assert _beside(out) == []  # neither the staging folder nor the lock is left
    assert_exit_status(run, 130)


# --- two runs at once ----------------------------------------------------------------------------------

#: A run that holds the lock and waits (in its writing step) until the file named by its last
#: argument exists, so that a second run is sure to meet it.
WAITING_RUN = """
import os, sys, time
import baltmet_extract.export as export
real, gate = export.write_outputs, sys.argv.pop()
def write_outputs(*args, **kwargs):
    while not os.path.exists(gate):
        time.sleep(0.05)
    real(*args, **kwargs)
export.write_outputs = write_outputs
from baltmet_extract.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_second_run_into_the_same_out_fails_at_once_naming_the_first(tmp_path):
    inputs, out, gate = _inputs(tmp_path), tmp_path / "out", tmp_path / "go"
    first = _subprocess(WAITING_RUN, "extract", inputs, "--out", out, "--jobs", "1", gate)
    lock = tmp_path / ".out.lock"
    deadline = time.monotonic() + 120
    while not (lock.exists() and lock.read_text()) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        started = time.monotonic()
        second = run_cli([inputs], out, "--jobs", "1")
        waited = time.monotonic() - started
    finally:
        gate.touch()
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    line = second.stderr.strip()
    assert line.startswith(f"baltmet-extract: --out {out}: another run is writing it (pid {first.pid} on "), line
    assert ", started 20" in line and line.endswith("wait for it to finish or give another --out")
    assert waited < 5  # at once, not after doing the work
    assert second.code == 2
    assert_good_annex_extracted(second)  # the first run's output, whole
    assert not lock.exists()


def test_two_runs_started_together_leave_one_whole_output(tmp_path):
    """No hook: whichever way the two runs meet, each ends in 0 or the one line, and the folder holds
    one run's complete output (the issue saw 0 projects and 151,500 orphan partners)."""
    inputs, out = _inputs(tmp_path), tmp_path / "out"
    script = "import sys; from baltmet_extract.cli import main; sys.exit(main(sys.argv[1:]))"
    runs = [_subprocess(script, "extract", inputs, ROOT / "raw", "--out", out, "--jobs", "1") for _ in range(2)]
    results = [(p.wait(timeout=300), p.communicate()[1]) for p in runs]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 2]), results
    for code, err in results:
        if code == 2:
            assert err.count("\n") == 1 and "another run is writing it" in err, err
    projects = {row["project_id"] for row in csv.DictReader((out / "projects.csv").open(encoding="utf-8"))}
    partners = list(csv.DictReader((out / "partners.csv").open(encoding="utf-8")))
    assert len(projects) == 16 and {p["project_id"] for p in partners} <= projects
    assert json.loads((out / "validation.json").read_text(encoding="utf-8"))["valid"] is True
    assert _beside(out) == []


# --- one bad input does not sink the run ---------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_kept_escaped(tmp_path):
    inputs = _inputs(tmp_path)
    annex = os.fsdecode(b"caf\xe9 annex.txt")
    empty = os.fsdecode(b"vide \xff.txt")
    (inputs / annex).write_text(annex_dump(("Prosperous region", "", "", ""),
                                           ("Caf Project", "Ongoing", "A project.", "Oslo (lead)")), encoding="utf-8")
    (inputs / empty).write_bytes(b"")
    run = run_cli([inputs], tmp_path / "out", "--jobs", "1")
    assert_one_line_error(run, "vide \\xff.txt", "file is empty")
    assert_in_errors_csv(run, "vide \\xff.txt", "file is empty")
    assert {p["source_file"] for p in run.table("projects")} == {"caf\\xe9 annex.txt", "good.txt"}
    for name, data in output_files(run.out).items():
        data.decode("utf-8") if not name.endswith(".sqlite") else None  # every text file is UTF-8
    assert_exit_status(run, 1)


def test_a_file_name_with_a_newline_and_an_escape_code_stays_one_line(tmp_path):
    inputs = _inputs(tmp_path)
    (inputs / "bad\n\x1b[31mred.txt").write_bytes(b"")
    run = run_cli([inputs], tmp_path / "out", "--jobs", "1")
    assert_one_line_error(run, "bad\\n\\x1b[31mred.txt", "file is empty")
    assert "\x1b" not in run.stderr
    assert_good_annex_extracted(run)
    assert_exit_status(run, 1)


def _killer(monkeypatch, name: str, once_flag: Path | None = None) -> None:
    """Reading `name` kills the process reading it (SIGKILL, as the system does for lack of memory);
    with `once_flag`, only the first time."""
    import baltmet_extract.ingest.text as text

    real = text.read_text

    def read_text(source: str, data: bytes):  # type: ignore[no-untyped-def]
        if source == name and (once_flag is None or not once_flag.exists()):
            if once_flag is not None:
                once_flag.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(source, data)

    monkeypatch.setattr(text, "read_text", read_text)


def test_a_worker_killed_for_memory_fails_its_document_and_the_run_goes_on(tmp_path, monkeypatch):
    inputs = _inputs(tmp_path)
    for i in range(3):
        write_good_annex(inputs, f"more-{i}.txt")
    (inputs / "killer.txt").write_text(GOOD_ANNEX, encoding="utf-8")
    _killer(monkeypatch, "killer.txt")
    run = run_cli([inputs], tmp_path / "out", "--jobs", "2")
    line = assert_one_line_error(run, "killer.txt")
    assert line == ("error: killer.txt: could not be processed: the process reading it was killed (SIGKILL, often "
                    "the system reclaiming memory); it was tried twice, the second time alone in a fresh worker")
    assert_in_errors_csv(run, "killer.txt", "killed (SIGKILL")
    for source in ("good.txt", "more-0.txt", "more-1.txt", "more-2.txt"):
        assert_good_annex_extracted(run, source)
    assert "1 failed input(s)" in run.stderr
    assert_exit_status(run, 1)


def test_a_document_whose_worker_died_once_is_read_in_a_fresh_worker(tmp_path, monkeypatch):
    inputs = _inputs(tmp_path)
    write_good_annex(inputs, "flaky.txt")
    _killer(monkeypatch, "flaky.txt", once_flag=tmp_path / "died-once")
    run = run_cli([inputs], tmp_path / "out", "--jobs", "2", "--no-cache")
    assert (tmp_path / "died-once").exists()
    assert_good_annex_extracted(run, "flaky.txt")
    assert_exit_status(run, 0)


def _slow(monkeypatch, name: str, how: str) -> None:
    import baltmet_extract.ingest.text as text

    real = text.read_text

    def read_text(source: str, data: bytes):  # type: ignore[no-untyped-def]
        if source == name:
            if how == "python":
                while True:
                    time.sleep(0.01)
            sum(range(10**12))  # hours inside C, where no signal handler runs (unlike a regex)
        return real(source, data)

    monkeypatch.setattr(text, "read_text", read_text)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_past_its_time_limit_is_stopped_with_one_line(tmp_path, monkeypatch, jobs):
    inputs = _inputs(tmp_path)
    (inputs / "slow.txt").write_text(GOOD_ANNEX, encoding="utf-8")
    _slow(monkeypatch, "slow.txt", "python")
    run = run_cli([inputs], tmp_path / "out", "--jobs", jobs, "--time-limit", "1")
    line = assert_one_line_error(run, "slow.txt")
    assert line == ("error: slow.txt: took longer than the time limit of 1 s and was stopped; raise it with "
                    "--time-limit (0: none)")
    assert_good_annex_extracted(run)
    assert_exit_status(run, 1)


def test_a_worker_stuck_in_c_code_is_stopped_by_the_system(tmp_path, monkeypatch):
    import baltmet_extract.runners as runners

    monkeypatch.setattr(runners, "CPU_GRACE_SECONDS", 0)
    inputs = _inputs(tmp_path)
    write_good_annex(inputs, "other.txt")
    (inputs / "stuck.txt").write_text(GOOD_ANNEX, encoding="utf-8")
    _slow(monkeypatch, "stuck.txt", "c")
    run = run_cli([inputs], tmp_path / "out", "--jobs", "2", "--time-limit", "1")
    line = assert_one_line_error(run, "stuck.txt")
    assert line == ("error: stuck.txt: could not be processed: it used more than 1 s of processor time and the "
                    "system stopped it; raise the limit with --time-limit; it was tried twice, the second time "
                    "alone in a fresh worker")
    assert_good_annex_extracted(run)
    assert_good_annex_extracted(run, "other.txt")
    assert_exit_status(run, 1)


def test_a_dask_worker_that_died_each_time_is_one_row():
    pytest.importorskip("distributed")
    from distributed.scheduler import KilledWorker

    from baltmet_extract.scale import DEFAULT_ALLOWED_FAILURES, _failed

    result = _failed("big.pdf", KilledWorker("process_document-123", "tcp://127.0.0.1:1", 1))
    assert result.failed and [(e.stage, e.message) for e in result.errors] == [(
        "worker", "could not be processed: the Dask worker reading it died, also when it was tried again on a "
                  "fresh worker")]
    assert DEFAULT_ALLOWED_FAILURES == 1


# --- resource limits -------------------------------------------------------------------------------------

BOMBS = {
    "paragraphs.docx": (hostile.docx_paragraph_bomb,
                        "Word file unpacks to 100 MiB of XML from 349 KiB; the limit is 32 MiB (a zip bomb?); "
                        "nothing was read"),
    "blob.docx": (lambda: hostile.docx_part_bomb(600, level=1),
                  "Word file unpacks to 600 MiB from 2.6 MiB; the limit is 512 MiB (a zip bomb?); nothing was read"),
    "parts.docx": (hostile.docx_many_parts,
                   "Word file has 20,003 parts; the limit is 5,000 (a zip bomb?); nothing was read"),
}


def test_word_files_that_unpack_past_the_limits_are_refused_with_one_line_each(tmp_path):
    inputs = _inputs(tmp_path)
    for name, (make, _) in BOMBS.items():
        (inputs / name).write_bytes(make())
    started = time.monotonic()
    run = run_cli([inputs], tmp_path / "out", "--jobs", "1")
    assert time.monotonic() - started < 60  # refused before unpacking (a run on them took minutes)
    for name, (_, message) in BOMBS.items():
        assert assert_one_line_error(run, name) == f"error: {name}: {message}"
        assert_in_errors_csv(run, name, message)
    assert_good_annex_extracted(run)
    assert_exit_status(run, 1)


def test_word_limits_are_settings(tmp_path):
    import baltmet_extract as bx

    inputs = _inputs(tmp_path)
    (inputs / "small.docx").write_bytes(hostile.docx_paragraph_bomb(2))
    result = bx.extract([inputs], {"max_xml_bytes": 1024 * 1024, "jobs": 1, "no_cache": True})
    [error] = result.errors
    assert error.source_file == "small.docx" and "the limit is 1 MiB" in error.message
    result = bx.extract([inputs], {"jobs": 1, "no_cache": True})
    assert [e.stage for e in result.errors] == ["classify"]  # read: it only holds no annex


@pytest.mark.parametrize("make", [hostile.nested_divs_html, hostile.unclosed_fonts_html])
def test_deeply_nested_html_is_read(tmp_path, make):
    inputs = _inputs(tmp_path)
    (inputs / "deep.html").write_bytes(make())
    run = run_cli([inputs], tmp_path / "out", "--jobs", "1")
    [project] = [p for p in run.table("projects") if p["source_file"] == "deep.html"]
    assert project["name"] == "Deep Page Project"
    assert [p["name"] for p in run.table("partners") if p["project_id"] == project["project_id"]] == ["Riga", "Tallinn"]
    assert_exit_status(run, 0)


# --- spreadsheet formulas ---------------------------------------------------------------------------------


def _formula_run(tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    inputs = tmp_path / "in"
    inputs.mkdir(exist_ok=True)
    (inputs / "formulas.txt").write_text(hostile.formula_annex(), encoding="utf-8")
    (inputs / "west.txt").write_text(annex_dump(("Prosperous region", "", "", ""),
                                                ("Atlantic Link", "Ongoing", "West.", "Dublin (lead), Riga")),
                                     encoding="utf-8")
    return run_cli([inputs], tmp_path / "out", "--jobs", "1", *extra)


def test_formula_cells_are_quoted_in_csv_only_and_numbers_stay_numbers(tmp_path):
    run = _formula_run(tmp_path)
    assert run.code == 0, run.stderr
    csv_names = {p["name"] for p in run.table("projects")}
    assert csv_names == {"'" + n for n in hostile.FORMULA_NAMES} | {"Atlantic Link"}
    json_names = {p["name"] for p in run.json("projects.json")}  # type: ignore[union-attr]
    assert json_names == set(hostile.FORMULA_NAMES) | {"Atlantic Link"}
    con = sqlite3.connect(run.out / "baltmet.sqlite")
    try:
        assert {r[0] for r in con.execute("SELECT name FROM projects")} == json_names
    finally:
        con.close()
    dublin = next(p for p in run.table("partners") if p["name"] == "Dublin")
    assert dublin["lon"].startswith("-6.2")  # a negative number is a number, not a formula
    flagged = {p["record"] for p in run.json("validation.json")["problems"]  # type: ignore[index]
               if p["code"] == "suspicious-value"}
    assert len(flagged) >= 4


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3+cmd", "'-2+3+cmd"), ("@SUM(1)", "'@SUM(1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-", "'-"),
    ("-3.7", "-3.7"), ("+49", "+49"), ("-1e-05", "-1e-05"), ("baltmet-inno", "baltmet-inno"), ("2007-12", "2007-12"),
    ("Dalarnas län", "Dalarnas län"), ("DE-BE;DE-BB", "DE-BE;DE-BB"), ("", ""),
])
def test_spreadsheet_safe_cells_and_back(value, cell):
    from baltmet_extract.export import csv_value, spreadsheet_safe

    assert spreadsheet_safe(value) == cell
    assert csv_value(cell) == value


def test_csv_raw_writes_cells_as_they_are(tmp_path):
    run = _formula_run(tmp_path, "--csv-raw")
    assert {p["name"] for p in run.table("projects")} == set(hostile.FORMULA_NAMES) | {"Atlantic Link"}


# --- what --out accepts -----------------------------------------------------------------------------------


def test_out_checks_give_one_line_each(tmp_path, monkeypatch):
    inputs = _inputs(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "minutes.txt").write_text("mine")
    cases = {
        "/": "--out /: refusing to replace the root folder /; give a folder of its own, e.g. --out output",
        str(tmp_path / "home"): f"--out {tmp_path}/home: refusing to replace your home folder; give a folder "
                                "of its own, e.g. --out output",
        str(inputs): f"--out {inputs}: is the input {inputs}; give another folder, e.g. --out output",
        str(inputs / "out"): f"--out {inputs}/out: is inside the input folder {inputs}, so the next run would "
                             "read its own output; give a folder outside it",
        str(notes): f"--out {notes}: holds files baltmet-extract did not write (minutes.txt); give an empty or "
                    "new folder, or add --force to write there anyway (those files are kept)",
    }
    for out, message in cases.items():
        run = run_cli([inputs], Path(out), "--jobs", "1")
        assert run.stderr.splitlines() == [f"baltmet-extract: {message}"], out
        assert run.code == 2
    assert (notes / "minutes.txt").read_text() == "mine" and sorted(os.listdir(notes)) == ["minutes.txt"]
    run = run_cli([inputs], notes, "--jobs", "1", "--force")
    assert run.code == 0, run.stderr
    assert (notes / "minutes.txt").read_text() == "mine"
    assert_good_annex_extracted(run)


def test_rerunning_into_the_tool_s_own_output_just_works(tmp_path):
    out = _published(tmp_path)
    assert MARKER in os.listdir(out)
    first = output_files(out)
    (out / MARKER).unlink()  # as written by a version before markers
    run = run_cli([tmp_path / "in"], out, "--jobs", "1")
    assert run.code == 0, run.stderr
    assert output_files(out) == first  # byte-identical, marker included


def test_a_read_only_file_in_out_is_replaced_and_an_unwritable_place_is_one_line(open_tmp):
    """As a user (nobody, when the tests run as root): a file of --out they may not write is simply
    replaced (the folder is swapped, nothing is written into it); --out in a folder they may not
    write is refused with one line, and nothing changes."""
    inputs = _inputs(open_tmp)
    out = open_tmp / "out"
    locked = open_tmp / "locked"
    locked.mkdir()
    first = run_cli([inputs], out, "--jobs", "1", "--no-cache")
    assert first.code == 0, first.stderr
    os.chown(out, 65534, 65534) if os.geteuid() == 0 else None
    (out / "projects.csv").chmod(0o444)
    locked.chmod(0o555)

    def both() -> tuple[object, object]:
        return (run_cli([inputs], out, "--jobs", "1", "--no-cache"),
                run_cli([inputs], locked / "out", "--jobs", "1", "--no-cache"))

    replaced, refused = run_unprivileged(both, warm_up=lambda: run_cli([inputs], open_tmp / "warm", "--jobs", "1",
                                                                        "--no-cache"))
    assert replaced.code == 0, replaced.stderr  # type: ignore[attr-defined]
    assert_good_annex_extracted(replaced)  # type: ignore[arg-type]
    assert refused.stderr.splitlines() == [  # type: ignore[attr-defined]
        f"baltmet-extract: --out {locked}/out: cannot create its lock {locked}/.out.lock: Permission denied"]
    assert refused.code == 2  # type: ignore[attr-defined]
    assert os.listdir(locked) == []
