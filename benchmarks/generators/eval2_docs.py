#!/usr/bin/env python3
"""Write the two binary documents of benchmarks/eval2/docs/: the landscape PDF annex and the Word annex.

    .venv/bin/python benchmarks/eval2/tools/make_docs.py

The PDF is drawn with the test fixtures' Word-style table writer (`tests/fixtures.py`):
landscape A4, ruled cells, the header row repeated on every page, rows cut where the page
ends, a running footer. The Word file is built with python-docx: section rows are one cell
merged across the table, and one programme cell is merged down over two rows, as an author
does in Word. The text documents of docs/ are written by hand and not made here.
"""

from __future__ import annotations

from pathlib import Path

from common import docs_dir

DOCS = docs_dir("eval2")

from fixtures import MARGIN, DumpRow, _TableWriter  # noqa: E402

PDF_TITLE = "Annex 2. Cooperation projects of the member cities, status as of 30 April 2011"
PDF_INTRO = (
    "The table lists the projects in which at least two member cities of the network take part. "
    "The lead partner is given in a separate column; the country of each partner is given in brackets. "
    "Information was provided by the member cities and compiled by the secretariat."
)
PDF_HEADER = ("Project", "Lead partner", "Partners", "Status / financing", "Short description")
PDF_SHARES = (0.13, 0.12, 0.16, 0.17, 0.42)
PDF_ROWS: list[tuple[str, ...]] = [
    ("Innovation and knowledge-based economy",),
    (
        "InnoCity Lab",
        "Aarhus (DK)",
        "Kiel (DE)\nGdańsk (PL)\nKaunas (LT)\nTartu (EE)\nTampere (FI)\nUppsala (SE)",
        "Approved by the Baltic Sea Region Programme 2007-2013 in September 2010 (3rd call)",
        "InnoCity Lab brings together medium-sized university cities that want to use the city itself as a "
        "test bed for new products and services. Each partner city opens one urban living lab - a district, a "
        "public building or a public service - in which companies, universities and residents develop and "
        "test solutions together. The partners exchange methods for user involvement, public procurement of "
        "innovation and the evaluation of pilots, and prepare a joint handbook for city administrations. "
        "Pilot themes include energy-efficient public lighting, digital services for elderly residents and "
        "mobility in student districts. The results will be presented at a final conference in 2013. "
        "(www.innocitylab.eu)",
    ),
    (
        "eCitizen Baltic",
        "Tallinn (EE)",
        "Riga (LV)\nVilnius (LT)\nHelsinki (FI)\nSt. Petersburg (RU) - observer",
        "Completed in June 2010, co-financed by the Nordic Council of Ministers",
        "The project compared the electronic services that the capitals offer to residents and companies - "
        "from parking permits to places in kindergartens - and identified services that could be developed "
        "jointly or offered across borders. A common specification for a cross-border e-identity pilot "
        "between Tallinn and Helsinki was prepared together with the national authorities. The final report "
        "was adopted by the Executive Committee of the network in September 2010.",
    ),
    ("Transport and accessibility",),
    (
        "Baltic Green Corridor",
        "Region Skåne (SE)",
        "Copenhagen (DK)\nHamburg (DE)\nRostock (DE)\nSzczecin (PL)\nZachodniopomorskie (PL)\nBlekinge (SE)\n"
        "Observers:\nKaliningrad (RU)\nKlaipėda (LT)",
        "Ongoing 2009-2012 (Baltic Sea Region Programme, priority 2)",
        "The corridor between the Øresund region, northern Germany and western Poland carries a growing share "
        "of the freight between Scandinavia and central Europe. The project develops the corridor as a green "
        "transport corridor: rail and short sea shipping are to take over a larger part of the flows, and "
        "the terminals along the corridor are to be better connected. The partners map the freight flows and "
        "bottlenecks, compare the plans of the national and regional transport authorities and agree on a joint "
        "list of investments to be proposed for the revision of the TEN-T guidelines. Pilot actions cover an "
        "intermodal terminal study in Szczecin, a joint marketing of rail connections from the port of "
        "Rostock and a study on the hinterland connections of the port of Copenhagen. The cities take part "
        "through their planning and port departments; the regions are responsible for the coordination with "
        "the national ministries. The observers from Kaliningrad and Klaipėda follow the work with a view to "
        "extending the corridor to the east. A corridor conference with the ministries of the four countries "
        "is foreseen for 2012, when the results of the studies and the joint investment list will be presented "
        "to the European Commission and to the Baltic Sea Region Programme monitoring committee. The project is "
        "also expected to contribute to the flagship projects of the EU Strategy for the Baltic Sea Region in "
        "the field of transport.",
    ),
    (
        "Via Hanseatica Logistics",
        "Lübeck (DE)",
        "Riga (LV)\nKlaipėda (LT)\nGdynia (PL)\nKaliningrad (RU)\nUnion of the Baltic Cities (PL)",
        "Submitted to the Baltic Sea Region Programme (4th call) in March 2011",
        "The project aims at better logistics services for small and medium-sized companies along the old "
        "Hanseatic trade route from Lübeck to the eastern Baltic ports. It will set up a network of logistics "
        "advisers in the port cities, develop an online platform for shared loads and carry out training for "
        "transport companies on customs and cross-border procedures. The platform will be tested by "
        "at least forty companies from the partner cities during the second project year, and the advisers "
        "will be trained together in two sessions, one in Lübeck and one in Klaipėda. The network of "
        "advisers is meant to continue after the project, financed by the chambers of commerce of the port "
        "cities. The Union of the Baltic Cities will spread the results to its member cities through its "
        "Commission on Transport and will organise a final seminar for cities outside the partnership. "
        "Kaliningrad takes part with its own funding under the rules of the programme for partners from "
        "the Russian Federation; the city's participation depends on the approval of the Russian "
        "authorities.",
    ),
    ("Environment and climate",),
    (
        "Climate Ready Harbours",
        "Turku (FI)",
        "Stockholm (SE)\nOslo (NO)\nMalmö (SE)\nKlaipėda (LT)\nHELCOM (FI)",
        "In preparation; an application to the Baltic Sea Region Programme is planned for autumn 2011",
        "Harbour areas are among the parts of the cities most exposed to rising sea levels and storm surges. "
        "The project will assess the climate risks of the harbour and waterfront districts of the partner "
        "cities and prepare adaptation plans, in close contact with the port authorities.",
    ),
    (
        "Baltic Urban Waters",
        "Gdańsk (PL)",
        "To be confirmed",
        "Project idea, discussed at the meeting of the Environment working group in February 2011",
        "Storm water management in dense city districts: green roofs, retention areas and the control of "
        "nutrient loads that reach the Baltic Sea through urban streams.",
    ),
]


def write_pdf(path: Path) -> Path:
    """The annex as a landscape, ruled, Word-style PDF with the header row repeated on each page."""
    writer = _TableWriter(landscape=True, ruled=True, repeat_header=True)
    writer.columns = [writer.width * share for share in PDF_SHARES]
    pdf = writer.pdf

    def footer() -> None:
        pdf.set_xy(MARGIN, pdf.h - MARGIN + 4)
        pdf.cell(writer.width, 3.3, f"Baltic Cities Network - Annual Report 2010, Annex 2 - page {pdf.page_no()}")

    pdf.footer = footer  # type: ignore[method-assign]
    writer.paragraph(PDF_TITLE)
    writer.paragraph(PDF_INTRO)
    width = len(PDF_HEADER)
    rows = [DumpRow(PDF_HEADER, "header")]
    for row in PDF_ROWS:
        cells = row + ("",) * (width - len(row))
        rows.append(DumpRow(cells, "section" if len(row) == 1 else "project"))
    writer.table(rows, None)
    pdf.output(str(path))
    return path


DOCX_TITLE = "Appendix B - Joint projects of the member cities 2009-2012"
DOCX_INTRO = (
    "This appendix lists the joint projects reported by the member cities for the Executive Board meeting "
    "of 15 September 2011. The projects are grouped by the themes of the network's Strategy 2010-2015."
)
DOCX_HEADER = ("Project", "Partnership", "State of play", "Programme", "Description / website")
# A row is (project, partnership paragraphs, state of play, programme, description); a programme of
# None continues the programme cell of the row above (merged down).
DOCX_ROWS: list[tuple[str, ...] | tuple[str, list[str], str, str | None, str]] = [
    ("Theme 1 - Sustainable urban mobility",),
    (
        "CleanBus BSR",
        ["Lead partner: City of Malmö (SE)", "Partners: Gdynia (PL), Tartu (EE), Riga (LV), Vantaa (FI), Rostock (DE)"],
        "Running, ends in February 2012",
        "Baltic Sea Region Programme 2007-2013",
        "Joint procurement and testing of biogas and hybrid buses in the public transport of the partner "
        "cities, with a common method for comparing the costs and emissions of the fleets. www.cleanbus-bsr.eu",
    ),
    (
        "Cycle Cities",
        ["Lead partner: Copenhagen Municipality (DK)", "Partners: Turku (FI), Gdańsk (PL), Kaunas (LT), "
         "Pärnu (EE), Greifswald (DE)"],
        "Completed in May 2011",
        None,
        "Exchange of experience on cycling infrastructure and campaigns; each partner city prepared a "
        "cycling action plan, and a travelling exhibition was shown in all partner cities.",
    ),
    ("Theme 2 - Energy efficiency and climate",),
    (
        "EnerCity Network",
        ["Vilnius City Municipality (lead)", "Helsinki", "St. Petersburg", "Odense", "Region Västra Götaland"],
        "Submitted in January 2011",
        "INTERREG IVC, 4th call",
        "Energy efficiency in municipal buildings: energy audits, energy performance contracting and the "
        "training of the staff of the partners' building departments.",
    ),
    (
        "Smart Heating Baltic",
        ["Lead partner: Tallinn (EE)", "Partners: Espoo (FI), Jelgava (LV), Västerås (SE), "
         "Council of the Baltic Sea States"],
        "Approved in June 2011",
        "Central Baltic INTERREG IV A Programme 2007-2013",
        "Modernisation of district heating networks and the use of waste heat from industry; pilot "
        "investments in Jelgava and Tallinn. www.smartheating.eu",
    ),
    ("Theme 3 - Social cohesion",),
    (
        "Social Inclusion Labs",
        ["Lead: Stockholm; partners: Oslo, Berlin, Warsaw, Riga et al."],
        "Under preparation",
        "URBACT II",
        "A network of deprived neighbourhoods in the partner cities that test local partnerships for "
        "employment and education.",
    ),
    (
        "Youth Mobility BSR",
        ["Partners to be confirmed"],
        "Idea presented at the Annual Conference 2011",
        "-",
        "Exchanges of young employees of the city administrations of the member cities.",
    ),
]


def write_docx(path: Path) -> Path:
    """The annex as a Word file: a title, a paragraph, one table with merged section and programme cells."""
    from docx import Document as WordDocument

    doc = WordDocument()
    doc.add_heading(DOCX_TITLE, level=1)
    doc.add_paragraph(DOCX_INTRO)
    table = doc.add_table(rows=len(DOCX_ROWS) + 1, cols=len(DOCX_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, DOCX_HEADER, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for i, row in enumerate(DOCX_ROWS, start=1):
        cells = table.rows[i].cells
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])
            merged.text = str(row[0])
            merged.paragraphs[0].runs[0].bold = True
            continue
        name, partnership, state, programme, description = row
        cells[0].text = str(name)
        cells[1].text = partnership[0]
        for line in partnership[1:]:
            cells[1].add_paragraph(line)
        cells[2].text = str(state)
        if programme is None:
            above = table.rows[i - 1].cells[3]
            above.merge(cells[3])
        else:
            cells[3].text = str(programme)
        cells[4].text = str(description)
    doc.add_paragraph("Source: reports of the member cities, compiled by the secretariat.")
    doc.save(str(path))
    return path


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    print(write_pdf(DOCS / "annex_2011_landscape.pdf"))
    print(write_docx(DOCS / "annex_2011_partnerships.docx"))


if __name__ == "__main__":
    main()
