"""Cross-record validation: each check on a small hand-made table set, the report's shape, and
"nothing lost": every table row of an annex becomes a record or is reported."""

from __future__ import annotations

import json

import pytest

from baltmet_extract.documents import process_document
from baltmet_extract.extractors.annex import ProjectDraft
from baltmet_extract.extractors.partners import PartnerCell, PartnerMention
from baltmet_extract.models import (
    ErrorRecord,
    Event,
    Milestone,
    NewsItem,
    NormalisationRow,
    Partner,
    Place,
    Project,
)
from baltmet_extract.results import DocumentResult
from baltmet_extract.tables import Tables
from baltmet_extract.validate import CHECKS, is_web_address, report, summary_line, validate
from utils import ANNEX_SAMPLE, GOOD_ANNEX, annex_dump, fast_gazetteer, run_cli

__all__ = ["fast_gazetteer"]

RIGA = {"name": "Riga", "kind": "city", "country": "LV", "geonames_id": 456172, "lat": 56.946, "lon": 24.10589}


def project(pid: str = "p1", **kw) -> Project:  # type: ignore[no-untyped-def]
    values = {"name": pid.upper(), "source_file": "a.txt", "source_row": 3, **kw}
    return Project(project_id=pid, **values)


def partner(pid: str = "p1", position: int = 1, **kw) -> Partner:  # type: ignore[no-untyped-def]
    values = {"raw": "Riga", **RIGA, "role": "lead", "method": "exact", "score": 100.0, "needs_review": False,
              "source_file": "a.txt", "source_row": 3, **kw}
    return Partner(project_id=pid, position=position, **values)


def riga() -> Place:
    return Place(**RIGA, mentions=1, projects=1)


def clean_tables() -> Tables:
    return Tables(projects=[project()], partners=[partner()], places=[riga()])


def codes(problems: list[dict[str, object]]) -> list[str]:
    return [str(p["code"]) for p in problems]


def test_clean_tables_have_no_problems():
    problems = validate(clean_tables(), [])
    assert problems == []
    assert report(problems) == {"valid": True, "summary": {"problems": 0, "by_severity": {
        "error": 0, "warning": 0, "info": 0}, "by_code": {}}, "problems": []}


def test_problem_records_carry_code_severity_message_and_source():
    t = clean_tables()
    t.partners.append(partner("ghost", raw="Tallinn"))
    [problem] = validate(t, [])
    assert problem == {"code": "orphan-partner", "severity": "error",
                       "message": "partner 'Tallinn' points at unknown project 'ghost'", "table": "partners",
                       "record": "ghost", "source_file": "a.txt", "source_page": None, "source_row": 3}


@pytest.mark.parametrize(("change", "code"), [
    (lambda t: t.projects.append(project("p1")), "duplicate-id"),
    (lambda t: t.partners.append(partner(position=1, raw="Riga again")), "duplicate-id"),
    (lambda t: t.events.extend([Event(event_id="e1", source_kind="news", title="x", source_file="n.txt")] * 2),
     "duplicate-id"),
    (lambda t: t.partners.append(partner("nope", 1)), "orphan-partner"),
    (lambda t: t.places.clear(), "missing-place"),
    (lambda t: t.news.append(NewsItem(news_id="n1", title="x", duplicate_of="n0", source_file="n.txt")),
     "orphan-duplicate"),
    (lambda t: setattr(t.projects[0], "status_date", "13/12/2007"), "bad-date"),
    (lambda t: setattr(t.projects[0], "status_date", "2007-02-30"), "bad-date"),
    (lambda t: t.news.append(NewsItem(news_id="n1", title="x", date_start="2007-06-15", date_end="2007-06-13",
                                      source_file="n.txt")), "date-order"),
    (lambda t: setattr(t.projects[0], "name", "  "), "empty-name"),
    (lambda t: setattr(t.projects[0], "name", "<script>alert(1)</script>"), "suspicious-value"),
    (lambda t: setattr(t.projects[0], "name", "=HYPERLINK(\"http://x.example\")"), "suspicious-value"),
    (lambda t: setattr(t.projects[0], "name", "A very long name " * 10), "suspicious-value"),
    (lambda t: setattr(t.projects[0], "url", "see the website"), "bad-url"),
    (lambda t: setattr(t.partners[0], "lat", None), "bad-coordinates"),
    (lambda t: setattr(t.places[0], "lon", 200.0), "bad-coordinates"),
    (lambda t: setattr(t.partners[0], "country", "Latvia"), "bad-country"),
    (lambda t: t.partners.clear(), "no-partners"),
    (lambda t: setattr(t.projects[0], "needs_review", True), "project-needs-review"),
    (lambda t: t.normalisation.append(NormalisationRow(raw="Sczeczin", name="Szczecin", method="fuzzy", score=88,
                                                       contexts="a.txt:2:7 josefin")), "needs-review"),
    (lambda t: t.events.append(Event(event_id="e1", source_kind="news", title=" ", source_file="n.txt")),
     "empty-name"),
])
def test_each_check_finds_its_problem(change, code):
    t = clean_tables()
    change(t)
    problems = validate(t, [])
    assert code in codes(problems), problems
    assert all(p["code"] in CHECKS and p["severity"] == CHECKS[str(p["code"])][0] for p in problems)
    assert report(problems)["valid"] is (not any(p["severity"] == "error" for p in problems))


def test_mention_to_review_points_at_where_it_was_seen():
    t = clean_tables()
    t.normalisation.append(NormalisationRow(raw="Sczeczin", name="Szczecin", method="fuzzy", score=88,
                                            contexts="annex.pdf:2:7 josefin | other.txt::3 x"))
    [problem] = validate(t, [])
    assert (problem["source_file"], problem["source_page"], problem["source_row"]) == ("annex.pdf", 2, 7)


MILESTONE = Milestone(milestone=3, period_start="2006-01", period_end="2006-06", source_file="wp.txt")


@pytest.mark.parametrize(("start", "end", "outside"), [
    ("2006-03", None, False),
    ("2006", None, False),  # a year alone is not before January of that year
    ("2006-06-30", None, False),
    ("2006-08", None, True),
    ("2005-12-31", None, True),
    ("2006-05", "2006-07", True),
])
def test_event_dates_inside_their_milestone_period(start, end, outside):
    t = clean_tables()
    t.milestones.append(MILESTONE)
    t.events.append(Event(event_id="e1", source_kind="milestone", milestone=3, title="meeting", date_start=start,
                          date_end=end, source_file="wp.txt", source_row=9))
    assert ("event-outside-period" in codes(validate(t, []))) is outside


def test_event_naming_a_milestone_its_document_lacks():
    t = clean_tables()
    t.milestones.append(MILESTONE)
    t.events.append(Event(event_id="e1", source_kind="milestone", milestone=4, title="x", source_file="wp.txt"))
    assert codes(validate(t, [])) == ["unknown-milestone"]


def _document(cell: PartnerCell, p: Project | None = None) -> DocumentResult:
    p = p or project()
    return DocumentResult(source_file=p.source_file, projects=[ProjectDraft(p, cell)])


def test_lead_named_in_the_cell_but_lost_is_reported():
    t = clean_tables()
    t.partners[0].role = "partner"
    doc = _document(PartnerCell(mentions=[PartnerMention("Riga", role="lead")]))
    problems = validate(t, [doc])
    assert codes(problems) == ["no-lead"]
    assert "'Riga'" in str(problems[0]["message"])


def test_lead_marker_in_the_cell_text_without_a_lead_partner_is_reported(rules):
    t = clean_tables()
    t.partners[0].role = "partner"
    cell = PartnerCell(mentions=[PartnerMention("Riga")])
    cell.text = "Lead: to be confirmed; Riga"  # type: ignore[attr-defined]  # the raw cell, where kept
    assert codes(validate(t, [_document(cell)], rules)) == ["no-lead"]


def test_no_lead_named_no_lead_needed():
    t = clean_tables()
    t.partners[0].role = "partner"
    assert validate(t, [_document(PartnerCell(mentions=[PartnerMention("Riga")]))]) == []


@pytest.mark.parametrize(("seen", "used", "reported", "problem"), [(5, 5, 0, False), (5, 3, 0, True),
                                                                  (5, 3, 2, False)])
def test_rows_neither_used_nor_reported(seen, used, reported, problem):
    t = clean_tables()
    t.errors = [ErrorRecord(source_file="a.txt", stage="extract", message="row dropped", source_row=10 + i)
                for i in range(reported)]
    doc = DocumentResult(source_file="a.txt", rows_seen=seen, rows_used=used)
    assert ("rows-unaccounted" in codes(validate(t, [doc]))) is problem


@pytest.mark.filterwarnings("ignore::UserWarning")  # pydantic warns while dumping the broken record
def test_validation_never_raises_on_broken_records():
    t = clean_tables()
    t.partners.append(Partner.model_construct(project_id="p1", position=2, raw="x", lat="north", lon=None,
                                              kind="city", name="X", country=None))
    problems = validate(t, [])
    assert "invalid-record" in codes(problems)
    assert "check-failed" in codes(problems) or "bad-coordinates" in codes(problems)


@pytest.mark.parametrize(("url", "ok"), [
    ("www.inno.baltmet.org", True), ("http://www.euregio-heltal.org/index.php?keel=eng", True),
    ("https://example.org", True), ("http://localhost", False), ("not a url", False), ("www.", False),
    ("ftp://x.org", False), ("javascript:alert(1)", False),
])
def test_web_addresses(url, ok):
    assert is_web_address(url) is ok


def test_summary_line_counts_by_severity_and_code():
    problems = validate(Tables(projects=[project(), project()], partners=[partner()], places=[riga()]), [])
    assert summary_line(problems) == "validation: 1 error (duplicate-id 1), 0 warnings, 0 infos"


def test_sample_validation_json_has_a_summary_per_code(sample_run):
    _, out, _ = sample_run
    doc = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    assert set(doc) == {"valid", "summary", "problems"}
    assert doc["valid"] is True
    by_code: dict[str, int] = {}
    for p in doc["problems"]:
        by_code[p["code"]] = by_code.get(p["code"], 0) + 1
        assert set(p) >= {"code", "severity", "message", "source_file", "source_page", "source_row"}
    assert doc["summary"]["by_code"] == by_code
    assert doc["summary"]["problems"] == len(doc["problems"])
    assert sum(doc["summary"]["by_severity"].values()) == len(doc["problems"])


# --- nothing lost ----------------------------------------------------------------------------------


def account_for_rows(dump: str, out_projects: list[dict[str, str]], out_partners: list[dict[str, str]],
                     errors: list[dict[str, str]], source: str) -> dict[str, list[int]]:
    """Every tab-separated line after the header of a dump, by what it became.

    A row is a project record (its line is a project's source_row), a section heading (its
    only cell starts an objective the projects carry), a continuation merged into the project
    above it (its words are in that project's description or partners), a row in errors.csv,
    a repeated header, or empty. Anything else is lost.
    """
    projects = [p for p in out_projects if p["source_file"] == source]
    by_row = {int(p["source_row"]): p for p in projects}
    error_rows = {int(e["source_row"]) for e in errors if e["source_file"] == source and e["source_row"]}
    objectives = {p["objective"].lower() for p in projects if p["objective"]}
    found: dict[str, list[int]] = {"project": [], "heading": [], "continuation": [], "error": [], "empty": [],
                                   "header": [], "lost": []}
    lines = dump.split("\n")
    header = next(i for i, line in enumerate(lines) if "\t" in line)
    last_project: dict[str, str] | None = None
    for number, line in enumerate(lines[header + 1 :], start=header + 2):
        if "\t" not in line:
            continue
        cells = [" ".join(c.split()) for c in line.split("\t")]
        if line == lines[header]:
            found["header"].append(number)
        elif number in by_row:
            found["project"].append(number)
            last_project = by_row[number]
        elif not any(cells):
            found["empty"].append(number)
        elif cells[0] and not any(cells[1:]) and any(o.startswith(cells[0].lower()) for o in objectives):
            found["heading"].append(number)
        elif number in error_rows:
            found["error"].append(number)
        elif last_project is not None and not cells[0] and _merged(cells, last_project, out_partners):
            found["continuation"].append(number)
        else:
            found["lost"].append(number)
    return found


def _merged(cells: list[str], project: dict[str, str], partners: list[dict[str, str]]) -> bool:
    raws = " ".join(p["raw"] for p in partners if p["project_id"] == project["project_id"])
    description = project["description"] or ""
    words = [w.strip(".,;()") for c in cells[1:] for w in c.split() if len(w.strip(".,;()")) >= 4]
    # descriptor words ("the cities Szczecin, ...") are dropped from partner mentions
    return sum(w in description or w in raws for w in words) >= 0.8 * len(words)


def test_every_row_of_the_annex_sample_is_accounted_for(sample_run):
    code, out, _ = sample_run
    from utils import Run

    run = Run(code, out, "", "")
    dump = ANNEX_SAMPLE.read_text(encoding="utf-8")
    found = account_for_rows(dump, run.table("projects"), run.table("partners"), run.table("errors"),
                             ANNEX_SAMPLE.name)
    assert found["lost"] == []
    tab_rows = [line for line in dump.split("\n")[3:] if "\t" in line]
    assert found["header"] == []
    assert sum(len(v) for v in found.values()) == len(tab_rows)
    assert len(found["project"]) >= 12 and len(found["heading"]) == 4 and found["continuation"]
    doc = process_document(str(ANNEX_SAMPLE), ANNEX_SAMPLE.name)
    assert doc.rows_seen == doc.rows_used == len(tab_rows)


MESSY_ANNEX = annex_dump(
    ("Prosperous region", "", "", ""),
    ("Alpha Net", "Ongoing", "First half of the text about", "Riga (lead), Tallinn"),
    ("", "", "", ""),
    ("", "", "harbours and their cities.", "Vilnius"),
    ("Beta Link", "Ongoing", "Three cells only."),
    ("Gamma Hub", "Ongoing", "Five cells.", "Oslo (lead)", "Bergen"),
    ("Accessible region", "", "", ""),
    ("Strategic objective/ Name of project", "Status of the project/financing instrument", "Description",
     "Cities and other partners involved"),
    ("Delta Route", "Submitted in May 2008", "A corridor.", "Gdańsk (lead), Kiel"),
)


@pytest.mark.usefixtures("fast_gazetteer")
def test_every_row_of_a_messy_annex_is_accounted_for(tmp_path):
    path = tmp_path / "messy.txt"
    path.write_text(MESSY_ANNEX, encoding="utf-8")
    run = run_cli([path], tmp_path / "out", "--jobs", "1")
    found = account_for_rows(MESSY_ANNEX, run.table("projects"), run.table("partners"), run.table("errors"),
                             "messy.txt")
    assert found["lost"] == []
    assert (len(found["project"]), len(found["heading"]), len(found["continuation"]), len(found["empty"])) == \
        (4, 2, 1, 1)
    doc = process_document(str(path), "messy.txt")
    assert doc.rows_seen == doc.rows_used == 7  # a repeated header and a row of empty cells hold no data


def test_rows_before_the_header_are_not_lost_silently(tmp_path):
    path = tmp_path / "early.txt"
    path.write_text("Contact\tMs Example\n" + GOOD_ANNEX, encoding="utf-8")
    doc = process_document(str(path), "early.txt")
    assert doc.rows_seen == doc.rows_used + sum(1 for e in doc.errors if e.source_row == 1)
    assert any(e.source_row == 1 for e in doc.errors)
