"""What a document holds, decided from its content (never its name): annex tables, a news list,
work-package milestones, or a page in prose (an article, a project's page, minutes). A document
may hold several."""

from __future__ import annotations

from baltmet_extract.extractors.annex import is_annex
from baltmet_extract.extractors.article import is_minutes, is_prose, is_slides
from baltmet_extract.extractors.milestones import has_milestones
from baltmet_extract.extractors.news import news_lines
from baltmet_extract.models import Document
from baltmet_extract.rules import Rules

KINDS = ["annex", "news", "workpackage", "article"]


def classify(doc: Document, rules: Rules) -> list[str]:
    """The kinds of content found in the document, in `KINDS` order."""
    kinds = []
    if is_annex(doc, rules):
        kinds.append("annex")
    # in an annex, stray dated lines (page headers, notes) are no news list; in minutes, numbered
    # points with dates in them are none either
    if news_lines(doc, rules, loose=False) or (
            "annex" not in kinds and news_lines(doc, rules, loose=True) and not is_minutes(doc, rules)
            and not is_slides(doc, rules)):
        kinds.append("news")
    if has_milestones(doc, rules):
        kinds.append("workpackage")
    if not kinds and is_prose(doc, rules):
        kinds.append("article")
    return kinds
