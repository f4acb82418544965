"""Dates of a page's event told more precisely than where it is first told: the same day with its
year or its end further down, the last day after a word for "until", a day written alone in the
month before it, a weekday from the page's own date, month names mended."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from functools import lru_cache

from rapidfuzz.distance import OSA

from baltmet_extract.extractors.date_words import DateWords
from baltmet_extract.extractors.dates import DateMention, find_dates
from baltmet_extract.extractors.milestones import event_kind
from baltmet_extract.models import Line
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import alternation


def same_date(date: DateMention, later: list[tuple[str, Line, bool]], words: DateWords) -> list[tuple[str, str]]:
    """Where the text tells of the same day again ("03.11.2016 ... kohtumine Eestis" in the title,
    "03.11.2016 toimub Tallinas kohtumine" below): more places to look for the event's place."""
    out = []
    for text, _, _ in later:
        for d in find_dates(text, words):
            if (d.month, d.day) == (date.month, date.day) and d.day is not None \
                    and (not d.year or not date.year or d.year == date.year):
                out.append((text[: d.start], text[d.start:]))
                break
    return out


def refined(date: DateMention, later: list[tuple[str, Line, bool]], words: DateWords,
             rules: Rules) -> DateMention | None:
    """The same date told more precisely further down: the same day with its year or its end,
    or a day in the same month (and year) where the first told only the month."""
    for text, _, _ in later:
        for d in find_dates(text, words):
            if d.month != date.month or d.day is None or (date.year and d.year and d.year != date.year):
                continue
            if date.day is None and event_kind(text, rules) is not None:
                return replace(d, year=d.year or date.year)
            if d.day == date.day and ((d.year and not date.year) or (d.end_day and not date.end_day)):
                return replace(d, year=d.year or date.year)
    return None


def until(date: DateMention, later: list[tuple[str, Line, bool]], words: DateWords) -> DateMention:
    """`date` with its last day when the next sentence or two tells it after a word for "until",
    a few days after the first ("Onsdagen 22 oktober ... Delegationen stannar till den 25 oktober")."""
    if not (date.day and date.month) or date.end_day:
        return date
    before, after = _until_patterns(words.until_words, words.until_after_words)
    for text, _, _ in later[:UNTIL_SENTENCES]:
        for d in find_dates(text, words):
            said = before.search(text[:d.start]) or after.match(text[d.end:])
            if said and d.day and d.month and d.end_day is None and (d.year or date.year) == (date.year or d.year):
                days = (d.month - date.month) * 31 + d.day - date.day
                if 0 < days <= UNTIL_MAX_DAYS:
                    return replace(date, end_month=d.month, end_day=d.day, year=date.year or d.year)
    return date


#: a last day told after the first is in the next sentences, at most this many days after it
UNTIL_SENTENCES = 2
UNTIL_MAX_DAYS = 14


@lru_cache(maxsize=4)
def _until_patterns(before: tuple[str, ...], after: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A word for "until" ending a text before a day (perhaps with an article: "till den"), and
    one starting a text after it (`until_words`, `until_after_words` in dates.yaml)."""
    return (re.compile(rf"(?i)(?<!\w)(?:{alternation(before)})\s+(?:(?:den|the|dem)\s+)?$"),
            re.compile(rf"(?i)\s*(?:{alternation(after)})(?!\w)"))


def day_in_context(d: DateMention, before: list[DateMention], posted: DateMention | None) -> DateMention | None:
    """A day written alone ("on 8th and 9th") in the month of the last date before it, else in the
    month of the page's date (the one before it when the day is later than the page's)."""
    if before:
        last = before[-1]
        return replace(d, month=last.month, year=last.year, kind="day_in_context")
    if posted is not None and posted.month and posted.year:
        month, year = posted.month, posted.year
        if posted.day is not None and d.day is not None and d.day > posted.day:
            month, year = (month - 1, year) if month > 1 else (12, year - 1)
        return replace(d, month=month, year=None, kind="day_in_context")
    return None


def weekday_date(text: str, weekday: tuple[int, int, int], posted: DateMention,
                 words: DateWords | None = None) -> DateMention:
    """The day named by a weekday alone: the day of that name nearest the page's date (three
    days before it to three after), or the last one before it when a word beside the weekday
    says so ("Lundi dernier", "last Monday")."""
    start, end, n = weekday
    page = datetime.date(posted.year or 1, posted.month or 1, posted.day or 1)
    beside = [w.strip(",.;:").casefold() for w in text[:start].split()[-2:] + text[end:].split()[:1]]
    if words is not None and any(w in words.past_words for w in beside):
        day = page - datetime.timedelta(days=(page.weekday() - n - 1) % 7 + 1)
    else:
        day = page + datetime.timedelta(days=(n - page.weekday() + 3) % 7 - 3)
    return DateMention(start, end, text[start:end], day.year, day.month, day.day, kind="weekday_in_context")


def mended_months(value: str, words: DateWords) -> str:
    """A labelled date with a misspelt month mended ("Date: Septemver 23d, 2016"): a word of five
    letters or more one edit from a month's name is taken for it. Only a value under a date
    label is read so: in running text such a word may be anything."""
    if not value or any(d.month for d in find_dates(value, words)):
        return value
    out = []
    for word in value.split(" "):
        bare = word.strip(",.;:").lower()
        if len(bare) >= 5 and words.month(bare) is None:
            near = [m for m in words.months if len(m) >= 5 and OSA.distance(bare, m) <= 1]
            if len({words.months[m] for m in near}) == 1:
                word = word.lower().replace(bare, near[0])
        out.append(word)
    return " ".join(out)


__all__ = ["day_in_context", "mended_months", "refined", "same_date", "until", "weekday_date"]
