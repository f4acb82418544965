"""Places and organisations in running text, found by a spaCy pipeline built from the gazetteer
(`spacy_pipeline`: no downloaded model is needed; a statistical one is used only when the user
names an installed one, `normalise.spacy_model` in rules/settings.yaml, and its GPE/LOC entities
are then resolved too), and where a text places an event among them.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from baltmet_extract.cache import drop_others, read_pickle, write_pickle
from baltmet_extract.extractors.dates import find_dates
from baltmet_extract.normalise.gazetteer import Entity, Gazetteer
from baltmet_extract.normalise.inflection import ENDING, Inflections
from baltmet_extract.normalise.placewords import (
    ARTICLES,
    SLASH_AFTER,
    SLASH_BEFORE,
    born_in,
    people_named,
    preposition_before,
    word_before,
    written_forms,
)
from baltmet_extract.normalise.resolver import Resolution, Resolver
from baltmet_extract.normalise.spacy_pipeline import build_pipeline
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: a place outside Europe found in running text counts only this big, or with its country named
FAR_AWAY_MIN_POPULATION = 300_000
_CALENDAR_WORDS = frozenset(w.lower() for w in [*calendar.month_name[1:], *calendar.month_abbr[1:],
                                                *calendar.day_name, *calendar.day_abbr])


@dataclass
class TextPlace:
    """A place found in text, with where it stands and whether a preposition announces it."""

    text: str
    start: int
    end: int
    resolution: Resolution
    after_preposition: bool
    #: a word for "from" or "of" stands before it ("a delegation from Kalmar", "the Mayor of
    #: Tallinn"): where someone comes from, seldom where the event is
    after_origin: bool = False


#: a name, perhaps a word for "town" after it, and a country in brackets: "Štralzundo mieste (Vokietija)"
_NAME_COUNTRY = re.compile(r"(?<![\w-])([^\W\d_][\w'’-]{3,})(?:\s+[^\W\d_]{2,})?\s*\(\s*([^\W\d_][^()\d]{2,30}?)\s*\)")
#: a word that says a place hosts counts this many words after the place, or before it
HOST_WORDS_AFTER = 6
HOST_WORDS_BEFORE = 5
#: words between a word of visiting and the place it visits ("besuchte die Stadt X")
VISIT_WORDS_BEFORE = 3
#: a venue's noun in a case that says "in" stands at most this many words after its town
VENUE_WORDS_AFTER = 4
#: the least similarity at which a country named beside a name vouches for a spelling of a place in it
BESIDE_COUNTRY_MIN_SCORE = 85.0
#: words for "saint" before a name, which then belongs to a longer name ("St. Anna am ...")
_SAINT_WORDS = frozenset({"st", "sankt", "saint", "san", "santa", "sv", "šv", "sw", "święty", "pyhä"})
#: what follows a dateline's place: "Rostock: ...", "RIGA, 5 May", "TALLINN – ..."
_DATELINE_MARKS = frozenset({":", ",", "–", "—"})
_DATELINE = re.compile(r"^(\W*)([^\W\d_]{3,}(?:[ -][^\W\d_]{3,})?)(?=\s*[,:–—])")


def _dateline_titled(text: str) -> str:
    """`text` with a dateline's place in capitals written as a name ("КАЛИНИНГРАД, 29 января" ->
    "Калининград, ..."), so that it is found as names are; offsets unchanged."""
    m = _DATELINE.match(text)
    if m is None or not m.group(2).isupper():
        return text
    titled = m.group(2).title()
    return text if len(titled) != len(m.group(2)) else text[: m.start(2)] + titled + text[m.end(2):]


class TextPlaceFinder:
    """Finds place and organisation mentions in sentences; the pipeline is built on first use."""

    def __init__(self, gz: Gazetteer, resolver: Resolver, rules: Rules, cache_dir: Path | None = None) -> None:
        self.gz = gz
        self.resolver = resolver
        self.rules = rules
        self.model_name = rules.setting("normalise", "spacy_model", None)
        self._nlp: Language | None = None
        self.inflections = Inflections(gz, rules.languages, cache_dir, folds=resolver.folds)
        #: the countries the text being read names (an ending rule may vouch for a place in them)
        self._named: frozenset[str] = frozenset()
        #: the countries of the places the whole page being read writes as they are named, or
        #: names (`reading`): an ending rule may vouch for a place in them in any of its sentences
        self._page: frozenset[str] = frozenset()
        self._cache: dict[tuple[str, str | None, frozenset[str], bool], tuple[list[TextPlace], list[str]]] = {}
        self._cache_file = self._cache_path(cache_dir) if cache_dir is not None else None
        self._loaded = 0
        if self._cache_file is not None:
            self._load()

    # ---- a cache of what each text gave, so a re-run needs neither spaCy nor the matching ----

    def _cache_path(self, cache_dir: Path) -> Path:
        h = hashlib.sha256()
        h.update(self.gz.rules_fingerprint.encode())
        h.update(str(len(self.gz.entities)).encode())
        h.update(self.rules.fingerprint.encode())
        h.update(repr(self.rules.review).encode())  # decisions change what a text's places resolve to
        # every module of normalise/ decides what a text gives (bent names, the resolver...)
        here = Path(__file__).resolve().parent
        for module in sorted(here.glob("*.py")):
            h.update(module.name.encode())
            h.update(module.read_bytes())
        return Path(cache_dir) / f"text-places-{h.hexdigest()[:16]}.pickle"

    def _load(self) -> None:
        assert self._cache_file is not None
        data = read_pickle(self._cache_file)
        if isinstance(data, dict):
            self._cache = data
            self._loaded = len(data)
        else:
            self._cache = {}

    @property
    def cached(self) -> int:
        return self._loaded

    def save(self) -> None:
        """Write the texts seen to the cache, when there are new ones."""
        if self._cache_file is None or len(self._cache) == self._loaded:
            return
        if write_pickle(self._cache_file, self._cache):
            drop_others(self._cache_file, "text-places-*.pickle")

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = self._build()
        return self._nlp

    def _build(self) -> Language:
        return build_pipeline(self.gz, self.model_name)

    def find(self, text: str, language: str | None = None, labelled: bool = False) -> tuple[list[TextPlace], list[str]]:
        """Places (resolved) and organisation names in `text`, written in `language` (ISO 639-1;
        its bent forms of place names are then found too). `labelled`: `text` is the value of a
        place label ("Place: Riga Technical University"), whose first word is announced as a
        preposition would announce it."""
        if not text.strip():
            return [], []
        key = (text, language, self._page, labelled)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        matcher = self.nlp.get_pipe("baltmet_gazetteer")
        matcher.inflect = (lambda word: self._bent(word, language)) if language else None  # type: ignore[attr-defined]
        doc = self.nlp(_dateline_titled(text))
        places: list[TextPlace] = []
        orgs: list[str] = []
        countries = set()
        #: countries of the places the text writes as they are named ("Schwäbisch Hall", "Berlin"):
        #: a bent word may be a place there too ("Ascherslebenissä" beside them is Aschersleben)
        written = set()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                r0 = self.resolver.resolve(ent.kb_id_ or ent.text)[0]
                e0 = r0.entity  # "Vokietijoje" names Germany
                if e0 is not None and e0.kind == "country" and e0.country:
                    countries.add(e0.country)
                elif e0 is not None and e0.country and e0.kind in ("city", "region") and r0.method == "exact" \
                        and not r0.needs_review and ent.kb_id_ in ("", ent.text) and ent.text[:1].isupper():
                    written.add(e0.country)
        self._named = frozenset(countries | written) | self._page
        dated = [(d.start, d.end) for d in find_dates(text) if d.month is not None and (d.day or d.year)]
        for ent in doc.ents:
            if ent.label_ == "ORG":
                if ent.text not in orgs:
                    orgs.append(ent.text)
                continue
            if ent.label_ not in ("GPE", "LOC") or not ent.text[:1].isupper() or ent.text.lower() in _CALENDAR_WORDS \
                    or fold(ent.text) in self.rules.not_places_in_text:
                continue  # "in March" is a date, whatever English town is called March; "Azenes Street" no town
            if any(s <= ent.start_char and ent.end_char <= e for s, e in dated):
                continue  # "19 Września 2020": a month in a date, not the town of Września
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev.rstrip(".") in _SAINT_WORDS:
                continue  # "St. Annos am Lavantegg": a saint's name inside a longer name, no place of its own
            # (the word that announces the place may stand before a word for "town" and an article:
            # "in der Hansestadt Wismar", "von unserer Heimatstadt Ribnitz-Damgarten", "w mieście Ełk")
            prev = self._announcing(doc, ent.start) or prev
            after_prep = prev in self.rules.place_prepositions or (labelled and ent.start == 0)
            if not after_prep and prev in ARTICLES and ent.start > 1 and ent.end < len(doc) \
                    and doc[ent.end].text[:1].isupper() and doc[ent.start - 2].lower_ in self.rules.place_prepositions:
                # "in the Warsaw City Hall", "at the Riga Technical University": the place names a building
                after_prep = True
            res = self._resolve(ent.text, ent.kb_id_ or None, language)
            if res is None:
                continue
            bent = res.raw != ent.text or "read as" in res.reason
            # a case ending ("Tartus", "Rīgā") says "in" as a preposition does
            after_prep = after_prep or (bent and self.inflections.says_where(language, ent.text))
            # a capitalised first word is weak evidence of a place, unless it is a dateline
            # ("Rostock: europäische Konferenz ...", "КАЛИНИНГРАД, 29 января.")
            dateline = ent.end < len(doc) and doc[ent.end].text in _DATELINE_MARKS
            if not after_prep and ent.start == 0 and len(ent) == 1 and not dateline \
                    and not self._hosts(text, ent.start_char, ent.end_char, before=False):
                continue  # (unless it hosts: "Bischwiller a eu le plaisir d'accueillir ...")
            e = res.entity
            if e is not None and not e.european and e.population < FAR_AWAY_MIN_POPULATION \
                    and e.country not in countries:
                continue  # "Central" in "Interreg Central Baltic" is no small American town
            res.method = "ner"
            born = born_in(self.rules, doc, ent.start)  # "née à Moscou": no place of the event
            places.append(TextPlace(ent.text, ent.start_char, ent.end_char, res, after_prep and not born,
                                    born or (not after_prep and (prev in self.rules.origin_prepositions
                                                                 or people_named(self.rules, doc, ent.start, ent.end)))))
        places.extend(self._beside_country(text, language, places))
        places.sort(key=lambda p: p.start)
        self._cache[key] = (places, orgs)
        return places, orgs

    def reading(self, page: str, language: str | None = None) -> None:
        """Read the sentences of `page` from now on knowing the countries it writes places of as
        they are named ("Berliini", "Schwäbisch Hall") or names: a bent word in one sentence may
        be a place there ("Ascherslebenissä"). An empty page ends it."""
        self._page = frozenset()
        if not page.strip():
            return
        places, _ = self.find(page, language)
        self._page = frozenset(
            e.country for p in places for e in (p.resolution.entity,)
            if e is not None and e.country and not p.resolution.needs_review and "read as" not in p.resolution.reason)

    def _announcing(self, doc: Doc, start: int) -> str:
        """The preposition before a word for "town" and perhaps an article before the place at
        token `start` ("in der Hansestadt", "z miasta"), lower case; "" when there is none."""
        town = self.rules.town_words
        k, seen_town = start - 1, False
        while k >= 0 and start - k <= 4:
            word = doc[k].lower_
            if word in self.rules.place_prepositions or word in self.rules.origin_prepositions:
                # ("fejringen af den estiske venskabsby Paides": "of" a town is no "from" it)
                return word if seen_town and word not in self.rules.of_prepositions else ""
            is_town = word in town or (word.endswith("stadt") and word.isalpha())
            if not (is_town or (doc[k].is_lower and word.isalpha())):
                return ""
            seen_town = seen_town or is_town
            k -= 1
        return ""

    def _beside_country(self, text: str, language: str | None, found: list[TextPlace]) -> list[TextPlace]:
        """Names no lookup found that a country in brackets right after them vouches for, read
        with the endings of the language and matched within that country, and flagged for review:
        "Štralzundo mieste (Vokietija)" is Stralsund, "Sczeczin (Poland)" Szczecin."""
        out: list[TextPlace] = []
        for m in _NAME_COUNTRY.finditer(text):
            word = m.group(1)
            if not word[:1].isupper() or any(p.start <= m.start(1) < p.end for p in found):
                continue
            country = self.resolver.resolve(m.group(2))[0].entity
            if country is None or country.kind != "country" or not country.country:
                continue
            for form in self.inflections.stems(word, language):
                r = self.resolver.resolve(form, None, frozenset({country.country}))[0]
                e = r.entity
                if e is not None and e.kind == "city" and e.country == country.country and r.score >= BESIDE_COUNTRY_MIN_SCORE:
                    res = copy(r)
                    res.raw, res.method, res.needs_review = word, "ner", True
                    res.reason = (f"{word!r} read as {e.name!r} in {country.name}, the country named beside it "
                                  f"({m.group(2)}); {r.reason}")
                    out.append(TextPlace(word, m.start(1), m.end(1), res, True))
                    break
        return out

    def _bent(self, word: str, language: str | None) -> str | None:
        """For a word no name of the running-text index: the word itself when it is a local name
        of a place where the language is at home ("Dunkerque" in French), else the first
        dictionary form of it that names a place ("Gdańsku" -> "Gdańsk")."""
        home = self.inflections.home_countries(language)
        if home and len(word) >= 4 and any(_usable(e) and e.country in home for e, _ in self.gz.lookup(word)):
            return word
        for name, _ in self.inflections.candidates(word, language):
            return name
        return None

    def _resolve(self, text: str, lemma: str | None, language: str | None) -> Resolution | None:
        """The place a mention names: as written, or as the dictionary form of a bent word; a
        form that is a far-away place as written but a place at home when bent is the latter
        (Estonian "Tartus" is Tartu, not Ţarţūs)."""
        if lemma is None or lemma == text:
            res = self.resolver.resolve(text)[0]
            if _usable(res.entity) and res.method not in ("fuzzy", "unresolved"):
                e = res.entity
                assert e is not None
                if " " in text or not language:
                    return res
                home = self.inflections.home_countries(language)
                if e.kind == "region":
                    # Estonian "Valmieras" is in Valmiera, not the Latvian county written alike
                    city = self._bent_resolution(text, language, frozenset({e.country or ""}))
                    if city is not None and city.entity is not None and city.entity.kind == "city":
                        return city
                if not home or e.country in home:
                    return res
                return self._bent_resolution(text, language, home) or res
            return self._bent_resolution(text, language, None) if language else None
        return self._bent_resolution(text, language, None)

    def _bent_resolution(self, word: str, language: str | None, home: frozenset[str] | None) -> Resolution | None:
        for name, how in self.inflections.candidates(word, language):
            res = self.resolver.resolve(name)[0]
            if not _usable(res.entity) or res.method in ("fuzzy", "unresolved"):
                continue
            if home is not None and (res.entity is None or res.entity.country not in home):
                continue
            if how == ENDING and not self.inflections.near_enough(res.entity, language, self._named):
                continue  # Polish "Morza" (of the sea) is no Hungarian town "Mór"
            res.raw = word
            res.reason = f"{word!r} read as {name!r}, its {how} form in {language}; " + res.reason
            if how == ENDING:
                res.needs_review = True
                res.score = min(res.score, 90.0)
            return res
        return None

    def best_place(self, text: str, language: str | None = None) -> TextPlace | None:
        """The place an event happens in: the first city announced by a preposition, else the first city."""
        places, _ = self.find(text, language)
        cities = [p for p in places if p.resolution.entity and p.resolution.entity.kind == "city"
                  and not self._paired(p, text)]
        announced = [p for p in cities if p.after_preposition]
        best = announced[0] if announced else min(cities, key=lambda p: p.after_origin) if cities else None
        if best is not None:
            # "HafenCity, Hamburg", "Väo, Tallinn": a district or suburb, then the city that holds it
            following = [p for p in cities if p.start > best.end and text[best.end:p.start].strip() in (",", "(")]
            e = best.resolution.entity
            if following and e is not None:
                f = following[0].resolution.entity
                if f is not None and f.country == e.country and f.population > e.population:
                    best = following[0]
                elif f is not None and text[best.end:following[0].start].strip() == "(" \
                        and not best.resolution.reason.startswith("exact name") \
                        and following[0].resolution.reason.startswith("exact name"):
                    # "MOZOVIJOS MINSKAS (Mińsk Mazowiecki)": the place's own name in brackets, over
                    # a by-name or a bent form before them
                    best = following[0]
        return best

    def nearest_place(self, before: str, after: str, language: str | None = None,
                      page: str = "") -> TextPlace | None:
        """The city nearest a date, looking on both sides of it (`before` ends at the date, `after`
        starts with it): "held in Stockholm in April 2011, and ... in Helsinki" is Stockholm.
        `page`: the whole text, whose countries people come from or go to weigh in."""
        found: list[tuple[int, int, TextPlace, str]] = []
        # (the distance after the date is counted from its end: "signed in Geesthacht but on 19 July
        # in Kuldīga" is in Kuldīga on 19 July)
        first = next(iter(find_dates(after[:60])), None)
        date_end = first.end if first is not None and first.start == 0 else 0
        for side, text in ((0, before), (1, after)):
            places, _ = self.find(text, language)
            for p in places:
                if p.resolution.entity is None or p.resolution.entity.kind != "city" or self._paired(p, text):
                    continue
                distance = max(0, p.start - date_end) if side else len(text) - p.end
                found.append((distance, side, p, text))
        if not found:
            return None
        if page:
            origins, goals = self.directions(page, language)
        else:  # each side's places are found already (a date stands between them, no country)
            (o1, g1), (o2, g2) = self.directions(before, language), self.directions(after, language)
            origins, goals = o1 | o2, g1 | g2

        def rank(p: TextPlace, text: str) -> int:
            country = p.resolution.entity.country if p.resolution.entity else None
            if not p.after_origin and (self._hosts(text, p.start, p.end) or (
                    self.visited(text, p.start, p.end) and not self.bent(p))):
                # "Bischwiller a eu le plaisir d'accueillir ...", "hosted by the City of Tartu", "haben
                # ... die Stadt Lütjenburg besucht"
                return -1
            if country in goals and country not in origins:
                return 0
            if p.after_preposition and country not in origins:
                return 0
            return 2 if p.after_origin or (country in origins and country not in goals) else 1

        # a place a preposition or a word for "town" announces, before one that is only named
        # ("delegacja gminy Bytów gościła ... w zaprzyjaźnionym mieście Taurage"), before one
        # someone comes from ("a delegation of the city government of Tallinn ... visit St.
        # Petersburg", "delegācija no Ukrainas pilsētas Horodenkas": from Ukraine)
        return min(found, key=lambda f: (rank(f[2], f[3]), f[0], -f[1]))[2]

    def _paired(self, p: TextPlace, text: str) -> bool:
        """`p` is one of two different towns written as a pair with a slash ("« Grenoble/Kaunas »",
        the title of a twinning's exhibition): the pair names the twinning, not where something
        is ("Turku/Åbo", one town in two languages, is no pair)."""
        after = SLASH_AFTER.match(text, p.end)
        before = SLASH_BEFORE.search(text[:p.start])
        for m in (after, before):
            if m is None:
                continue
            other = self.resolver.resolve(m.group(1))[0]
            if other.entity is not None and other.entity.kind == "city" and not other.needs_review \
                    and other.entity != p.resolution.entity:
                return True
        return False

    def placed_in_words(self, text: str, p: TextPlace, language: str | None = None) -> bool:
        """`text` (where `p` was found, or a text that holds it) says by a preposition or a case
        ending that something happens at `p` ("signed in Alcamo", "Ascherslebenissä"), not only
        that `p` takes part ("an agreement with Emerich town (Germany)")."""
        if self.bent(p) and any(self.inflections.says_where(language, w) for w in written_forms(text, p.text)):
            return True
        # (any of its mentions: "the agreement with Alcamo ... signed on 26 July 2002 in Alcamo")
        # (or by a venue's noun after it: "Jurbarko krašto muziejaus Židinio salėje")
        return any(preposition_before(text, m.start()) in self.rules.place_prepositions  # ("besökte Ekerö" too)
                   or self.visited(text, m.start(), m.end())
                   or self.inflections.venue_after(language, text[m.end():].split()[:VENUE_WORDS_AFTER + 1],
                                                   VENUE_WORDS_AFTER)
                   for m in re.finditer(re.escape(p.text), text))

    def _hosts(self, text: str, start: int, end: int, before: bool = True) -> bool:
        """A word that says a place hosts ("accueillir", "hosted by", "war Gastgeber") stands within
        a few words after the place at `start:end` of `text` (its subject) or, with `before`, before
        it ("hosted by the City of Tartu")."""
        near = [" ".join(text[end:].split()[:HOST_WORDS_AFTER])]
        if before:
            near.append(" ".join(text[:start].split()[-HOST_WORDS_BEFORE:]))
        return any(h.search(t) for h in self.rules.host_words for t in near)

    def only_of(self, p: TextPlace | None, language: str | None, text: str) -> bool:
        """`p` is bent in a case that says "of", not "in" ("Smiltenes", "Jurbarko"), in a language
        whose cases say where, and no mention of its place in `text` says where ("Sotši päevad"
        beside "käis Sotšis")."""
        if p is None or not self.inflections.cases(language) or not self.bent(p):
            return False
        e = p.resolution.entity
        return not any(q.resolution.entity == e and (not self.bent(q) or self.placed_in_words(text, q, language))
                       for q in self.find(text, language)[0])

    def bent(self, p: TextPlace) -> bool:
        """`p` is written otherwise than its place's name: bent, or an adjective ("Lütjenburger
        Delegation" is no place visited)."""
        compact = self.resolver.folds.compact
        return p.resolution.entity is not None and compact(p.text) != compact(p.resolution.entity.name)

    def visited(self, text: str, start: int, end: int) -> bool:
        """The place at `start:end` of `text` is the object of a word of visiting: one of the few
        words before it ("visited the city of X") or a participle right after it ("X besucht")."""
        before = " ".join(text[:start].split()[-VISIT_WORDS_BEFORE:])
        after = " ".join(text[end:].split()[:1])
        return any(v.search(before) for v in self.rules.visit_words) or \
            any(v.search(after) for v in self.rules.visited_words)

    def directions(self, text: str, language: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
        """The countries `text` says people come from ("delegation from Ukraine", "no Ukrainas")
        and go to ("went to Germany", "devās uz Vāciju")."""
        places, _ = self.find(text, language)
        origins, goals = set(), set()
        for p in places:
            e = p.resolution.entity
            if e is None or e.kind != "country" or not e.country:
                continue
            word = word_before(text, p.start)
            if word in self.rules.origin_prepositions:
                origins.add(e.country)
            elif word in self.rules.goal_prepositions:
                goals.add(e.country)
        return frozenset(origins), frozenset(goals)

    def organisers(self, text: str, language: str | None = None) -> list[str]:
        """Organisations named right after "hosted by", "in cooperation with" and the like."""
        _, orgs = self.find(text, language)
        found: list[str] = []
        lowered = text.lower()
        starts = [m.end() for p in self.rules.organiser_phrases for m in p.finditer(text)]
        for org in orgs:
            pos = lowered.find(org.lower())
            if any(0 <= pos - s <= 12 for s in starts) and org not in found:
                found.append(org)
        return found


def _usable(e: Entity | None) -> bool:
    return e is not None and e.kind in ("city", "region", "country")
