"""Work-package pages: milestones, periods, and dated events with places from their texts."""

from __future__ import annotations

import io

from baltmet_extract.cli import main
from baltmet_extract.extractors.milestones import extract_milestones, year_in_period
from baltmet_extract.ingest.text import read_text
from baltmet_extract.models import Milestone
from helpers import read_table

WORK_PACKAGE_PAGE = """Work Package 2: Innovation policy

Milestone 1 (Start - June 2005)

The kick-off meeting is held in Stockholm in February 2005. The partners agree on the work plan by the end of April.

Milestone 2 (July 2005 - March 2006)

A study visit to Oslo is organised in September. The interim report is published in February in Vilnius.
"""


def test_milestones_with_open_and_closed_periods(rules):
    drafts = extract_milestones(read_text("wp.txt", WORK_PACKAGE_PAGE.encode()), rules)
    ms = [d.milestone for d in drafts]
    assert [(m.work_package, m.milestone, m.period_start, m.period_end) for m in ms] == [
        ("WP 2: Innovation policy", 1, None, "2005-06"),
        ("WP 2: Innovation policy", 2, "2005-07", "2006-03"),
    ]


def test_events_take_the_year_from_the_period(rules):
    drafts = extract_milestones(read_text("wp.txt", WORK_PACKAGE_PAGE.encode()), rules)
    events = [(e.kind, e.date_start, e.date_inferred) for d in drafts for e in d.events]
    assert events == [("meeting", "2005-02", False), ("deadline", "2005-04", True),
                      ("workshop", "2005-09", True), ("release", "2006-02", True)]


def test_year_in_a_period_that_spans_new_year():
    m = Milestone(milestone=1, period_start="2006-07", period_end="2007-06", source_file="x")
    assert year_in_period(8, m) == (2006, True)
    assert year_in_period(2, m) == (2007, True)


def test_events_table_resolves_places(tmp_path):
    page = tmp_path / "wp.txt"
    page.write_text(WORK_PACKAGE_PAGE, encoding="utf-8")
    assert main(["extract", str(page), "--out", str(tmp_path / "o"), "--jobs", "1"],
                stdout=io.StringIO(), stderr=io.StringIO()) == 0
    events = read_table(tmp_path / "o", "events")
    assert [(e["milestone"], e["date_start"], e["place"]) for e in events] == [
        ("1", "2005-02", "Stockholm"), ("1", "2005-04", ""), ("2", "2005-09", "Oslo"), ("2", "2006-02", "Vilnius")]
    assert all(e["date_start"] for e in events)


def test_sample_events(sample_run):
    _, out, _ = sample_run
    events = read_table(out, "events")
    placed = [(e["date_start"], e["place"]) for e in events if e["place"]]
    assert placed == [("2006-03", "Copenhagen"), ("2006-08", "Malmö"), ("2007-02", "Warsaw"), ("2007-08", "Copenhagen"),
                      ("2007-11", "Brussels"), ("2007-11-13", "Berlin"), ("2007-10-09", "Brussels"),
                      ("2007-06-13", "Saint Petersburg")]
    assert all(e["date_start"] for e in events)
    inferred = {e["date_start"]: e["date_inferred"] for e in events}
    assert inferred["2006-08"] == "true" and inferred["2006-03"] == "false"


def test_two_dated_places_in_one_sentence_give_two_events(tmp_path):
    page = tmp_path / "wp.txt"
    page.write_text("Milestone 2 (January - December 2009)\n\nTwo seminars are organised, the first in April in "
                    "Stockholm and the second in June in Riga.\n", encoding="utf-8")
    assert main(["extract", str(page), "--out", str(tmp_path / "o"), "--jobs", "1"],
                stdout=io.StringIO(), stderr=io.StringIO()) == 0
    events = read_table(tmp_path / "o", "events")
    assert [(e["kind"], e["date_start"], e["place"]) for e in events] == [
        ("seminar", "2009-04", "Stockholm"), ("seminar", "2009-06", "Riga")]


def test_the_place_nearest_the_date_is_the_events(tmp_path):
    page = tmp_path / "wp.txt"
    page.write_text("Milestone 5 (1 January - 30 June 2011)\nThe final seminar of the work package is held in "
                    "Stockholm in April 2011, and the results are presented to the mayors at the Forum in "
                    "Helsinki in June 2011.\n", encoding="utf-8")
    assert main(["extract", str(page), "--out", str(tmp_path / "o"), "--jobs", "1"],
                stdout=io.StringIO(), stderr=io.StringIO()) == 0
    m = read_table(tmp_path / "o", "milestones")
    assert (m[0]["period_start"], m[0]["period_end"]) == ("2011-01", "2011-06")
    events = read_table(tmp_path / "o", "events")
    assert [(e["date_start"], e["place"]) for e in events] == [("2011-04", "Stockholm"), ("2011-06", "Helsinki")]
