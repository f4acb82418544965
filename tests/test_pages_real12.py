"""Rules learnt from the twelfth real-pages set's dev half (benchmarks/real12, half P): each case
is written here in the shape of a real page, not copied from one."""

from __future__ import annotations

from helpers import extract_page, read_table


def _events(out):  # type: ignore[no-untyped-def]
    return [(e["date_start"], e["place"]) for e in read_table(out, "events")]


def test_quoted_project_paragraphs_and_a_partner_of_several_projects(tmp_path):
    out = extract_page(tmp_path, "institute.txt",
                       "Research Institute Projects New Projects of the Research Institute\n\n"
                       "The project office is glad to announce that the Coastal Research Institute in Klaipėda "
                       "is a partner in three new projects accepted under the second call of the Interreg "
                       "Baltic Sea Region Programme 2014 to 2020.\n\n"
                       "Below you can find a short description of our new projects:\n"
                       "\"BLUE HARBOURS\" (Sustainable Small Harbours in the BSR). The project is addressed to "
                       "harbour owners and municipalities.\n\n"
                       "\"Lagoon Life\" (Lagoon Life: Nature and Tourism)\n"
                       "The project aims to balance tourism and nature protection on the lagoons of the region.\n\n"
                       "\"Sea Trails\" (Sea Trails for Small Boats)\n"
                       "The aim of the project is a network of trails for small boats along the coast.\n")
    projects = {p["name"]: p for p in read_table(out, "projects")}
    # the plural "Projects" after the institute's name names no project of its own
    assert set(projects) == {"BLUE HARBOURS", "Lagoon Life", "Sea Trails"}
    assert {p["status"] for p in projects.values()} == {"approved"}
    assert {p["funding"] for p in projects.values()} == {"Baltic Sea Region Programme"}
    # "a partner in three new projects": the institute takes part in each
    partners = {(p["project_id"], p["raw"]) for p in read_table(out, "partners")}
    assert partners == {(pid, "Coastal Research Institute in Klaipėda")
                        for pid in ("blue-harbours", "lagoon-life", "sea-trails")}


def test_finnish_coordinated_by_and_taking_part(tmp_path):
    out = extract_page(tmp_path, "hanke.txt",
                       "Blue Bay - Saariston matkailun kehittäminen\n\n"
                       "Blue Bay on Saaristokehitys Oy:n koordinoima saariston matkailun kansainvälinen "
                       "kehityshanke, jossa ovat mukana Turun ammattikorkeakoulu, Åbo Akademi, Naantalin "
                       "Matkailu Oy ja Kemiönsaaren kunta sekä Virosta 4 partneria. Aikataulu on 1.3.2016-28.2.2019.\n")
    partners = {(p["raw"], p["role"]) for p in read_table(out, "partners")}
    # a count of partners ("Virosta 4 partneria") is none of them
    assert partners == {("Saaristokehitys Oy", "lead"), ("Turun ammattikorkeakoulu", "partner"),
                        ("Åbo Akademi", "partner"), ("Naantalin Matkailu Oy", "partner"),
                        ("Kemiönsaaren kunta", "partner")}


def test_a_positive_funding_decision_dates_the_approval(tmp_path):
    out = extract_page(tmp_path, "paatos.txt",
                       "Osallistuminen Interreg Central Baltic ohjelman rahoitushakuun hankkeessa \"Smart Ports\"\n\n"
                       "TKU 2018-004411\nMore recent handlings\n§ 45\n\n"
                       "Määrärahan myöntäminen vuodelle 2019 EU:n rahoittamalle hankkeelle ”Smart Ports”\n\n"
                       "Elinkeinojohtaja\n\nPäätös\n\nElinkeinojohtaja päätti viitaten kaupunginjohtajan "
                       "12.2.2019 tekemään päätökseen, että määrärahasta voidaan myöntää Turku Science Park "
                       "Oy:lle enintään 8 000 euroa vuodelle 2019 hankkeen ”Smart Ports” kuntarahoitusosuutena.\n\n"
                       "Päätöksen perustelut\n\nHankehakemuksen on kaupunginjohtaja hyväksynyt 3.4.2018 ja hanke on "
                       "saanut myönteisen rahoituspäätöksen Interreg Central Baltic –ohjelmasta 14.6.2018. "
                       "Turku Science Park Oy toimii hankkeessa partnerina ja toteuttaa hankkeen Turun osiota "
                       "yhteistyössä kaupungin toimialojen kanssa. Hanke toteutetaan vuosina 2018–2021.\n")
    projects = read_table(out, "projects")
    assert [(p["name"], p["status"], p["status_date"]) for p in projects] == [("Smart Ports", "approved", "2018-06-14")]
    assert [(p["raw"], p["role"]) for p in read_table(out, "partners")] == [("Turku Science Park Oy", "partner")]


def test_a_caption_and_a_hyphened_delegation_are_no_event_of_the_story(tmp_path):
    out = extract_page(tmp_path, "wiki.txt",
                       "Randers' nordiske venskabsbyer\n\nFra ByWiki\n"
                       "Lahti-delegationen på rådhuspladsen, 14. juni 1952. Fotograf: Ukendt. Foto: Stadsarkivet\n\n"
                       "Foreningen NORDEN inviterede i juni 1952 en delegation fra Lahti på besøg i Randers. "
                       "Tirsdag den 10. juni holdt delegationen møde med byrådet i Randers, og besøget varede "
                       "en uge.\n")
    events = _events(out)
    # the caption's date is not the story's; the town before "-delegationen" is where people come from
    assert ("1952-06-14", "Lahti") not in events
    assert ("1952-06-10", "Randers") in events


def test_the_last_day_told_after_until_in_the_next_sentence(tmp_path):
    out = extract_page(tmp_path, "besok.txt",
                       "Växjö välkomnar delegation från vänorten Kaunas\n\n"
                       "Tisdagen 14 maj har Växjö äran att välkomna en delegation från vänorten Kaunas, ledd av "
                       "borgmästaren. Delegationen stannar till den 17 maj och har ett fullt program.\n\n"
                       "Publicerad: 14 maj 2024\n")
    news = [(n["date_start"], n["date_end"], n["place"]) for n in read_table(out, "news")]
    assert news == [("2024-05-14", "2024-05-17", "Växjö")]
