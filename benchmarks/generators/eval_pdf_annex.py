"""Writes docs/annex_2008_programming.pdf, the PDF annex of the held-out evaluation set.

The table is laid out the way Word exports it (the test fixtures' table writer):
ruled cells, section rows spanning the table, the header repeated on each page and
rows that do not fit cut at a line and continued on the next page. Run once; the
PDF is committed so the evaluation does not depend on this script.

    .venv/bin/python benchmarks/eval/tools/make_pdf_annex.py
"""

from __future__ import annotations

from common import docs_dir

import fixtures  # noqa: E402
from fixtures import DumpBlock, DumpRow, write_annex_pdf  # noqa: E402

OUT = docs_dir("eval") / "annex_2008_programming.pdf"

HEADER = ("Project", "Partners involved", "Financing / status", "Short description")
SECTIONS_AND_ROWS: list[tuple[str, ...]] = [
    ("Innovation, research and education",),
    (
        "Energy Efficient Cities",
        "Riga (lead), Jelgava, Daugavpils, Siauliai, Tartu, Narva, Pskov",
        "Completed in June 2007 (INTERREG IIIB Neighbourhood Programme)",
        "The project helped medium-sized cities in Latvia, Lithuania, Estonia and the Pskov region to prepare "
        "energy efficiency programmes for their housing stock and public buildings. Energy audits were carried "
        "out in 40 schools and kindergartens, municipal energy managers were trained and a revolving fund model "
        "for the renovation of apartment blocks built in the 1960s and 1970s was worked out together with local "
        "banks. The results were presented to the ministries responsible for housing in the three Baltic States "
        "and are being used in the preparation of the national programmes for the Structural Funds period "
        "2007-2013. A follow-up project for the Baltic Sea Region Programme is under discussion.",
    ),
    (
        "Student Mobility Baltic",
        "Poznan (lead), Torun, Bydgoszcz, Olsztyn, Kaunas, Vilnius, Greifswald, Kiel",
        "Submitted to INTERREG IVC in January 2008",
        "University cities want to make it easier for students and young researchers to move between the "
        "universities of the region. The project will compare the welcome services of the cities and "
        "universities, develop a joint offer of student housing for exchange students and work out a common "
        "internship scheme with companies of the partner regions. The exchange of experience will be organised "
        "in six thematic seminars, each hosted by one partner city, and the results will be collected in a "
        "guide for city administrations. The project is also meant to strengthen the links between the "
        "universities and the local business community in the smaller university cities, where graduates "
        "often leave for the capitals after their studies.",
    ),
    (
        "Baltic Science Link",
        "Lead partner: Helsinki; Tallinn, Tartu, St. Petersburg, Stockholm, Uppsala",
        "Ongoing, ends in December 2008 (Interreg IIIB)",
        "Baltic Science Link connects the science parks and technology centres of the partner cities. Joint "
        "services for companies that want to enter the markets of the other partner countries have been "
        "developed, including a soft-landing programme offering office space, legal advice and introductions "
        "to local partners for a period of three months. The project also supports joint research "
        "applications of the universities to the Seventh Framework Programme.",
    ),
    ("Environment and energy",),
    (
        "Baltic Energy Neighbourhoods",
        "Hamburg, Schleswig-Holstein, Region Zealand, Gdansk, Pomorskie, Kaliningrad, Klaipeda",
        "In preparation for the 1st call of the Baltic Sea Region Programme 2007-2013",
        "The partners plan to develop district heating and cooling solutions for new urban districts on former "
        "port and railway land, using waste heat from industry and renewable sources. Planned activities are "
        "a comparison of the legal framework for district heating in the partner countries, feasibility "
        "studies for three pilot districts and training for municipal planners and energy companies. The "
        "project builds on the experience of Hamburg's HafenCity and of the eco-districts in Scandinavian "
        "cities, and will be coordinated with the work of the Baltic Sea States Subregional Co-operation "
        "on energy. A partner search seminar will be held before the application is submitted.",
    ),
    (
        "Archipelago Cities",
        "Stockholm (lead), Turku/Åbo, Mariehamn, Visby, Kuressaare, Hanko, Region Gotland",
        "Planned (Central Baltic INTERREG IV A)",
        "Island and archipelago municipalities face the same problems: seasonal population, expensive "
        "transport connections and vulnerable nature. The project idea is to develop joint solutions for "
        "waste water treatment in summer-house areas, ferry services and the marketing of the archipelago "
        "as one destination for sailing and nature tourism. The partners met in Mariehamn in January 2008 "
        "and agreed to prepare an application for the first call of the Central Baltic programme; the lead "
        "partner will present the idea to the other BaltMet cities at the next Steering Group meeting.",
    ),
    ("Transport and communication",),
    (
        "Baltic Light Rail Cities",
        "Gdansk (lead), Gdynia, Sopot, Elblag, Olsztyn, Szczecin, Rostock, Schwerin, Klaipeda, Kaunas, Liepaja, "
        "Daugavpils, Tartu, Tampere, Turku, Aarhus, Odense, Bergen, Lund, Norrköping",
        "Submitted to the Baltic Sea Region Programme in January 2008",
        "Many medium-sized cities of the region are modernising their tram networks or plan new light rail "
        "lines. The project will support them in the planning and procurement of light rail systems, in the "
        "integration of tram, bus and regional train services and in the redevelopment of the streets along "
        "the new lines. Study visits to cities that have recently opened new lines are foreseen.",
    ),
    (
        "Baltic Logistics Forum",
        "Gothenburg, Malmo, Arhus, Gdynia, Klaipeda, Kotka etc.",
        "Ongoing",
        "An informal forum of port cities and logistics centres which meets twice a year to exchange "
        "information on the development of the Motorways of the Sea, hinterland connections and the "
        "location of logistics centres. The forum prepares common positions of the port cities on the "
        "revision of the TEN-T guidelines and on the implementation of the sulphur emission control "
        "area in the Baltic Sea, and invites representatives of the shipping lines, the rail operators and "
        "the national transport ministries to its meetings. The secretariat of the forum rotates among the "
        "participating cities every two years.",
    ),
]


def main() -> None:
    fixtures.COLUMN_SHARES = (0.16, 0.22, 0.20, 0.42)
    rows = [DumpRow(HEADER, "header")]
    for r in SECTIONS_AND_ROWS:
        if len(r) == 1:
            rows.append(DumpRow((r[0], "", "", ""), "section"))
        else:
            rows.append(DumpRow(r, "project"))
    blocks = [
        DumpBlock(
            text="Annex 3. Co-operation projects of BaltMet cities and their partners prepared for or financed "
            "by EU programmes (situation in February 2008)"
        ),
        DumpBlock(
            text="This annex lists the projects reported by the member cities to the BaltMet secretariat. The "
            "list is not exhaustive; cities are invited to send additions and corrections before the meeting "
            "of the Steering Group."
        ),
        DumpBlock(rows=rows),
    ]
    write_annex_pdf(OUT, blocks, landscape=False, repeat_header=True, rows_per_page=None)
    print(OUT)


if __name__ == "__main__":
    main()
