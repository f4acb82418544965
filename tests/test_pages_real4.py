"""Rules learnt from the fourth real-pages set (benchmarks/real4, its dev part): each case is
written here in the shape of a real page, not copied from one."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.article import extract_article
from baltmet_extract.extractors.dates import find_weekdays
from helpers import extract_page, page_document, read_table


@pytest.mark.parametrize(("text", "weekday"), [
    ("The mayor on Thursday will open the forum", 3), ("am Donnerstag traf sich der Ausschuss", 3),
    ("w środę odbyło się spotkanie", 2), ("neljapäeval toimus kohtumine", 3),
    ("ketvirtadienį įvyko susitikimas", 3), ("torstaina järjestettiin tapaaminen", 3)])
def test_a_weekday_alone_is_found_in_the_languages_of_the_region(text, weekday):
    assert [w[2] for w in find_weekdays(text)] == [weekday]


def test_a_weekday_inside_a_full_date_is_no_weekday_alone():
    assert find_weekdays("Thursday, 14 September 2017 in Riga") == []
    assert find_weekdays("torstaina 14. syyskuuta 2017") == []


@pytest.mark.parametrize(("day", "expected"), [
    ("Thursday", "2017-09-14"), ("Friday", "2017-09-08"), ("Monday", "2017-09-11")])
def test_a_weekday_alone_is_the_day_of_that_name_nearest_the_page_date(tmp_path, rules, day, expected):
    doc = page_document(tmp_path, f" date 2017-09-11 Mayor visits the twin city\n\nThe mayor on {day} takes part in a "
                          "meeting with the city government in Turku about the ferry line and culture.\n")
    draft = extract_article(doc, rules)
    assert draft is not None
    assert draft.date_start == expected
    assert draft.date_inferred  # a person may want to check which week was meant


def test_a_page_that_tells_of_no_event_gives_news_but_no_event(tmp_path):
    out = extract_page(tmp_path, "programme.txt",
                   "PROGRAMME FOR THE SOUTHERN COAST APPROVED\n2022-11-22\n\n"
                   "On 04.10.2022 the European Commission approved the programme for the years to come.\n\n"
                   "The joint secretariat has its office in Gdańsk and answers questions of applicants.\n")
    assert len(read_table(out, "news")) == 1
    assert read_table(out, "events") == []  # neither the page's date nor Gdańsk is any event's


def test_a_page_that_tells_of_an_undated_meeting_is_dated_by_its_month(tmp_path):
    out = extract_page(tmp_path, "visit.txt",
                   "Kalmar celebrates 20 years as twin town of Wismar\n\n"
                   "This weekend a delegation takes part in the Swedish festival in Wismar, a celebration much "
                   "like our own town festival.\n\nAt the twin town meeting the cities exchange their experience.\n\n"
                   "Published: 18 August 2022\n")
    events = read_table(out, "events")
    assert [(e["date_start"], e["place"], e["date_inferred"]) for e in events] == [("2022-08", "Wismar", "true")]


@pytest.mark.parametrize(("page", "expected"), [
    pytest.param(" date 2019-05-06 Delegation travels to the twin city\n\n"
                 "A delegation of the city government of Tallinn on 9 May 2019 will visit Helsinki to open "
                 "an exhibition and a tourism seminar.\n", ("2019-05-09", "Helsinki"),
                 id="a place people come from is not the event place"),
    pytest.param("Twin towns: Limbaži\n\n"
                 "No 2023. gada 6. līdz 8. oktobrim Limbažu delegācija devās uz Vāciju, lai piedalītos mūsu "
                 "sadraudzības pilsētas Anklamas gadskārtējā pieņemšanā un tikšanās ar domi.\n", ("2023-10-06", "Anklam"),
                 id="a town in the country people went to is the event place"),
    pytest.param(" date 2025-10-16 Jelgavu apmeklē delegācija no Ukrainas pilsētas Horodenkas\n\n"
                 "Trešdien, 15. oktobrī, Jelgavas pilsētas vadība tikās ar pilsētas Horodenkas delegāciju, lai "
                 "apspriestu abu pilsētu sadarbību.\n", ("2025-10-15", "Jelgava"),
                 id="a town in the country a delegation comes from is not the event place"),
    pytest.param("Baltic Sea Region conference\n\nThe fifth conference on cooperation in the region will be held "
                 "this autumn with the regional and federal authorities.\n\n"
                 "Date: Septemver 23d, 2016\n\nVenue: Kaliningrad,\n", ("2016-09-23", "Kaliningrad"),
                 id="a misspelt month under a date label is mended")])
def test_the_event_a_page_tells_of(tmp_path, page, expected):
    out = extract_page(tmp_path, "page.txt", page)
    assert [(e["date_start"], e["place"]) for e in read_table(out, "events")] == [expected]


def test_latvian_and_estonian_ranges_end_in_the_case_of_until(tmp_path, rules):
    from baltmet_extract.extractors.dates import find_dates, rules_date_words

    words = rules_date_words(rules)
    [d] = find_dates("No 2023. gada 6. līdz 8. oktobrim delegācija devās", words)
    assert (d.iso(), d.iso_end()) == ("2023-10-06", "2023-10-08")
    [d] = find_dates("5.–7. juunini 2021 toimus", words)
    assert (d.iso(), d.iso_end()) == ("2021-06-05", "2021-06-07")


@pytest.mark.parametrize(("language", "word", "expected"), [
    ("lv", "Rīgā", True), ("lv", "Rīgas", False), ("lv", "Limbažu", False), ("lt", "Vilniuje", True),
    ("lt", "Klaipėdos", False), ("et", "Tartus", True), ("fi", "Turussa", True), ("fi", "Turun", False)])
def test_only_a_locative_ending_says_in(rules, gazetteer, language, word, expected):
    from baltmet_extract.normalise.inflection import Inflections

    assert Inflections(gazetteer, rules.languages).says_where(language, word) is expected


def test_a_list_of_project_headings_each_with_its_lead(tmp_path):
    out = extract_page(tmp_path, "approved.txt",
                   "Results of the first call\n\n"
                   "Below is the list of projects approved for funding by the Joint Monitoring Committee.\n\n"
                   " 1. LT-PL-2R-101 Green harbours of the lagoon towns\n\n"
                   "Lead beneficiary: Gmina Miasto Ełk (Polska)\n\n"
                   " 2. LT-PL-2R-117 Culture and nature on both sides of the border\n\n"
                   "Lead beneficiary: Centre of Culture, Sport and Tourism in Korycin (Polska)\n")
    projects = read_table(out, "projects")
    assert [(p["name"], p["status"]) for p in projects] == [
        ("Green harbours of the lagoon towns", "approved"),
        ("Culture and nature on both sides of the border", "approved")]
    leads = [(p["raw"], p["role"]) for p in read_table(out, "partners")]
    # one lead under its label is one organisation, commas and "and" in its name or not
    assert leads == [("Gmina Miasto Ełk", "lead"), ("Centre of Culture, Sport and Tourism in Korycin", "lead")]


def test_approval_told_in_a_sentence_is_the_status_of_the_project_it_names(tmp_path):
    out = extract_page(tmp_path, "granted.txt",
                   "Neue Fluglinien im Ostseeraum\n\n"
                   "Das Projekt „South Sky Access“ wird von Rostock Business federführend betreut.\n\n"
                   "Das Entscheidungsgremium hat in Palanga die Projektanträge befürwortet.\n")
    projects = read_table(out, "projects")
    assert [(p["name"], p["status"]) for p in projects] == [("South Sky Access", "approved")]
    assert "befürwortet" in projects[0]["status_text"]


def test_a_state_other_than_approval_is_not_read_from_running_text(tmp_path):
    out = extract_page(tmp_path, "started.txt",
                   "Harbour news\n\nThe project „Blue Quays“ is led by the City of Gdynia.\n\n"
                   "Work on the quay started last year.\n")
    projects = read_table(out, "projects")
    assert [p["status"] for p in projects] == ["unknown"]


def test_a_year_with_its_marker_and_a_month_alone_is_a_month(rules):
    from baltmet_extract.extractors.dates import find_dates, rules_date_words

    words = rules_date_words(rules)
    assert [d.iso() for d in find_dates("delegatsioon käis Sotšis 2011. aasta novembris, mil", words)] == ["2011-11"]
    assert [d.iso() for d in find_dates("2019. gada jūnijā notika", words)] == ["2019-06"]


def test_an_image_file_name_is_no_title_and_no_part_of_the_text(tmp_path, rules):
    doc = page_document(tmp_path, "spring-photo-2023-small.jpg\nTwin town celebrates its jubilee\n06.06.2023\n\n"
                          "img9377.jpgFrom 5 to 7 June 2023 a delegation of the municipality visited the twin town "
                          "Strängnäs for the national day.\n")
    draft = extract_article(doc, rules)
    assert draft is not None
    assert draft.title == "Twin town celebrates its jubilee"
    assert draft.summary.startswith("From 5 to 7 June 2023")
    assert draft.date_start == "2023-06-05"


def test_a_project_named_after_its_programme_is_still_a_project(tmp_path):
    out = extract_page(tmp_path, "airlines.txt",
                   "Neue Fluglinien\n\n"
                   "Im Programm „Region Südliche Ostsee“ (South Baltic Programme) wurden die Projektanträge befürwortet.\n\n"
                   "Das Projekt „South Baltic Air Links“ wird durch Rostock Business (Gesellschaft für "
                   "Wirtschaftsförderung) federführend betreut.\n")
    projects = read_table(out, "projects")
    assert [(p["name"], p["status"], p["funding"]) for p in projects] == [
        ("South Baltic Air Links", "approved", "South Baltic Programme")]  # the page's one project
    partners = read_table(out, "partners")
    assert [(p["raw"], p["role"], p["kind"]) for p in partners] == [("Rostock Business", "lead", "organisation")]
