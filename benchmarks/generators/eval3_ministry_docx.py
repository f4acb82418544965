"""Writes docs/mrr_eusbsr_projects_2010.docx: a ministry's Word list of projects, one table per objective.

Heading per objective (Word style Heading 2), then a 5-column table with a header row in bold:
Project | Lead partner | Partners | Financing | State of play (30.06.2010).
"""
from pathlib import Path  # noqa: F401

from common import docs_dir
from docx import Document
from docx.shared import Pt

HEADER = ("Project", "Lead partner", "Partners", "Financing", "State of play (30.06.2010)")
SECTIONS = [
    ("To make the Baltic Sea Region an environmentally sustainable place", [
        ("PURE – Project on Urban Reduction of Eutrophication",
         "Union of the Baltic Cities – Commission on Environment (Turku, FI)",
         "Gdańsk (PL), Szczecin (PL), Riga (LV), Jurmala (LV), Brest (BY), Kaliningrad Oblast (RU)",
         "Baltic Sea Region Programme 2007–2013",
         "Ongoing, implementation 2009–2011"),
        ("AGRI-BALT – Reducing nutrient run-off from agriculture",
         "Marshal’s Office of the Pomorskie Voivodeship",
         "Warmińsko-Mazurskie Voivodeship (PL), Region Skåne (SE), Kalmar County Administrative Board (SE), "
         "Southwest Finland Regional Council (FI), Kaliningrad Oblast (RU), Leningrad Oblast (RU)",
         "Baltic Sea Region Programme 2007–2013",
         "Approved in May 2010; start 1 September 2010"),
        ("BALTIC LAGOONS – Joint management of the Vistula and Curonian lagoons",
         "Elbląg",
         "Olsztyn (PL), Kaliningrad (RU), Baltiysk (RU), Klaipeda (LT), Warmińsko-Mazurskie Voivodeship (PL)",
         "Lithuania–Poland–Russia ENPI Cross-border Cooperation Programme 2007–2013",
         "Application submitted on 29.03.2010; assessment ongoing"),
    ]),
    ("To make the Baltic Sea Region a prosperous place", [
        ("StarBaltic – Innovation vouchers for South Baltic SMEs",
         "Gdynia",
         "Kiel (DE), Kalmar (SE), Klaipeda (LT), Rostock (DE), Koszalin (PL)",
         "South Baltic Cross-border Co-operation Programme 2007–2013",
         "Ongoing (01.2010–12.2012)"),
        ("ProcureBaltic – Innovative public procurement in metropolitan cities",
         "Free and Hanseatic City of Hamburg (DE)",
         "Stockholm (SE), Helsinki (FI), Oslo (NO), Warsaw (PL), Vilnius (LT), Poznan (PL), Lodz (PL)",
         "Baltic Sea Region Programme 2007–2013",
         "Application submitted 28.05.2010"),
    ]),
    ("To make the Baltic Sea Region an accessible and attractive place", [
        ("BICYCLE BALTIC – The Baltic Sea Cycle Route (EuroVelo 10)",
         "Zachodniopomorskie Voivodeship",
         "Mecklenburg-Vorpommern (DE), Schleswig-Holstein (DE), Pomorskie Voivodeship (PL), Warmia-Masuria (PL), "
         "Kaliningrad Oblast (RU), Klaipeda County (LT), Region Zealand (DK)",
         "South Baltic Cross-border Co-operation Programme 2007–2013",
         "In preparation – application for the 4th call (autumn 2010)"),
        ("Baltic Ferry Link Gdynia–Karlskrona II",
         "Gdynia",
         "Karlskrona (SE), Region Blekinge (SE), Pomorskie Voivodeship (PL)",
         "TEN-T Motorways of the Sea",
         "Completed in December 2009"),
    ]),
    ("To make the Baltic Sea Region a safe and secure place", [
        ("SAFE COAST Gulf of Gdańsk",
         "Gdynia Maritime University",
         "Gdańsk (PL), Sopot (PL), Gdynia (PL), Baltiysk (RU), Kaliningrad (RU)",
         "Lithuania–Poland–Russia ENPI Cross-border Cooperation Programme 2007–2013",
         "Ongoing since 01.2010"),
        ("BSR Civil Protection Network",
         "Swedish Civil Contingencies Agency (MSB)",
         "Polish State Fire Service (PL), Lithuanian Fire and Rescue Department (LT), "
         "Ministry of the Interior of Finland (FI), Kaliningrad Oblast (RU)",
         "EU Civil Protection Financial Instrument",
         "Planned; call for proposals expected in 2011"),
    ]),
]


def main() -> Path:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    doc.add_paragraph("MINISTRY OF REGIONAL DEVELOPMENT\nDepartment of Territorial Cooperation")
    doc.add_heading("Polish participation in projects contributing to the EU Strategy for the Baltic Sea Region", level=1)
    doc.add_paragraph(
        "Information prepared for the meeting of the Inter-ministerial Team for the Baltic Sea Region, Warsaw, "
        "July 2010. State of play as of 30 June 2010."
    )
    doc.add_paragraph(
        "The list covers transnational and cross-border projects with Polish partners that contribute to the four "
        "objectives of the Strategy. Partners are listed as given in the applications; the lead partner is named in "
        "a separate column."
    )
    for heading, rows in SECTIONS:
        doc.add_heading(heading, level=2)
        table = doc.add_table(rows=1 + len(rows), cols=len(HEADER))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, HEADER):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
        for tr, row in zip(table.rows[1:], rows):
            for cell, text in zip(tr.cells, row):
                cell.text = text
        doc.add_paragraph("")
    doc.add_paragraph(
        "Russian and Belarusian partners take part with their own funds or with ENPI funding. "
        "Contact: Department of Territorial Cooperation, tel. +48 22 461 3000."
    )
    out = docs_dir("eval3") / "mrr_eusbsr_projects_2010.docx"
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(main())
