"""Rules learnt from the eleventh real-pages set's dev half (benchmarks/real11, half O): each case
is written here in the shape of a real page, not copied from one."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.milestones import event_kind
from baltmet_extract.extractors.phrases import parse_status
from baltmet_extract.rules import Rules
from helpers import extract_page, read_table


def _events(out):  # type: ignore[no-untyped-def]
    return [(e["date_start"], e["place"]) for e in read_table(out, "events")]


def test_a_label_alone_on_its_line_takes_the_line_below(tmp_path):
    out = extract_page(tmp_path, "agenda.txt",
                       "Kohtumise esialgne päevakava\n\nOsavõtjad:\nLäti Omavalitsuste Liidu juhatus\n"
                       "Eesti Linnade ja Valdade Liidu juhatus\n\nKoht:\nLäti suursaatkond, Tartu, Kastani 4\n\n"
                       "Aeg:\n14.03.2019 kl 10-15\n\nPäevakava:\n"
                       "9.45 Juhatuste liikmed saabuvad Läti suursaatkonda\n"
                       "10.00-11.00 Päevakohased kõned: suursaadik, liidu esimees ja linnapea\n"
                       "11.00-12.30 Lõuna ja võrgustamine\n13.00-15.00 Juhatuse koosolek, mis võib toimuda kahes osas\n")
    assert _events(out) == [("2019-03-14", "Tartu")]


def test_a_newsletter_item_with_its_date_under_the_headline_is_an_item(tmp_path):
    out = extract_page(tmp_path, "newsbrief.txt",
                       "Island Network\n\nNewsbrief nr. 2, 2009\n\n- Network at the forum in Turku\n"
                       "- Network at the seminar in Rostock\n- Network and energy\n- Summer events\n\n"
                       "Network at the forum in Turku\n[20 May 2009]\n\n"
                       "The network took part in the Baltic forum in Turku, Finland 12-13 May 2009, with a "
                       "stand and a speech of its president on island transport.\n\n"
                       "Network at the seminar in Rostock\n[2 April 2009]\n\n"
                       "The voice of the islands was heard at the seminar in Rostock 24-25 March 2009. The "
                       "president spoke on the maritime policy and met the commissioner.\n")
    news = [(n["date_start"], n["place"]) for n in read_table(out, "news")]
    # the contents list above the items is none of them; the item whose date stands under its
    # headline, a paragraph below, is one
    assert news == [("2009-05-12", "Turku"), ("2009-03-24", "Rostock")]


@pytest.mark.parametrize("sentence, kind", [
    ("du 14 au 16 juin 2018 : Fêtes de Jelgava", "other"),
    ("So war Anfang Mai 2011 eine Wirtschaftsdelegation aus Kiel in Tallinn.", "meeting"),
    ("Ved siste vennskapsbykonferanse som var i Kramfors i 2008 ble oppnevnt", "conference"),
    ("2015, zum 750. Stadtjubiläum Rigas, war Bremen mit dabei", "other"),
])
def test_event_words_of_more_forms(sentence, kind):
    # a French town festival, a German compound of "delegation", the Norwegian word for a
    # conference, a town's jubilee
    assert event_kind(sentence, Rules.load()) == kind


def test_projects_in_paragraphs_that_open_with_their_names_under_a_sentence(tmp_path):
    out = extract_page(tmp_path, "grants.txt",
                       "Kolm projekti said rahastuse\n\nEile kiitis programmi järelevalvekomitee heaks 30 projekti. "
                       "Võru vallavalitsus osaleb kahes rahastuse saanud projektis:\n\n"
                       "Piiriülene matkarada – Projekti eesmärk on rajada ühine matkarada mõlemal pool piiri ja "
                       "tutvustada seda külastajatele. Võru Vallavalitsus on projektiidee autor ja peapartner.\n\n"
                       "Koos laulame – Projekti eesmärgiks on ühised kooride päevad. Võru Vallavalitsus osaleb "
                       "projektis partnerina, eelarve on 20 000 eurot.\n")
    projects = {p["name"]: p for p in read_table(out, "projects")}
    assert set(projects) == {"Piiriülene matkarada", "Koos laulame"}
    assert {p["status"] for p in projects.values()} == {"approved"}
    partners = {(p["project_id"], p["name"], p["role"]) for p in read_table(out, "partners")}
    # each paragraph's partner sentence is its own project's
    assert partners == {("piiriulene-matkarada", "Võru", "lead"), ("koos-laulame", "Võru", "partner")}


@pytest.mark.parametrize("text", [
    "kiitis programmi järelevalvekomitee heaks 26 projekti",
    "osaleb kolmes rahastuse saanud projektis",
    "Trzy projekty otrzymały dofinansowanie z programu",
])
def test_approval_in_active_sentences_and_funding_received(text):
    assert parse_status(text, Rules.load())[0] == "approved"


def test_a_town_before_a_venue_in_a_case_that_says_in_places_a_signing(tmp_path):
    out = extract_page(tmp_path, "sutartis.txt",
                       "Savivaldybės pasirašė sutartį\n\n2018-06-30\n\n"
                       "Birželio 21 d. Kėdainių krašto muziejaus salėje iškilmingai pasirašyta Kėdainių "
                       "rajono savivaldybės ir Lenkijos Pultusko miesto bendradarbiavimo sutartis.\n")
    # "Kėdainių krašto muziejaus salėje": in the hall of the Kėdainiai museum
    assert _events(out) == [("2018-06-21", "Kėdainiai")]


def test_a_town_written_as_of_does_not_place_an_item_of_a_list(tmp_path):
    out = extract_page(tmp_path, "partneri.txt",
                       "Bergisch Gladbach\n\nBergišgladbaha, Vācija\n\n • Partnerības līgums parakstīts 2001. gadā\n"
                       " • Tīmekļvietne: www.bergischgladbach.de\n\n2014. gads\n\n"
                       " • 12. maijā Valmieras sadraudzības pilsētā Bergišgladbahā notika mākslas izstādes "
                       "atklāšana, kuru rīkoja pilsētas kultūras biedrība kopā ar Latvijas mākslinieku "
                       "apvienību un vietējo skolu.\n\n2015. gads\n\n • No 3. līdz 5. jūnijam Valmierā "
                       "viesojās sadraudzības biedrības pārstāvji, kas apmeklēja pilsētas skolas, muzeju un "
                       "uzņēmumus, kā arī tikās ar domes priekšsēdētāju.\n")
    # "Valmieras sadraudzības pilsētā": in Valmiera's twin town, not in Valmiera
    placed = [e for e in _events(out) if e[1]]
    assert placed == [("2015-06-03", "Valmiera")]


def test_norwegian_host_word_false_friend_and_minutes_case_numbers(tmp_path):
    out = extract_page(tmp_path, "sak.txt",
                       "Gå til innhold Globalmeny Forsiden\nToppbilde\n\n"
                       "Formannskapet 12.03.14 - sak 21/14 - Vennskapsbytreff 2014\n\n"
                       "Rådmannens forslag til vedtak:\nSom utsendinger til vennskapsbykonferansen i Kalmar "
                       "4.-6. juni 2014 velges ordføreren og rådmannen.\n\n"
                       "Saksopplysninger:\nI 2012 skulle normalt Vejle vært arrangører, men det ble ikke noe treff.\n")
    # Norwegian "vært" is "been", not Danish "vært" (host): Vejle hosted nothing
    assert ("2014-06-04", "Kalmar") in _events(out)
    assert all(place != "Vejle" for _, place in _events(out))


def test_partners_that_carry_a_project_out_together(tmp_path):
    out = extract_page(tmp_path, "projektas.txt",
                       "Interreg finansuojamas projektas „Upių paveldas abipus sienos“\n\n"
                       "By 2019-03-02 Programos ir projektai\n\n"
                       "Rietavo savivaldybės kultūros centras kartu su Plungės bibliotekos filialu ir Seinų "
                       "lietuvių kultūros draugija nuo 2019 m. vasario 1 d. pradėjo įgyvendinti Interreg V-A "
                       "Lietuva-Lenkija programos projektą, kurio tikslas – populiarinti bendrą paveldą.\n")
    raws = {p["raw"] for p in read_table(out, "partners")}
    # the date after the list is no part of its last name; each is a partner, flagged to check
    assert raws == {"Rietavo savivaldybės kultūros centras", "Plungės bibliotekos filialu",
                    "Seinų lietuvių kultūros draugija"}
    assert all(p["needs_review"] == "true" for p in read_table(out, "partners"))


def test_together_without_carrying_out_names_no_partners():
    from baltmet_extract.extractors.page_partners import partners_in
    from baltmet_extract.extractors.page_phrases import page_phrases

    ph = page_phrases(Rules.load())
    # together at a meeting is no project carried out together
    text = "Die Bürgermeisterin traf gemeinsam mit dem Stadtrat die Gäste aus Kalmar im Rathaus."
    assert partners_in(text, ph, ph.splitter("de")) == []
