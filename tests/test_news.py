"""News lists: item boundaries, dates with context years, places, organisers, duplicates."""

from __future__ import annotations

import io

from baltmet_extract.cli import main
from baltmet_extract.extractors.news import extract_news
from baltmet_extract.ingest import read_document
from baltmet_extract.ingest.text import read_text
from conftest import NEWS_SAMPLE
from helpers import read_table

# a list, newest first, that crosses New Year, in other wording than the sample
YEAR_BOUNDARY_PAGE = """News from the network

Kick-off meeting of the new working group in Gdańsk, 14 January
The partners met on January 14th in Gdansk to start the work.
Read more

Annual conference in Riga on 3-4 December 2008
The conference "Cities for Growth" was hosted by the City of Riga in cooperation with Baltic Development Forum.
Read more

Workshop on urban mobility in Tallinn, November 20th
Read more

Seminar at the Baltic Sea Days in Turku on 12 October 2008
Read more
"""


def test_sample_news_items_dates_and_places(rules):
    drafts = extract_news(read_document(NEWS_SAMPLE), rules)
    assert [d.date_start for d in drafts] == ["2007-11-13", "2007-10-09", "2007-10-09", "2007-06-13"]
    assert [d.date_inferred for d in drafts] == [True, False, False, False]
    assert drafts[3].date_end == "2007-06-15"
    assert drafts[0].title.startswith("BaltMet Inno WP 3")
    assert "latest news" not in drafts[0].title.lower()


def test_year_is_inferred_across_new_year(rules):
    drafts = extract_news(read_text("n.txt", YEAR_BOUNDARY_PAGE.encode()), rules)
    assert [(d.date_start, d.date_end, d.date_inferred) for d in drafts] == [
        ("2009-01-14", None, True),
        ("2008-12-03", "2008-12-04", False),
        ("2008-11-20", None, True),
        ("2008-10-12", None, False),
    ]


def test_oldest_first_lists_infer_years_the_other_way(rules):
    page = ("News\n\nMeeting in Oslo on 5 March 2010\nRead more\n\nConference in Kiel on 5 December 2010\nRead more\n\n"
            "Seminar in Bergen, 10 February\nRead more\n")
    drafts = extract_news(read_text("n.txt", page.encode()), rules)
    assert [d.date_start for d in drafts] == ["2010-03-05", "2010-12-05", "2011-02-10"]


def test_news_tables_places_organisers_and_duplicates(tmp_path):
    page = tmp_path / "news.txt"
    page.write_text(YEAR_BOUNDARY_PAGE, encoding="utf-8")
    assert main(["extract", str(page), "--out", str(tmp_path / "o"), "--jobs", "1"],
                stdout=io.StringIO(), stderr=io.StringIO()) == 0
    news = read_table(tmp_path / "o", "news")
    assert [n["place"] for n in news] == ["Gdańsk", "Riga", "Tallinn", "Turku"]
    assert "Baltic Development Forum" in news[1]["organisers"]
    assert all(n["duplicate_of"] == "" for n in news)
    events = read_table(tmp_path / "o", "events")
    assert [(e["kind"], e["date_start"], e["place"]) for e in events] == [
        ("meeting", "2009-01-14", "Gdańsk"), ("conference", "2008-12-03", "Riga"),
        ("workshop", "2008-11-20", "Tallinn"), ("seminar", "2008-10-12", "Turku")]


def test_sample_duplicate_points_at_the_earlier_item(sample_run):
    _, out, _ = sample_run
    news = read_table(out, "news")
    assert [n["duplicate_of"] for n in news] == ["", "", news[1]["news_id"], ""]
    assert news[0]["organisers"] == "TSB Innovationsagentur Berlin GmbH; WISTA MANAGEMENT GMBH"
    assert "Baltic Sea Group" in news[2]["organisers"]
    assert all(n["date_start"] for n in news)


def test_date_line_above_a_heading_belongs_to_the_next_item(rules):
    from baltmet_extract.models import Document, Line

    lines = [Line(cells=("News",), heading=True, row=1),
             Line(cells=("13.11.2007",), row=2), Line(cells=("Cluster conference",), heading=True, row=3),
             Line(cells=("The conference took place in Berlin.",), row=4),
             Line(cells=("09.10.2007",), row=5), Line(cells=("Open Days seminar",), heading=True, row=6),
             Line(cells=("A seminar in Brussels.",), row=7)]
    drafts = extract_news(Document(source_file="n.html", format="html", lines=lines), rules)
    assert [(d.title, d.date_start) for d in drafts] == [("Cluster conference", "2007-11-13"),
                                                         ("Open Days seminar", "2007-10-09")]


def test_news_dump_without_links_or_headings_is_split_at_blank_lines(rules):
    page = ("Network news\n\nRail conference in Riga, 4 May 2009\nThe conference gathered 200 participants.\n\n"
            "Seminar on ports in Klaipeda on 2 April 2009\nPorts met in Klaipeda.\n")
    drafts = extract_news(read_text("n.txt", page.encode()), rules)
    assert [(d.title, d.date_start) for d in drafts] == [("Rail conference in Riga, 4 May 2009", "2009-05-04"),
                                                         ("Seminar on ports in Klaipeda on 2 April 2009", "2009-04-02")]


def test_plain_prose_is_not_news(rules):
    page = "About us\n\nThe network was founded in 1999 by the capitals.\n\nIt meets twice a year.\n"
    assert extract_news(read_text("n.txt", page.encode()), rules) == []


def test_a_precise_date_in_the_text_refines_a_year_in_the_title(rules):
    page = ("News\n\nBaltMet seminar at the Open Days 2009\nThe seminar takes place on 6 October 2009 in Brussels.\n"
            "Read more\n\nConference in Riga in December 2008\nRegistration closes on 15 November 2008.\nRead more\n")
    drafts = extract_news(read_text("n.txt", page.encode()), rules)
    assert [d.date_start for d in drafts] == ["2009-10-06", "2008-12"]


def test_date_alone_after_read_more_goes_with_the_next_heading_and_menus_are_no_news(rules):
    from baltmet_extract.models import Document, Line

    lines = [Line(cells=("Home | About BaltMet | News | Contact",), row=1),
             Line(cells=("Cluster conference",), heading=True, row=2),
             Line(cells=("The conference took place in Berlin on 13.11.2007.",), row=3),
             Line(cells=("Read more...",), row=4),
             Line(cells=("09.10.2007",), row=5), Line(cells=("Open Days seminar",), heading=True, row=6),
             Line(cells=("A seminar in Brussels.",), row=7), Line(cells=("Read more...",), row=8)]
    drafts = extract_news(Document(source_file="n.html", format="html", lines=lines), rules)
    assert [(d.title, d.date_start) for d in drafts] == [("Cluster conference", "2007-11-13"),
                                                         ("Open Days seminar", "2007-10-09")]


def test_a_news_item_announcing_a_further_meeting_gives_a_second_event(tmp_path):
    page = tmp_path / "news.txt"
    page.write_text("News\n\nWorkshop in Riga on 12 March 2010\nThe partners met in Riga. The next Steering Group "
                    "meeting will take place in Tallinn in June.\nRead more\n", encoding="utf-8")
    assert main(["extract", str(page), "--out", str(tmp_path / "o"), "--jobs", "1"],
                stdout=io.StringIO(), stderr=io.StringIO()) == 0
    events = read_table(tmp_path / "o", "events")
    assert [(e["kind"], e["date_start"], e["place"], e["date_inferred"]) for e in events] == [
        ("workshop", "2010-03-12", "Riga", "false"), ("meeting", "2010-06", "Tallinn", "true")]


def test_newsletter_dump_headlines_issue_date_and_plan_periods(rules):
    page = ("BaltMet NEWSLETTER\nIssue 1/2010 - February 2010\n\n"
            "Mayors agreed on the Action Plan 2010-2012\n\n"
            "BaltMet mayors met in Stockholm on 10.-11.12.2009 at the invitation of the Mayor of\n"
            "Stockholm. The meeting adopted the Action Plan with three priorities for the years to come.\n\n"
            "Partners visited Berlin\n\n"
            "On 8th December the partners visited the support programmes of the Berlin Senate and\n"
            "met the managers of two creative-industry centres in the city of Berlin.\n")
    drafts = extract_news(read_text("n.txt", page.encode()), rules)
    assert [(d.title, d.date_start, d.date_end) for d in drafts] == [
        ("Mayors agreed on the Action Plan 2010-2012", "2009-12-10", "2009-12-11"),
        ("Partners visited Berlin", "2009-12-08", None)]


def test_colophon_is_no_news(rules):
    page = ("News\n\nRail conference in Riga, 4 May 2009\nThe conference gathered 200 participants from ten cities.\n\n"
            "Seminar on ports in Klaipeda on 2 April 2009\nPorts met in Klaipeda to discuss hinterland links.\n\n"
            "Editor: Network Secretariat, City of Helsinki, Economic Development, May 2010. Layout by the office.\n")
    drafts = extract_news(read_text("n.txt", page.encode()), rules)
    assert [d.date_start for d in drafts] == ["2009-05-04", "2009-04-02"]
