"""Writes docs/appendix_b_cooperation_projects.pdf: a researcher's data appendix.

A4 portrait, ruled table with six columns, header row repeated on every page, thematic
section rows spanning the table (the last one cut short, as it was in the thesis' Word file),
rows that do not fit a page cut at a line boundary and continued on the next page, as Word does.
Written with fpdf2 and DejaVu Sans.
"""
from pathlib import Path  # noqa: F401

from common import docs_dir
from fpdf import FPDF

GAP = 92
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
MARGIN, SIZE, LH, PAD = 15.0, 8.0, 3.6, 1.5
SHARES = (0.15, 0.155, 0.13, 0.17, 0.275, 0.12)

HEADER = ("Project", "Programme, period", "Lead partner", "Other partners", "Aims and main results", "Status (31.3.2011)")
ROWS = [
    ("Innovation and economic development",),
    ("BRIDGE-IT – Business incubator exchange between Baltic capitals",
     "Baltic Sea Region Programme 2007–2013, Priority 1; 01/2009–12/2011",
     "Vilnius City Municipality",
     "Riga, Tallinn, Warsaw, Berlin (Senate Department for Economics, Technology and Women's Issues), Helsinki",
     "Exchange of incubator managers and start-up companies between the capitals; a common ‘soft-landing’ package offers "
     "newcomers from partner cities free desk space for three months. By early 2011 some 40 companies had used the "
     "package, most of them in ICT and design.",
     "Ongoing"),
    ("SME Go Global – Internationalisation services for small firms",
     "Interreg IIIB BSR, 2005–2007",
     "Stockholm",
     "Oslo, Copenhagen, Gdansk, Kaunas, St Petersburg",
     "Joint export-advice services of the city business agencies, trade missions to China and India and a shared "
     "database of business contacts. The partners continued the trade missions on their own budgets after the end "
     "of the project.",
     "Completed in December 2007"),
    ("HANSA SCIENCE – Research infrastructure access for SMEs",
     "Baltic Sea Region Programme 2007–2013, Priority 1; 2009–2012",
     "Free and Hanseatic City of Hamburg",
     "Lund, Aarhus, Tartu, Gdansk, Kaunas, St Petersburg",
     "Opens large research facilities (synchrotron, neutron source, nanotechnology laboratories) to small and "
     "medium-sized firms; industry liaison offices in each partner city act as contact points. Pilot user projects "
     "started in 2010.",
     "Ongoing"),
    ("BSR Design Hubs – Design-driven innovation in city development",
     "Baltic Sea Region Programme 2007–2013, Priority 1; 01/2010–12/2012",
     "Helsinki",
     "Stockholm, Berlin, Riga, Vilnius, Gdynia, Tallinn",
     "City design offices test user-centred methods in the renewal of public services and spaces; each partner runs "
     "one pilot (e.g. a school yard in Vilnius, the harbour promenade in Gdynia). Results feed into the World Design "
     "Capital Helsinki 2012 programme.",
     "Ongoing"),
    ("Transport and accessibility",),
    ("SEBTrans – South-East Baltic transport link",
     "South Baltic Programme 2007–2013; 09/2010–08/2013",
     "Region Blekinge",
     "Karlskrona, Klaipėda, Gdynia, Pomorskie Voivodeship; observer: Kaliningrad Oblast",
     "Studies on improving the ferry and rail link between Karlskrona, Gdynia and Klaipėda, including the hinterland "
     "connections to Kaliningrad. A joint action plan for the corridor is to be adopted by the regional councils "
     "in 2012.",
     "Ongoing (approved May 2010)"),
    ("Helsinki–St Petersburg Rail Forum",
     "Interreg IIIA South-East Finland–Russia and Tacis CBC, 2004–2007",
     "Uusimaa Regional Council",
     "Helsinki, Lahti, Kouvola, Vyborg, St Petersburg, Leningrad Oblast",
     "Preparatory work for the high-speed Allegro train service between Helsinki and St Petersburg: station-area "
     "planning in Lahti, Kouvola and Vyborg, and joint border-crossing procedures on board the train.",
     "Completed 2007"),
    ("Via Baltica Tempo",
     "Baltic Sea Region Programme 2007–2013, Priority 2; 05/2011–04/2014",
     "Warsaw",
     "Białystok, Kaunas, Riga, Tallinn, Helsinki, Podlaskie Voivodeship",
     "Aims at faster and safer road and coach connections along the Via Baltica corridor, with pilot express coach "
     "lines between the capitals and a common passenger-information standard.",
     "Approved 03/2011, start 05/2011"),
    ("COINCO North – Corridor of innovation and cooperation Oslo–Gothenburg–Malmö/Copenhagen",
     "Interreg IVA Öresund–Kattegat–Skagerrak, 2010–2013",
     "Oslo",
     "Gothenburg, Region Halland, Region Skåne, Malmö, Copenhagen",
     "Joint lobbying for a high-speed rail link between Oslo and Copenhagen, a corridor business network and a "
     "common marketing of the corridor towards investors. Extension of the corridor to Berlin is discussed with "
     "the German partners of the COINCO project of 2008–2010.",
     "Ongoing"),
    ("Environment and maritime issues",),
    ("CLEAN PORTS – Reduction of ship-generated waste in Baltic city ports",
     "Baltic Sea Region Programme 2007–2013, Priority 3; 04/2011–03/2014",
     "Port of Tallinn",
     "Helsinki, Turku, Stockholm, Rostock, Gdańsk; observer: St Petersburg",
     "Port reception facilities for sewage from passenger ships, harmonised port fees and a joint proposal to "
     "HELCOM. Investments are planned in the passenger harbours of Helsinki and Tallinn.",
     "Approved in December 2010"),
    ("CoastAdapt – Climate adaptation in coastal cities",
     "South Baltic Programme 2007–2013; 2009–2012",
     "Gdańsk",
     "Klaipėda, Kalmar, Rostock, Region Zealand",
     "Flood-risk maps for the partner cities, a guide on adaptation in land-use plans and pilot investments in "
     "storm-water retention. The guide was published in Polish, Lithuanian, Swedish, German and Danish in 2010.",
     "Ongoing"),
    ("SUDS Baltic – Sustainable drainage in Central Baltic cities",
     "Central Baltic INTERREG IV A Programme 2007–2013; 2011–2013 (application)",
     "Turku",
     "Helsinki, Tallinn, Nacka, Pärnu, Jūrmala",
     "Pilot green roofs, rain gardens and retention ponds in new residential districts; a common design manual "
     "for municipal engineers.",
     "Submitted in January 2011 (4th call)"),
    ("Attractive cities and urban devel",),
    ("BaltMet Culture Net – Cultural cooperation of Baltic capitals",
     "Nordic Council of Ministers, 2011–2012 (application)",
     "Oslo",
     "Stockholm, Copenhagen, Reykjavík, Helsinki, Tallinn, Riga, Vilnius, Warsaw, Berlin",
     "Residencies for artists and curators in the partner cities and a joint programme with the European Capitals "
     "of Culture Tallinn and Turku 2011.",
     "Application submitted in February 2011"),
    ("Nordic-Baltic Housing Lab",
     "URBACT II, 2008–2010",
     "Tallinn",
     "Riga, Vilnius, Espoo, Malmö, Szczecin et al.",
     "Thematic network on the renovation of large prefabricated housing estates; each partner prepared a local "
     "action plan together with residents and housing associations. Tallinn’s plan for Lasnamäe was adopted by the "
     "city council in 2010.",
     "Completed in October 2010"),
]

TITLE = "Appendix B. Transnational and cross-border cooperation projects involving Baltic Sea metropolitan areas, 2004–2011"
INTRO = (
    "Sources: programme project databases, project websites and interviews with city officials, January–March 2011. "
    "Projects are grouped under the four thematic fields used in Chapter 4: Innovation and economic development; "
    "Transport and accessibility; Environment and maritime issues; Attractive cities and urban development. "
    "Partners are named as cities or regions; organisations are named where no city or regional authority took part. "
    "Status as of 31 March 2011."
)
FOOTER = "J. Lindqvist – Metropolitan cooperation in the Baltic Sea Region (doctoral thesis, 2011) – Appendix B – page {}"


class Writer:
    def __init__(self) -> None:
        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.c_margin = 0
        self.pdf.add_font("Body", "", FONT)
        self.pdf.add_font("Body", "B", BOLD)
        self.pdf.set_font("Body", size=SIZE)
        self.width = self.pdf.w - 2 * MARGIN
        self.bottom = self.pdf.h - MARGIN - 6
        self.cols = [self.width * s for s in SHARES]
        self.page_no = 0
        self.new_page(header=False)

    def footer(self) -> None:
        self.pdf.set_font("Body", size=6.5)
        self.pdf.set_xy(MARGIN, self.pdf.h - MARGIN - 2)
        self.pdf.cell(self.width, 3, FOOTER.format(212 + self.page_no), align="C")
        self.pdf.set_font("Body", size=SIZE)

    def new_page(self, header: bool = True) -> None:
        self.pdf.add_page()
        self.page_no += 1
        self.footer()
        self.pdf.set_xy(MARGIN, MARGIN)
        if header:
            self.draw(HEADER, self.lines(HEADER, bold=True), bold=True)

    def wrap(self, text: str, width: float, bold: bool = False) -> list[str]:
        self.pdf.set_font("Body", "B" if bold else "", SIZE)
        out = self.pdf.multi_cell(width - 2 * PAD, LH, text, dry_run=True, output="LINES") if text else []
        self.pdf.set_font("Body", "", SIZE)
        return out

    def lines(self, row, bold: bool = False) -> list[list[str]]:
        if len(row) == 1:
            return [self.wrap(row[0], self.width, bold=True)]
        return [self.wrap(t, w, bold) for t, w in zip(row, self.cols)]

    def draw(self, row, cells, bold: bool = False) -> None:
        height = max(len(c) for c in cells) * LH + 2 * PAD
        widths = [self.width] if len(cells) == 1 else self.cols
        x, y = MARGIN, self.pdf.get_y()
        self.pdf.set_font("Body", "B" if (bold or len(cells) == 1) else "", SIZE)
        for cell, w in zip(cells, widths):
            self.pdf.rect(x, y, w, height)
            for i, line in enumerate(cell):
                self.pdf.set_xy(x + PAD, y + PAD + i * LH)
                self.pdf.cell(w - 2 * PAD, LH, line)
            x += w
        self.pdf.set_font("Body", "", SIZE)
        self.pdf.set_xy(MARGIN, y + height)

    def room(self) -> int:
        return int((self.bottom - self.pdf.get_y() - 2 * PAD) // LH)

    def row(self, row) -> None:
        cells = self.lines(row)
        while True:
            tallest = max(len(c) for c in cells)
            room = self.room()
            if tallest <= room:
                self.draw(row, cells)
                return
            if room < 2 or len(cells) == 1:
                self.new_page()
                continue
            self.draw(row, [c[:room] for c in cells])
            cells = [c[room:] for c in cells]
            self.new_page()

    def paragraph(self, text: str, bold: bool = False, size: float = SIZE) -> None:
        self.pdf.set_font("Body", "B" if bold else "", size)
        self.pdf.set_x(MARGIN)
        self.pdf.multi_cell(self.width, LH * size / SIZE, text)
        self.pdf.set_font("Body", "", SIZE)
        self.pdf.set_y(self.pdf.get_y() + 2)


def main() -> Path:
    w = Writer()
    # the appendix starts low on its first page, below the end of the previous appendix
    w.paragraph("Note to Appendix A: interviews were held in English, Swedish or Finnish between October 2009 and March 2011; quotations in Chapter 5 are the author’s translations.")
    w.pdf.set_y(w.pdf.get_y() + GAP)
    w.paragraph(TITLE, bold=True, size=9)
    w.paragraph(INTRO)
    w.draw(HEADER, w.lines(HEADER, bold=True), bold=True)
    for r in ROWS:
        w.row(r)
    out = docs_dir("eval3") / "appendix_b_cooperation_projects.pdf"
    w.pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(main())
