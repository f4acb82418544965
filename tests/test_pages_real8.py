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


# --- the ninth set's dev half (benchmarks/real9, half J) ---------------------------------------


@pytest.mark.parametrize("text, month", [
    ("en konferens i Växjö i slutet av september, arrangerad av", 9), ("Ende Oktober trafen sich", 10),
    ("pod koniec listopada w Gdyni", 11), ("at the beginning of March in Riga", 3)])
def test_a_part_of_a_month_is_that_month(text, month):
    assert [d.month for d in find_dates(text)] == [month]


def test_a_conference_at_the_end_of_a_month_takes_its_year_from_the_press_release(tmp_path):
    out = extract_page(tmp_path, "press.txt",
                       "Svenska kommuner vill samarbeta mer\n\nPressmeddelande   •   Nov 12, 2005 10:10 CET\n\n"
                       "Detta kom till uttryck vid en svensk-litauisk konferens i Karlshamn i slutet av oktober, "
                       "arrangerad av bland andra Region Blekinge och flera kommuner i regionen.\n")
    assert [(n["date_start"], n["place"]) for n in read_table(out, "news")] == [("2005-10", "Karlshamn")]


def test_a_journey_from_home_is_placed_where_the_travellers_arrived(tmp_path):
    out = extract_page(tmp_path, "reise.txt",
                       "Besuch zum Stadtjubiläum\n\n"
                       "Am Samstag, den 3. Juni 2023, begaben wir uns gegen 08.00 Uhr von unserer Heimatstadt "
                       "Grimmen aus auf die Reise. Wir kamen nachmittags in Koszalin an, wo uns der Bürgermeister "
                       "herzlich empfing.\n")
    assert [(n["date_start"], n["place"]) for n in read_table(out, "news")] == [("2023-06-03", "Koszalin")]


def test_two_dotted_days_without_a_dash_are_a_range_only_when_near():
    assert [(d.iso(), d.iso_end()) for d in find_dates("in der Zeit vom 12.09. 14.09.2016 in Turku")] == [
        ("2016-09-12", "2016-09-14")]
    assert [d.iso() for d in find_dates("Termine: 12.03. 14.05.2019")] == ["2019-05-14"]


def test_a_month_in_a_date_is_no_town_and_a_later_labelled_date_is_the_page_s(tmp_path):
    out = extract_page(tmp_path, "wizyta.txt",
                       "Wizyta delegacji z Wilna - spotkanie robocze\n\nData: 21 Września 2021\n\n"
                       "W dniu 12 kwietnia 2018 r. w Giżycku odbyło się pierwsze spotkanie robocze z "
                       "przedstawicielami z Wilna poświęcone przygotowaniu wspólnego projektu.\n")
    assert [(n["date_start"], n["place"]) for n in read_table(out, "news")] == [("2018-04-12", "Giżycko")]
    assert all(e["place"] != "Września" for e in read_table(out, "events"))


def test_a_list_of_meetings_each_a_date_and_a_town(tmp_path):
    out = extract_page(tmp_path, "group.txt",
                       "Steering Group of the action\n\nThe group meets twice a year in the partner cities to plan "
                       "the work of the coming months and to follow its results.\n\nMeetings\n\n"
                       "2017-10-04 Kaunas, Lithuania\n2017-05-16 Lübeck, Germany\n2016-11-22 Turku, Finland\n")
    events = {(e["date_start"], e["place"]) for e in read_table(out, "events")}
    assert {("2017-10-04", "Kaunas"), ("2017-05-16", "Lübeck"), ("2016-11-22", "Turku")} <= events


def test_a_line_that_announces_the_partners_and_a_list_bulleted_by_dashes(tmp_path, rules):
    doc = page_document(tmp_path, "Projekt\n\nOd 2017 roku ZMP, jako jeden z partnerów, realizuje projekt Sail "
                                  "Routes w ramach Programu Południowy Bałtyk.\n\nSail Routes\n\n"
                                  "Partnerami projektu są:\n\n– Marina Network Association (Niemcy)\n\n"
                                  "-Żegluga Gdańska (Polska)\n\n– Politechnika Koszalińska (Polska)\n\n"
                                  "Całkowita wartość projektu to 2.516.732,99 EUR.\n")
    parts = page_parts(doc, rules)
    drafts = extract_page_projects(parts.title, parts.body, rules, "pl")
    assert [(d.project.name, [(m.raw, m.role) for m in d.partners.mentions]) for d in drafts] == [
        ("Sail Routes", [("Marina Network Association", "partner"), ("Żegluga Gdańska", "partner"),
                         ("Politechnika Koszalińska", "partner")])]


def test_a_partner_whose_words_name_a_town_and_a_district_is_flagged(tmp_path):
    out = extract_page(tmp_path, "projekt.txt",
                       "Sail Routes\n\nPartners of the project are: Administration of Kretinga District "
                       "Municipality and Marina Network Association. The project develops sailing routes.\n")
    rows = {p["raw"]: p for p in read_table(out, "partners")}
    kretinga = rows["Administration of Kretinga District Municipality"]
    assert kretinga["name"] == "" or kretinga["needs_review"] == "true"


def test_a_year_alone_dates_a_further_event_only_where_the_sentence_places_it(tmp_path):
    out = extract_page(tmp_path, "venskab.txt",
                       "Nordiske venskaber gennem 60 år\n\n"
                       "De tre nordiske byer Kalmar i Sverige, Porvoo i Finland og Tønsberg i Norge udgør kommunens "
                       "venskabsbyer. Hvert år mødes repræsentanter fra byerne og diskuterer et emne.\n\n"
                       "I 2016 mødtes byerne i Porvoo, hvor emnet var byudvikling.\n\n"
                       "I 2017 var emnet folkesundhed, og mødet foregik hos svenskerne i Kalmar.\n\n"
                       "Aftalen om venskab blev underskrevet i 1956 mellem byerne.\n")
    events = {(e["date_start"], e["place"]) for e in read_table(out, "events")}
    assert {("2016", "Porvoo"), ("2017", "Kalmar")} <= events
    assert not any(date == "1956" for date, _ in events)  # a signing the sentence does not place


def test_a_year_after_a_name_is_the_name_s_not_an_event_s(tmp_path):
    out = extract_page(tmp_path, "news.txt",
                       "Mayors of Kaunas and Riga met\n\nThe mayors of Kaunas and of the capital of Latvia, Riga, met "
                       "on 14 March 2019 in Riga to discuss the capital of culture year.\n\n"
                       "The mayor's Kaunas 2022 team also visited the Riga Congress Centre.\n")
    assert all(e["date_start"] != "2022" for e in read_table(out, "events"))
