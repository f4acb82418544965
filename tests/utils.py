"""Helpers for the robustness tests: running the CLI in-process, small annex dumps, bad files.

Every fixture file is made by the test that needs it (STYLE.md 9): nothing binary is committed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from baltmet_extract.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
ANNEX_SAMPLE = RAW / "000_334f8267bbda754e.txt"
NEWS_SAMPLE = RAW / "002_3129d51c2f9d92f9.txt"

HEADER = ("Strategic objective/ Name of project", "Status of the project/financing instrument", "Description",
          "Cities and other partners involved")


@dataclass
class Run:
    """One in-process run of `baltmet-extract extract`."""

    code: int
    out: Path
    stdout: str
    stderr: str

    def table(self, name: str) -> list[dict[str, str]]:
        with (self.out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def json(self, name: str) -> object:
        return json.loads((self.out / name).read_text(encoding="utf-8"))

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def fast_gazetteer(monkeypatch, gazetteer):  # type: ignore[no-untyped-def]
    """Runs reuse the session's gazetteer instead of unpickling it each time (~1 s a run).

    Import it into a test module to use it; the gazetteer is read-only data, so sharing it
    changes nothing but the time.
    """
    import baltmet_extract.normalise.gazetteer as gz

    real = gz.load_gazetteer

    def load(rules, cache_dir=None):  # type: ignore[no-untyped-def]
        if rules.gazetteer_fingerprint == gazetteer.rules_fingerprint:
            return gazetteer
        return real(rules, cache_dir)

    monkeypatch.setattr(gz, "load_gazetteer", load)
    return gazetteer


def assert_exit_status(run: Run, expected: int) -> None:
    """The exit status; call it last in a test, so the other checks say what went wrong first."""
    assert run.code == expected, run.stderr


def run_cli(inputs: list[Path], out: Path, *extra: str) -> Run:
    """`baltmet-extract extract INPUTS --out OUT` in-process, with captured streams."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["extract", *map(str, inputs), "--out", str(out), *extra], stdout=stdout, stderr=stderr)
    return Run(code, out, stdout.getvalue(), stderr.getvalue())


T = TypeVar("T")
#: The user and group of `nobody`, as which `run_unprivileged` runs when the tests run as root.
NOBODY = 65534


def run_unprivileged(fn: Callable[[], T], warm_up: Callable[[], object] | None = None) -> T:
    """`fn()`, but as the user `nobody` when the tests run as root (as CI does), in a forked child,
    so that file permissions count as they do for a user. The child inherits everything loaded
    (the gazetteer included); what `fn` returns comes back pickled.

    The interpreter may live where `nobody` cannot read (pyenv under /root), so `warm_up()` runs
    first, still as root, to import every module `fn` needs (e.g. the same command on good input)."""
    if os.geteuid() != 0:
        return fn()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            if warm_up is not None:
                warm_up()
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = pickle.dumps((True, fn()))
        except BaseException as exc:  # noqa: B036 - everything goes back to the parent as a failure
            payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
        with os.fdopen(write, "wb") as f:
            f.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        data = f.read()
    os.waitpid(pid, 0)
    ok, value = pickle.loads(data)
    assert ok, f"as nobody: {value}"
    return value  # type: ignore[no-any-return]


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A scratch folder anyone may write in (pytest's own are the current user's only), for
    `run_unprivileged`."""
    folder = Path(tempfile.mkdtemp(prefix="baltmet-test-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def annex_dump(*rows: tuple[str, ...], title: str = "Annex I - Existing and planned co-operation initiatives") -> str:
    """A text dump of an annex: a title line, the header row, then `rows` (cells joined by tabs)."""
    lines = [title, "", "\t".join(HEADER)]
    lines += ["\t".join(r) for r in rows]
    return "\n".join(lines) + "\n"


#: A small annex that always extracts: one section, two projects.
GOOD_ANNEX = annex_dump(
    ("Prosperous region", "", "", ""),
    ("Baltic Good Practice", "Ongoing (supported by Interreg IVC)", "Cities share good practice. (www.good.example.org)",
     "Tallinn (lead), Riga, Vilnius"),
    ("Harbour Link", "In development", "Ports plan a joint service.", "Gdańsk (lead), Kiel"),
)


def write_good_annex(folder: Path, name: str = "good.txt") -> Path:
    path = folder / name
    path.write_text(GOOD_ANNEX, encoding="utf-8")
    return path


def assert_good_annex_extracted(run: Run, source: str = "good.txt") -> None:
    """The good file given alongside a bad one is still extracted in full."""
    projects = {p["name"]: p for p in run.table("projects") if p["source_file"] == source}
    assert set(projects) == {"Baltic Good Practice", "Harbour Link"}, run.stderr
    partners = [p for p in run.table("partners") if p["project_id"] in {p["project_id"] for p in projects.values()}]
    assert {p["name"] for p in partners} >= {"Tallinn", "Riga", "Vilnius", "Gdańsk", "Kiel"}


def assert_one_line_error(run: Run, source: str, *fragments: str) -> str:
    """Exactly one `error: SOURCE: ...` line on stderr for the file, holding each fragment,
    and no traceback; returns the line."""
    lines = [line for line in run.error_lines if line.startswith(f"error: {source}: ")]
    assert len(lines) == 1, run.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert "Traceback" not in run.stderr
    return lines[0]


def assert_in_errors_csv(run: Run, source: str, *fragments: str) -> dict[str, str]:
    rows = [r for r in run.table("errors") if r["source_file"] == source]
    assert len(rows) == 1, rows
    for fragment in fragments:
        assert fragment in rows[0]["message"]
    return rows[0]


def output_files(out: Path) -> dict[str, bytes]:
    """Every file under an output folder, by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


# --- PDFs made with fpdf2 ----------------------------------------------------------------------


def text_pdf(text: str = "Annex I: projects of the network") -> bytes:
    """A one-page PDF with a line of text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """A PDF that needs a password to open (RC4, fpdf2's default: no extra package needed)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Confidential annex")
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF with a page that holds only a picture-like shape: no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")
    return bytes(pdf.output())
