"""Status, funding, web addresses, headings and project names from rules."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.phrases import (
    complete_heading,
    find_funding,
    find_url,
    looks_like_heading,
    parse_status,
    split_project_names,
)


@pytest.mark.parametrize(("cell", "status", "date"), [
    ("Completed in December 2007 (supported by Interreg IIIB)", "completed", "2007-12"),
    ("BSR INTERREG IIIB NP, to be completed in December 2008", "ongoing", "2008-12"),
    ("To take off by end 2008 (Supported by Interreg IVC in September 2008)", "approved", "2008-09"),
    ("Submitted to Baltic Sea Region Programme in May 2008", "submitted", "2008-05"),
    ("In development", "in_development", None),
    ("Ongoing in Finland; currently internationalising", "ongoing", None),
    ("Submitted in parallel to Baltic Sea Region in Spring 2008", "submitted", "2008"),
    ("Planned for 2010", "planned", "2010"),
    ("", "unknown", None),
    ("Something else entirely", "unknown", None),
])
def test_status_and_status_date(rules, cell, status, date):
    assert parse_status(cell, rules) == (status, date)


@pytest.mark.parametrize(("text", "funding"), [
    ("supported by Interreg IIIB", "Interreg IIIB"),
    ("BSR INTERREG IIIB NP", "Interreg IIIB"),
    ("(INTERREG IV B)", "Interreg IVB"),
    ("Interreg IVC in September 2008", "Interreg IVC"),
    ("Submitted to Baltic Sea Region Programme", "Baltic Sea Region Programme"),
    ("no programme here", None),
])
def test_funding_is_normalised(rules, text, funding):
    assert find_funding(text, rules) == funding


def test_url_is_found_without_brackets(rules):
    assert find_url("text (www.inno.baltmet.org)", rules) == "www.inno.baltmet.org"
    assert find_url("see (http://www.euregio-heltal.org/index.php?keel=eng).", rules) == \
        "http://www.euregio-heltal.org/index.php?keel=eng"
    assert find_url("no address", rules) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Environmentally sustain", "Environmentally sustainable region"),
    ("Prosperous region", "Prosperous region"),
    ("Accessible regoin", "Accessible region"),
    ("A heading nobody listed", "A heading nobody listed"),
])
def test_headings_are_completed(rules, text, expected):
    assert complete_heading(text, rules.objectives) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Prosperous region", True), ("Page 3 of 12", False), ("This is a sentence. And another.", False),
    ("lower case start", False),
])
def test_heading_shape(text, expected):
    assert looks_like_heading(text) is expected


def test_plain_names_keep_all_their_words(rules):
    assert split_project_names("Baltic Sea Challenge", rules) == [("Baltic Sea Challenge", None, None)]


@pytest.mark.parametrize(("cell", "status", "date"), [
    ("Completed (2006-2008, Interreg III B)", "completed", "2008"),
    ("Ongoing (2008–2011)", "ongoing", "2011"),
    ("Approved by the Baltic Sea Region Programme 2007-2013 in June 2009", "approved", "2009-06"),
    ("In preparation, application to be submitted in spring 2010", "in_development", "2010"),
])
def test_ranges_programme_periods_and_future_submissions(rules, cell, status, date):
    assert parse_status(cell, rules) == (status, date)


@pytest.mark.parametrize(("text", "funding"), [
    ("BSR Programme 2007-2013", "Baltic Sea Region Programme"),
    ("South Baltic Cross-border Co-operation Programme 2007-2013", "South Baltic Programme"),
])
def test_programme_names_with_words_between(rules, text, funding):
    assert find_funding(text, rules) == funding


def test_cut_heading_completed_from_the_document_and_whole_headings_kept(rules):
    doc = "Our priorities are innovation, Transport and logistics, and culture."
    assert complete_heading("Transport and logis", rules.objectives, doc) == "Transport and logistics"
    assert complete_heading("Environment", rules.objectives) == "Environment"


@pytest.mark.parametrize(("cell", "status"), [
    ("Ongoing (approved May 2010)", "ongoing"),
    ("Under implementation, 01/2009 - 12/2011", "ongoing"),
    ("Approved, to be completed in 2012", "ongoing"),
])
def test_the_status_furthest_along_wins(rules, cell, status):
    assert parse_status(cell, rules)[0] == status
