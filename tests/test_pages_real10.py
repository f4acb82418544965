"""Rules learnt from the tenth real-pages set's dev half (benchmarks/real10, half L) and from the
kept-aside halves of the eighth and ninth sets, read as dev once their blind scores were taken:
each case is written here in the shape of a real page, not copied from one."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.dates import default_date_words, find_dates
from baltmet_extract.extractors.phrases import find_funding, parse_status
from helpers import extract_page, read_table


def _events(out):  # type: ignore[no-untyped-def]
    return [(e["date_start"], e["place"]) for e in read_table(out, "events")]


@pytest.mark.parametrize("text, iso", [
    ("am 20. Mai 2016", "2016-05-20"),
    ("Kommunen byder 12. – 13. maj 2016 velkommen", "2016-05-12"),
    ("Besøg i Ribe 31/8 - 2/9 2018", "2018-08-31"),
    ("mødes med partnerne (14.06.'17 Rostockis)", "2017-06-14"),
    ("1997 October, the delegation of the municipality", "1997-10"),
    ("1998 June 12-14, in Pärnu took place", "1998-06-12"),
])
def test_dates_the_region_writes(text, iso):
    assert find_dates(text)[0].iso() == iso


def test_a_whole_month_name_of_one_language_counts_after_a_day_but_not_alone():
    words = default_date_words()
    # "Mai" is German May and the start of Latvian "maijs": after a day it is the month ...
    assert [d.month for d in find_dates("am 20. Mai", words)] == [5]
    # ... alone it stays what an abbreviation is (Danish "jul" is Christmas)
    assert find_dates("i jul", words) == []


def test_a_weekday_with_a_word_for_last_is_before_the_page(tmp_path):
    out = extract_page(tmp_path, "blog.txt",
                       "Rencontre à Vilnius\n\nSep 20, 2019 | Actualités, Europe | 0 commentaires\n\n"
                       "Lundi dernier, j'ai participé au vernissage de l'exposition photographique à Vilnius, "
                       "avec les élus de nos deux villes jumelles.\n")
    # Friday 20 September: the last Monday is the 16th (the nearest Monday would be the 23rd)
    assert _events(out) == [("2019-09-16", "Vilnius")]


def test_a_labelled_place_on_the_date_line_places_the_meeting(tmp_path):
    out = extract_page(tmp_path, "minutes.txt",
                       "Minutes of the Board meeting\n\nDate: Thursday, 12 March 2015, 10.00-16.00 "
                       "Place: Tartu University Library, W. Struve 1, conference hall\n\n"
                       "Members: the rectors of the member universities.\n\n"
                       "1. Opening of the meeting. The chairman opened the meeting and thanked the hosts.\n")
    # the place label written on after the date on one line is a fact of its own; the first word
    # of a place label is announced as a preposition would announce it
    assert _events(out) == [("2015-03-12", "Tartu")]


def test_a_word_of_addresses_is_no_town(tmp_path):
    out = extract_page(tmp_path, "venue.txt",
                       "Seminar of the network\n\nThe seminar was held on 4 May 2016 at Vilnius City Hall, "
                       "Konstitucijos Street 3, in the conference room.\n")
    assert _events(out) == [("2016-05-04", "Vilnius")]


def test_the_town_people_go_to_is_the_host_when_they_come_from_it_less_often(tmp_path):
    out = extract_page(tmp_path, "press.txt",
                       "Presseportal\n\nPressemitteilungen 03.06.2018 – Wismar und das schwedische Kalmar "
                       "feiern 50 Jahre Partnerschaft\n\n"
                       "Aus Wismar wird vom 14. bis 16. Juni 2018 eine Delegation unter Leitung des "
                       "Bürgermeisters das Jubiläum wahrnehmen.\n\n"
                       "Kalmar feiert im Juni mit einem großen Stadtfest. Damals waren es Schüler aus Kalmar, "
                       "die den Austausch begannen. Heute besuchen Wismarer regelmäßig das Hafenfest in Kalmar, "
                       "und in Kalmar gibt es eine Wismarer Straße.\n")
    # the press release's date is the page's; the told month of the same event adds no event
    assert _events(out) == [("2018-06-14", "Kalmar")]


def test_a_signing_in_the_city_hall_of_a_town_is_placed_there(tmp_path):
    out = extract_page(tmp_path, "signing.txt",
                       "• 14 March 2015\n\nRiga and Tallinn signed a cooperation agreement\n\n"
                       "On Thursday, the mayor Anna Kalnina and her colleague from Tallinn signed an agreement on "
                       "cooperation between twin cities in the Riga City Hall.\n")
    assert _events(out) == [("2015-03-12", "Riga")]


def test_a_chronology_of_year_led_lines_gives_its_placed_events(tmp_path):
    out = extract_page(tmp_path, "twins.txt",
                       "Jelgava (Latvia)\n\nOur friendship started in the year 1991.\n\n"
                       "  • 1993 The brass band of the music school played in Jelgava\n"
                       "  • 1995 Folk dancers were in Jelgava\n"
                       "  • 1996 Youth theatre from Jelgava took part in the festival in Alytus\n"
                       "  • 1998 Teachers exchanged experience\n")
    assert sorted(_events(out)) == [("1993", "Jelgava"), ("1995", "Jelgava"), ("1996", "Alytus")]


def test_projects_of_a_preparatory_call_each_under_its_heading_keep_their_partners(tmp_path):
    out = extract_page(tmp_path, "leader.txt",
                       "Esileht\n\nEttevalmistav koostööprojekt \"Rannakalurite teekond\"\n\n"
                       "Partnerid: Pohjois-Kymen LAG (Soome) ja MTÜ Pärnu Lahe Partnerluskogu.\n\n"
                       "Ettevalmistav koostööprojekt \"Noored ja meri\"\n\n"
                       "Partnerid: Sepra LAG (Soome).\n")
    partners = [(p["project_id"], p["raw"]) for p in read_table(out, "partners")]
    assert partners == [("rannakalurite-teekond", "Pohjois-Kymen LAG"),
                        ("rannakalurite-teekond", "MTÜ Pärnu Lahe Partnerluskogu"),
                        ("noored-ja-meri", "Sepra LAG")]


def test_partners_after_a_compound_word_and_the_lead_in_the_instrumental(tmp_path):
    out = extract_page(tmp_path, "projekt.txt",
                       "Projekt Baltic Harbours\n\n"
                       "Läänemere koostööprojekti Baltic Harbours eesmärk on sadamate areng. "
                       "Lätipoolsed koostööpartnerid on Ventspils, Liepāja ja Salacgrīva.\n")
    assert {p["raw"] for p in read_table(out, "partners")} == {"Ventspils", "Liepāja", "Salacgrīva"}
    out = extract_page(tmp_path, "sprendimas.txt",
                       "SPRENDIMAS\n\nDĖL PROJEKTO „ŽALIAS PASIENIS“ ĮGYVENDINIMO\n\n"
                       "1. Pritarti dalyvavimui projekte „Žalias pasienis“, vykdomame pagal Interreg V-A "
                       "programą kartu su pagrindiniu partneriu Gminos Sejny savivaldybe (Lenkijos Respublika).\n")
    assert ("Gminos Sejny savivaldybe", "lead") in [(p["raw"], p["role"]) for p in read_table(out, "partners")]


def test_projects_listed_under_a_label_are_approved_with_the_page_programme(tmp_path, rules):
    out = extract_page(tmp_path, "zinas.txt",
                       "Centrālā Baltijas jūras reģiona programmā atlasīti 5 projekti finansējuma piešķiršanai\n\n"
                       "Uzraudzības komiteja 2023.gada 14.-15.martā Turku, Somijā atlasījusi 5 projektus "
                       "finansējuma piešķiršanai.\n\n"
                       "Regulārie projekti:\n\n"
                       "1.programmas mērķis – Jaunas inovācijas\n\n"
                       " • SeaBridge\n • Coast4Future\n\n"
                       "Mazie projekti:\n\n • Youth Lab\n\n"
                       "Latvijas partneri piedalās trīs projektos, uzņemoties vadošā partnera lomu vienā no tiem.\n")
    projects = read_table(out, "projects")
    assert [(p["name"], p["status"], p["funding"]) for p in projects] == [
        ("SeaBridge", "approved", "Central Baltic Programme"), ("Coast4Future", "approved", "Central Baltic Programme"),
        ("Youth Lab", "approved", "Central Baltic Programme")]
    assert parse_status("zur Förderung ausgewählt", rules)[0] == "approved"
    # the Baltic Sea Region's words inside Central Baltic's Latvian name name no second programme
    assert find_funding("Centrālā Baltijas jūras reģiona programma", rules) == "Central Baltic Programme"


def test_a_page_builder_shortcode_is_no_title(tmp_path):
    out = extract_page(tmp_path, "partnerzy.txt",
                       "[vc_row][vc_column][vc_column_text]\n\nPartnerzy\n\nMiasto partnerskie od 1999 roku.\n")
    assert all("vc_" not in (n["title"] or "") for n in read_table(out, "news"))


def test_an_estonian_month_name_is_no_abbreviation_of_its_case_forms():
    assert [d.month for d in find_dates("12.-14. juuli külastasid")] == [7]
    assert [d.month for d in find_dates("5. juuni")] == [6]


def test_partners_met_and_partners_in_a_country(tmp_path):
    out = extract_page(tmp_path, "coop.txt",
                       "Study visit to Gdansk\n\n"
                       "Representatives of the municipality visited Gdansk in the NORDHERITAGE project, a project "
                       "financed by the South Baltic program. In Gdansk we met partners from Kaunas, Wolin National "
                       "Park in Poland and Ronneby in Sweden.\n")
    partners = {(p["raw"], p["name"]) for p in read_table(out, "partners")}
    assert ("Ronneby", "Ronneby") in partners and ("Kaunas", "Kaunas") in partners
    # a park is an organisation, never a near spelling of some place
    park = [p for p in read_table(out, "partners") if p["raw"] == "Wolin National Park"]
    assert park and park[0]["kind"] == "organisation" and park[0]["geonames_id"] == ""


def test_a_country_by_its_short_name(rules):
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.resolver import Resolver

    found = Resolver(load_gazetteer(rules), rules).resolve("Russia")[0]
    assert found.entity is not None and found.entity.key == "country:RU" and found.method == "exact"


def test_a_town_of_a_slash_pair_is_no_place_of_the_event(tmp_path):
    out = extract_page(tmp_path, "expo.txt",
                       "Expo\n\nMar 16, 2018 | Actualités | 0 commentaires\n\n"
                       "Mardi dernier, j'ai inauguré l'exposition « Rennes/Poznań : deux villes » avec nos amis.\n")
    # Friday 16 March: last Tuesday is the 13th; the pair names the twinning, not the place
    assert _events(out) == [("2018-03-13", "")]


@pytest.mark.parametrize("sentence", [
    "The Monitoring Committee met on 6 March 2024 in Riga and selected 12 projects.",
    "Die Ausstellung wurde am 3. Mai 2019 in Kiel eröffnet.",
])
def test_committees_and_exhibitions_are_events(sentence, rules):
    from baltmet_extract.extractors.milestones import event_kind

    assert event_kind(sentence, rules) is not None


def test_the_month_of_two_years():
    assert [d.iso() for d in find_dates("W lipcu 2018 oraz 2019 roku delegacja")] == ["2018-07", "2019-07"]
    assert [d.iso() for d in find_dates("between 2018 and 2019")] == ["2018", "2019"]


def test_a_page_without_a_date_takes_the_one_year_it_names(tmp_path):
    out = extract_page(tmp_path, "antrag.txt",
                       "Antrag zur Partnerschaft\n\nBeschlussvorschlag:\n\n"
                       "  1. Der Oberbürgermeister wird beauftragt, das Ostseetreffen 2021 in Turku zu nutzen.\n\n"
                       "Begründung:\n\nVom 14. bis 16. Mai findet in der finnischen Stadt Turku das Treffen der "
                       "Ostseestädte statt. Eine Delegation der Stadt wird nach Turku reisen.\n")
    events = read_table(out, "events")
    assert [(e["date_start"], e["place"], e["date_inferred"]) for e in events] == [("2021-05-14", "Turku", "true")]


def test_a_town_named_as_its_peoples_is_no_further_events_place(tmp_path):
    out = extract_page(tmp_path, "wizyty.txt",
                       " date 2021-03 Współpraca z Kłajpedą\n\n"
                       "W lipcu 2019 roku delegacja brała udział w obchodach Dni Morza w Kłajpedzie. "
                       "We wrześniu 2019 przedstawiciele Gdyni uczestniczyli w festiwalu kultury. "
                       "W październiku 2019 roku radna uczestniczyła w forum w Kłajpedzie.\n")
    # September: the representatives of Gdynia come from there; the festival's town is not written
    assert ("2019-09", "Gdynia") not in _events(out)
    assert ("2019-10", "Klaipėda") in _events(out)


def test_a_list_of_years_each_with_its_town(tmp_path):
    out = extract_page(tmp_path, "kohtumised.txt",
                       "Sõpruslinnad\n\nVõrgustik loodi 2001. aastal.\n\n"
                       "Kõigi partnerite kohtumised on toimunud - 2003.aastal Orimattilas (Soome), "
                       "2005.aastal Uusikaupunkis (Soome), 2006.aastal Valgas, 2009.aastal Smalltownx (Rootsi).\n")
    # each year takes the town after it, never the last item's before it (Smalltownx is no town)
    assert sorted(_events(out))[-3:] == [("2003", "Orimattila"), ("2005", "Uusikaupunki"), ("2006", "Valga")]
    assert not any(d == "2009" for d, _ in _events(out))


def test_a_trade_mission_over_two_months(tmp_path):
    out = extract_page(tmp_path, "wspolpraca.txt",
                       "Kłajpeda\n\nWspółpraca z miastem partnerskim obejmowała:\n\n"
                       " • misja gospodarcza firm litewskich w Gdyni - marzec/kwiecień 1998\n"
                       " • wizyta delegacji w Gdyni - czerwiec 1999\n")
    assert ("1998-03", "Gdynia") in _events(out)
    assert find_dates("marzec/kwiecień 1998")[0].iso_end() == "1998-04"


def test_a_town_visited_places_a_year_and_the_year_before_dates_a_day(tmp_path):
    out = extract_page(tmp_path, "vanorter.txt",
                       "Vänorter\n\nDen 12 maj 1992 tecknade kommunen ett vänortsavtal med Valga.\n\n"
                       "Valgas politiker besökte Sigtuna under valet 1994 för att se hur ett kommunalval gick till.\n\n"
                       "År 2012 fick kommunen en inbjudan till jubileet. Arbetsutskottet beslutade på "
                       "sammanträdet den 15 mars att två ledamöter skulle åka.\n")
    assert ("1994", "Sigtuna") in _events(out)
    # the meeting of 15 March is dated by the year the sentence before it names, flagged as inferred
    news = read_table(out, "news")
    assert [(n["date_start"], n["date_inferred"]) for n in news] == [("2012-03-15", "true")]


def test_taking_part_in_something_dated_and_placed_is_an_event(rules):
    from baltmet_extract.extractors.milestones import event_kind

    assert event_kind("05.02. - 08.02.2015 Teilnahme an der Mathematikolympiade in Tallinn", rules) is not None
    assert event_kind("W maju 2016 uczniowie wzięli udział w turnieju w Kłajpedzie.", rules) is not None


def test_a_visit_told_as_today_is_on_the_pages_day(tmp_path):
    out = extract_page(tmp_path, "uudis.txt",
                       "Uudised\n\nVald külastab sõprusvalda\n\nReede, 12. mai 2017.\n\n"
                       "Täna sõidavad valla juhid Soome Nokia linnale külla. Sõprussidemed sõlmiti 1994. aastal.\n")
    assert _events(out)[0] == ("2017-05-12", "Nokia")


def test_a_birthplace_is_no_place_of_the_event(rules):
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.normalise.textplaces import TextPlaceFinder

    gz = load_gazetteer(rules)
    finder = TextPlaceFinder(gz, Resolver(gz, rules), rules)
    places, _ = finder.find("une exposition de deux artistes, Anna née à Moscou et Rein, présentée à Tours", "fr")
    roles = {p.resolution.entity.name: (p.after_preposition, p.after_origin) for p in places if p.resolution.entity}
    assert roles["Moscow"] == (False, True) and roles["Tours"] == (True, False)


def test_a_hotel_named_like_a_small_town_is_no_place(tmp_path):
    out = extract_page(tmp_path, "agenda.txt",
                       "Partners meeting\nRiga, 17-19 October 2011\nHotel \"Old Mill\" (Kalnciema iela 2, Riga)\n"
                       "October 17 (Monday)\nArrival of participants and welcome meeting\n")
    assert {p for _, p in _events(out)} <= {"Riga", ""} and ("2011-10-17", "Riga") in _events(out)
