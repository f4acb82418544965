"""The curated rules, compiled: phrases, headings, programmes, aliases, review decisions.

Everything a user may correct without touching code is data: the rules shipped with the package,
with a user's folder over them (see `rule_files`). This module only compiles them.
`Rules.load(user_dir)` checks every file and names the one that is wrong; `load_rules` does the
same once per process while the files are unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baltmet_extract.errors import RulesError
from baltmet_extract.review_file import read_decisions
from baltmet_extract.rule_files import GAZETTEER_FILES, REVIEW_FILE, RULE_FILES, RuleSources
from baltmet_extract.textutil import alternation, fold

__all__ = ["GAZETTEER_FILES", "RULE_FILES", "Rules", "load_rules"]


def _one_word(patterns: list[str] | None, where: str) -> re.Pattern[str] | None:
    """One word matching any of `patterns` (regular expressions), whole; None for none."""
    return _compile(["^(?:" + "|".join(patterns) + ")$"], where)[0] if patterns else None


def _compile(patterns: list[str], where: str) -> list[re.Pattern[str]]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, re.IGNORECASE))
        except re.error as exc:
            raise RulesError(f"{where}: bad regular expression {p!r}: {exc}") from exc
    return out


def _phrases(values: Any, where: str) -> list[str]:
    """A list of words or phrases, folded (no case, no accents), longest first."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RulesError(f"{where}: expected a list of words")
    return sorted({fold(v) for v in values if fold(v)}, key=lambda v: (-len(v), v))


@dataclass
class Rules:
    """Compiled rules; build with `Rules.load()`."""

    #: the user's rules folder layered over the shipped rules, if any
    directory: Path | None = None
    objectives: list[str] = field(default_factory=list)
    column_synonyms: dict[str, list[str]] = field(default_factory=dict)
    column_priority: list[str] = field(default_factory=list)
    heading_label: re.Pattern[str] | None = None
    statuses: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    status_progression: list[str] = field(default_factory=list)
    #: "today" in the region's languages: an approval said so is dated by its page
    status_today: re.Pattern[str] | None = None
    programmes: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    programme_name_words: set[str] = field(default_factory=set)
    #: the areas programmes are named after, folded ("central baltic")
    programme_areas: frozenset[str] = frozenset()
    role_markers: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    role_openers: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    role_closers: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    tbc: list[re.Pattern[str]] = field(default_factory=list)
    incomplete: list[re.Pattern[str]] = field(default_factory=list)
    leading_words: list[str] = field(default_factory=list)
    unit_words: set[str] = field(default_factory=set)
    kind_descriptors: dict[str, list[str]] = field(default_factory=dict)
    groups: list[re.Pattern[str]] = field(default_factory=list)
    project_split: list[re.Pattern[str]] = field(default_factory=list)
    name_from_description: list[re.Pattern[str]] = field(default_factory=list)
    url: list[re.Pattern[str]] = field(default_factory=list)
    coordinated_modifiers: set[str] = field(default_factory=set)
    event_kinds: list[tuple[str, list[re.Pattern[str]]]] = field(default_factory=list)
    read_more: list[re.Pattern[str]] = field(default_factory=list)
    not_news: list[re.Pattern[str]] = field(default_factory=list)
    organiser_phrases: list[re.Pattern[str]] = field(default_factory=list)
    published: list[re.Pattern[str]] = field(default_factory=list)
    furniture: list[re.Pattern[str]] = field(default_factory=list)
    minutes: list[re.Pattern[str]] = field(default_factory=list)
    host_words: list[re.Pattern[str]] = field(default_factory=list)
    #: words of visiting whose object, before (`visited_words`) or after them, is where an event is
    visit_words: list[re.Pattern[str]] = field(default_factory=list)
    visited_words: list[re.Pattern[str]] = field(default_factory=list)
    date_labels: set[str] = field(default_factory=set)
    place_labels: set[str] = field(default_factory=set)
    milestone_line: re.Pattern[str] | None = None
    work_package_line: re.Pattern[str] | None = None
    place_prepositions: set[str] = field(default_factory=set)
    origin_prepositions: set[str] = field(default_factory=set)
    #: origin prepositions that also mean "of" (events.yaml `of_prepositions`)
    of_prepositions: frozenset[str] = frozenset()
    #: a photo's credit before a colon ("Foto:", "Fotograf:"): its line is a caption
    caption_credit: re.Pattern[str] | None = None
    #: words for the people of a town, whose town (in the genitive, before or after them) is where
    #: they come from: "przedstawicielki Gdyni", "Rīgas delegācija" (events.yaml `people_of`)
    people_before: re.Pattern[str] | None = None
    people_after: re.Pattern[str] | None = None
    #: words for being born before a preposition and a town ("née à Moscou"): a birthplace
    people_born: re.Pattern[str] | None = None
    #: people written after a town and a hyphen ("Borås-delegationen", "Kalmar-Delegation")
    people_joined: re.Pattern[str] | None = None
    #: words for "town" between a preposition and a place's name ("in der Hansestadt Wismar")
    town_words: frozenset[str] = frozenset()
    goal_prepositions: set[str] = field(default_factory=set)
    organisation_words: set[str] = field(default_factory=set)
    #: place names that are also words of prose or addresses ("Street"): no place in running text
    not_places_in_text: set[str] = field(default_factory=set)
    #: words written before or after a region's name ("Region X", "X oblast"), folded, longest first
    region_words_before: list[str] = field(default_factory=list)
    region_words_after: list[str] = field(default_factory=list)
    #: endings of adjectival region names English drops ("Kaliningrad[skaya] oblast")
    region_adjective_endings: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    #: dates.yaml as merged: compiled by `extractors.date_words.date_words`
    date_config: dict[str, Any] = field(default_factory=dict)
    #: languages.yaml as merged: detection candidates, how names bend, home countries
    languages: dict[str, Any] = field(default_factory=dict)
    #: pages.yaml as merged: project and partner phrases of pages in prose, compiled by
    #: `extractors.page_phrases.page_phrases`
    pages: dict[str, Any] = field(default_factory=dict)
    aliases: list[dict[str, str]] = field(default_factory=list)
    regions: list[dict[str, str]] = field(default_factory=list)
    organisations: list[dict[str, str]] = field(default_factory=list)
    review: list[dict[str, str]] = field(default_factory=list)
    #: hash of every rules file but the review decisions: what document extraction depends on
    fingerprint: str = ""
    #: hash of the files the gazetteer is built from
    gazetteer_fingerprint: str = ""

    @classmethod
    def load(cls, directory: Path | str | None = None) -> Rules:
        """Read and compile the shipped rules with the user's folder over them: `directory`, else
        `./rules` when there is one."""
        src = RuleSources.find(directory)
        r = cls(directory=src.user)
        headings = src.yaml("headings.yaml")
        r.objectives = list(headings.get("objectives", []))
        r.column_synonyms = {k: [fold(s) for s in v] for k, v in headings.get("columns", {}).items()}
        r.column_priority = list(headings.get("combined_priority", list(r.column_synonyms)))
        if headings.get("heading_label"):
            r.heading_label = _compile([headings["heading_label"]], "headings.yaml heading_label")[0]
        status = src.yaml("status.yaml")
        r.statuses = [(_compile([s["pattern"]], "status.yaml")[0], s["status"]) for s in status.get("statuses", [])]
        r.status_progression = list(status.get("progression", [s for _, s in r.statuses]))
        today = sorted((str(w) for w in status.get("today_words") or []), key=len, reverse=True)
        r.status_today = re.compile(r"(?i)(?<!\w)(?:" + "|".join(map(re.escape, today)) + r")(?!\w)") if today else None
        progs = src.yaml("programmes.yaml")
        r.programmes = [(_compile([p["pattern"]], "programmes.yaml")[0], p["name"]) for p in progs.get("programmes", [])]
        r.programme_name_words = set(progs.get("name_prefix_words", []))
        r.programme_areas = frozenset(fold(str(a)) for a in progs.get("programme_areas") or [])
        phrases = src.yaml("phrases.yaml")
        partners = phrases.get("partners", {})
        r.role_markers = {k: _compile(v, "phrases.yaml role_markers") for k, v in partners.get("role_markers", {}).items()}
        r.role_openers = {k: _compile(v, "phrases.yaml role_openers") for k, v in partners.get("role_openers", {}).items()}
        r.role_closers = {k: _compile(v, "phrases.yaml role_closers") for k, v in partners.get("role_closers", {}).items()}
        r.tbc = _compile(partners.get("tbc", []), "phrases.yaml tbc")
        r.incomplete = _compile(partners.get("incomplete", []), "phrases.yaml incomplete")
        r.leading_words = sorted(partners.get("leading_words", []), key=len, reverse=True)
        r.unit_words = {w.lower() for w in partners.get("unit_words", [])}
        r.kind_descriptors = {k: [w.lower() for w in v] for k, v in partners.get("kind_descriptors", {}).items()}
        r.groups = _compile(partners.get("groups", []), "phrases.yaml groups")
        projects = phrases.get("projects", {})
        r.project_split = _compile(projects.get("split", []), "phrases.yaml projects.split")
        r.name_from_description = [
            re.compile(p) for p in projects.get("name_from_description", [])
        ]  # case-sensitive: capitalisation marks the name
        r.url = _compile(projects.get("url", []), "phrases.yaml projects.url")
        places = phrases.get("places", {}) or {}
        r.coordinated_modifiers = set(places.get("coordinated_modifiers", []))
        r.organisation_words = {w.lower() for w in places.get("organisation_words", [])}
        r.not_places_in_text = {fold(str(w)) for w in places.get("not_places_in_text", [])}
        events = src.yaml("events.yaml")
        r.event_kinds = [(k, _compile(v, "events.yaml kinds")) for k, v in events.get("kinds", {}).items()]
        r.read_more = _compile(events.get("read_more", []), "events.yaml read_more")
        r.not_news = _compile(events.get("not_news", []), "events.yaml not_news")
        r.organiser_phrases = _compile(events.get("organiser_phrases", []), "events.yaml organiser_phrases")
        r.published = _compile(events.get("published", []), "events.yaml published")
        r.furniture = _compile(events.get("furniture", []), "events.yaml furniture")
        r.minutes = _compile(events.get("minutes", []), "events.yaml minutes")
        r.host_words = _compile(events.get("host_words", []), "events.yaml host_words")
        r.visit_words = _compile(events.get("visit_words", []), "events.yaml visit_words")
        r.visited_words = _compile(events.get("visited_words", []), "events.yaml visited_words")
        r.date_labels = {str(w).lower() for w in events.get("date_labels", [])}
        r.place_labels = {str(w).lower() for w in events.get("place_labels", [])}
        r.milestone_line = _compile([events.get("milestone", r"^milestone\s+(?P<number>\d+)")], "events.yaml milestone")[0]
        r.work_package_line = _compile([events.get("work_package", r"^work\s*package\s*(?P<number>\d+)(?P<name>)")],
                                       "events.yaml work_package")[0]
        r.place_prepositions = {w.lower() for w in events.get("place_prepositions", ["in", "at"])}
        r.place_prepositions |= {w.lower() for w in events.get("place_nouns", [])}
        r.origin_prepositions = {str(w).lower() for w in events.get("origin_prepositions", [])}
        r.of_prepositions = frozenset(str(w).lower() for w in events.get("of_prepositions", []))
        credits = events.get("caption_credits") or []
        r.caption_credit = re.compile(r"(?i)(?<!\w)(?:" + alternation(credits) + r")\s*:") if credits else None
        people = events.get("people_of") or {}
        r.people_before, r.people_after, r.people_born, r.people_joined = (
            _one_word(people.get(k), f"events.yaml people_of {k}") for k in ("before", "after", "born", "joined"))
        r.town_words = frozenset(str(w).lower() for w in [*events.get("town_words", []), *events.get("place_nouns", []),
                                                          *r.kind_descriptors.get("city", [])])
        r.goal_prepositions = {str(w).lower() for w in events.get("goal_prepositions", [])}
        forms = src.yaml("region_forms.yaml")
        r.region_words_before = _phrases(forms.get("before", []), "region_forms.yaml before")
        r.region_words_after = _phrases(forms.get("after", []), "region_forms.yaml after")
        r.region_adjective_endings = _phrases(forms.get("adjective_endings", []), "region_forms.yaml adjective_endings")
        r.settings = src.yaml("settings.yaml")
        r.date_config = src.yaml("dates.yaml")
        r.languages = src.yaml("languages.yaml")
        r.pages = src.yaml("pages.yaml")
        r.aliases = src.csv_rows("aliases.csv", ("alias", "target"))
        r.regions = src.csv_rows("regions.csv", ("name", "iso3166_2"))
        r.organisations = src.csv_rows("organisations.csv", ("name",))
        # checked row by row: a misspelt decision or an open quote stops the run with its line number
        r.review = [{**d.as_row(), "line": str(d.line)} for d in read_decisions(src.user_path(REVIEW_FILE))]
        r.fingerprint = src.fingerprint()
        r.gazetteer_fingerprint = src.fingerprint(GAZETTEER_FILES)
        return r

    def setting(self, section: str, key: str, default: Any) -> Any:
        return (self.settings.get(section) or {}).get(key, default)


_LOADED: dict[tuple[str | None, tuple[tuple[str, int, int], ...]], Rules] = {}


def load_rules(directory: Path | str | None = None) -> Rules:
    """`Rules.load(directory)`, kept for the process while the user's files are unchanged
    (worker processes call this for every document)."""
    src = RuleSources.find(directory)
    key = (str(src.user) if src.user else None, src.stamp())
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = Rules.load(directory)
    return _LOADED[key]
