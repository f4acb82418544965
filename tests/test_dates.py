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


@pytest.mark.parametrize(("text", "start", "end"), [
    ("spotkanie odbyło się 5 i 6 października 2017 r. w Gdańsku", "2017-10-05", "2017-10-06"),
    ("Kokous pidettiin 13. kesäkuuta 2019 Turussa", "2019-06-13", None),
    ("Kohtumine toimus 14. märtsil 2016 Tartus", "2016-03-14", None),
    ("Sanāksme notika 2018. gada 5. jūnijā Rīgā", "2018-06-05", None),
    ("Susitikimas vyko 2019 m. birželio 12 d. Vilniuje", "2019-06-12", None),
    ("la réunion du 14 févr. 2012 à Lille", "2012-02-14", None),
    ("The meeting on 3 – 4 May 2016 in Riga", "2016-05-03", "2016-05-04"),
    ("Treffen am 12.–13.6.2018 in Rostock", "2018-06-12", "2018-06-13"),
    ("vom 12. bis 14. Juni 2019 in Kiel", "2019-06-12", "2019-06-14"),
    ("mötet den 5–6 oktober 2017 i Visby", "2017-10-05", "2017-10-06"),
    ("partnermødet den 5. og 6. oktober 2017", "2017-10-05", "2017-10-06"),
    ("du 12 au 14 juin 2019 à Dunkerque", "2019-06-12", "2019-06-14"),
    ("5.–6. oktoobril 2017 Pärnus", "2017-10-05", "2017-10-06"),
    ("birželio 12–13 d. Klaipėdoje", "--06-12", "--06-13"),
    ("on the 8th and 9th of May", "--05-08", "--05-09"),
])
def test_dates_in_the_languages_of_the_region(text, start, end):
    d = find_dates(text)[0]
    got = (d.iso(), d.iso_end()) if d.year else (f"--{d.month:02d}-{d.day:02d}",
                                                 f"--{d.end_month or d.month:02d}-{d.end_day:02d}" if d.end_day else None)
    assert got == (start, end)


@pytest.mark.parametrize("text", ["w październiku", "im März", "maaliskuussa", "märtsis", "in March"])
def test_a_month_alone_in_the_languages_of_the_region(text):
    d = find_dates(text)[0]
    assert d.year is None and d.day is None and d.month in (3, 10)


@pytest.mark.parametrize("text", ["mais pourquoi", "Kesä on kaunis", "lis 10 razy", "the mail 2019 campaign"])
def test_words_of_running_text_are_no_months(text):
    assert all(d.kind == "year" for d in find_dates(text))


@pytest.mark.parametrize(("text", "start"), [("im Mai 2019", "2019-05"), ("en mai 2019", "2019-05"),
                                             ("in May 2008", "2008-05"), ("14. mail 2016", "2016-05-14"),
                                             ("Oct 13, 2019", "2019-10-13"), ("13 Jun 2019", "2019-06-13")])
def test_may_and_abbreviations(text, start):
    assert find_dates(text)[0].iso() == start
