"""Plausibility guard: what the reader before issue #11 misread is flagged, what reads right is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from baltmet_extract.extractors.annex import extract_annex
from baltmet_extract.extractors.plausibility import PlausibilitySettings, flag_implausible
from baltmet_extract.ingest import read_document
from baltmet_extract.models import Document
from baltmet_extract.textutil import fold
from fixtures import ANNEX_DUMP

MISREADS = Path(__file__).resolve().parent / "word_tables" / "misreads"


_TRUTH: dict[str, tuple[tuple[str, ...], str]] = {}


def truth(rules) -> dict[str, tuple[tuple[str, ...], str]]:  # type: ignore[no-untyped-def]
    """Project name -> (partners as written, description) from the annex's text dump."""
    if not _TRUTH:
        result = extract_annex(read_document(ANNEX_DUMP), rules)
        _TRUTH.update({fold(d.project.name): _reading(d) for d in result.projects})
    return _TRUTH


def _reading(draft) -> tuple[tuple[str, ...], str]:  # type: ignore[no-untyped-def]
    return tuple(fold(m.raw) for m in draft.partners.mentions), fold(draft.project.description or "")


def _is_right(draft, rules) -> bool:  # type: ignore[no-untyped-def]
    """A project the dump has, with the dump's partners. (A description cut short at a page
    break, its end left as text lines, is text missing rather than a wrong record.)"""
    want = truth(rules).get(fold(draft.project.name))
    return want is not None and want[0] == _reading(draft)[0]


CUT_ROW = "name cell missing; name taken from the description"  # a row the original itself cut


@pytest.mark.parametrize("misread", sorted(MISREADS.glob("*.json")), ids=lambda p: p.stem)
def test_every_project_misread_by_the_old_reader_is_flagged(misread, rules):
    doc = Document.model_validate_json(misread.read_text(encoding="utf-8"))
    drafts = extract_annex(doc, rules).projects
    wrong = [d for d in drafts if not _is_right(d, rules)]
    silent = [d.project.name for d in wrong if not d.project.needs_review]
    assert not silent, f"misread projects not flagged: {silent}"
    for d in wrong:
        assert "implausible row" in (d.project.review_reason or "") or CUT_ROW in (d.project.review_reason or "")


def test_the_regression_set_holds_misreads(rules):
    # the set is not vacuous: the old reader got these files wrong, and not only by omission
    wrong = 0
    for misread in MISREADS.glob("*.json"):
        doc = Document.model_validate_json(misread.read_text(encoding="utf-8"))
        wrong += sum(not _is_right(d, rules) for d in extract_annex(doc, rules).projects)
    assert wrong >= 10


@pytest.mark.parametrize(
    "pdf", sorted((Path(__file__).resolve().parent / "word_tables").glob("*.pdf")), ids=lambda p: p.stem
)
def test_a_table_read_right_raises_no_flag_but_the_cut_row(pdf, rules):
    drafts = extract_annex(read_document(pdf), rules).projects
    assert all(_is_right(d, rules) for d in drafts)
    flagged = [d.project.review_reason or "" for d in drafts if d.project.needs_review]
    assert len(flagged) == 1 and CUT_ROW in flagged[0]  # the one row the original cut


def test_the_dump_itself_flags_only_the_row_it_cuts(rules):
    drafts = extract_annex(read_document(ANNEX_DUMP), rules).projects
    flagged = [d.project.review_reason or "" for d in drafts if d.project.needs_review]
    assert len(flagged) == 1 and CUT_ROW in flagged[0] and "starts mid-sentence" in flagged[0]


def test_partner_rows_of_a_flagged_project_are_flagged_and_validation_warns(sample_run):
    from helpers import read_table

    code, out, _ = sample_run
    flagged = {p["project_id"] for p in read_table(out, "projects") if p["needs_review"] == "true"}
    assert flagged  # the sample's cut row
    partners = [r for r in read_table(out, "partners") if r["project_id"] in flagged]
    assert partners and all(r["needs_review"] == "true" for r in partners)
    import json

    problems = json.loads((out / "validation.json").read_text(encoding="utf-8"))["problems"]
    warned = {p["record"] for p in problems if p["code"] == "project-needs-review"}
    assert flagged <= warned


def test_settings_are_checked():
    assert PlausibilitySettings().partner_ratio > 1
    with pytest.raises(ValueError):
        PlausibilitySettings(partner_ratio=1.0)
    with pytest.raises(ValueError):
        PlausibilitySettings(min_fragments=0)


def test_the_thresholds_are_the_settings(rules):
    drafts = extract_annex(read_document(ANNEX_DUMP), rules).projects  # flagged by default: the cut row only
    for d in drafts:
        d.project.needs_review, d.project.review_reason = False, None
    assert flag_implausible(drafts, [], rules) == 1
    for d in drafts:
        d.project.needs_review, d.project.review_reason = False, None
    # names of two words or more now count as run together; six partners as too many
    assert flag_implausible(drafts, [], rules, PlausibilitySettings(max_name_words=1, min_partner_outlier=6,
                                                                     partner_ratio=1.01)) > 5


def test_a_long_list_with_a_few_cut_names_is_no_misread_row(rules):
    """Names cut at the start ("heleznovodsk") in a list of 26 are damage, not the end of another row;
    three in a list of ten are (the sample's cut row)."""
    from baltmet_extract.extractors.annex import ProjectDraft
    from baltmet_extract.extractors.partners import PartnerCell, PartnerMention
    from baltmet_extract.models import Project

    def draft(n: int, cut: int) -> ProjectDraft:
        names = [f"heleznovodsk{i}" for i in range(cut)] + [f"Place{i}" for i in range(n - cut)]
        return ProjectDraft(Project(project_id=f"p{n}", name=f"Project {n}", source_file="a.txt"),
                            PartnerCell(mentions=[PartnerMention(raw=x) for x in names], text=", ".join(names)))

    long_list, short_list = draft(26, 3), draft(10, 3)
    flag_implausible([long_list, short_list], [], rules)
    assert not long_list.project.needs_review
    assert short_list.project.needs_review and "pieces of words" in (short_list.project.review_reason or "")
