"""Annex tables into project records.

The rows of an annex table are read against its header: columns are found by the
meaning of the header cells (synonyms in `rules/headings.yaml`), section rows give the
objective, a row continued after a page break is joined to the row it continues, a
repeated header is skipped, a row naming two projects gives two, and a row whose name
cell is lost is named from its description and flagged for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baltmet_extract.extractors.partners import PartnerCell, parse_partner_cell
from baltmet_extract.extractors.phrases import (
    complete_heading,
    find_funding,
    find_url,
    looks_like_heading,
    name_from_description,
    parse_status,
    split_project_names,
)
from baltmet_extract.extractors.plausibility import flag_implausible
from baltmet_extract.models import Document, ErrorRecord, Line, Project
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import (
    clean_spacing,
    fold,
    join_fragments,
    join_list_fragments,
    slugify,
    unique_id,
)

COLUMNS = ("name", "status", "description", "partners")


@dataclass
class RawRow:
    """A table row being assembled from one or more lines (page-break continuations)."""

    cells: dict[str, str]
    objective: str | None
    line: Line
    pages: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class ProjectDraft:
    """A project and its partner cell, before the partners are resolved."""

    project: Project
    partners: PartnerCell


@dataclass
class AnnexResult:
    projects: list[ProjectDraft] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    rows_seen: int = 0
    rows_used: int = 0


def _header_meaning(cell: str, rules: Rules, used: set[str]) -> str | None:
    """The column a header cell names; a cell joining meanings with "/" takes the one that
    comes first in `combined_priority` ("Strategic objective/ Name of project" is the name)."""
    cell = re.sub(r"\([^()]*\)", " ", cell)  # "Partners (lead first)": the words in brackets only qualify
    parts = [fold(p) for p in cell.split("/") if fold(p)] if "/" in cell else [fold(cell)]
    found = []
    for part in parts:
        for column, synonyms in rules.column_synonyms.items():
            if column in used:
                continue
            if column == "number":
                if part in synonyms:  # "No.", "Nr", "#": whole cell only, "no" is inside many words
                    found.append(column)
                    break
                continue
            if any(s in part for s in synonyms):
                found.append(column)
                break
    if not found:
        return None
    return min(found, key=lambda c: rules.column_priority.index(c) if c in rules.column_priority else 99)


def map_header(cells: tuple[str, ...], rules: Rules) -> dict[int, str] | None:
    """Column index -> column meaning, when the row is a header naming at least a project name,
    partners or a description, and one more column."""
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for i, cell in enumerate(cells):
        if not fold(cell) or len(cell) > 80:
            continue
        column = _header_meaning(cell, rules, used)
        if column is not None:
            mapping[i] = column
            used.add(column)
    if "name" not in used and "full_title" in used:
        i = next(i for i, c in mapping.items() if c == "full_title")
        mapping[i] = "name"
        used = set(mapping.values())
    if "name" in used and ({"partners", "lead"} & used or "description" in used) and len(used) >= 3:
        return mapping
    return None


def is_annex(doc: Document, rules: Rules) -> bool:
    return any(line.is_row and map_header(line.cells, rules) for line in records_as_rows(doc.lines, rules))


def records_as_rows(lines: list[Line], rules: Rules) -> list[Line]:
    """Two-column `label | value` tables (a project database export: `Acronym | HELTAL DATA`,
    `Lead partner | ...`, one table or run of rows per project) turned into a header row and a
    data row, so that they read like any other table. A label seen again starts the next record."""
    out: list[Line] = []
    run: list[tuple[str, str, Line]] = []

    def flush() -> None:
        labels = [label for label, _, _ in run]
        meanings: set[str] = set()
        for label in labels:
            meaning = _header_meaning(label, rules, meanings)
            if meaning:
                meanings.add(meaning)
        if len(meanings) >= 3 and meanings & {"name", "full_title"} and meanings & {"partners", "lead", "description"}:
            first = run[0][2]
            out.append(Line(cells=tuple(labels), is_row=True, page=first.page, row=first.row))
            out.append(Line(cells=tuple(v for _, v, _ in run), is_row=True, page=first.page, row=first.row))
        else:
            out.extend(line for _, _, line in run)
        run.clear()

    for line in lines:
        filled = [c for c in line.cells if c.strip()]
        if line.is_row and len(filled) == 2 and len(filled[0]) <= 40 and line.cells[0].strip() == filled[0]:
            label = filled[0].strip().rstrip(":")
            if any(fold(label) == fold(seen) for seen, _, _ in run):
                flush()
            run.append((label, filled[1], line))
            continue
        if run:
            flush()
        out.append(line)
    if run:
        flush()
    return out


def extract_annex(doc: Document, rules: Rules) -> AnnexResult:
    """Every project in the document's annex tables."""
    result = AnnexResult()
    rows = _assemble_rows(doc, rules, result)
    used_ids: set[str] = set()
    for row in rows:
        for draft in _projects_from_row(row, doc, rules):
            draft.project.project_id = unique_id(draft.project.project_id, used_ids)
            result.projects.append(draft)
    headers = [line.cells for line in records_as_rows(doc.lines, rules) if line.is_row and map_header(line.cells, rules)]
    flag_implausible(result.projects, headers, rules)  # a misread table is flagged, never silent
    return result


def _assemble_rows(doc: Document, rules: Rules, result: AnnexResult) -> list[RawRow]:
    header: dict[int, str] | None = None
    header_cells: tuple[str, ...] = ()
    objective: str | None = None
    heading_since_row = False
    heading_before_header: str | None = None
    last_row_line: int | None = None
    furniture_since_row = False
    rows: list[RawRow] = []
    doc_text = doc.text()
    furniture = page_furniture(doc)
    for line in records_as_rows(doc.lines, rules):
        if line.is_row:
            mapping = map_header(line.cells, rules)
            if mapping is not None:
                if header is None or fold(" ".join(line.cells)) != fold(" ".join(header_cells)):
                    header, header_cells = mapping, line.cells
                if heading_before_header is not None:
                    objective, heading_since_row = heading_before_header, True
                heading_before_header = None
                continue  # a header, first or repeated after a page break
            result.rows_seen += 1
            if header is None:
                if any(c.strip() for c in line.cells):
                    result.errors.append(ErrorRecord(
                        source_file=doc.source_file, stage="extract", source_page=line.page, source_row=line.row,
                        message="table row before any header row; its columns are unknown: "
                                + " | ".join(c for c in line.cells if c)[:120]))
                else:
                    result.rows_used += 1  # an empty row holds nothing to lose
                continue
            width = len(header_cells)
            filled = [c for c in line.cells if c.strip()]
            if not filled:
                result.rows_used += 1
                continue
            first_cell = unlabelled(line.cells[0], rules)
            if len(filled) == 1 and first_cell and (width > 1) and looks_like_heading(first_cell):
                objective = complete_heading(first_cell, rules.objectives, doc_text)
                heading_since_row = True
                result.rows_used += 1
                continue
            cells, problem = _align(line.cells, width)
            # partner cells keep their line breaks: one partner per line is a list
            values = {header[i]: (c.strip() if header[i] in ("partners", "lead", "name") else clean_spacing(c))
                      for i, c in enumerate(cells) if i in header}
            first_on_page = bool(rows) and line.page is not None and rows[-1].line.page is not None \
                and line.page > max(rows[-1].pages or [rows[-1].line.page])
            # a page break between this row and the last: a new page, a running header or footer, or
            # in a text dump the blank line a PDF's page end leaves
            page_break = first_on_page or furniture_since_row or (
                line.page is None and last_row_line is not None and line.row > last_row_line + 1)
            last_row_line, furniture_since_row = line.row, False
            if rows and not heading_since_row and _continues(values, rows[-1], first_on_page, page_break):
                prev = rows[-1]
                for column, value in values.items():
                    join = join_list_fragments if column == "partners" else join_fragments
                    prev.cells[column] = join(prev.cells.get(column, ""), value)
                if line.page and line.page not in prev.pages:
                    prev.pages.append(line.page)
                result.rows_used += 1
                continue
            heading_since_row = False
            row = RawRow(values, objective, line, [line.page] if line.page else [])
            if problem:
                row.problems.append(problem)
            rows.append(row)
            result.rows_used += 1
        elif _key(line.text) in furniture:
            furniture_since_row = True
            continue  # a running header or footer repeated on the pages, or a page number
        elif header is not None and looks_like_heading(unlabelled(line.text, rules)) and not line.text.endswith((".", ":")):
            objective = complete_heading(unlabelled(line.text, rules), rules.objectives, doc_text)
            heading_since_row = True
        elif line.heading and looks_like_heading(unlabelled(line.text, rules)):
            # a marked-up heading right above a table's header (each project its own little table)
            heading_before_header = complete_heading(unlabelled(line.text, rules), rules.objectives, doc_text)
            continue
        if not line.is_row:
            heading_before_header = None if not line.heading else heading_before_header
    if header is None and any(line.is_row for line in doc.lines):
        result.errors.append(ErrorRecord(source_file=doc.source_file, stage="extract",
                                         message="table found but its columns could not be mapped to name, status, "
                                                 "description and partners; add the header words to rules/headings.yaml"))
    return rows


def unlabelled(text: str, rules: Rules) -> str:
    """A heading without its numbering label ("1. Maritime cooperation", "Theme 2 - Energy")."""
    text = clean_spacing(text)
    if rules.heading_label is not None:
        stripped = rules.heading_label.sub("", text, count=1).strip()
        if stripped:
            return stripped
    return text


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text))


_PAGE_NUMBER = re.compile(r"(?:\bpage\s*\d+\b|^\s*[-–]?\s*\d+\s*[-–]?\s*$|^\s*\d+\s*(?:/|of)\s*\d+\s*$)",
                          re.IGNORECASE)


def page_furniture(doc: Document) -> set[str]:
    """Text lines that are page furniture: repeated on two pages or more (numbers aside), or a
    page number. They are neither headings nor a break between a row and its continuation."""
    pages: dict[str, set[int]] = {}
    out: set[str] = set()
    for line in doc.lines:
        if line.is_row or not line.text.strip():
            continue
        key = _key(line.text)
        if line.page is not None:
            pages.setdefault(key, set()).add(line.page)
        if _PAGE_NUMBER.search(line.text):
            out.add(key)
    out.update(k for k, p in pages.items() if len(p) >= 2)
    return out


def _align(cells: tuple[str, ...], width: int) -> tuple[list[str], str | None]:
    """Cells padded or trimmed to the table width; a short row whose first cell is prose is
    aligned to the right (its leading cells were lost, as when a row starts mid-sentence)."""
    cells_list = list(cells)
    if len(cells_list) == width:
        return cells_list, None
    if len(cells_list) > width:
        extra = cells_list[width - 1 :]
        return cells_list[: width - 1] + [", ".join(c for c in extra if c)], f"row has {len(cells)} cells, the table {width}"
    first = cells_list[0].strip()
    missing = width - len(cells_list)
    if len(first) > 60 or first[:1].islower():
        return [""] * missing + cells_list, f"row has {len(cells)} cells, the table {width}; aligned to the right"
    return cells_list + [""] * missing, f"row has {len(cells)} cells, the table {width}"


def _continues(values: dict[str, str], prev: RawRow, first_on_page: bool = False, page_break: bool = False) -> bool:
    """A row continues the row before it (cut by a page break) when its name and status are empty,
    or when its status is empty and its description goes on with a sentence the previous row
    left unfinished (Word repeats nothing of a cut row, so its name cell may go on too). The first
    row of a page continues the last of the page before whenever that one stopped mid-sentence
    or mid-bracket in any cell ("... (supported by Interreg IV" / "B)")."""
    if not prev.cells.get("name") and not prev.cells.get("description"):
        return False
    if first_on_page and _unfinished(prev) and _goes_on(values):
        return True
    if page_break and not values.get("name") and not values.get("number") and any(values.values()):
        return True  # after a page break a row without a name is the rest of the row above
    if values.get("status"):
        return False
    if not values.get("name"):
        return any(values.get(c) for c in ("description", "partners", "lead"))
    description, before = values.get("description", ""), prev.cells.get("description", "").rstrip()
    return bool(description[:1].islower() and before and not before.endswith((".", "!", "?", ")")))


def _unfinished(row: RawRow) -> bool:
    """A row that stops mid-sentence or with a bracket left open in one of its cells."""
    for column, text in row.cells.items():
        text = text.rstrip()
        if not text:
            continue
        if text.count("(") > text.count(")"):
            return True
        if column == "description" and not text.endswith((".", "!", "?", ")", '"', "”")):
            return True
    return False


def _goes_on(values: dict[str, str]) -> bool:
    """A row whose filled cells read as the rest of something: a lower-case start, a closing
    bracket, or a fragment of a status ("B)", "Baltic Programme)")."""
    filled = [v.strip() for v in values.values() if v.strip()]
    if not filled:
        return False
    description = values.get("description", "").strip()
    status = values.get("status", "").strip()
    return bool((description and description[:1].islower()) or (status and status.count(")") > status.count("(")))


def _projects_from_row(row: RawRow, doc: Document, rules: Rules) -> list[ProjectDraft]:
    name_cell, title_below = _name_lines(row.cells.get("name", ""), doc.format in ("html", "docx"))
    status_cell = row.cells.get("status", "")
    description = clean_spacing(row.cells.get("description", ""))
    partner_cell = row.cells.get("partners", "")
    review: list[str] = list(row.problems)
    names = split_project_names(name_cell, rules) if name_cell else []
    if not names:
        guessed = name_from_description(description, rules)
        if guessed:
            names = [(guessed, None, None)]
            review.append("name cell missing; name taken from the description")
        else:
            names = [(description[:40].rsplit(" ", 1)[0] or "unnamed project", None, None)]
            review.append("name cell missing and no name found in the description")
    status, status_date = parse_status(status_cell, rules)
    period_cell = row.cells.get("period", "")
    if status_date is None and period_cell:
        status_date = _date_from_period(period_cell, status)
    funding_cell = row.cells.get("funding", "")
    funding = find_funding(funding_cell, rules) or find_funding(status_cell, rules) or find_funding(name_cell, rules) \
        or (clean_spacing(funding_cell) if re.search(r"\w", funding_cell) else None)
    url = find_url(" ".join([row.cells.get("url", ""), description, status_cell, partner_cell]), rules)
    lead_cell = row.cells.get("lead", "")
    partner_texts = _split_partner_cell(partner_cell, [n for n, _, _ in names])
    lead_texts = _split_partner_cell(lead_cell, [n for n, _, _ in names]) if lead_cell else [""] * len(names)
    objective = clean_spacing(row.cells.get("objective", "")) or row.objective
    typed_breaks = doc.format in ("html", "docx")  # in a PDF or a dump a line break may be the layout's
    drafts = []
    for (name, full_title, programme), partners_text, lead_text in zip(names, partner_texts, lead_texts):
        cell = parse_partner_cell(partners_text, rules, lines_are_items=typed_breaks)
        if lead_text:
            leads = parse_partner_cell(lead_text, rules, lines_are_items=typed_breaks)
            for m in leads.mentions:
                m.role = "lead"
            known = {fold(m.raw) for m in leads.mentions}
            # a lead named again among the partners is listed once, as lead
            cell.mentions = leads.mentions + [m for m in cell.mentions if fold(m.raw) not in known]
            cell.tbc = cell.tbc or leads.tbc
        project = Project(
            project_id=slugify(name),
            name=name,
            full_title=full_title or (clean_spacing(row.cells.get("full_title", "")) or None) or title_below,
            objective=objective,
            status=status,  # type: ignore[arg-type]
            status_text=status_cell or None,
            status_date=status_date,
            funding=programme or funding,
            description=description or None,
            url=url,
            partners_tbc=cell.tbc,
            partners_incomplete=cell.incomplete,
            source_file=doc.source_file,
            source_page=row.line.page,
            source_row=row.line.row,
            needs_review=bool(review),
            review_reason="; ".join(review) or None,
        )
        drafts.append(ProjectDraft(project, cell))
    return drafts


def _name_lines(cell: str, typed_breaks: bool) -> tuple[str, str | None]:
    """The name cell as one line, and the title an author put on a line of its own below a short
    name (`TALLINNBAY<br>Reducing nutrient loads to Tallinn Bay`) in Word or HTML."""
    lines = [ln.strip() for ln in cell.splitlines() if ln.strip()]
    if typed_breaks and len(lines) >= 2 and len(lines[0].split()) <= 4 and ":" not in lines[0]:
        return clean_spacing(lines[0]), clean_spacing(" ".join(lines[1:])) or None
    return clean_spacing(" ".join(lines)), None


def _date_from_period(cell: str, status: str) -> str | None:
    """The date a period cell gives for the status: its end for a completed project, else its start."""
    from baltmet_extract.extractors.dates import find_dates

    dates = [d for d in find_dates(cell) if d.year or d.end_year]
    if not dates:
        return None
    if status == "completed":
        last = dates[-1]
        return last.iso_end() or last.iso()
    return dates[0].iso() or dates[0].iso_end()


def _split_partner_cell(cell: str, names: list[str]) -> list[str]:
    """One partner text per project: `A: x, y. B: z` gives `x, y.` for A and `z` for B."""
    if len(names) < 2:
        return [cell] * len(names)

    positions = []
    for name in names:
        m = re.search(rf"(?<!\w){re.escape(name)}\s*:", cell, re.IGNORECASE)
        positions.append(m if m else None)
    if not all(positions):
        return [cell] * len(names)
    spans = sorted((m.start(), m.end(), i) for i, m in enumerate(positions) if m)
    out = [""] * len(names)
    for k, (_, end, i) in enumerate(spans):
        stop = spans[k + 1][0] if k + 1 < len(spans) else len(cell)
        out[i] = cell[end:stop].strip()
    return out
