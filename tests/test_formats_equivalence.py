"""The same annex or news page as PDF, Word or HTML gives the same records as its text dump.

The PDFs are the test fixtures' own (fpdf2, drawn like Word's tables) and real exports: the
annex built as a Word table with a full grid, with rules between rows only and without borders,
A4 portrait and landscape, exported by LibreOffice (tests/word_tables/, made by its make.py),
with rows cut by page breaks and the header row repeated on every page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from fixtures import (
    ANNEX_DUMP,
    NEWS_DUMP,
    fixture_text,
    make_annex_docx,
    make_annex_html,
    make_annex_pdf,
    make_annex_pdf_unruled,
    make_news_html,
    unicode_font,
)

WORD_TABLES = Path(__file__).resolve().parent / "word_tables"

ANNEX_FIXTURES = {
    "pdf-portrait": lambda p: make_annex_pdf(p / "annex.pdf", landscape=False, repeat_header=False),
    "pdf-landscape-repeated-header": lambda p: make_annex_pdf(
        p / "annex.pdf", landscape=True, repeat_header=True
    ),
    "pdf-portrait-3-rows-per-page": lambda p: make_annex_pdf(
        p / "annex.pdf", landscape=False, repeat_header=True, rows_per_page=3
    ),
    "pdf-landscape-3-rows-per-page": lambda p: make_annex_pdf(
        p / "annex.pdf", landscape=True, repeat_header=False, rows_per_page=3
    ),
    "pdf-unruled-portrait": lambda p: make_annex_pdf_unruled(
        p / "annex.pdf", landscape=False, repeat_header=True
    ),
    "pdf-unruled-landscape-3-rows-per-page": lambda p: make_annex_pdf_unruled(
        p / "annex.pdf", landscape=True, repeat_header=False, rows_per_page=3
    ),
    **{
        f"word-pdf-{style}-{orientation}": (lambda p, f=WORD_TABLES / f"annex-{style}-{orientation}.pdf": f)
        for style in ("grid", "rules", "none")
        for orientation in ("portrait", "landscape")
    },
    "docx": lambda p: make_annex_docx(p / "annex.docx"),
    "html": lambda p: make_annex_html(p / "annex.html"),
}
def annex_cases() -> list:
    return [pytest.param(make, id=name) for name, make in ANNEX_FIXTURES.items()]


@cache
def _extract(path: str):
    from baltmet_extract.pipeline import extract

    return extract([path])


def reference(dump: Path, folder: Path, transliterate: bool) -> Path:
    """The text dump, with the PDF fixtures' transliteration when no Unicode font was found."""
    if not transliterate or unicode_font() is not None:
        return dump
    copy = folder / dump.name
    copy.write_text(fixture_text(dump.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def project_records(result) -> dict[str, list]:
    return {
        "projects": [(p.name, p.objective, p.status, p.status_date, p.funding) for p in result.projects],
        "partners": [(p.project_id, p.position, p.name, p.role) for p in result.partners],
        "descriptions": [" ".join((p.description or "").split()) for p in result.projects],
    }


@pytest.mark.parametrize("make", annex_cases())
def test_annex_fixture_gives_the_projects_and_partners_of_the_text_dump(make, tmp_path):
    path = make(tmp_path)
    drawn_here = path.suffix == ".pdf" and path.parent != WORD_TABLES  # written with the fixtures' fonts
    want = project_records(_extract(str(reference(ANNEX_DUMP, tmp_path, drawn_here))))
    assert len(want["projects"]) >= 10 and len(want["partners"]) >= 50  # the comparison is not vacuous
    got = project_records(_extract(str(path)))
    for table in ("projects", "partners", "descriptions"):
        assert got[table] == want[table], table


def news_records(result) -> dict[str, list]:
    return {
        "news": [(n.title, n.date_start, n.date_end, n.place) for n in result.news],
        "events": [(e.title, e.kind, e.date_start, e.date_end, e.place) for e in result.events],
        "milestones": [
            (m.milestone, m.period_start, m.period_end, " ".join((m.summary or "").split()))
            for m in result.milestones
        ],
    }


def test_news_page_gives_the_news_events_and_milestones_of_the_text_dump(tmp_path):
    want = news_records(_extract(str(NEWS_DUMP)))
    assert len(want["news"]) >= 3 and len(want["milestones"]) >= 3
    got = news_records(_extract(str(make_news_html(tmp_path / "news.html"))))
    for table in ("news", "events", "milestones"):
        assert got[table] == want[table], table
