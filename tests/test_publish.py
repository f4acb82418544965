"""Publishing the output folder: the checks on --out, the marker of the tool's own files, the lock,
the switch of the staging folder, and the repair of what a killed run left."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from baltmet_extract import publish
from baltmet_extract.export import output_names
from baltmet_extract.publish import (
    MARKER,
    OutputBusy,
    OutputFolder,
    OutputLock,
    OutputPathError,
    check_out_path,
    clean_leftovers,
    foreign_files,
    switch_in,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def place(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A home folder and a working folder of their own, and an input folder."""
    home, work, raw = tmp_path / "home", tmp_path / "home" / "work", tmp_path / "raw"
    for folder in (home, work, raw):
        folder.mkdir(parents=True)
    (raw / "annex.txt").write_text("Annex\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    return tmp_path


@pytest.mark.parametrize(("out", "fragment"), [
    ("/", "refusing to replace the root folder /"),
    ("{tmp}/home", "refusing to replace your home folder"),
    ("{tmp}", "refusing to replace a folder that holds your home folder"),
    ("{tmp}/home/work", "refusing to replace the working folder"),
    ("{tmp}/home/work/../../home/work/..", "refusing to replace your home folder"),
    ("{tmp}/raw", "is the input {tmp}/raw"),
    ("{tmp}/raw/out", "is inside the input folder {tmp}/raw, so the next run would read its own output"),
    ("{tmp}/raw/annex.txt", "--out must be a folder, and this is a file"),
])
def test_out_that_must_never_be_replaced_is_refused(place, out, fragment):
    out = out.format(tmp=place)
    with pytest.raises(OutputPathError) as caught:
        check_out_path(Path(out), [place / "raw"])
    assert fragment.format(tmp=place) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_out_holding_an_input_is_refused(place):
    with pytest.raises(OutputPathError, match="holds the input"):
        check_out_path(place / "home" / "x", [place / "home" / "x" / "annex.txt"])


def test_out_through_a_link_is_the_folder_it_points_at(place):
    real = place / "real-out"
    real.mkdir()
    (place / "link").symlink_to(real)
    assert check_out_path(place / "link", [place / "raw"]) == real


def test_a_folder_of_the_tool_s_files_is_its_own_with_or_without_a_marker(tmp_path):
    for name in ("projects.csv", "schema/news.schema.json", "baltmet.sqlite.tmp"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert foreign_files(tmp_path, output_names()) == []  # written before markers existed
    (tmp_path / "map.geojson").write_text("{}")
    assert foreign_files(tmp_path, output_names()) == ["map.geojson"]
    (tmp_path / MARKER).write_text(json.dumps({"tool": "baltmet-extract", "files": ["map.geojson"]}))
    assert foreign_files(tmp_path, output_names()) == []  # a file an earlier version wrote
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine")
    (tmp_path / "elsewhere").symlink_to(tmp_path / "notes")
    assert foreign_files(tmp_path, output_names()) == ["elsewhere", "notes/todo.txt"]


# --- the lock ---------------------------------------------------------------------------------------


def test_a_second_lock_fails_at_once_naming_the_run_that_holds_it(tmp_path):
    out = tmp_path / "out"
    with OutputLock(out):
        with pytest.raises(OutputBusy) as caught:
            OutputLock(out, "out").acquire()
    message = str(caught.value)
    assert message.startswith(f"--out out: another run is writing it (pid {os.getpid()} on {socket.gethostname()}, "
                              "started 20"), message
    assert message.endswith("wait for it to finish or give another --out")
    assert not (tmp_path / ".out.lock").exists()  # released: the file goes with it
    with OutputLock(out) as lock:
        assert lock.stale is None


def test_the_lock_of_a_killed_run_is_taken_over(tmp_path):
    out = tmp_path / "out"
    code = ("import os, sys; from pathlib import Path; from baltmet_extract.publish import OutputLock; "
            f"OutputLock(Path({str(out)!r})).acquire(); os._exit(9)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    holder = json.loads((tmp_path / ".out.lock").read_text())
    with OutputLock(out) as lock:
        assert lock.stale is not None and f"pid {holder['pid']} on " in lock.stale


# --- the switch -----------------------------------------------------------------------------------------


def _folder(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "projects.csv").write_text(text)
    return path


@pytest.mark.parametrize("exchange", [True, False])
def test_switch_puts_the_new_folder_in_place_whole(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    out = _folder(tmp_path / "out", "old")
    new = _folder(tmp_path / ".out.new-1", "new")
    old = switch_in(new, out)
    assert (out / "projects.csv").read_text() == "new"
    assert old is not None and (old / "projects.csv").read_text() == "old"


def test_a_crash_between_the_two_renames_is_repaired_by_the_next_run(tmp_path):
    """Where folders cannot be swapped at once, the old one is renamed aside first: a crash right
    then leaves no OUT; the next run puts the old folder back before anything else."""
    _folder(tmp_path / ".out.old-123", "old")
    _folder(tmp_path / ".out.new-123", "half")
    clean_leftovers(tmp_path / "out")
    assert (tmp_path / "out" / "projects.csv").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_leaving_without_publishing_removes_the_staging_folder_and_keeps_out(tmp_path):
    out = _folder(tmp_path / "out", "old")
    with pytest.raises(RuntimeError), OutputFolder(out, known=output_names()) as folder:
        (folder.staging() / "projects.csv").write_text("half")
        raise RuntimeError("killed")
    assert (out / "projects.csv").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_force_keeps_the_files_the_tool_did_not_write_and_leaves_their_originals_alone(tmp_path):
    out = _folder(tmp_path / "out", "old")
    (out / "notes").mkdir()
    (out / "notes" / "todo.txt").write_text("mine")
    with pytest.raises(OutputPathError, match=r"holds files baltmet-extract did not write \(notes/todo.txt\)"):
        OutputFolder(out, known=output_names()).__enter__()
    with OutputFolder(out, known=output_names(), force=True) as folder:
        (folder.staging() / "projects.csv").write_text("new")
        folder.publish()
    assert (out / "projects.csv").read_text() == "new"
    assert (out / "notes" / "todo.txt").read_text() == "mine"
    marker = json.loads((out / MARKER).read_text())
    assert marker["files"] == ["projects.csv"]  # the kept files stay theirs, not the tool's


def test_hidden_files_never_block_a_run_and_are_kept(tmp_path):
    # the shell that started the run may have put its ".stderr" there; a desktop its ".DS_Store"
    out = _folder(tmp_path / "out", "old")
    (out / ".stderr").write_text("log")
    (out / ".DS_Store").write_text("x")
    with OutputFolder(out, known=output_names()) as folder:
        (folder.staging() / "projects.csv").write_text("new")
        folder.publish()
    assert (out / "projects.csv").read_text() == "new"
    assert (out / ".stderr").read_text() == "log" and (out / ".DS_Store").read_text() == "x"
    (out / "notes.txt").write_text("mine")  # a visible file still needs --force
    with pytest.raises(OutputPathError, match=r"did not write \(notes.txt\)"):
        OutputFolder(out, known=output_names()).__enter__()
