"""Dates in running text, with the precision the text gives (`2007`, `2007-06`, `2007-06-13`).

A small grammar finds where a date is written (day ranges, day and month, month and
year, season and year, a year alone); dateparser turns each found span into a date,
so spelling variants of months and ordinals are its business. A date written without
its year ("On November 13th") is returned with `year=None` for the caller to complete
from context and flag as inferred.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS = [m for m in calendar.month_name if m]
_MONTH = r"(?:" + "|".join(sorted({m for m in MONTHS} | {m[:3] + r"\.?" for m in MONTHS}, key=len, reverse=True)) + r")"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DASH = r"\s*(?:-|–|—|to|until)\s*"
_SEASON = r"(?:spring|summer|autumn|fall|winter|beginning of|end of|end|early|mid|late)"

DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 2007-06-13
    ("numeric_iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<mn>[01]\d)-(?P<dn>[0-3]\d)\b")),
    # 10.-11.12.2009 (days of one month, dotted)
    ("numeric_day_range", re.compile(rf"\b(?P<d1>[0-3]?\d)\.?\s*(?:-|–)\s*(?P<dn>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>{_YEAR})\b")),
    # 01/2009 - 06/2009, 11.2009 (month and year)
    ("numeric_month_range", re.compile(rf"\b(?P<m1>[01]?\d)[./](?P<y1>{_YEAR}){_DASH}(?P<mn>[01]?\d)[./](?P<y>{_YEAR})\b")),
    # 13.06.2007, 13/06/2007 (day first, as in European documents)
    ("numeric_dmy", re.compile(rf"\b(?P<dn>[0-3]?\d)[./](?P<mn>[01]?\d)[./](?P<y>{_YEAR})\b")),
    ("numeric_month", re.compile(rf"(?<![\d./])(?P<mn>0?[1-9]|1[0-2])[./](?P<y>{_YEAR})\b")),
    # first half of 2010, 2nd half 2010
    ("half_year", re.compile(rf"\b(?P<h>first|1st|second|2nd)\s+half\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I)),
    # 2009-2012, 2009 – 2012
    ("year_range", re.compile(rf"\b(?P<y1>{_YEAR})\s*(?:-|–|—|to)\s*(?P<y>{_YEAR})\b")),
    # 31 May - 1 June 2012, 30 September – 1 October 2010
    ("day_month_range", re.compile(rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH}){_DASH}(?P<d2>{_DAY})\s+(?:of\s+)?"
                                   rf"(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b", re.I)),
    # 13-15 June 2007, 13 - 15 June
    ("day_range", re.compile(rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b", re.I)),
    # June 13-15, 2007
    ("day_range_us", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b", re.I)),
    # January - June 2006, Start - June 2005
    ("month_range", re.compile(rf"\b(?P<m1>{_MONTH}|start)(?:\s+(?P<y1>{_YEAR}))?{_DASH}(?P<m2>{_MONTH}|end)\s+(?P<y>{_YEAR})\b", re.I)),
    # 9th October 2007, 9 October
    ("day_month", re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b", re.I)),
    # November 13th, 2007, November 13th
    ("month_day", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR}))?", re.I)),
    # December 2007, in May 2008
    ("month_year", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)),
    # Spring 2008, end 2008
    ("season_year", re.compile(rf"\b(?P<s>{_SEASON})\s+(?P<y>{_YEAR})\b", re.I)),
    # in March, in August (month alone: the year comes from context)
    ("month", re.compile(rf"\b(?:in|by|during|until|from|before|after|of|end of|beginning of)\s+(?:the\s+)?(?:end\s+of\s+|beginning\s+of\s+)?(?P<m>{_MONTH})\b(?!\s+(?:{_DAY}|{_YEAR}))", re.I)),
    ("year", re.compile(rf"\b(?P<y>{_YEAR})\b")),
]


@dataclass(frozen=True)
class DateMention:
    """A date found in text. `year` is None when the text does not give it."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    kind: str = ""

    def iso(self, year: int | None = None) -> str | None:
        return iso_date(self.year or year, self.month, self.day)

    def iso_end(self, year: int | None = None) -> str | None:
        if self.end_month is None and self.end_day is None and self.end_year is None:
            return None
        return iso_date(self.end_year or self.year or year, self.end_month or self.month, self.end_day)


def iso_date(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 truncated to what is known."""
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]})


@lru_cache(maxsize=4096)
def parse_month_day(month: str, day: str | None, year: int) -> tuple[int, int | None] | None:
    """Month number and day from words, by dateparser; None when they are not a real date."""
    text = f"{day} {month} {year}" if day else f"{month} {year}"
    data = _parser().get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.month, (data.date_obj.day if day else None)


def _day(text: str | None) -> str | None:
    return re.sub(r"\D", "", text) if text else None


def _month_day(month: str, day: str | None, year: int | None) -> tuple[int | None, int | None]:
    parsed = parse_month_day(month.rstrip("."), _day(day), year or 2000)  # a leap year accepts 29 Feb
    return parsed if parsed else (None, None)


def find_dates(text: str) -> list[DateMention]:
    """Every date mention in `text`, longest first where they overlap, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _mention(kind, m)
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(mention)
    return sorted(found, key=lambda d: d.start)


def _mention(kind: str, m: re.Match[str]) -> DateMention | None:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    span = dict(start=m.start(), end=m.end(), text=m.group(0), year=year, kind=kind)
    month: int | None
    day: int | None
    m1: int | None
    m2: int | None
    d1: int | None
    d2: int | None
    if kind in ("numeric_iso", "numeric_dmy"):
        month, day = int(g["mn"]), int(g["dn"])
        try:
            date(year or 2000, month, day)
        except ValueError:
            return None
        return DateMention(**span, month=month, day=day)  # type: ignore[arg-type]
    if kind == "numeric_day_range":
        month, d1, d2 = int(g["mn"]), int(g["d1"]), int(g["dn"])
        if not (1 <= month <= 12 and 1 <= d1 <= d2 <= 31):
            return None
        return DateMention(**span, month=month, day=d1, end_day=d2)  # type: ignore[arg-type]
    if kind == "numeric_month_range":
        m1, m2 = int(g["m1"]), int(g["mn"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=int(g["y1"]), month=m1,
                           end_year=year, end_month=m2, kind="month_range")
    if kind == "numeric_month":
        return DateMention(**span, month=int(g["mn"]))  # type: ignore[arg-type]
    if kind == "half_year":
        first = g["h"].lower() in ("first", "1st")
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=year, month=1 if first else 7,
                           end_year=year, end_month=6 if first else 12, kind="month_range")
    if kind == "year_range":
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=int(g["y1"]), end_year=year, kind=kind)
    if kind == "day_month_range":
        m1, d1 = _month_day(g["m1"], g["d1"], year)
        m2, d2 = _month_day(g["m2"], g["d2"], year)
        if None in (m1, d1, m2, d2):
            return None
        return DateMention(**span, month=m1, day=d1, end_month=m2, end_day=d2)  # type: ignore[arg-type]
    if kind in ("day_range", "day_range_us"):
        month, d1 = _month_day(g["m"], g["d1"], year)
        _, d2 = _month_day(g["m"], g["d2"], year)
        if month is None or d1 is None or d2 is None:
            return None
        return DateMention(**span, month=month, day=d1, end_day=d2)  # type: ignore[arg-type]
    if kind == "month_range":
        m1 = None if g["m1"].lower() == "start" else _month_day(g["m1"], None, year)[0]
        m2 = None if g["m2"].lower() == "end" else _month_day(g["m2"], None, year)[0]
        y1 = int(g["y1"]) if g.get("y1") else year
        if m2 is None and g["m2"].lower() != "end":
            return None
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=y1 if m1 else None, month=m1,
                           end_year=year, end_month=m2, kind=kind)
    if kind in ("day_month", "month_day"):
        month, day = _month_day(g["m"], g["d"], year)
        if month is None or day is None:
            return None
        return DateMention(**span, month=month, day=day)  # type: ignore[arg-type]
    if kind in ("month_year", "month"):
        month, _ = _month_day(g["m"], None, year)
        if month is None:
            return None
        return DateMention(**span, month=month)  # type: ignore[arg-type]
    if kind == "season_year" or kind == "year":
        return DateMention(**span)  # type: ignore[arg-type]
    return None
