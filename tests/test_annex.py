"""Annex tables: columns by header meaning, headings, continuations, split and nameless rows."""

from __future__ import annotations

import pytest

from baltmet_extract.extractors.annex import extract_annex, map_header
from baltmet_extract.ingest.text import read_text

HEADER = "Strategic objective/ Name of project\tStatus of the project/financing instrument\tDescription\tCities and other partners involved"


def annex(rules, body: str, header: str = HEADER):
    return extract_annex(read_text("t.txt", (header + "\n" + body).encode()), rules)


@pytest.mark.parametrize(("cells", "expected"), [
    (("Name of project", "Status", "Description", "Partners"), ["name", "status", "description", "partners"]),
    (("Initiative", "State of play", "Summary", "Partner cities"), ["name", "status", "description", "partners"]),
    (("Partners", "Project", "Description", "Status"), ["partners", "name", "description", "status"]),
    (("Projekt", "Stand", "Text", "Städte"), None),
])
def test_columns_are_found_by_header_meaning(rules, cells, expected):
    mapping = map_header(cells, rules)
    assert (None if mapping is None else [mapping[i] for i in range(len(cells))]) == expected


def test_other_column_order_gives_the_same_project(rules):
    res = annex(rules, "Riga (lead), Tallinn\tCity Lab\tA lab for cities.\tongoing",
                header="Partner cities\tInitiative\tSummary\tState of play")
    p = res.projects[0]
    assert (p.project.name, p.project.status, p.project.description) == ("City Lab", "ongoing", "A lab for cities.")
    assert [m.raw for m in p.partners.mentions] == ["Riga", "Tallinn"]


def test_cut_section_heading_is_completed_from_rules(rules):
    res = annex(rules, "Environmentally sustain\t\t\t\nX\tongoing\tabout x\tRiga")
    assert res.projects[0].project.objective == "Environmentally sustainable region"


def test_row_continued_after_page_break_is_joined(rules):
    res = annex(rules, "X\tongoing\tfirst half of the text, support to business\tRiga (lead), Berlin\n\n"
                       "\t\tcapacity & internationalisation.\tTallinn")
    assert len(res.projects) == 1
    p = res.projects[0]
    assert p.project.description == "first half of the text, support to business capacity & internationalisation."
    assert [m.raw for m in p.partners.mentions] == ["Riga", "Berlin", "Tallinn"]


def test_hyphen_cut_word_is_mended_across_the_break(rules):
    res = annex(rules, "X\tongoing\tstrengthens innova-\tRiga\n\t\ttion in cities\t")
    assert res.projects[0].project.description == "strengthens innovation in cities"


def test_repeated_header_is_skipped(rules):
    res = annex(rules, f"X\tongoing\tabout x\tRiga\n{HEADER}\nY\tcompleted\tabout y\tOslo")
    assert [p.project.name for p in res.projects] == ["X", "Y"]


def test_row_naming_two_projects_gives_two_with_their_own_partners(rules):
    res = annex(rules, "INTERREG IV B BSR Alpha: First Corridor and a parallel project INTERREG IV B Central Beta, "
                       "Second Axis\tSubmitted in Spring 2008\tabout\tAlpha: Riga (lead), Oslo et al. Beta: Turku (lead), Kiel")
    names = [(p.project.name, p.project.full_title) for p in res.projects]
    assert names == [("Alpha", "First Corridor"), ("Beta", "Second Axis")]
    assert [m.raw for m in res.projects[0].partners.mentions] == ["Riga", "Oslo"]
    assert res.projects[0].partners.incomplete
    assert [(m.raw, m.role) for m in res.projects[1].partners.mentions] == [("Turku", "lead"), ("Kiel", "partner")]
    assert res.projects[0].project.funding == "Interreg IVB"


def test_row_without_name_cell_is_named_from_description_and_flagged(rules):
    res = annex(rules, "Other examples\n"
                       "policy. One initiative is the newly founded Vistula partnership which links regions.\tGdansk, Torun")
    p = res.projects[0].project
    assert p.name == "Vistula partnership"
    assert p.needs_review and "name" in (p.review_reason or "")
    assert p.objective == "Other examples"
    assert [m.raw for m in res.projects[0].partners.mentions] == ["Gdansk", "Torun"]


def test_row_with_too_many_cells_is_kept_and_flagged(rules):
    res = annex(rules, "X\tongoing\tabout\tRiga\tstray")
    p = res.projects[0].project
    assert p.needs_review and "5 cells" in (p.review_reason or "")


def test_every_row_is_accounted_for(rules):
    res = annex(rules, "Prosperous region\t\t\t\nX\tongoing\tabout\tRiga\n\t\tmore\t\nY\t\tabout y\tOslo")
    assert res.rows_seen == res.rows_used == 4


def test_table_without_mappable_header_is_reported(rules):
    doc = read_text("t.txt", b"Foo\tBar\tBaz\nA\tB\tC\n")
    res = extract_annex(doc, rules)
    assert res.projects == []
    assert any("could not be mapped" in e.message for e in res.errors)
    assert any(e.source_row == 2 for e in res.errors)  # the row itself is listed too


def test_wider_layout_with_lead_funding_period_and_website_columns(rules):
    header = "Acronym\tProject title\tLead partner\tPartners\tDuration\tFunding programme\tWebsite\tSummary\tStatus"
    body = ("GreenPorts\tGreen ports for the Baltic\tGdansk\tGdansk, Kiel (DE), Klaipeda\t2009-2012\t"
            "Interreg IVB Baltic Sea Region\twww.greenports.eu\tPorts go green.\tcompleted")
    res = annex(rules, body, header=header)
    p = res.projects[0]
    assert (p.project.name, p.project.full_title) == ("GreenPorts", "Green ports for the Baltic")
    assert (p.project.status, p.project.status_date, p.project.funding) == ("completed", "2012", "Interreg IVB")
    assert p.project.url == "www.greenports.eu"
    assert [(m.raw, m.role) for m in p.partners.mentions] == [("Gdansk", "lead"), ("Kiel", "partner"), ("Klaipeda", "partner")]


def test_objective_column_gives_the_objective(rules):
    res = annex(rules, "Attractive region\tX\tongoing\tabout\tRiga", header="Theme\tProject\tStatus\tDescription\tPartners")
    assert res.projects[0].project.objective == "Attractive region"


@pytest.mark.parametrize(("cell", "meaning"), [
    ("Strategic objective/ Name of project", "name"),
    ("Status of the project/financing instrument", "status"),
    ("Funding programme", "funding"),
    ("Project status", "status"),
    ("Project partners", "partners"),
    ("Lead partner", "lead"),
])
def test_header_cells_mean_what_they_say(rules, cell, meaning):
    from baltmet_extract.extractors.annex import _header_meaning

    assert _header_meaning(cell, rules, set()) == meaning


def test_row_cut_inside_its_name_cell_is_joined(rules):
    # Word repeats nothing of a row cut by a page break: the name cell goes on below, the status is empty,
    # and the description continues a sentence the row above left unfinished
    res = annex(rules, "INTERREG IV B BSR Alpha: First Corridor and a parallel project\tSubmitted in Spring 2008\t"
                       "A corridor would create a new growth\tAlpha: Riga (lead), Oslo. Beta: Turku (lead),\n"
                       "INTERREG IV B Central Beta, Second Axis\t\tzone beyond the core area.\tKiel, Gdansk")
    assert [(p.project.name, p.project.status) for p in res.projects] == [("Alpha", "submitted"), ("Beta", "submitted")]
    assert res.projects[0].project.description == "A corridor would create a new growth zone beyond the core area."
    assert [m.raw for m in res.projects[1].partners.mentions] == ["Turku", "Kiel", "Gdansk"]


def test_new_row_after_a_finished_sentence_is_not_joined(rules):
    res = annex(rules, "X\tongoing\tA finished sentence.\tRiga\nY\t\tanother project described in lower case\tOslo")
    assert [p.project.name for p in res.projects] == ["X", "Y"]


@pytest.mark.parametrize(("heading", "objective"), [
    ("1. Maritime cooperation and ports", "Maritime cooperation and ports"),
    ("Theme 2 - Energy efficiency and climate", "Energy efficiency and climate"),
    ("IV. Accessible region", "Accessible region"),
])
def test_numbering_labels_are_not_part_of_the_heading(rules, heading, objective):
    res = annex(rules, f"{heading}\t\t\t\nX\tongoing\tabout x\tRiga")
    assert res.projects[0].project.objective == objective


def test_page_footer_between_a_row_and_its_continuation_changes_nothing(rules):
    from baltmet_extract.models import Document, Line

    header = tuple(HEADER.split("\t"))
    lines = [Line(cells=header, is_row=True, page=1, row=1),
             Line(cells=("X", "ongoing", "The network is meant to", "Riga (lead)"), is_row=True, page=1, row=2),
             Line(cells=("Annual Report 2010, Annex 2 - page 1",), page=1, row=3),
             Line(cells=("", "", "continue after the project.", "Oslo"), is_row=True, page=2, row=1),
             Line(cells=("Annual Report 2010, Annex 2 - page 2",), page=2, row=2)]
    res = extract_annex(Document(source_file="a.pdf", format="pdf", lines=lines), rules)
    assert [p.project.description for p in res.projects] == ["The network is meant to continue after the project."]
    assert res.projects[0].project.objective is None


def test_first_row_of_a_page_continues_a_row_cut_mid_bracket_and_mid_name(rules):
    from baltmet_extract.models import Document, Line

    header = tuple(HEADER.split("\t"))
    lines = [Line(cells=header, is_row=True, page=1, row=1),
             Line(cells=("Amber Start-up", "Ongoing (supported by Interreg IV", "Start-ups get help to", "Riga (lead)"),
                  is_row=True, page=1, row=2),
             Line(cells=("Bridge 2020", "B)", "grow abroad.", "Oslo"), is_row=True, page=2, row=1),
             Line(cells=("Next", "Completed", "Another project.", "Kiel"), is_row=True, page=2, row=2)]
    res = extract_annex(Document(source_file="a.pdf", format="pdf", lines=lines), rules)
    assert [(p.project.name, p.project.funding, p.project.description) for p in res.projects] == [
        ("Amber Start-up Bridge 2020", "Interreg IVB", "Start-ups get help to grow abroad."),
        ("Next", None, "Another project.")]


def test_label_value_tables_are_records(rules):
    from baltmet_extract.models import Document, Line

    pairs = [("Acronym", "HELTAL DATA"), ("Project title", "Spatial data for the twin region"),
             ("Lead partner", "City of Helsinki (FI)"), ("Project partners", "City of Tallinn (EE)\nHarju County (EE)"),
             ("Status", "Ongoing"), ("Acronym", "BAT"), ("Lead partner", "Region Gotland (SE)"),
             ("Project partners", "Åland Government (AX)"), ("Status", "Completed")]
    lines = [Line(cells=("Project database",), row=1)]
    lines += [Line(cells=pair, is_row=True, row=i + 2) for i, pair in enumerate(pairs)]
    res = extract_annex(Document(source_file="db.html", format="html", lines=lines), rules)
    assert [(p.project.name, p.project.full_title, p.project.status) for p in res.projects] == [
        ("HELTAL DATA", "Spatial data for the twin region", "ongoing"), ("BAT", None, "completed")]
    assert [(m.raw, m.role) for m in res.projects[0].partners.mentions] == [
        ("City of Helsinki", "lead"), ("City of Tallinn", "partner"), ("Harju County", "partner")]
