"""Dates in running text, with the precision the text gives (`2007`, `2007-06`, `2007-06-13`).

A small grammar finds where a date is written (day ranges, day and month, month and
year, season and year, a year alone); dateparser turns each found span into a date,
so spelling variants of months and ordinals are its business. A date written without
its year ("On November 13th") is returned with `year=None` for the caller to complete
from context and flag as inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from baltmet_extract.extractors.date_words import DateWords, date_words

_YEAR = r"(?:19|20)\d{2}"
#: a two-digit year up to this is 20YY, above it 19YY
TWO_DIGIT_YEAR_PIVOT = 40
#: a day number as text writes it: 5, 05, 5th, 5., 1er
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th|er|d(?=\W)|\.)?"
#: between the two whole dates of a range: a dash or a word for "to" ("and" joins two dates)
_TO = r"(?:\s*[-–—]\s*|\s+(?:bis|to|until|till|do|til|au|līdz|iki|kuni)\s+)"
_SEASON = r"(?:spring|summer|autumn|fall|winter|beginning of|end of|end|early|mid|late)"


@lru_cache(maxsize=4)
def date_patterns(words: DateWords) -> list[tuple[str, re.Pattern[str]]]:
    """The grammar, in order of precedence (longer, more precise forms first)."""
    M = words.month_pattern()  # where no day precedes it
    MD = words.month_pattern(after_day=True)  # right after a day
    R = words.range_pattern()
    DM = rf"(?:\s*{words.words_pattern(words.day_markers)})?" if words.day_markers else ""
    YM = words.words_pattern(words.year_markers) if words.year_markers else r"(?!x)x"
    alone_words = words.words_pattern(words.month_alone_words)
    full = words.month_pattern(abbreviations=False)
    # a day followed by a month and a year: the year may carry a marker ("2017 r.", "2019 m.")
    Y = rf"(?P<y>{_YEAR})"
    S = r"(?:" + "|".join([_SEASON, *words.seasons]) + r")"
    # a weekday between the two days of a range ("17th October and Wednesday, 18th October")
    WD = rf"(?:{words.weekday_pattern()},?\s+)?(?:(?:den|the|le|der|am)\s+)?"
    return [
        # 2007-06-13
        ("numeric_iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<mn>[01]\d)-(?P<dn>[0-3]\d)\b")),
        # 27.02.2023 bis 03.03.2023, 30.12.2022 – 2.1.2023 (two whole dates)
        ("numeric_dmy_range", re.compile(
            rf"\b(?P<d1>[0-3]?\d)[./]\s?(?P<m1>[01]?\d)[./]\s?(?P<y1>{_YEAR}){_TO}"
            rf"(?P<dn>[0-3]?\d)[./]\s?(?P<mn>[01]?\d)[./]\s?(?P<y>{_YEAR})\b")),
        # 10.-11.12.2009, 12.–13.6.2018 (days of one month, dotted; never the month of a date
        # before it: "16.03.-19.03.2023" is no "03.-19.03.2023")
        ("numeric_day_range", re.compile(
            rf"(?<![\d.])(?P<d1>[0-3]?\d)\.?\s*(?:-|–|—)\s*(?P<dn>[0-3]?\d)[./]\s?(?P<mn>[01]?\d)[./]\s?(?P<y>{_YEAR})\b")),
        # 10.–12.8. (days of one month, dotted, the year from context: Finnish, Estonian, German)
        ("numeric_day_range", re.compile(
            r"(?<![\d.])(?P<d1>[0-3]?\d)\.\s*(?:-|–|—)\s*(?P<dn>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?![\d.])")),
        # 30.9.-2.10.2022, 28.09.–02.10.2022, "vom 26.05. 28.05.2014" (days of two months, dotted)
        ("numeric_dm_range", re.compile(
            rf"\b(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)(?:\.?\s*(?:-|–|—)\s*|\.\s+)(?P<dn>[0-3]?\d)\.(?P<mn>[01]?\d)\.\s?(?P<y>{_YEAR})\b")),
        # 31/8 - 2/9 2018 (days of two months with slashes, the year after both: Danish, Swedish)
        ("numeric_dm_range", re.compile(
            rf"(?<![\d/.])(?P<d1>[0-3]?\d)/(?P<m1>[01]?\d)\s*(?:-|–|—)\s*(?P<dn>[0-3]?\d)/(?P<mn>[01]?\d)\s+(?P<y>{_YEAR})\b")),
        # 01/2009 - 06/2009, 11.2009 (month and year)
        ("numeric_month_range", re.compile(rf"\b(?P<m1>[01]?\d)[./](?P<y1>{_YEAR})\s*(?:-|–|—|to)\s*(?P<mn>[01]?\d)[./](?P<y>{_YEAR})\b")),
        # 13.06.2007, 13/06/2007, 13. 6. 2007 (day first, as in European documents)
        ("numeric_dmy", re.compile(rf"\b(?P<dn>[0-3]?\d)[./]\s?(?P<mn>[01]?\d)[./]\s?(?P<y>{_YEAR})\b")),
        # 11/2009, 02.2018; never "1/2010" (an issue's or a meeting's number in its year)
        # 2023-06 (ISO year and month)
        ("numeric_ym_iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<mn>0[1-9]|1[0-2])\b(?![-/.]\d)")),
        # 08.03.05 (a two-digit year, with dots only)
        # (an apostrophe may stand for the century: "25.06.'16")
        ("numeric_dmy_short", re.compile(r"(?<![\d.])(?P<dn>[0-3]?\d)\.(?P<mn>[01]?\d)\.['’]?(?P<y2>\d{2})(?![\d.])")),
        ("numeric_month", re.compile(rf"(?<![\d./])(?P<mn>0[1-9]|1[0-2])[./](?P<y>{_YEAR})\b")),
        # first half of 2010, 2nd half 2010
        ("half_year", re.compile(rf"\b(?P<h>first|1st|second|2nd)\s+half\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I)),
        # 2018. gada 5. jūnijā (Latvian), 2019 m. birželio 12 d. (Lithuanian)
        # 2024 m. rugsėjo 24–25 d. (Lithuanian), 2018. gada 5.–6. jūnijā (Latvian)
        ("year_month_day_range", re.compile(rf"\b(?P<y>{_YEAR})\.?(?:\s*{YM})?\s+(?P<m>{M})\s+(?P<d1>{_DAY}){R}(?P<d2>{_DAY}){DM}(?!\w)", re.I)),
        ("year_day_range_month", re.compile(rf"\b(?P<y>{_YEAR})\.?\s*{YM}\s+(?P<d1>{_DAY}){R}(?P<d2>{_DAY})\s*(?P<m>{MD})(?!\w)", re.I)),
        ("year_day_month", re.compile(rf"\b(?P<y>{_YEAR})\.?\s*{YM}\s+(?P<d>{_DAY})\s*(?P<m>{MD})(?!\w)", re.I)),
        ("year_month_day", re.compile(rf"\b(?P<y>{_YEAR})\.?(?:\s*{YM})?\s+(?P<m>{M})\s+(?P<d>{_DAY}){DM}(?!\w)", re.I)),
        # 2011. aasta novembris, 2019. gada jūnijā (a year, its marker and a month alone)
        ("month_year", re.compile(rf"\b(?P<y>{_YEAR})\.?(?:\s*{YM})?\s+(?P<m>{M})(?!\w)(?!\s*{_DAY})", re.I)),
        # 2009-2012, 2009 – 2012
        ("year_range", re.compile(rf"\b(?P<y1>{_YEAR})\s*(?:-|–|—|to)\s*(?P<y>{_YEAR})\b")),
        # 31 May - 1 June 2012, 30 September – 1 October 2010
        ("day_month_range", re.compile(rf"(?<!\w)(?P<d1>{_DAY})\s*(?:of\s+)?(?P<m1>{MD}){R}{WD}(?P<d2>{_DAY})\s*(?:of\s+)?"
                                       rf"(?P<m2>{MD})(?!\w)(?:,?\s+{Y})?\b", re.I)),
        # 13-15 June 2007, 5 i 6 października 2017, 5.–6. oktoobril, vom 12. bis 14. Juni
        ("day_range", re.compile(rf"(?<!\w)(?P<d1>{_DAY}){R}{WD}(?P<d2>{_DAY})\s*(?:of\s+)?(?P<m>{MD})(?!\w)(?:,?\s+{Y})?\b", re.I)),
        # July 4 to July 6, 2023; May 30 - June 2, 2019
        ("month_day_range", re.compile(rf"(?<!\w)(?P<m1>{M})\s+(?P<d1>{_DAY})\s*(?:-|–|—|to|until|till)\s*{WD}(?P<m2>{M})\s+(?P<d2>{_DAY}){DM}(?!\w)"
                                       rf"(?:,?\s+{Y})?", re.I)),
        # June 13-15, 2007; birželio 12–13 d.
        ("day_range_us", re.compile(rf"(?<!\w)(?P<m>{M})\s+(?P<d1>{_DAY}){R}(?P<d2>{_DAY}){DM}(?!\w)(?:,?\s+{Y})?", re.I)),
        # January - June 2006, Start - June 2005
        ("month_range", re.compile(rf"(?<!\w)(?P<m1>{M}|start)(?:\s+(?P<y1>{_YEAR}))?\s*(?:-|–|—|/|to|until)\s*(?P<m2>{M}|end)\s+(?P<y>{_YEAR})\b", re.I)),
        # 9th October 2007, 9 October, 13. kesäkuuta 2019, 14 févr. 2012
        ("day_month", re.compile(rf"(?<!\w)(?P<d>{_DAY})\s*(?:of\s+)?(?P<m>{MD})(?!\w)(?:,?\s+{Y})?\b", re.I)),
        # November 13th, 2007; birželio 12 d.
        ("month_day", re.compile(rf"(?<!\w)(?P<m>{M})\s+(?P<d>{_DAY}){DM}(?!\w)(?:,?\s+{Y})?", re.I)),
        # December 2007, in May 2008, października 2017
        ("month_year", re.compile(rf"(?<!\w)(?P<m>{M})\s+(?P<y>{_YEAR})\b", re.I)),
        # Spring 2008, end 2008
        ("season_year", re.compile(rf"(?<!\w)(?P<s>{S})\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I)),
        # in March, w marcu (a month alone: the year comes from context)
        ("month", re.compile(rf"(?<!\w){alone_words}\s+(?:the\s+)?(?:end\s+of\s+|beginning\s+of\s+)?(?P<m>{full})(?!\w)"
                             rf"(?!\s*(?:{_DAY}|{_YEAR}))", re.I)),
        ("month_case", re.compile(rf"(?<!\w)(?P<m>{words.month_alone_pattern()})(?!\w)(?!\s*(?:{_DAY}|{_YEAR}))", re.I)),
        ("year", re.compile(rf"\b(?P<y>{_YEAR})\b")),
        # on 8th and 9th (a day alone: month and year come from context); never "the 3rd meeting"
        ("day_only", re.compile(r"(?<!\w)(?:on|the)\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)(?:\s*(?:and|&|-|–|to)\s*(?:the\s+)?"
                                r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th))?(?=\s*(?:[.,;:)]|$|(?:and|in|at|for|to|with)\b))", re.I)),
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


def _day(text: str | None) -> int | None:
    digits = re.sub(r"\D", "", text) if text else ""
    return int(digits) if digits else None


def _month_day(words: DateWords, month: str, day: str | None, year: int | None) -> tuple[int | None, int | None]:
    """Month number and day; (None, None) when they make no real date (31 February)."""
    n = words.month(month)
    if n is None:
        return None, None
    d = _day(day)
    if d is not None:
        try:
            date(year or 2000, n, d)  # a leap year accepts 29 February
        except ValueError:
            return None, None
    return n, d


def find_dates(text: str, words: DateWords | None = None) -> list[DateMention]:
    """Every date mention in `text`, longest first where they overlap, in text order. `words` is
    the rules' date vocabulary (`Rules.date_words`); the shipped one when not given."""
    words = words or default_date_words()
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in date_patterns(words):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _mention(words, kind, m)
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(mention)
    found.sort(key=lambda d: d.start)
    for i in range(1, len(found)):
        prev, d = found[i - 1], found[i]
        if d.kind == "year" and prev.kind == "month_year" and _AND.fullmatch(text[prev.end:d.start]):
            # "W lipcu 2018 oraz 2019 roku", "in July 2018 and 2019": the month of both years
            found[i] = replace(d, month=prev.month, kind="month_year")
    return found


#: what joins two years of one month ("lipcu 2018 oraz 2019")
_AND = re.compile(r"\s*(?:,|&|and|oraz|i|und|ja|och|og|un|ir|et)\s*", re.I)


@lru_cache(maxsize=4)
def _weekday_regex(words: DateWords) -> re.Pattern[str]:
    forms = sorted(map(re.escape, words.weekday_numbers), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(forms or [r"(?!x)x"]) + r")(?!\w)", re.I)


def find_weekdays(text: str, words: DateWords | None = None,
                  dates: list[DateMention] | None = None) -> list[tuple[int, int, int]]:
    """Weekdays named alone in `text` ("on Thursday", "am Donnerstag", "neljapäeval"): (start,
    end, 0 Monday .. 6 Sunday); a weekday that is part of a date ("Thursday, 14 September") is not
    alone. `dates`: `find_dates(text, words)` when the caller has it already."""
    words = words or default_date_words()
    dates = find_dates(text, words) if dates is None else dates
    out = []
    for m in _weekday_regex(words).finditer(text):
        n = words.weekday(m.group(0))
        near_date = any(d.start - 12 <= m.end() and m.start() <= d.end + 3 for d in dates)
        if n is not None and not near_date:
            out.append((m.start(), m.end(), n))
    return out


@lru_cache(maxsize=1)
def default_date_words() -> DateWords:
    """The shipped date vocabulary (the rules' `dates.yaml` without a user's additions)."""
    from baltmet_extract.rule_files import RuleSources

    return date_words(RuleSources(None).yaml("dates.yaml"))


def rules_date_words(rules: object) -> DateWords:
    """The date vocabulary of a `Rules` (its merged dates.yaml)."""
    return date_words(getattr(rules, "date_config", None) or None) if getattr(rules, "date_config", None) \
        else default_date_words()


def _mention(words: DateWords, kind: str, m: re.Match[str]) -> DateMention | None:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    span = dict(start=m.start(), end=m.end(), text=m.group(0), year=year, kind=kind)
    month: int | None
    day: int | None
    m1: int | None
    m2: int | None
    d1: int | None
    d2: int | None
    if kind == "numeric_dmy_short":
        yy = int(g["y2"])
        year = (2000 + yy) if yy <= TWO_DIGIT_YEAR_PIVOT else (1900 + yy)
        span["year"] = year
        kind = "numeric_dmy"
        g = {**g, "y": str(year)}
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
    if kind == "numeric_dmy_range":
        first_year, m1, d1, m2, d2 = int(g["y1"]), int(g["m1"]), int(g["d1"]), int(g["mn"]), int(g["dn"])
        try:
            if not date(first_year, m1, d1) < date(year or first_year, m2, d2) <= date(first_year + 1, m1, d1):
                return None  # (two dates a year or more apart are two dates, not one range)
        except ValueError:
            return None
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=first_year, month=m1, day=d1,
                           end_year=year if year != first_year else None, end_month=m2, end_day=d2, kind="numeric_dm_range")
    if kind == "numeric_dm_range":
        m1, d1, m2, d2 = int(g["m1"]), int(g["d1"]), int(g["mn"]), int(g["dn"])
        try:
            begins, ends = date(year or 2000, m1, d1), date(year or 2000, m2, d2)
        except ValueError:
            return None
        # (without a dash only a few days make a range: "vom 26.05. 28.05.2014", not a list of dates)
        if begins >= ends or (not re.search(r"[-–—]", m.group(0)) and (ends - begins).days > 14):
            return None
        return DateMention(**span, month=m1, day=d1, end_month=m2, end_day=d2)  # type: ignore[arg-type]
    if kind == "numeric_month_range":
        m1, m2 = int(g["m1"]), int(g["mn"])
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            return None
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=int(g["y1"]), month=m1,
                           end_year=year, end_month=m2, kind="month_range")
    if kind in ("numeric_month", "numeric_ym_iso"):
        return DateMention(**span, month=int(g["mn"]))  # type: ignore[arg-type]
    if kind == "half_year":
        first = g["h"].lower() in ("first", "1st")
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=year, month=1 if first else 7,
                           end_year=year, end_month=6 if first else 12, kind="month_range")
    if kind == "year_range":
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=int(g["y1"]), end_year=year, kind=kind)
    if kind in ("day_month_range", "month_day_range"):
        m1, d1 = _month_day(words, g["m1"], g["d1"], year)
        m2, d2 = _month_day(words, g["m2"], g["d2"], year)
        if None in (m1, d1, m2, d2):
            return None
        return DateMention(**span, month=m1, day=d1, end_month=m2, end_day=d2)  # type: ignore[arg-type]
    if kind in ("day_range", "day_range_us", "year_month_day_range", "year_day_range_month"):
        month, d1 = _month_day(words, g["m"], g["d1"], year)
        _, d2 = _month_day(words, g["m"], g["d2"], year)
        if month is None or d1 is None or d2 is None:
            return None
        return DateMention(**span, month=month, day=d1, end_day=d2)  # type: ignore[arg-type]
    if kind == "month_range":
        m1 = None if g["m1"].lower() == "start" else _month_day(words, g["m1"], None, year)[0]
        m2 = None if g["m2"].lower() == "end" else _month_day(words, g["m2"], None, year)[0]
        y1 = int(g["y1"]) if g.get("y1") else year
        if m2 is None and g["m2"].lower() != "end":
            return None
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=y1 if m1 else None, month=m1,
                           end_year=year, end_month=m2, kind=kind)
    if kind in ("day_month", "month_day", "year_day_month", "year_month_day"):
        month, day = _month_day(words, g["m"], g["d"], year)
        if month is None or day is None:
            return None
        return DateMention(**span, month=month, day=day)  # type: ignore[arg-type]
    if kind in ("month_year", "month", "month_case"):
        month, _ = _month_day(words, g["m"], None, year)
        if month is None:
            return None
        return DateMention(**span, month=month)  # type: ignore[arg-type]
    if kind == "day_only":
        d1, d2 = int(g["d1"]), int(g["d2"]) if g.get("d2") else None
        if not 1 <= d1 <= 31 or (d2 is not None and not d1 < d2 <= 31):
            return None
        return DateMention(start=m.start(), end=m.end(), text=m.group(0), year=None, day=d1, end_day=d2, kind=kind)
    if kind == "season_year" or kind == "year":
        return DateMention(**span)  # type: ignore[arg-type]
    return None
