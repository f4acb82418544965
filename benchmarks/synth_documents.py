"""The documents of a synthetic corpus: annex tables (as text dumps and as Word-style PDFs) and
news pages (as text dumps and as web pages), each with the partners or places it intends."""

from __future__ import annotations

import html
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from synth_places import ORGANISATIONS, PlacePool, TruePartner, fold, partner_cell, pick

ROOT = Path(__file__).resolve().parents[1]
#: fpdf2 stamps the time of writing into a PDF; a fixed date keeps same seed, same bytes.
_FIXED_DATE = datetime(2008, 1, 1, tzinfo=UTC)


_NAME_PREFIXES = ["BaltMet", "Baltic", "BSR", "Nordic", "Hanse", "Via Baltica", "Baltic Sea", "Northern", "Amber",
                  "Coastal", "Metropolis"]
_NAME_TOPICS = ["Inno", "Promo", "Green Ports", "Smart Cities", "Rail Link", "Creative Districts", "Water Forum",
                "Energy Net", "Youth Mobility", "Cluster Alliance", "Climate Adapt", "Urban Labs", "Culture Route",
                "Port Cities", "Tourism Network", "Digital Hub", "Procure", "BaSIC", "Bio Economy", "Logistics",
                "Heritage", "Health Net", "Food Chain", "Start-up Bridge", "Mobility Lab", "Blue Growth"]
_NAME_SUFFIXES = ["", "", "", " II", " Plus", " Net", " 2020", " Lab"]
OBJECTIVES = ["Prosperous region", "Environmentally sustainable region", "Attractive region", "Accessible region",
              "Safe and secure region"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_PROGRAMMES = ["Interreg IIIB", "Interreg IVC", "Interreg IVA", "Baltic Sea Region Programme", "INTERREG IV B",
               "the Central Baltic Programme", "the South Baltic Programme"]
_VERBS = ["strengthens", "develops", "promotes", "supports", "builds", "connects", "improves", "coordinates",
          "analyses", "tests", "brings together", "pilots"]
_OBJECTS = ["innovation capacities of metropolises", "transnational cluster cooperation", "the image of the region",
            "sustainable urban transport", "creative industries and their support systems",
            "green procurement practices", "cooperation between universities and companies",
            "the accessibility of the eastern Baltic Sea region", "joint marketing of the metropolitan areas",
            "local innovation strategies", "energy efficiency in public buildings", "port and hinterland logistics",
            "the integration of young people into the labour market", "water management and coastal protection",
            "cultural heritage as a driver of tourism", "services for small and medium-sized enterprises"]
_CLAUSES = ["at local, regional and international levels", "through pilot actions in the partner cities",
            "with a focus on small and medium-sized enterprises", "in close cooperation with national ministries",
            "by exchanging experience between the partners", "on the basis of a common policy framework",
            "across the whole Baltic Sea region", "through a series of workshops and study visits",
            "and produces a joint action plan", "and feeds the results into the EU Strategy for the Baltic Sea Region"]


def project_name(rng: random.Random, taken: set[str]) -> str:
    for _ in range(1000):
        name = f"{rng.choice(_NAME_PREFIXES)} {rng.choice(_NAME_TOPICS)}{rng.choice(_NAME_SUFFIXES)}"
        if fold(name) not in taken:
            taken.add(fold(name))
            return name
    raise RuntimeError("ran out of project names")


def status_cell(rng: random.Random) -> str:
    year = rng.randint(2005, 2012)
    month = rng.choice(_MONTHS)
    programme = rng.choice(_PROGRAMMES)
    return rng.choice([
        f"Completed in {month} {year} (supported by {programme})",
        f"Submitted to {programme} in {month} {year}",
        f"Approved by {programme} in {month} {year}",
        f"{programme}, to be completed in {month} {year}",
        "In development",
        "Ongoing",
        f"Ongoing since {year}; financed by {programme}",
        f"Planned for {year}",
    ])


def description(rng: random.Random, name: str, words: int) -> str:
    sentences = [f"The project {name} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_CLAUSES)}."]
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(f"{rng.choice(['It', 'The partnership', 'The project', 'Each partner'])} "
                         f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_CLAUSES)}.")
    if rng.random() < 0.15:
        sentences.append(f"(www.{re.sub(r'[^a-z]', '', name.lower())}.eu)")
    return " ".join(sentences)


@dataclass
class TrueProject:
    name: str
    partners: list[TruePartner] = field(default_factory=list)
    incomplete: bool = False


@dataclass
class AnnexRow:
    """One table row: a section heading (only `name`) or a project."""

    name: str
    status: str = ""
    description: str = ""
    partners: str = ""
    section: bool = False


HEADERS = [
    ("Strategic objective/ Name of project", "Status of the project/financing instrument", "Description",
     "Cities and other partners involved"),
    ("Name of the project", "State of play", "Objectives and content", "Participating cities"),
    ("Project", "Status", "Summary", "Partners"),
]


def iter_annex_rows(rng: random.Random, pool: PlacePool, words: tuple[int, int]) -> Iterator[tuple[AnnexRow, TrueProject | None]]:
    """Rows of an annex table, endlessly: a section row every few projects, and each project's truth."""
    taken: set[str] = set()
    objectives = list(OBJECTIVES)
    rng.shuffle(objectives)
    left_in_section = 0
    while True:
        if left_in_section == 0 and objectives:
            yield AnnexRow(objectives.pop(), section=True), None
            left_in_section = rng.randint(2, 8)
        left_in_section = max(0, left_in_section - 1)
        name = project_name(rng, taken)
        cell, partners, incomplete = partner_cell(rng, pool)
        row = AnnexRow(name, status_cell(rng), description(rng, name, rng.randint(*words)), cell)
        yield row, TrueProject(name, partners, incomplete)


def annex_rows(rng: random.Random, pool: PlacePool, projects: int, words: tuple[int, int]) -> tuple[list[AnnexRow], list[TrueProject]]:
    """The rows of an annex table of `projects` projects, and the projects they intend."""
    rows: list[AnnexRow] = []
    truth: list[TrueProject] = []
    for row, project in iter_annex_rows(rng, pool, words):
        if project is not None:
            if len(truth) == projects:
                break
            truth.append(project)
        rows.append(row)
    return rows, truth


# --- writers ---------------------------------------------------------------------------------


def _split_at_word(text: str, share: float) -> tuple[str, str]:
    words = text.split(" ")
    cut = max(1, min(len(words) - 1, round(len(words) * share)))
    return " ".join(words[:cut]), " ".join(words[cut:])


def _split_partners(text: str, rng: random.Random) -> tuple[str, str]:
    """A partner cell cut between two mentions, as a page break cuts it."""
    commas = [m.end() for m in re.finditer(r", ", text)]
    if not commas or rng.random() < 0.5:
        return text, ""
    cut = rng.choice(commas)
    return text[:cut].rstrip(), text[cut:]


def write_annex_txt(path: Path, rng: random.Random, rows: list[AnnexRow], title: str) -> None:
    """A text dump like raw/000_*.txt: tab-separated rows; a blank line and a row starting with
    empty cells where a page break cut a row."""
    header = rng.choice(HEADERS)
    out = [title, "", "\t".join(header)]
    for row in rows:
        if row.section:
            out.append(row.name + "\t\t\t")
            continue
        if rng.random() < 0.2 and len(row.description.split()) > 20:
            desc_a, desc_b = _split_at_word(row.description, rng.uniform(0.3, 0.8))
            part_a, part_b = _split_partners(row.partners, rng)
            out.append("\t".join([row.name, row.status, desc_a, part_a]))
            out.append("")
            out.append("\t".join(["", "", desc_b, part_b]))
        else:
            out.append("\t".join([row.name, row.status, row.description, row.partners]))
    if rng.random() < 0.5:
        out += ["", "Other relevant examples of inter-regional cooperation", ""]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _fixtures() -> Any:
    """The PDF table writer of the test fixtures (Word-like page breaks inside rows)."""
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import fixtures

    return fixtures


def pdf_line_budget(landscape: bool) -> float:
    """Lines of table text a page holds (for sizing a PDF to a number of pages)."""
    fx = _fixtures()
    height = (210.0 if landscape else 297.0) - 2 * fx.MARGIN
    return height / fx.LINE_HEIGHT


def write_annex_pdf(path: Path, rng: random.Random, pool: PlacePool, pages: int, title: str) -> tuple[list[TrueProject], int]:
    """A ruled Word-style annex PDF of about `pages` pages; returns its projects and its page count."""
    fx = _fixtures()
    landscape = rng.random() < 0.3
    writer = fx._TableWriter(landscape=landscape, ruled=True, repeat_header=rng.random() < 0.5)
    writer.pdf.set_creation_date(_FIXED_DATE)  # same seed, same bytes
    header = fx.DumpRow(tuple(rng.choice(HEADERS)), "header")
    budget = pages * pdf_line_budget(landscape) - 8  # the title paragraph
    used = len(max(writer.cell_lines(header), key=len)) + 1.0
    rows: list[AnnexRow] = []
    truth: list[TrueProject] = []
    for row, project in iter_annex_rows(rng, pool, (40, 260)):
        used += max(len(c) for c in writer.cell_lines(_dump_row(fx, row))) + 1.0
        if used > budget and truth:
            break
        rows.append(row)
        if project is not None:
            truth.append(project)
    while rows[-1].section:
        rows.pop()
    writer.paragraph(title)
    writer.table([header] + [_dump_row(fx, r) for r in rows], None)
    written = writer.pdf.page
    writer.pdf.output(str(path))
    return truth, written


def _dump_row(fx: Any, row: AnnexRow) -> Any:
    if row.section:
        return fx.DumpRow((row.name, "", "", ""), "section")
    return fx.DumpRow((row.name, row.status, row.description, row.partners), "project")


# --- news pages ------------------------------------------------------------------------------

_EVENT_WORDS = ["conference", "workshop", "seminar", "meeting", "final event conference", "study visit",
                "kick-off meeting", "general assembly"]
_THEMES = ["Connecting Neighbours in the Baltic Sea Region", "Boosting Innovation through Metropolitan Partnership",
           "Green Growth in Port Cities", "Creative Cities", "Smart Mobility for Metropolitan Areas",
           "The Baltic Sea as a Common Market", "Cities and Climate"]


@dataclass
class TrueNews:
    title: str
    place: str


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def news_items(rng: random.Random, pool: PlacePool) -> tuple[list[tuple[str, str]], list[TrueNews]]:
    """(title, summary) of the items of a news list, newest first, and the place of each."""
    year = rng.randint(2006, 2012)
    month = rng.randint(6, 12)
    items: list[tuple[str, str]] = []
    truth: list[TrueNews] = []
    taken: set[str] = set()
    for _ in range(rng.randint(3, 10)):
        city = pick(rng, pool.cities)[0]
        project = project_name(rng, taken)
        event = rng.choice(_EVENT_WORDS)
        day = rng.randint(1, 26)
        month_name = _MONTHS[month - 1]
        style = rng.randrange(4)
        if style == 0:
            title = f"{project} {event} in {city.name}, {day}-{day + 2} {month_name} {year}"
            summary = f"From {day} - {day + 2} {month_name}, the City of {city.name} hosted a number of {project} workshops and network meetings."
        elif style == 1:
            title = f"{project} {event} in {city.name} on {_ordinal(day)} {month_name} {year}."
            summary = f"In collaboration with the {rng.choice(ORGANISATIONS)[0]}, {project} will arrange the {event} \"{rng.choice(_THEMES)}\"."
        elif style == 2:
            title = f"{project} {event} \"{rng.choice(_THEMES)}\""
            summary = (f"On {month_name} {_ordinal(day)} the {project} {event} hosted by "
                       f"{rng.choice(ORGANISATIONS)[0]} took place in {city.name}.")
        else:
            title = f"{event.capitalize()} in {city.name} on {day} {month_name} {year}"
            summary = ""
        items.append((title, summary))
        truth.append(TrueNews(title, city.key))
        month -= rng.randint(0, 3)
        if month < 1:
            month += 12
            year -= 1
    return items, truth


def milestone_lines(rng: random.Random, pool: PlacePool) -> list[str]:
    """A work package's milestones with meetings in partner cities, as after the news in raw/002."""
    year = rng.randint(2005, 2010)
    first = rng.randint(1, 4)
    lines = ["Work within this part of work package is divided into milestones as follows:"]
    for n in range(first, first + rng.randint(2, 4)):
        half = (n - first) % 2
        span = "January - June" if half == 0 else "July - December"
        lines.append(f"Milestone {n} ({span} {year})")
        city, other = pick(rng, pool.cities, 2)
        month = _MONTHS[rng.randint(0, 5) + 6 * half]
        lines.append(f"The working group meeting is held in {city.name} in {month} {year}. The WP co-ordinator "
                     f"prepares a detailed working plan and the results are discussed at a workshop in {other.name}.")
        if half:
            year += 1
    lines.append(f"Work Package {rng.randint(2, 6)}")
    return lines


def write_news_txt(path: Path, rng: random.Random, pool: PlacePool) -> list[TrueNews]:
    items, truth = news_items(rng, pool)
    out = [rng.choice(["latest news", "News", "Latest news"]), ""]
    for title, summary in items:
        out += [title, ""]
        if summary:
            out += [summary, ""]
        out += ["Read more", ""]
    if rng.random() < 0.4:
        out += [""] + [line + "\n" for line in milestone_lines(rng, pool)]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return truth


_CHROME_TOP = """<header class="site-header"><div id="logo">{site}</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/projects">Projects</a></li><li><a href="/news">News</a></li></ul></nav>
</header>
<div class="cookie-banner"><p>This site uses cookies. <a href="#">Accept</a></p></div>
"""
_CHROME_BOTTOM = """<footer><p>Copyright {year} {site}</p><p><a href="/contact">Contact</a></p></footer>
<script>var menu = document.getElementById("logo");</script>
"""


def write_news_html(path: Path, rng: random.Random, pool: PlacePool) -> list[TrueNews]:
    items, truth = news_items(rng, pool)
    site = rng.choice(["BaltMet", "Baltic Metropoles Network", "Baltic Cities News"])
    parts = [f"<h2>{rng.choice(['Latest news', 'News'])}</h2>\n"]
    for n, (title, summary) in enumerate(items, start=1):
        body = f"<p>{html.escape(summary)}</p>\n" if summary else ""
        parts.append(f'<div class="news-item"><h3>{html.escape(title)}</h3>\n{body}'
                     f'<a href="/news/{n}" class="more">Read more</a></div>\n')
    if rng.random() < 0.4:
        for line in milestone_lines(rng, pool):
            tag = "h4" if line.startswith(("Milestone", "Work Package")) else "p"
            parts.append(f"<{tag}>{html.escape(line)}</{tag}>\n")
    page = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(site)}: news</title></head>\n<body>\n"
            + _CHROME_TOP.format(site=html.escape(site)) + "<main>\n" + "".join(parts) + "</main>\n"
            + _CHROME_BOTTOM.format(site=html.escape(site), year=rng.randint(2008, 2012)) + "</body></html>\n")
    path.write_text(page, encoding="utf-8")
    return truth
