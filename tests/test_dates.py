"""Dates in text with their precision."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.dates import find_dates


@pytest.mark.parametrize(("text", "start", "end"), [
    ("in Brussels on 9th October 2007.", "2007-10-09", None),
    ("Workshops in St. Petersburg, 13-15 June 2007", "2007-06-13", "2007-06-15"),
    ("Milestone 3 (January - June 2006)", "2006-01", "2006-06"),
    ("Completed in December 2007", "2007-12", None),
    ("Submitted in Spring 2008", "2008", None),
    ("December 31, 2008", "2008-12-31", None),
    ("June 13-15, 2007", "2007-06-13", "2007-06-15"),
])
def test_dates_with_their_precision(text, start, end):
    d = find_dates(text)[0]
    assert (d.iso(), d.iso_end()) == (start, end)


@pytest.mark.parametrize("text", ["On November 13th the conference", "From 13 - 15 June, the City", "a workshop in August"])
def test_dates_without_a_year_leave_it_to_context(text):
    d = find_dates(text)[0]
    assert d.year is None and d.month is not None
    assert d.iso(2007).startswith("2007-")


def test_start_of_a_period_may_be_open():
    d = find_dates("Milestone 1 (Start - June 2005)")[0]
    assert (d.iso(), d.iso_end()) == (None, "2005-06")


@pytest.mark.parametrize("text", ["May I say", "March on", "31 February 2007", "no dates here"])
def test_words_that_are_not_dates(text):
    assert all(d.month is None or d.day is None for d in find_dates(text)) or not find_dates(text)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Meeting on 13.06.2007 in Riga", "2007-06-13", None),
    ("deadline 2008-03-31", "2008-03-31", None),
    ("on 1/9/2009", "2009-09-01", None),
    ("Duration 2009-2012", "2009", "2012"),
    ("runs 2009 – 2012", "2009", "2012"),
])
def test_numeric_dates_and_year_ranges(text, start, end):
    d = find_dates(text)[0]
    assert (d.iso(), d.iso_end()) == (start, end)


def test_impossible_numeric_dates_are_ignored():
    assert [d.kind for d in find_dates("on 31.02.2007")] == ["year"]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Completed 11/2009", "2009-11", None),
    ("01/2009 – 06/2009", "2009-01", "2009-06"),
    ("met in Stockholm on 10.–11.12.2009 at", "2009-12-10", "2009-12-11"),
    ("in the first half of 2010", "2010-01", "2010-06"),
    ("second half of 2010", "2010-07", "2010-12"),
    ("on 13.06.2007", "2007-06-13", None),
])
def test_month_numbers_half_years_and_dotted_day_ranges(text, start, end):
    d = find_dates(text)[0]
    assert (d.iso(), d.iso_end()) == (start, end)
