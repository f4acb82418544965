from __future__ import annotations

from baltmet_extract.classify import classify
from baltmet_extract.ingest import read_document
from baltmet_extract.ingest.text import read_text
from conftest import ANNEX_SAMPLE, NEWS_SAMPLE


def test_annex_sample_is_an_annex(rules):
    assert classify(read_document(ANNEX_SAMPLE), rules) == ["annex"]


def test_news_page_holds_news_and_milestones(rules):
    assert classify(read_document(NEWS_SAMPLE), rules) == ["news", "workpackage"]


def test_kind_comes_from_content_not_name(rules):
    doc = read_text("annex.txt", b"Some prose about the Baltic Sea.\nMore prose without structure.\n")
    assert classify(doc, rules) == []


def test_table_with_other_header_words_is_an_annex(rules):
    text = "Initiative\tState of play\tSummary\tPartner cities\nA\tongoing\tx\tRiga\n"
    assert classify(read_text("t.txt", text.encode()), rules) == ["annex"]
