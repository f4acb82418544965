"""Property-based tests: random and mutated text never makes the parsers or the pipeline raise.

`process_document` turns any exception into an error record, so "never raises" is checked
more strictly there: no record may say the document "could not be processed" (the words
the pipeline uses for an unexpected exception, that is, a bug).
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baltmet_extract.documents import process_document
from baltmet_extract.errors import InputError
from baltmet_extract.extractors.dates import find_dates
from baltmet_extract.extractors.partners import parse_partner_cell
from baltmet_extract.extractors.phrases import parse_status
from baltmet_extract.ingest.text import _UTF8_SEQUENCE as UTF8_SEQUENCE
from baltmet_extract.ingest.text import decode_text, read_text
from baltmet_extract.models import STATUSES
from baltmet_extract.results import DocumentResult
from utils import ANNEX_SAMPLE, NEWS_SAMPLE

#: `BALTMET_HYPOTHESIS_EXAMPLES=5000 pytest tests/test_properties.py` searches harder.
EXAMPLES = int(os.environ.get("BALTMET_HYPOTHESIS_EXAMPLES", "100"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
UNEXPECTED = "could not be processed"

#: Words the parsers react to, mixed with random text so the examples hit the interesting paths.
DATE_WORDS = ["13", "15th", "9", "2007", "2008", "1999", "June", "Nov.", "December", "spring", "end", "of", "to", "-",
              "–", "until", "in", "by", "start", "mid", ",", "2006-01", "13.12.2007", "2007/2008", "31", "Feb", "29"]
PARTNER_WORDS = ["Helsinki", "(lead)", "(LP)", "Berlin", "and", "with observers from", "Oslo", "cities of",
                 "Regions of", "other cities in Finland", "TBC", "et al.", ",", ";", "(", ")", "Region,", "Dalarnas",
                 "have expressed interest", "Lead:", "partners:", "/", "Central and South Bohemian Region", "(SE)",
                 "German Länder", "ivodships", "the", "&", "…"]
STATUS_WORDS = ["Completed", "in", "December", "2007", "submitted", "to", "approved", "ongoing", "In development",
                "planned", "Interreg IIIB", "(", ")", "to be completed", "by", "end", "2008", "supported by", "not"]


def mixed(words: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(words), st.text(max_size=8))
    return st.lists(piece, max_size=25).map(" ".join)


@FAST
@given(mixed(DATE_WORDS))
def test_find_dates_never_raises_and_gives_iso_dates(text):
    for d in find_dates(text):
        assert text[d.start : d.end] == d.text
        for iso in (d.iso(2000), d.iso_end(2000)):
            if iso is None:
                continue
            assert ISO.match(iso), iso
            parts = [int(x) for x in iso.split("-")]
            date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))


@FAST
@given(mixed(PARTNER_WORDS))
def test_parse_partner_cell_never_raises(rules, text):
    cell = parse_partner_cell(text, rules)
    for m in cell.mentions:
        assert m.raw.strip() == m.raw and m.raw
        assert m.role in ("lead", "partner", "observer", "interested")


@FAST
@given(mixed(STATUS_WORDS))
def test_parse_status_never_raises(rules, text):
    status, when = parse_status(text, rules)
    assert status in STATUSES
    assert when is None or ISO.match(when)


@FAST
@given(st.binary(max_size=400))
def test_read_text_reads_or_refuses_any_bytes(data):
    try:
        doc = read_text("x.txt", data)
    except InputError as exc:
        assert exc.source_file == "x.txt" and "\n" not in exc.message
        return
    rows = [line.row for line in doc.lines]
    assert rows == sorted(set(rows))
    for line in doc.lines:
        for cell in line.cells:
            assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", cell)
            assert cell == " ".join(cell.split())


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_utf8_text_decodes_to_itself(text):
    if text.startswith("\ufeff") or text.lstrip().startswith(("%PDF-", "{\\rtf", "GIF8")):
        return
    assert decode_text("x.txt", text.encode("utf-8")) == text


@FAST
@given(st.text(alphabet=st.characters(codec="cp1252", blacklist_categories=("Cc",)), max_size=200))
def test_windows_1252_text_decodes_to_itself(text):
    data = text.encode("cp1252")
    if UTF8_SEQUENCE.search(data):
        return  # bytes that also read as UTF-8 ("Ã©" is "é"): the ambiguity is inherent
    assert decode_text("x.txt", data) == text


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=20, max_size=200),
       st.sampled_from(["ö", "é", "€", "–", "“"]))
def test_utf8_text_with_one_stray_windows_1252_character(text, stray):
    """Text pasted from two sources: UTF-8 throughout but one Windows-1252 character."""
    data = text.encode("utf-8")
    if text.startswith("\ufeff") or len(UTF8_SEQUENCE.findall(data)) < 4:
        return
    middle = len(text) // 2
    mixed_bytes = text[:middle].encode("utf-8") + stray.encode("cp1252") + b" " + text[middle:].encode("utf-8")
    assert decode_text("x.txt", mixed_bytes) == text[:middle] + stray + " " + text[middle:]


# --- the pipeline on random and mutated documents ---------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return tmp_path_factory.mktemp("properties")


def _check(result: DocumentResult) -> None:
    for e in result.errors:
        assert UNEXPECTED not in e.message, e.message
        assert "\n" not in e.message
    # every table row became a record or structure, or is reported with its row number
    reported = sum(1 for e in result.errors if e.stage == "extract" and e.source_row is not None)
    assert result.rows_seen == result.rows_used + reported


ANNEX_LINES = ANNEX_SAMPLE.read_text(encoding="utf-8").split("\n")
NEWS_LINES = NEWS_SAMPLE.read_text(encoding="utf-8").split("\n")
NOISE = st.one_of(st.text(max_size=30), st.sampled_from(["\t", "\t\t\t", "", "Prosperous region\t\t\t", "(lead)",
                                                         "Milestone 3", "January - June 2006", "et al.", "-\t-"]))


@st.composite
def mutated(draw, lines: list[str]) -> str:  # type: ignore[no-untyped-def]
    """A sample dump with lines deleted, repeated, swapped, cut, re-tabbed or replaced by noise."""
    out = list(lines)
    for _ in range(draw(st.integers(0, 8))):
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        op = draw(st.sampled_from(["delete", "repeat", "swap", "cut", "tab", "untab", "noise", "insert"]))
        if op == "delete":
            del out[i]
        elif op == "repeat":
            out.insert(i, out[i])
        elif op == "swap":
            j = draw(st.integers(0, len(out) - 1))
            out[i], out[j] = out[j], out[i]
        elif op == "cut":
            out[i] = out[i][: draw(st.integers(0, len(out[i])))]
        elif op == "tab":
            k = draw(st.integers(0, len(out[i])))
            out[i] = out[i][:k] + "\t" + out[i][k:]
        elif op == "untab":
            out[i] = out[i].replace("\t", " ", draw(st.integers(1, 3)))
        elif op == "noise":
            out[i] = draw(NOISE)
        else:
            out.insert(i, draw(NOISE))
    return "\n".join(out)


@FAST
@given(st.one_of(mutated(ANNEX_LINES), mutated(NEWS_LINES)))
def test_process_document_survives_mutated_samples(scratch, text):
    path = scratch / "mutated.txt"
    path.write_text(text, encoding="utf-8")
    _check(process_document(str(path), "mutated.txt"))


@FAST
@given(st.lists(st.sampled_from([*"ab1 \t\n.,()-:;Å", "Name", "Partners", "Status", "Description", "(lead)",
                                  "2007", "\r"]), max_size=150).map("".join))
def test_process_document_survives_random_text(scratch, text):
    path = scratch / "random.txt"
    path.write_text(text, encoding="utf-8")
    _check(process_document(str(path), "random.txt"))


@settings(max_examples=max(EXAMPLES // 4, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(ANNEX_LINES))
def test_linking_validation_and_export_survive_mutated_annexes(scratch, gazetteer, resolver, rules, text):
    """Past extraction too: resolving, linking, validating and writing every file."""
    from baltmet_extract.export import write_outputs
    from baltmet_extract.normalise.link import Linker
    from baltmet_extract.normalise.textplaces import TextPlaceFinder
    from baltmet_extract.results import RunResult
    from baltmet_extract.validate import validate

    path = scratch / "annex.txt"
    path.write_text(text, encoding="utf-8")
    doc = process_document(str(path), "annex.txt")
    _check(doc)
    tables = Linker(resolver, TextPlaceFinder(gazetteer, resolver, rules)).run([doc])
    problems = validate(tables, [doc], rules)
    assert not [p for p in problems if p["code"] in ("check-failed", "invalid-record", "duplicate-id",
                                                     "orphan-partner", "missing-place")], problems
    write_outputs(RunResult(tables=tables, documents=[doc], validation=problems), scratch / "out")
