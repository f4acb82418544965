"""HTML reader: table grid, block text in document order, page chrome and scripts ignored, charsets."""

from __future__ import annotations

import pytest

from baltmet_extract.ingest.html import decode_html, read_html
from baltmet_extract.ingest.text import read_text
from fixtures import NEWS_DUMP, make_annex_html, make_news_html, read_annex_dump, whole_rows


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def lines_of(body: str) -> list[tuple[tuple[str, ...], bool, bool]]:
    return [(line.cells, line.is_row, line.heading) for line in read_html("t.html", page(body)).lines]


@pytest.fixture(scope="module")
def annex(tmp_path_factory):
    path = make_annex_html(tmp_path_factory.mktemp("html") / "annex.html")
    return read_html(path.name, path.read_bytes())


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    path = make_news_html(tmp_path_factory.mktemp("html") / "news.html")
    return read_html(path.name, path.read_bytes())


def test_annex_page_gives_the_dump_rows_and_text_in_order(annex):
    want: list[tuple[tuple[str, ...], bool]] = []
    for block in whole_rows(read_annex_dump()):
        if block.text is not None:
            want.append(((block.text,), False))
        want.extend((row.cells, True) for row in block.rows)
    assert [(line.cells, line.is_row) for line in annex.lines] == want


def test_annex_page_title_is_a_heading_and_colspan_section_fills_the_first_cell(annex):
    assert annex.lines[0].heading and annex.lines[0].text.startswith("Annex I")
    assert annex.lines[2].cells == ("Prosperous region", "", "", "")
    assert all(not line.heading for line in annex.lines[1:])


def test_rows_count_lines_in_document_order_without_pages(annex):
    assert [line.row for line in annex.lines] == list(range(1, len(annex.lines) + 1))
    assert {line.page for line in annex.lines} == {None}
    assert annex.format == "html"


@pytest.mark.parametrize(
    "chrome",
    [
        "Home",
        "Projects",
        "cookies",
        "Accept",
        "Copyright",
        "Contact",
        "Related links",
        "SCRIPT TEXT",
        "enable JavaScript",
        "Annex I</title",
    ],
)
def test_navigation_footer_cookie_banner_and_scripts_are_ignored(annex, chrome):
    assert chrome not in annex.text()


def test_news_page_reads_like_its_text_dump(news):
    dump = read_text(NEWS_DUMP.name, NEWS_DUMP.read_bytes())
    assert [line.text for line in news.lines] == [line.text for line in dump.lines]
    headings = [line.text for line in news.lines if line.heading]
    assert headings[:2] == ["latest news", 'BaltMet Inno WP 3 "Cluster Development" final event conference']
    assert "Milestone 3 (January - June 2006)" in headings
    assert sum(line.text == "Read more" and not line.heading for line in news.lines) == 4


def test_colspan_and_rowspan_keep_every_row_on_the_table_grid():
    body = """<table>
      <tr><th>Name</th><th>Status</th><th>Partners</th></tr>
      <tr><td colspan="3"><b>Prosperous</b> region</td></tr>
      <tr><td rowspan="2">BaltMet Inno</td><td>Completed</td><td>Helsinki</td></tr>
      <tr><td colspan="2">continued text</td></tr>
      <tr><td>A</td><td rowspan="3">shared</td></tr>
      <tr><td>B</td><td>x</td></tr>
      <tr><td colspan="bogus">C</td></tr>
      <tr><td></td><td></td><td></td></tr>
    </table>"""
    assert [cells for cells, is_row, _ in lines_of(body)] == [
        ("Name", "Status", "Partners"),
        ("Prosperous region", "", ""),
        ("BaltMet Inno", "Completed", "Helsinki"),
        ("", "continued text", ""),
        ("A", "shared", ""),
        ("B", "", "x"),
        ("C", "", ""),
    ]


def test_block_elements_and_line_breaks_become_lines_in_order():
    body = """<h1>Title <small>sub</small></h1><div>div text <span>inline</span><p>para</p>tail</div>
      <ul><li>one</li><li>two<br>three</li></ul><dl><dt>Term</dt><dd>Definition</dd></dl>
      <p>before<table><tr><td>a<br>b</td><td><p>c</p><p>d</p></td></tr></table>after</p><pre>x  1
y 2</pre>"""
    assert lines_of(body) == [
        (("Title sub",), False, True),
        (("div text inline",), False, False),
        (("para",), False, False),
        (("tail",), False, False),
        (("one",), False, False),
        (("two",), False, False),
        (("three",), False, False),
        (("Term",), False, False),
        (("Definition",), False, False),
        (("before",), False, False),
        (("a\nb", "c\nd"), True, False),
        (("after",), False, False),
        (("x 1",), False, False),
        (("y 2",), False, False),
    ]


@pytest.mark.parametrize(
    "chrome",
    [
        '<div class="main-menu">Menu item</div>',
        '<ul id="nav-top"><li>Nav item</li></ul>',
        '<div class="breadcrumbs">Crumb</div>',
        '<div id="cookie_notice">Cookie text</div>',
        '<div class="site-footer">Footer text</div>',
        "<div hidden>Hidden text</div>",
        "<form><label>Search</label><input></form>",
        "<!-- a comment -->",
    ],
)
def test_chrome_named_by_class_or_id_is_dropped_but_content_is_kept(chrome):
    body = f'<div class="has-sidebar">{chrome}<main class="sidebar-layout"><p>Content</p></main></div>'
    assert [cells for cells, _, _ in lines_of(body)] == [("Content",)]


def test_layout_table_is_read_as_text_not_rows():
    body = "<table><tr><td><h2>News</h2><p>Item one</p></td><td><p>Item two</p></td></tr></table>"
    assert lines_of(body) == [
        (("News",), False, True),
        (("Item one",), False, False),
        (("Item two",), False, False),
    ]


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "cp1252"),
        ('<meta charset="utf-8">', "utf-8"),
        ("", "utf-8"),
        ("", "cp1252"),
        ('<meta charset="utf-8">', "cp1252"),  # declared wrongly: falls back to guessing
        ('<meta charset="x-unknown">', "cp1252"),
    ],
)
def test_charset_is_honoured_with_a_fallback(head, encoding):
    html = f"<html><head>{head}</head><body><p>Malmö – Poznan</p></body></html>"
    assert "<p>Malmö – Poznan</p>" in decode_html("t.html", html.encode(encoding))


def test_utf16_with_bom_is_decoded():
    html = "<html><body><p>Wrocław</p></body></html>"
    assert read_html("t.html", html.encode("utf-16")).lines[0].text == "Wrocław"
