"""Rules learnt from the eighth real-pages set (benchmarks/real8, its dev half G): each case is
written here in the shape of a real page, not copied from one."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.article import page_parts
from baltmet_extract.extractors.dates import find_dates
from baltmet_extract.extractors.milestones import event_kind
from baltmet_extract.extractors.page_projects import extract_page_projects
from baltmet_extract.extractors.phrases import find_funding, parse_status
from helpers import extract_page, page_document, read_table


def _partners(out):  # type: ignore[no-untyped-def]
    return [(p["raw"], p["role"]) for p in read_table(out, "partners")]


def test_labelled_partners_on_one_line_parted_by_bars_end_at_the_blank_line(tmp_path):
    out = extract_page(tmp_path, "hanke.txt",
                       "Baltic Bridges\n\nA strategy for the corridor between two coasts.\n\n"
                       "Project name\nBaltic Bridges for transport\n\n"
                       "Project partners\nRegional Council of Lapland (Lead Part, FI) | Luleå Hamn AB (SE)\n\n"
                       "Lead Financier\nInterreg Aurora\n\nProject timetable\n\n120 000 euro\n")
    # the lead by its marker with a country beside it; the financier's label and its value are no partners
    assert _partners(out) == [("Regional Council of Lapland", "lead"), ("Luleå Hamn AB", "partner")]


def test_labelled_partners_each_on_its_line_after_a_blank_line_still_run_on(tmp_path, rules):
    doc = page_document(tmp_path, "Uutinen\n\nHankkeen nimi: SEABRIDGE - yhteistyön polut\n\nOsatoteuttajat\n\n"
                                  "Kemin kaupunki\nOulun yliopisto\n\n3 Tiivistelmä toteutuksesta\n")
    parts = page_parts(doc, rules)
    drafts = extract_page_projects(parts.title, parts.body, rules, "fi")
    assert [(m.raw, m.role) for d in drafts for m in d.partners.mentions] == [
        ("Kemin kaupunki", "partner"), ("Oulun yliopisto", "partner")]


@pytest.mark.parametrize("sentence, who", [
    ("W latach 2019-2021 Miejski Ośrodek Kultury w Słupsku realizuje projekt BALTIC STAGES współfinansowany "
     "z funduszy UE.", "Miejski Ośrodek Kultury w Słupsku"),
    ("Since 2020 Klaipeda University implements the project HARBOUR LINKS with five partners.",
     "Klaipeda University"),
])
def test_who_carries_a_project_out_is_its_partner(tmp_path, sentence, who):
    out = extract_page(tmp_path, "projekt.txt", f"Komunikat\n\n{sentence}\n")
    assert (who, "partner") in _partners(out)


def test_a_project_approved_today_is_dated_by_its_page_and_its_programme_named_first_or_in_quotes(tmp_path, rules):
    out = extract_page(tmp_path, "nyhet.txt",
                       "Nya projekt godkändes\nPublicerad: tisdag, 12 mars, 2024 - 10:15\n\n"
                       "Kommittén godkände idag 12 projekt\n\n"
                       "Styrkommittén för Interreg-program Central Baltic godkände idag finansieringen för tolv "
                       "nya projekt. Bland dem finns det godkända projektet Island Paths med åländskt deltagande.\n")
    projects = read_table(out, "projects")
    assert [(p["name"], p["status"], p["status_date"], p["funding"]) for p in projects] == [
        ("Island Paths", "approved", "2024-03-12", "Central Baltic Programme")]
    assert find_funding('"South Baltic" är ett EU-program', rules) == "South Baltic Programme"
    assert parse_status("de godkända projekten", rules)[0] == "approved"


def test_an_approval_not_said_to_be_today_takes_no_date_from_the_page(tmp_path):
    out = extract_page(tmp_path, "nyhet.txt",
                       "Projekt godkänt\nPublicerad: tisdag, 12 mars, 2024 - 10:15\n\n"
                       "Det godkända projektet Island Paths inom Interreg-program Central Baltic börjar i höst.\n")
    assert [(p["name"], p["status_date"]) for p in read_table(out, "projects")] == [("Island Paths", "")]


def test_a_programme_misspelt_in_a_title_is_no_project(tmp_path):
    out = extract_page(tmp_path, "nyhet.txt",
                       "Nya South Baltik-projekt godkändes\n\nPublicerad: 6 mars 2024\n\n"
                       "Kommittén för programmet godkände idag projektet Coastal Trails, som ska utveckla "
                       "vandringsleder längs kusten i fyra länder under de kommande tre åren.\n")
    assert [p["name"] for p in read_table(out, "projects")] == ["Coastal Trails"]


@pytest.mark.parametrize("text, start, end", [
    ("in der Woche vom 27.02.2023 bis 03.03.2023 an einer Tagung", "2023-02-27", "2023-03-03"),
    ("im Zeitraum vom 16.03.-19.03.2023 in Stralsund", "2023-03-16", "2023-03-19"),
    ("30.12.2022 – 02.01.2023", "2022-12-30", "2023-01-02"),
])
def test_a_range_of_two_whole_dates_is_one_range(text, start, end):
    found = find_dates(text)
    assert [(d.iso(), d.iso_end()) for d in found] == [(start, end)]


def test_two_whole_dates_joined_by_and_or_years_apart_are_two_dates():
    assert [d.iso() for d in find_dates("am 13.06.2007 und am 14.06.2007")] == ["2007-06-13", "2007-06-14"]
    assert [d.iso() for d in find_dates("13.06.2007 and 14.06.2007")] == ["2007-06-13", "2007-06-14"]
    assert [d.iso() for d in find_dates("12.03.2023 - 15.03.2024")] == ["2023-03-12", "2024-03-15"]


def test_the_town_a_delegation_visited_is_the_event_s_place_over_the_headline_s(tmp_path):
    out = extract_page(tmp_path, "besuch.txt",
                       "30 Jahre Partnerschaft mit Haapsalu in Estland\n\n"
                       "Die estnische Delegation, angeführt durch den Bürgermeister, und Frau Tamm, Haapsalu "
                       "Stadtverwaltung, haben in der Zeit vom 3. Juni bis 6. Juni 2024 die Stadt Eutin besucht.\n\n"
                       "Im Mai 2010 besuchte eine Eutiner Delegation die estnischen Freunde in der Stadt Haapsalu.\n")
    news = read_table(out, "news")
    assert [(n["date_start"], n["place"]) for n in news] == [("2024-06-03", "Eutin")]
    events = {(e["date_start"], e["place"]) for e in read_table(out, "events")}
    # an adjective of a town ("Eutiner Delegation") after the verb is no town visited
    assert events == {("2024-06-03", "Eutin"), ("2010-05", "Haapsalu")}


def test_a_date_s_place_after_it_is_as_near_as_its_words_say(tmp_path):
    out = extract_page(tmp_path, "twins.txt",
                       "Twin towns\n\nRakvere (Estonia)\n\n"
                       "On 4 May 2004 an agreement of friendship between the two towns was signed in Rakvere but "
                       "on 20 August in Jõgeva.\n")
    events = {(e["date_start"], e["place"]) for e in read_table(out, "events")}
    # the second date takes the year the sentence gave the first
    assert events == {("2004-05-04", "Rakvere"), ("2004-08-20", "Jõgeva")}


@pytest.mark.parametrize("sentence", [
    "The mayors unveiled a memorial stone.", "Die Partnerschaftswand wurde eingeweiht.",
    "Burmistrz odsłonił tablicę.", "Parken invigdes i maj.", "Monumentet blev indviet.",
    "La plaque a été dévoilée.", "The new square was inaugurated by both mayors."])
def test_an_unveiling_is_an_event(rules, sentence):
    assert event_kind(sentence, rules) is not None


def test_a_list_of_projects_each_with_its_partners_labelled_on_its_line(tmp_path):
    out = extract_page(tmp_path, "bifall.txt",
                       "12 miljoner euro från Central Baltic-programmet\n\n"
                       "Vid mötet i Mariehamn den 5 juni 2019 bifölls 9 projekt av övervakningskommittén.\n\n"
                       "Lista över svenska partners i projekt som fick bifall\n\n"
                       "ISLE HOP – Huvudpartner: Stockholms universitet. Projektpartner: Region Gotland, "
                       "Energikontoret Öst.\nAssocierad Partner: Visit Gotland, Norrtälje kommun.\n\n"
                       "Wood Fest – Projektpartner: Nordic Timber Centre, Falun. Associerad Partner: Skogsforum.\n")
    projects = {p["project_id"]: p for p in read_table(out, "projects")}
    assert {p["name"]: (p["status"], p["funding"]) for p in projects.values()} == {
        "ISLE HOP": ("approved", "Central Baltic Programme"), "Wood Fest": ("approved", "Central Baltic Programme")}
    by_project: dict[str, list[tuple[str, str]]] = {}
    for p in read_table(out, "partners"):
        by_project.setdefault(projects[p["project_id"]]["name"], []).append((p["raw"], p["role"]))
    assert by_project["ISLE HOP"] == [("Stockholms universitet", "lead"), ("Region Gotland", "partner"),
                                      ("Energikontoret Öst", "partner"), ("Visit Gotland", "observer"),
                                      ("Norrtälje kommun", "observer")]
    # the town written after an organisation is where it is, no partner of its own
    assert by_project["Wood Fest"] == [("Nordic Timber Centre", "partner"), ("Skogsforum", "observer")]


def test_partners_listed_after_these_are_when_partners_were_spoken_of(tmp_path):
    out = extract_page(tmp_path, "naujiena.txt",
                       "Naujienos\n\n„Jūros keliai“ – tokio projekto paraišką Pietų Baltijos programai parengė trijų "
                       "partnerių konsorciumas. Tai Nordic Harbour institutas ir uosto muziejus iš Danijos, Lęborko "
                       "savivaldybė iš Lenkijos ir Šilutės turizmo centras. Į projektą pakviesti du asocijuoti "
                       "partneriai – tai Neringos muziejai ir Klaipėdos universitetas.\n")
    assert [p["name"] for p in read_table(out, "projects")] == ["Jūros keliai"]
    assert _partners(out) == [("Nordic Harbour institutas ir uosto muziejus", "partner"),
                              ("Lęborko savivaldybė", "partner"), ("Šilutės turizmo centras", "partner"),
                              ("Neringos muziejai", "observer"), ("Klaipėdos universitetas", "observer")]


def test_these_are_without_partners_spoken_of_lists_nothing(tmp_path, rules):
    from baltmet_extract.extractors.page_partners import listed_after
    from baltmet_extract.extractors.page_phrases import page_phrases

    ph = page_phrases(rules)
    assert listed_after("The towns have many museums.", "These are Old Town Museum and Harbour Museum.", ph,
                        ph.splitter("en")) is None
