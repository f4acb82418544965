"""Bad inputs: each gives one line naming the file and what is wrong, is listed in errors.csv,
makes the exit status 1, and does not stop a good file given alongside it from being extracted.

Inputs that are awkward but usable (Latin-1 text, ragged table rows, HTML with scripts) are
read, not refused: exit status 0, and what a person should check is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from baltmet_extract.documents import process_document
from baltmet_extract.ingest import MAX_FILE_BYTES_ENV, human_size
from baltmet_extract.ingest.text import decode_text, read_text
from utils import (
    GOOD_ANNEX,
    annex_dump,
    assert_exit_status,
    assert_good_annex_extracted,
    assert_in_errors_csv,
    assert_one_line_error,
    encrypted_pdf,
    fast_gazetteer,
    open_tmp,
    output_files,
    run_cli,
    run_unprivileged,
    scanned_pdf,
    text_pdf,
    write_good_annex,
)

pytestmark = pytest.mark.usefixtures("fast_gazetteer")
__all__ = ["fast_gazetteer", "open_tmp"]


def _truncated_pdf() -> bytes:
    data = text_pdf()
    return data[: len(data) // 2]


#: name -> (bytes, fragments of the line the user sees)
REFUSED: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "empty.txt": (lambda: b"", ("file is empty",)),
    "blank.txt": (lambda: b"  \n\t\n\r\n   \n", ("no text found",)),
    "corrupt.pdf": (_truncated_pdf, ("not a readable PDF",)),
    "garbage.pdf": (lambda: b"%PDF-1.4\nthis is not really a PDF\n", ("not a readable PDF",)),
    "page.pdf": (lambda: b"<!DOCTYPE html><html><body><p>Annex</p></body></html>",
                 ("not a PDF", "does not start with %PDF-", "HTML page")),
    "encrypted.pdf": (encrypted_pdf, ("PDF is encrypted", "qpdf --decrypt")),
    "scanned.pdf": (scanned_pdf, ("no text found", "has a text layer (a scan?)", "OCR")),
    "binary.txt": (lambda: bytes(range(256)) * 40, ("binary data, not text",)),
    "report.pdf.txt": (text_pdf, ("binary data, not text", "PDF file", ".pdf")),
    "image.txt": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(500), ("binary data, not text", "PNG image")),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_input_gives_one_line_exit_1_and_an_errors_row(tmp_path, name):
    make, fragments = REFUSED[name]
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / name
    bad.write_bytes(make())
    good = write_good_annex(folder)
    run = run_cli([bad, good], tmp_path / "out", "--jobs", "1")
    line = assert_one_line_error(run, name, *fragments)
    assert len(line) < 300
    assert_in_errors_csv(run, name, *fragments)
    assert_good_annex_extracted(run)
    assert "1 failed input(s)" in run.stderr
    assert_exit_status(run, 1)


def test_bad_inputs_in_a_folder_with_a_process_pool(tmp_path):
    """All the bad files at once, read by worker processes: each reported, the good one read."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (make, _) in REFUSED.items():
        (folder / name).write_bytes(make())
    write_good_annex(folder)
    run = run_cli([folder], tmp_path / "out", "--jobs", "2")
    for name, (_, fragments) in REFUSED.items():
        assert_one_line_error(run, name, *fragments)
    assert {r["source_file"] for r in run.table("errors")} == set(REFUSED)
    assert_good_annex_extracted(run)
    assert_exit_status(run, 1)


def test_no_traceback_even_with_verbose_for_a_bad_input(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    run = run_cli([bad, write_good_annex(tmp_path)], tmp_path / "out", "--jobs", "1", "-v")
    assert_one_line_error(run, "empty.txt", "file is empty")
    assert_exit_status(run, 1)


def test_unexpected_failure_in_one_file_is_one_line_and_the_others_go_on(tmp_path, monkeypatch):
    """A bug met on one file is reported for that file, without a traceback."""
    import baltmet_extract.ingest.text as text

    real = text.read_text

    def broken(name: str, data: bytes):  # type: ignore[no-untyped-def]
        if name == "trigger.txt":
            raise RuntimeError("boom\nsecond line")
        return real(name, data)

    monkeypatch.setattr(text, "read_text", broken)
    trigger = tmp_path / "trigger.txt"
    trigger.write_text(GOOD_ANNEX, encoding="utf-8")
    run = run_cli([trigger, write_good_annex(tmp_path)], tmp_path / "out", "--jobs", "1")
    assert_one_line_error(run, "trigger.txt", "RuntimeError: boom second line")
    assert_good_annex_extracted(run)
    assert_exit_status(run, 1)


def _broken_page_box_pdf() -> bytes:
    return re.sub(rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox null", text_pdf())


def test_pdf_with_a_broken_page_box_says_it_is_not_readable(tmp_path):
    path = tmp_path / "box.pdf"
    path.write_bytes(_broken_page_box_pdf())
    [error] = process_document(str(path), "box.pdf").errors
    assert error.message.startswith("not a readable PDF"), error.message


# --- a very large file ----------------------------------------------------------------------------


def test_too_large_file_is_refused_by_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, "4K")
    big = tmp_path / "big.txt"
    big.write_text(GOOD_ANNEX * 20, encoding="utf-8")
    size = big.stat().st_size
    run = run_cli([big, write_good_annex(tmp_path)], tmp_path / "out", "--jobs", "1")
    assert_one_line_error(run, "big.txt", f"file is too large ({human_size(size)}; the limit is 4 KiB",
                          MAX_FILE_BYTES_ENV)
    assert_in_errors_csv(run, "big.txt", "file is too large")
    assert_good_annex_extracted(run)
    assert_exit_status(run, 1)


def test_size_limit_setting_that_is_not_a_size_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(MAX_FILE_BYTES_ENV, "lots")
    run = run_cli([write_good_annex(tmp_path)], tmp_path / "out", "--jobs", "1")
    assert_one_line_error(run, "good.txt", f"{MAX_FILE_BYTES_ENV}='lots' is not a size")
    assert_exit_status(run, 1)


@pytest.mark.parametrize(("value", "limit"), [("65536", 65536), ("500M", 500 * 1024**2), ("2g", 2 * 1024**3),
                                              ("4 KiB", 4096)])
def test_size_limit_setting_accepts_units(monkeypatch, value, limit):
    from baltmet_extract.ingest import max_file_bytes

    monkeypatch.setenv(MAX_FILE_BYTES_ENV, value)
    assert max_file_bytes() == limit


# --- awkward but usable inputs ----------------------------------------------------------------------

MALMO_ANNEX = annex_dump(
    ("Prosperous region", "", "", ""),
    ("Öresund Link", "Ongoing – “phase 2” (€ 2 million)", "Cities around the Øresund cooperate.",
     "Malmö (lead), København, Lund"),
)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encoded_annex_is_decoded_not_dropped(tmp_path, encoding):
    text = MALMO_ANNEX if encoding == "cp1252" else MALMO_ANNEX.replace("–", "-").replace("“", '"') \
        .replace("”", '"').replace("€", "EUR")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode(encoding))
    run = run_cli([legacy, write_good_annex(tmp_path)], tmp_path / "out", "--jobs", "1")
    assert run.code == 0, run.stderr
    assert run.table("errors") == []
    project = next(p for p in run.table("projects") if p["source_file"] == "legacy.txt")
    assert project["name"] == "Öresund Link"
    malmo = next(p for p in run.table("partners") if p["project_id"] == project["project_id"] and p["position"] == "1")
    assert (malmo["raw"], malmo["name"], malmo["role"], malmo["country"]) == ("Malmö", "Malmö", "lead", "SE")
    if encoding == "cp1252":
        assert project["status_text"] == "Ongoing – “phase 2” (€ 2 million)"
    assert_good_annex_extracted(run)


@pytest.mark.parametrize(("data", "text"), [
    ("Malmö – Århus".encode("utf-8-sig"), "Malmö – Århus"),
    ("Malmö\tGdańsk".encode("utf-16"), "Malmö\tGdańsk"),
    ("Malmö\tGdańsk".encode("utf-16-le"), "Malmö\tGdańsk"),
    ("Malmö\tGdańsk".encode("utf-16-be"), "Malmö\tGdańsk"),
    ("Gdańsk, Łódź – ".encode() + "Malmö".encode("cp1252"), "Gdańsk, Łódź – Malmö"),  # UTF-8 with a stray byte
    (b"Caf\x81 \x80", "Caf\x81 €"),  # a byte cp1252 leaves undefined is read as Latin-1
])
def test_text_encodings(data, text):
    assert decode_text("a.txt", data) == text


def test_control_characters_and_form_feeds_do_not_reach_cells_or_shift_line_numbers():
    doc = read_text("a.txt", b"one\x07\n\x0ctwo\tcells\x1b\n\nthree\x0bfour\n" + b"x" * 9000 + b"\x00\n")
    assert [(ln.row, ln.cells) for ln in doc.lines[:3]] == [(1, ("one",)), (2, ("two", "cells")),
                                                            (4, ("three four",))]
    assert doc.lines[3].cells == ("x" * 9000,)  # a NUL past the binary sniffing is dropped too


def test_rows_with_too_few_or_too_many_cells_become_flagged_records(tmp_path):
    ragged = tmp_path / "ragged.txt"
    ragged.write_text(annex_dump(
        ("Prosperous region", "", "", ""),
        ("Short Row Project", "Ongoing", "Only three cells here."),
        ("Wide Row Project", "Ongoing", "Six cells here.", "Riga (lead), Tallinn", "Vilnius", "stray"),
        ("Even Row Project", "Ongoing", "Four cells.", "Oslo (lead)"),
    ), encoding="utf-8")
    run = run_cli([ragged, write_good_annex(tmp_path)], tmp_path / "out", "--jobs", "1")
    assert run.code == 0, run.stderr
    projects = {p["name"]: p for p in run.table("projects") if p["source_file"] == "ragged.txt"}
    assert set(projects) == {"Short Row Project", "Wide Row Project", "Even Row Project"}
    assert projects["Short Row Project"]["needs_review"] == "true"
    assert "row has 3 cells, the table 4" in projects["Short Row Project"]["review_reason"]
    assert projects["Wide Row Project"]["needs_review"] == "true"
    assert "row has 6 cells, the table 4" in projects["Wide Row Project"]["review_reason"]
    assert projects["Even Row Project"]["needs_review"] == "false"
    wide = [p["raw"] for p in run.table("partners") if p["project_id"] == projects["Wide Row Project"]["project_id"]]
    assert "Riga" in wide and any("Vilnius" in raw for raw in wide)  # the extra cells' text is kept
    flagged = {p["record"] for p in run.json("validation.json")["problems"]  # type: ignore[index]
               if p["code"] == "project-needs-review"}
    assert flagged == {projects["Short Row Project"]["project_id"], projects["Wide Row Project"]["project_id"]}
    assert_good_annex_extracted(run)


SCRIPTED_PAGE = """<!DOCTYPE html>
<html><head><title>Annex</title><script>var LEAK_HEAD = 1;</script><style>p{content:"LEAK_STYLE"}</style></head>
<body onload="LEAK_ONLOAD()">
<script type="application/ld+json">{"name": "LEAK_JSONLD"}</script>
<h2>Prosperous region</h2>
<table>
<tr><th>Name of project</th><th>Status of the project</th><th>Description</th><th>Cities and other partners involved</th></tr>
<tr><td>Script Safe Project<script>document.write("LEAK_CELL")</script></td><td>Completed in December 2007</td>
<td>Cities test safe pages.<noscript>LEAK_NOSCRIPT</noscript> <a href="javascript:LEAK_HREF()" onclick="LEAK_CLICK()">more</a></td>
<td>Helsinki (lead), Berlin<svg><script>LEAK_SVG</script></svg></td></tr>
</table>
<pre>Notes <script>LEAK_PRE</script> end <!-- LEAK_COMMENT --></pre>
<template><p>LEAK_TEMPLATE</p></template>
<iframe srcdoc="<script>LEAK_IFRAME</script>"></iframe>
<script>
  var LEAK_UNCLOSED = "the script is never closed";
"""


def test_html_page_with_scripts_never_puts_script_text_in_any_output(tmp_path):
    page = tmp_path / "annex.html"
    page.write_text(SCRIPTED_PAGE, encoding="utf-8")
    run = run_cli([page, write_good_annex(tmp_path)], tmp_path / "out", "--jobs", "1")
    assert run.code == 0, run.stderr
    project = next(p for p in run.table("projects") if p["source_file"] == "annex.html")
    assert (project["name"], project["status"]) == ("Script Safe Project", "completed")
    partners = [p["name"] for p in run.table("partners") if p["project_id"] == project["project_id"]]
    assert partners == ["Helsinki", "Berlin"]
    for name, data in output_files(run.out).items():
        assert b"LEAK" not in data, name
    assert_good_annex_extracted(run)


def test_unreadable_file_is_named(open_tmp):
    """A file its user may not read (the run is made as `nobody` when the tests run as root, as in
    CI, since root reads every file)."""
    locked = open_tmp / "locked.txt"
    locked.write_text(GOOD_ANNEX, encoding="utf-8")
    locked.chmod(0)
    good = write_good_annex(open_tmp, "good.txt")
    run = run_unprivileged(lambda: run_cli([locked, good], open_tmp / "out", "--jobs", "1", "--no-cache"),
                           warm_up=lambda: run_cli([good], open_tmp / "warm-up", "--jobs", "1", "--no-cache"))
    assert_one_line_error(run, "locked.txt", "cannot be read: Permission denied")
    assert_in_errors_csv(run, "locked.txt", "cannot be read: Permission denied")
    assert_good_annex_extracted(run)
    assert_exit_status(run, 1)


def test_output_folder_that_is_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "out"
    target.write_text("not a folder")
    run = run_cli([write_good_annex(tmp_path)], target, "--jobs", "1")
    assert run.code == 2
    assert run.stderr.strip().splitlines()[-1] == f"baltmet-extract: {target}: --out must be a folder, and this is a file"

