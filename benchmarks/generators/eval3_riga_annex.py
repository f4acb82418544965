"""Writes docs/riga_annex3_2009.txt: a text dump of the PDF annex of a city's yearly report.

Five columns (No. | Project | Partners (lead first) | Programme / funding | Status and timetable),
one table row a line, cells tab-separated; where a page ends inside a row, the dump shows the
running header of the next page and then the rest of the row's cells, starting with a tab.
"""
from pathlib import Path  # noqa: F401

from common import docs_dir

T = "\t"
lines = [
    "RIGA CITY COUNCIL",
    "Foreign Relations Department",
    "",
    "Report on the international cooperation of the City of Riga in 2009",
    "",
    "Annex 3 – International cooperation projects with participation of the City of Riga (situation on 31 December 2009)",
    "",
    T.join(["No.", "Project", "Partners (lead first)", "Programme / funding", "Status and timetable"]),
    "Economic development, innovation and tourism" + T * 4,
    T.join([
        "1.",
        "BaltMet Promo – Baltic Metropoles: joint promotion of the Baltic Sea Region in global markets",
        "Helsinki (LP), Berlin (DE), Oslo (NO), Riga (LV), Stockholm (SE), Vilnius (LT), Warsaw (PL); Baltic Development Forum (DK)",
        "Baltic Sea Region Programme 2007–2013, priority 4",
        "Ongoing; 01/2009 – 12/2011",
    ]),
    T.join([
        "2.",
        "Creative Metropoles – Public policies and instruments in support of creative industries",
        "Riga (LP), Amsterdam (NL), Barcelona (ES), Berlin (DE), Birmingham (UK), Helsinki (FI), Oslo (NO), Stockholm (SE), Tallin (EE), Vilnius (LT), Warsaw (PL)",
        "INTERREG IVC",
        "Under implementation, 01/2009 – 12/2011",
    ]),
    T.join([
        "3.",
        "AMBER COAST – Joint tourism routes of the south-eastern Baltic coast",
        "Klaipeda (LT) (LP), Liepaja (LV), Riga (LV), Kaliningrad (RU), Gdansk (PL), Pärnu (EE) et al.",
        "Baltic Sea Region Programme 2007–2013, 2nd call",
        "Application submitted 15.10.2009; decision expected in 03/2010",
    ]),
    "Transport and logistics" + T * 4,
    T.join([
        "4.",
        "Rail Baltica Growth Corridor (RBGC)",
        "Tallinn (EE) (LP), Pärnu (EE), Riga (LV), Panevezys (LT), Kaunas (LT),",
        "Baltic Sea Region Programme 2007–2013,",
        "Approved by the Monitoring",
    ]),
    "",
    "Annex 3 – page 2",
    T.join([
        "",
        "",
        "Warsaw (PL), Berlin (DE); Observers: Helsinki (FI), Uusimaa Regional Council (FI)",
        "priority 2",
        "Committee 17.09.2009; start 01/2010",
    ]),
    T.join([
        "5.",
        "BGE – Baltic Gateway to the East: intermodal links of Baltic ports with Russia",
        "Stettin (PL) (LP), Rostock (DE), Riga (LV), Klaipeda (LT), Leningrad Oblast (RU), Kaliningrad Sea Commercial Port (RU)",
        "Interreg IIIB BSR Neighbourhood Programme",
        "Completed in June 2008 (final report approved 03/2009)",
    ]),
    "Environment and energy" + T * 4,
    T.join([
        "6.",
        "CITYWATER – Urban storm-water management in Baltic and Russian cities",
        "Turku (FI) (LP), Helsinki (FI), Tallinn (EE), Riga (LV), Petrozavodsk (RU), Pskov (RU)",
        "Nordic Council of Ministers – programme for co-operation with North-West Russia",
        "Completed 11/2009",
    ]),
    T.join([
        "7.",
        "GreenMun LV-LT-BY – Energy efficiency in municipal buildings",
        "Daugavpils City Council (LV) (LP), Riga (LV), Panevežys (LT), Grodno/Hrodna (BY), Vitebsk Regional Executive",
        "Latvia–Lithuania–Belarus Cross-border Cooperation Programme within the",
        "Approved 12/2009; grant contract",
    ]),
    "",
    "Annex 3 – page 3",
    T.join([
        "",
        "",
        "Committee (BY)",
        "European Neighbourhood and Partnership Instrument 2007–2013",
        "to be signed in 02/2010",
    ]),
    "Urban development and social affairs" + T * 4,
    T.join([
        "8.",
        "Baltic Urban Waterfronts",
        "Stokholm (SE) (LP), Copenhagen (DK), Riga (LV); further partners to be confirmed",
        "URBACT II (planned)",
        "Project idea in development",
    ]),
    T.join([
        "9.",
        "SEBS – Safe and Equal Baltic Schools",
        "Vilnuis (LT) (LP), Riga (LV), Tartu (EE), Gdansk (PL), Kaliningrad (RU), Åbo Akademi University (FI)",
        "Lifelong Learning Programme (Comenius Regio)",
        "Ongoing, 09/2009 – 08/2011",
    ]),
    "",
    "Prepared by: Foreign Relations Department, Riga City Council, January 2010",
    "",
]
out = docs_dir("eval3") / "riga_annex3_2009.txt"
out.write_text("\n".join(lines), encoding="utf-8")
print(out)
