"""review.csv is trusted no further than it is checked: bad rows stop a run before it starts,
with file and line; writers take turns under a lock that a killed process cannot leave stuck;
the file is replaced atomically, and no decision is lost when many arrive at once."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from baltmet_extract.cli import main
from baltmet_extract.errors import BaltmetError
from baltmet_extract.review import record_decision
from baltmet_extract.review_file import (
    Decision,
    ReviewFileError,
    ReviewLockTimeout,
    parse_decisions,
    set_decision,
    write_atomically,
)
from utils import ANNEX_SAMPLE, ROOT

HEADER = b"raw,decision,target,note\n"


def decisions(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {r["raw"]: (r["decision"], r["target"]) for r in csv.DictReader(f)}


def extract(tmp_path: Path, rules: Path) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    err = io.StringIO()
    code = main(["extract", str(ANNEX_SAMPLE), "--out", str(out), "--rules", str(rules), "--jobs", "1"],
                stdout=io.StringIO(), stderr=err)
    return code, err.getvalue(), out


@pytest.mark.parametrize(("content", "line", "words"), [
    (HEADER + b"Sczeczin,acept,geonames:3083829,\n", 2, ["unknown decision 'acept'", "did you mean 'accept'"]),
    (HEADER + b"Poznan,accept,geonames:3088171,\nSczeczin,pick,geonames:999999999,\n", 3,
     ["geonames:999999999 is no entry of the gazetteer"]),
    (HEADER + b"Sczeczin,pick,iso:PL-99,\n", 2, ["iso:PL-99 is no entry of the gazetteer"]),
    (HEADER + b"Poznan,reject,,\nSzcz\xe9cin,reject,,\n", 3, ["not UTF-8"]),
    (HEADER + b'Poznan,reject,,"a note never closed\nSczeczin,accept,geonames:3083829,\n', 2,
     ["quote opened on this line is never closed"]),
    (HEADER + b"Sczeczin,pick,Szczecin,\n", 2, ["'Szczecin' is no target"]),
    (HEADER + b"Sczeczin,accept,,\n", 2, ["'accept' needs a target"]),
    (HEADER + b"Region, Dalarnas,reject,,\n", 2, ["5 fields where the header has 4"]),
    (HEADER + b"Sczeczin,reject,,\nsczeczin,accept,geonames:3083829,\n", 3, ["a second, different decision"]),
    (b"mention,verdict\nSczeczin,reject\n", 1, ["no column raw, decision, target"]),
    (HEADER + b"Sczeczin\x00,reject,,\n", 2, ["NUL byte"]),
])
def test_a_review_file_that_cannot_be_used_stops_the_run_before_it_starts(tmp_path, content, line, words):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "review.csv").write_bytes(content)
    code, err, out = extract(tmp_path, rules)
    assert code == 2
    assert f"{rules / 'review.csv'}:{line}:" in err
    for w in words:
        assert w in err
    assert "Traceback" not in err
    assert not out.exists()  # nothing was written


def test_every_problem_is_listed_at_once_with_its_line(tmp_path):
    data = HEADER + b"A,acept,geonames:1,\nB,pick,,\n# a comment\n\nC,reject,,\nD,rejet,,\n"
    with pytest.raises(ReviewFileError) as caught:
        parse_decisions(data, "review.csv")
    assert [line for line, _ in caught.value.problems] == [2, 3, 7]
    assert str(caught.value).count("\nreview.csv:") == 3


def test_comments_blank_lines_quoted_commas_and_notes_over_lines_are_fine():
    data = HEADER + b'# decided in May\n\n"Region, Dalarnas",pick,iso:SE-W,"two\nlines"\nOpen Days,reject,,\n'
    got = parse_decisions(data, "review.csv")
    assert [(d.raw, d.decision, d.target, d.line) for d in got] == [
        ("Region, Dalarnas", "pick", "iso:SE-W", 4), ("Open Days", "reject", "", 6)]


def test_rewriting_keeps_comments_with_their_row_and_columns_of_the_users_own(tmp_path):
    path = tmp_path / "review.csv"
    path.write_text('# decisions of the Riga office\nraw,decision,target,note,reviewer\n'
                    '# checked with the partner list, "2010" edition\nPoznan,accept,geonames:3088171,,ak\n'
                    'Open Days,reject,,,jm\n# end\n', encoding="utf-8")
    set_decision(path, Decision("Open Days", "pick", "org:Open Days"))
    set_decision(path, Decision("Berlin", "accept", "geonames:2950159"))
    assert path.read_text(encoding="utf-8").splitlines() == [
        "# decisions of the Riga office", "raw,decision,target,note,reviewer", "Berlin,accept,geonames:2950159,,",
        "Open Days,pick,org:Open Days,,jm", '# checked with the partner list, "2010" edition',
        "Poznan,accept,geonames:3088171,,ak", "# end"]
    assert [d.raw for d in parse_decisions(path.read_bytes(), path)] == ["Berlin", "Open Days", "Poznan"]


def test_review_pick_refuses_a_target_the_gazetteer_lacks(tmp_path):
    rules = tmp_path / "rules"
    err = io.StringIO()
    code = main(["review", "pick", "Sczeczin", "geonames:999999999", "--rules", str(rules)],
                stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "geonames:999999999 is no entry of the gazetteer" in err.getvalue()
    assert not (rules / "review.csv").exists()
    assert main(["review", "pick", "Sczeczin", "geonames:3083829", "--rules", str(rules)],
                stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert decisions(rules / "review.csv") == {"Sczeczin": ("pick", "geonames:3083829")}


def test_a_decision_is_not_added_to_a_broken_file(tmp_path):
    path = tmp_path / "review.csv"
    broken = HEADER + b'"Poznan,reject,,\nB,reject,,\n'
    path.write_bytes(broken)
    with pytest.raises(ReviewFileError, match=r"review.csv:2:"):
        record_decision("C", "reject", "", tmp_path)
    assert path.read_bytes() == broken


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "review.csv"
    set_decision(path, Decision("A", "reject", ""))
    before = path.read_bytes()

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(path, "raw,decision,target,note\nB,reject,,\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.csv", "review.csv.lock"]


HOLD_LOCK = """
import sys, time
from pathlib import Path
from baltmet_extract.review_file import locked
with locked(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def _holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_writer_waits_for_a_live_lock_and_names_its_holder(tmp_path):
    path = tmp_path / "review.csv"
    proc = _holder(path)
    try:
        with pytest.raises(ReviewLockTimeout, match=f"process {proc.pid}"):
            set_decision(path, Decision("A", "reject", ""), timeout=0.5)
        assert not path.exists()
    finally:
        proc.kill()
        proc.wait()


def test_the_lock_of_a_killed_writer_is_taken_over(tmp_path):
    path = tmp_path / "review.csv"
    proc = _holder(path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (tmp_path / "review.csv.lock").exists()  # left behind, naming a dead process
    started = time.monotonic()
    set_decision(path, Decision("A", "reject", ""), timeout=10)
    assert time.monotonic() - started < 5
    assert decisions(path) == {"A": ("reject", "")}


def test_twenty_review_commands_at_once_keep_twenty_decisions(tmp_path):
    """Each a process of its own, started together: none may overwrite another's decision."""
    rules = tmp_path / "rules"
    exe = ROOT / ".venv" / "bin" / "baltmet-extract"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "baltmet_extract"]
    calls = []
    for i in range(20):
        if i % 4 == 0:
            calls.append(["review", "reject", f"Mention {i}"])
        elif i % 4 == 1:
            calls.append(["review", "pick", f"Mention {i}", f"org:Organisation {i}"])
        elif i % 4 == 2:
            calls.append(["review", "pick", f"Mention {i}", f"group:Cities {i}"])
        else:
            calls.append(["review", "pick", f"Mention {i}", "geonames:3083829"])
    procs = [subprocess.Popen([*cmd, *c, "--rules", str(rules)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for c in calls]
    results = [(p.wait(timeout=300), p.communicate()[1]) for p in procs]
    assert [code for code, _ in results] == [0] * 20, [err for _, err in results]
    got = decisions(rules / "review.csv")
    assert len(got) == 20
    assert got["Mention 0"] == ("reject", "") and got["Mention 1"] == ("pick", "org:Organisation 1")
    assert got["Mention 3"] == ("pick", "geonames:3083829")
    assert not [p for p in rules.iterdir() if p.name.endswith(".tmp")]


def test_record_decision_refuses_unknown_decisions_and_empty_mentions(tmp_path):
    with pytest.raises(BaltmetError, match="unknown decision 'acept'"):
        record_decision("A", "acept", "geonames:3083829", tmp_path)
    with pytest.raises(BaltmetError, match="name the mention"):
        record_decision("  ", "reject", "", tmp_path)
