"""An event's place that its own sentence does not give is a guess, and says so: `place_inferred`
on the event and the news item, and a `place-inferred` validation warning the report lists."""

from __future__ import annotations

import json

from helpers import extract_page, read_table


def _problems(out):  # type: ignore[no-untyped-def]
    return json.loads((out / "validation.json").read_text(encoding="utf-8"))["problems"]


def test_a_place_taken_from_the_headline_is_inferred(tmp_path):
    # the sentence with the day names no town; the headline names one
    out = extract_page(tmp_path, "visit.txt",
                       "Delegation from Turku visits Tartu\n\n"
                       "The twin towns have worked together for many years.\n\n"
                       "On 14 May 2019 the delegation met the city council and the mayor.\n")
    events = read_table(out, "events")
    assert [(e["date_start"], e["place_inferred"]) for e in events] == [("2019-05-14", "true")]
    assert events[0]["place"]  # a place is given ...
    news = read_table(out, "news")
    assert [n["place_inferred"] for n in news] == ["true"]
    # ... and a person is asked to confirm it
    flagged = [p for p in _problems(out) if p["code"] == "place-inferred"]
    assert [(p["severity"], p["record"]) for p in flagged] == [("warning", events[0]["event_id"])]


def test_a_place_its_sentence_gives_is_not_inferred(tmp_path):
    out = extract_page(tmp_path, "conference.txt",
                       "Conference on city cooperation\n\n"
                       "The annual conference took place in Riga on 5 May 2019 with 120 participants.\n")
    events = read_table(out, "events")
    assert [(e["date_start"], e["place"], e["place_inferred"]) for e in events] == [("2019-05-05", "Riga", "false")]
    assert [n["place_inferred"] for n in read_table(out, "news")] == ["false"]
    assert not [p for p in _problems(out) if p["code"] == "place-inferred"]


def test_an_event_without_a_place_is_not_inferred(tmp_path):
    out = extract_page(tmp_path, "deadline.txt",
                       "Call for proposals\n\nThe deadline for applications is 30 June 2020.\n")
    for e in read_table(out, "events"):
        assert (e["place"], e["place_inferred"]) == ("", "false")


def test_a_visit_as_a_noun_names_the_town_visited(tmp_path):
    # the town the visitors come from is named nearer the day; "på besök i" names where they went
    out = extract_page(tmp_path, "besok.txt",
                       "Vänorterna genom åren\n\n"
                       "Föreningen bjöd i juni 1950 in en grupp från föreningens avdelning i Kalmar på besök i "
                       "Växjö. Måndagen den 12 juni kom gästerna med tåget och stannade i fyra dagar.\n")
    assert [(e["date_start"][:7], e["place"]) for e in read_table(out, "events")] == [("1950-06", "Växjö")]


def test_a_list_items_headline_with_town_and_date_is_no_guess(tmp_path):
    out = extract_page(tmp_path, "list.txt",
                       "latest news\n\n"
                       "Partner meeting in Gdańsk, 3-4 May 2016\n\n"
                       "The partners met to plan the pilot actions of the second year.\n\nRead more\n\n"
                       "Final conference of the project\n\n"
                       "On 12 June 2016 the final conference hosted by the port authority took place in Rostock\n\n"
                       "Read more\n")
    events = read_table(out, "events")
    assert sorted((e["date_start"], e["place"], e["place_inferred"]) for e in events) == [
        ("2016-05-03", "Gdańsk", "false"), ("2016-06-12", "Rostock", "false")]


def test_only_events_and_news_have_the_column():
    from baltmet_extract import models

    having = {name for name, cls in vars(models).items()
              if isinstance(cls, type) and issubclass(cls, models.BaseModel) and "place_inferred" in cls.model_fields}
    assert having == {"Event", "NewsItem"}
