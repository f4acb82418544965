"""The words of dates in the languages of the region: month names in all their cases, weekdays,
the words that join the two days of a range, year and day markers.

Month and weekday names come from dateparser's locale data (installed with it, nothing is
downloaded); `dates.yaml` in the rules adds the case forms it lacks and the connecting words.
A form that means two different months in two languages is dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from baltmet_extract.textutil import fold

MONTH_KEYS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
WEEKDAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
#: used when the rules give no dates.yaml at all
DEFAULT_LANGUAGES = ("en",)
ABBREVIATION_MAX = 5
MONTH_ALONE_MIN = 5


def _key(form: str) -> str:
    """A form as looked up: lower case, accents kept (they tell Polish and Latvian cases apart)."""
    return form.strip().rstrip(".").casefold()


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per vocabulary
class DateWords:
    """Compiled date vocabulary; build with `date_words(config)`."""

    #: form -> month number (1-12), full forms and abbreviations
    months: dict[str, int]
    #: abbreviated forms: taken only with a day or a year beside them
    abbreviations: frozenset[str]
    #: forms that are a date on their own ("maaliskuussa": in March)
    month_alone_forms: frozenset[str]
    #: forms that are also words of running text: a month only right after a day ("5. mail")
    after_day_forms: frozenset[str]
    weekdays: frozenset[str]
    #: weekday form -> 0 (Monday) .. 6 (Sunday), forms of at least four letters
    weekday_numbers: dict[str, int]
    range_words: tuple[str, ...]
    year_markers: tuple[str, ...]
    day_markers: tuple[str, ...]
    month_alone_words: tuple[str, ...]
    #: regular expressions of season words ("spring", "wiosną", "im Herbst")
    seasons: tuple[str, ...] = ()
    #: words beside a weekday that put it before the page's date ("last Monday", "Lundi dernier")
    past_words: frozenset[str] = frozenset()
    #: words for "until" before a day and after it ("till den 25 oktober", "25. lokakuuta asti")
    until_words: tuple[str, ...] = ()
    until_after_words: tuple[str, ...] = ()
    #: words for "since" or "from" before a date ("nuo 2018 m.", "seit dem 1. März")
    since_words: tuple[str, ...] = ()

    def month(self, form: str) -> int | None:
        return self.months.get(_key(form)) or self.months.get(fold(form))

    # --- regular-expression pieces -----------------------------------------------------------

    def month_pattern(self, abbreviations: bool = True, after_day: bool = False) -> str:
        """Month names; an abbreviation only with its dot or a year after it ("févr.", "Jan 2019",
        "Oct 13, 2019", "Jan-Jun 2009"); `after_day`: also the forms that are a month only after a day."""
        full = [re.escape(f) for f in self.months
                if (f not in self.abbreviations or (after_day and f in self.after_day_forms))
                and (after_day or f not in self.after_day_forms)]
        out = "|".join(sorted(full, key=len, reverse=True))
        if abbreviations:
            abbr = "|".join(sorted((re.escape(f) for f in self.abbreviations), key=len, reverse=True))
            out += rf"|(?:{abbr})(?:\.|(?=\s+(?:[0-3]?\d\b,?\s+)?(?:19|20)\d\d\b)|(?=\s*[-–—]\s*[^\W\d_]))"
        return r"(?:" + out + r")"

    def month_alone_pattern(self) -> str:
        return r"(?:" + "|".join(sorted(map(re.escape, self.month_alone_forms), key=len, reverse=True)) + r")"

    def weekday(self, form: str) -> int | None:
        """0 (Monday) .. 6 (Sunday) for a weekday form, None for another word."""
        return self.weekday_numbers.get(_key(form))

    def weekday_pattern(self) -> str:
        return r"(?:" + "|".join(sorted(map(re.escape, self.weekdays), key=len, reverse=True)) + r")"

    def range_pattern(self) -> str:
        words = "|".join(sorted((re.escape(w) for w in self.range_words), key=len, reverse=True))
        # one or two ("og til", "and on"): "fra onsdag den 23. oktober og til fredag den 25. oktober"
        return rf"\s*(?:(?:[-–—]+|(?<!\w)(?:{words})(?!\w))\s*){{1,2}}"

    def words_pattern(self, words: tuple[str, ...]) -> str:
        return r"(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + r")"


def date_words(config: dict[str, Any] | None) -> DateWords:
    """The vocabulary of `dates.yaml` (as loaded by the rules), compiled once per content."""
    return _compiled(json.dumps(config or {}, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=4)
def _compiled(config_json: str) -> DateWords:
    config: dict[str, Any] = json.loads(config_json)
    languages = list(config.get("languages") or DEFAULT_LANGUAGES)
    if "en" not in languages:
        languages.insert(0, "en")
    by_lang: dict[str, dict[int, set[str]]] = {}
    weekdays: set[str] = set()
    numbers: dict[str, set[int]] = {}
    for lang in languages:
        info = _locale_info(lang)
        months = by_lang.setdefault(lang, {})
        for n, key in enumerate(MONTH_KEYS, start=1):
            months.setdefault(n, set()).update(_key(f) for f in info.get(key, []) if isinstance(f, str))
        for n, key in enumerate(WEEKDAY_KEYS):
            forms = {_key(f) for f in info.get(key, []) if isinstance(f, str) and len(_key(f)) >= 4}
            weekdays.update(forms)
            for f in forms:
                numbers.setdefault(f, set()).add(n)
    for extra in (config.get("weekdays") or {}).values():
        for n, forms in (extra or {}).items():
            for f in forms or []:
                weekdays.add(_key(f))
                numbers.setdefault(_key(f), set()).add(int(n) - 1)
    # (the language's own names, before the case forms the rules add: "juuli" is Estonian July, no
    # abbreviation of the rules' "juulil")
    named = {lang: {n: set(forms) for n, forms in months.items()} for lang, months in by_lang.items()}
    for lang, extra in (config.get("months") or {}).items():
        months = by_lang.setdefault(str(lang), {})
        for n, forms in (extra or {}).items():
            months.setdefault(int(n), set()).update(_key(f) for f in forms or [])
    owner: dict[str, set[int]] = {}
    abbreviations: set[str] = set()
    #: forms that are a month's whole name in some language ("maj" in Danish and Swedish, "Mai" in
    #: German): never only an abbreviation, whatever longer form another language has ("maja")
    whole: set[str] = set()
    alone: set[str] = set()
    endings = {str(k): tuple(v or []) for k, v in (config.get("month_alone_endings") or {}).items()}
    for lang, months in by_lang.items():
        for n, forms in months.items():
            for f in forms:
                if len(f) < 3 or not re.fullmatch(r"[^\W\d_]+", f):
                    continue
                owner.setdefault(f, set()).add(n)
                if len(f) <= ABBREVIATION_MAX and any(g != f and g.startswith(f)
                                                       for g in named.get(lang, {}).get(n, forms)):
                    abbreviations.add(f)
                else:
                    whole.add(f)
                if len(f) >= MONTH_ALONE_MIN and f.endswith(endings.get(lang, ())) and f not in abbreviations:
                    alone.add(f)
    months_map = {f: next(iter(ns)) for f, ns in owner.items() if len(ns) == 1}
    return DateWords(
        months=months_map,
        abbreviations=frozenset(a for a in abbreviations if a in months_map),
        month_alone_forms=frozenset(a for a in alone if a in months_map),
        # (a whole name in one language and the start of a longer form in another, "Mai", "maj", is a
        # month right after a day: "am 20. Mai", "19. – 20. maj"; alone it stays an abbreviation, as
        # Danish "jul" is Christmas)
        after_day_forms=frozenset(_key(f) for f in config.get("after_day_forms") or ()) | (
            abbreviations & whole & set(months_map)),
        weekdays=frozenset(weekdays - set(months_map)),
        weekday_numbers={f: next(iter(ns)) for f, ns in sorted(numbers.items()) if len(ns) == 1 and f not in months_map},
        range_words=tuple(config.get("range_words") or ("to", "until", "and")),
        year_markers=tuple(config.get("year_markers") or ()),
        day_markers=tuple(config.get("day_markers") or ()),
        month_alone_words=tuple(config.get("month_alone_words") or ("in",)),
        seasons=tuple(config.get("seasons") or ()),
        past_words=frozenset(_key(w) for w in config.get("past_words") or ()),
        until_words=tuple(str(w) for w in config.get("until_words") or ()),
        until_after_words=tuple(str(w) for w in config.get("until_after_words") or ()),
        since_words=tuple(str(w) for w in config.get("since_words") or ()),
    )


def _locale_info(lang: str) -> dict[str, Any]:
    """dateparser's words for one language ({} for a language it does not know)."""
    from dateparser.languages.loader import default_loader

    try:
        return dict(default_loader.get_locale(lang).info)
    except (ValueError, KeyError):
        return {}
