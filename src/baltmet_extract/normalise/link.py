"""Linking the union of all documents' drafts into the output tables: partners resolved with the
context of their co-partners, places in news and milestone texts, events, duplicates, the places
table and the normalisation table (one row per distinct mention).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import get_args

from baltmet_extract.extractors.date_words import DateWords
from baltmet_extract.extractors.dates import find_dates, rules_date_words
from baltmet_extract.extractors.news import NewsDraft
from baltmet_extract.extractors.partners import PartnerMention
from baltmet_extract.models import (
    Event,
    EventKind,
    NewsItem,
    NormalisationRow,
    Partner,
    Place,
    Project,
)
from baltmet_extract.normalise.countries import country_code
from baltmet_extract.normalise.eventplaces import gone_to, host_place, is_visited, names_year, visited_town
from baltmet_extract.normalise.gazetteer import Entity
from baltmet_extract.normalise.inflection import ENDING
from baltmet_extract.normalise.resolver import Resolution, Resolver
from baltmet_extract.normalise.textplaces import TextPlace, TextPlaceFinder
from baltmet_extract.results import DocumentResult
from baltmet_extract.tables import Tables
from baltmet_extract.textutil import slugify, unique_id

CONFIDENT = 95.0
#: the kinds of event the events table holds; a kind of the rules beyond them is written `other`
EVENT_KINDS = frozenset(get_args(EventKind))
#: the kind of a signing (events.yaml): an event only where the text places it
SIGNING = "signing"


@dataclass
class _Seen:
    #: what the mention resolved to: one place, or several when it names several
    parts: list[Resolution]
    contexts: list[str] = field(default_factory=list)
    count: int = 0
    #: the table cell or sentence the shown reading was read from
    source_text: str = ""

    @property
    def needs_review(self) -> bool:
        return any(r.needs_review for r in self.parts)


#: a short name in capitals ("ERKAS", "LALRG", "REC"): an organisation's, when it is no known name
_ACRONYM = re.compile(r"[A-ZÄÖÜÕŠŽĄĆĘŁŃÓŚŹŻ]{2,8}")


class Linker:
    """Builds the tables from per-document drafts; one instance per run."""

    def __init__(self, resolver: Resolver, finder: TextPlaceFinder) -> None:
        self.resolver = resolver
        self.finder = finder
        self.tables = Tables()
        self.seen: dict[str, _Seen] = {}
        self.place_mentions: Counter[str] = Counter()
        self.place_projects: dict[str, set[str]] = defaultdict(set)
        self.place_entities: dict[str, Entity] = {}
        self.used_ids: set[str] = set()
        #: the dates of the events news items gave, by (file, place), so that one page's event is one row
        self.news_events: dict[tuple[str, str], list[str]] = defaultdict(list)
        #: the words that announce a city or a region ("miesto savivaldybė", "Landkreis")
        self.kind_words = {k: frozenset(w.casefold() for w in resolver.rules.kind_descriptors.get(k, []))
                           for k in ("city", "region")}
        #: the kind each mention's words announce, and its bent forms, by mention
        self._announced: dict[str, str | None] = {}
        self._bent: dict[tuple[str, str, bool], tuple[str, str] | None] = {}

    def run(self, results: list[DocumentResult]) -> Tables:
        used_ids: set[str] = set()
        mentions = [m for res in results for d in res.projects for m in d.partners.mentions if not m.group]
        self.resolver.look_up_ahead([m.raw for m in mentions])
        for m in mentions:
            # each mention alone, all in one loop (the answers are kept: the projects' loop below
            # finds them; one loop over the same code and data runs faster than the interleaving)
            self.resolver.resolve(m.raw, m.kind_hint)
        for res in results:
            self.tables.errors.extend(res.errors)
            for draft in res.projects:
                # two documents may name projects alike
                draft.project.project_id = unique_id(draft.project.project_id, used_ids)
                draft.project.language = draft.project.language or res.language
                self.tables.projects.append(draft.project)
                self._partners(draft.project, draft.partners.mentions, draft.partners.text)
            self._milestones(res)
            self._news(res)
        self._places()
        self._normalisation()
        return self.tables

    # ---- partners -------------------------------------------------------------------------

    def _partners(self, project: Project, mentions: list[PartnerMention], cell: str = "") -> None:
        mentions = self._whole_names(mentions)
        first = [self._resolve_mention(m, frozenset(), project.language) for m in mentions]
        countries = frozenset(r.entity.country for rs in first for r in rs
                              if r.entity and r.entity.country and r.score >= CONFIDENT and not r.needs_review)
        position = 0
        where = f"{project.source_file}:{project.source_page or ''}:{project.source_row or ''} {project.project_id}"
        for mention in mentions:
            results = self._resolve_mention(mention, countries, project.language)
            self._note(results, where, cell)
            for r in results:
                position += 1
                e = r.entity
                kind = "group" if mention.group else (e.kind if e else r.kind)
                self.tables.partners.append(Partner(
                    project_id=project.project_id, position=position, raw=mention.raw,
                    name=e.name if e else (mention.raw if mention.group else None), kind=kind,  # type: ignore[arg-type]
                    role=mention.role,  # type: ignore[arg-type]
                    country=(e.country if e else None) or mention.country_hint,
                    geonames_id=e.geonames_id if e else None, iso3166_2=e.iso3166_2 if e else None,
                    lat=e.lat if e else None, lon=e.lon if e else None, method=r.method,  # type: ignore[arg-type]
                    score=r.score, source_file=project.source_file,
                    # a partner of a doubtful row is doubtful too, unless a person accepted it
                    needs_review=r.needs_review or (project.needs_review and r.method != "review"),
                    source_page=project.source_page, source_row=project.source_row))
                if e is not None and e.kind in ("city", "region", "country"):
                    self.place_mentions[e.key] += 1
                    self.place_projects[e.key].add(project.project_id)
                    self.place_entities[e.key] = e

    def _whole_names(self, mentions: list[PartnerMention]) -> list[PartnerMention]:
        """Mentions split at a conjunction put back together when together they name one place
        ("Møre" + "Romsdal", "Mo" + "Rana")."""
        out: list[PartnerMention] = []
        i = 0
        while i < len(mentions):
            m, j = mentions[i], i
            while m.joined and j + 1 < len(mentions) and mentions[j + 1].joined == m.joined:
                j += 1
            if j > i and m.joined and self.resolver.names_one_place(m.joined):
                out.append(replace(m, raw=m.joined, joined=None))
            else:
                out.extend(mentions[i:j + 1])
            i = j + 1
        return out

    def _resolve_mention(self, mention: PartnerMention, countries: frozenset[str],
                         language: str | None = None) -> list[Resolution]:
        if mention.group:
            words = mention.raw.split()
            cc = country_code(words[-1]) if words else None
            return [Resolution(mention.raw, Entity(key=f"group:{mention.raw.lower()}", name=mention.raw, kind="group",
                                                   country=cc), "rule", 90.0, False,
                               "names a group of places, not one place", [], "group")]
        context = frozenset(countries | ({mention.country_hint} if mention.country_hint else set()))
        results = self.resolver.resolve(mention.raw, mention.kind_hint, context)
        announced = self._announced.get(mention.raw, "")
        if announced == "":
            announced = self._announced[mention.raw] = _announced_kind(mention.raw, self.kind_words)
        if language and (_doubtful(results) or _other_kind(results, announced)):
            # "Rīgas pilsētas pašvaldība", "Kauno miesto savivaldybė": a bent name in its dictionary form
            every_word = _other_kind(results, announced)
            key = (mention.raw, language, every_word)
            # each partner is resolved twice (alone, then among its co-partners): bent once
            bent = self._bent[key] if key in self._bent else self._bent.setdefault(
                key, self.finder.inflections.unbent(mention.raw, language, every_word=every_word))
            if bent is not None:
                variant, how = bent
                alt = self.resolver.resolve(variant, mention.kind_hint, context)
                near = how != ENDING or all(self.finder.inflections.near_enough(r.entity, language) for r in alt)
                if near and not _doubtful(alt) and not _other_kind(alt, announced) and all(
                        r.entity is not None and r.entity.kind in ("city", "region", "country") for r in alt):
                    results = [_read_as(r, mention.raw, variant, how, language) for r in alt]
        if mention.from_text and _ACRONYM.fullmatch(mention.raw) and all(r.method == "fuzzy" for r in results):
            # "ERKAS", "LALRG" in a page's partner list: an organisation's short name, no misspelt place
            results = [Resolution(mention.raw, None, "unresolved", 0.0, True,
                                  "an acronym that is no known name (an organisation?); nearest spellings: "
                                  + ", ".join(r.entity.name for r in results if r.entity is not None),
                                  results[0].candidates, "organisation")]
        if mention.from_text and any(r.entity is not None and r.entity.kind == "country" for r in results):
            # "partneriteks olid Soome, Eesti ja Läti": on a page, a country named among the partners
            # is most often where they come from
            results = [replace(r, needs_review=True, reason=f"a country named among a page's partners: a partner "
                               f"of its own, or where the partners come from?; {r.reason}") for r in results]
        if announced == _BOTH and any(r.entity is not None and r.entity.kind in ("city", "region") and not r.needs_review
                                      for r in results):
            # "Administration of Klaipeda District Municipality": a town's name and words of a district
            # and of a town, the district's body or the town's? a person decides
            results = [replace(r, needs_review=True, reason=f"its words name both a town and a region; {r.reason}")
                       for r in results]
        if _other_kind(results, announced):
            # "Tartu Maavalitsus" (a county's government) matched to the city: a person decides
            results = [replace(r, needs_review=True, reason=f"its words name a {announced}, the match is a "
                               f"{r.entity.kind if r.entity else r.kind}; {r.reason}") for r in results]
        return results

    def _note(self, results: list[Resolution], where: str, source_text: str = "") -> None:
        raw = results[0].raw
        seen = self.seen.get(raw)
        if seen is None:
            seen = self.seen[raw] = _Seen(results, source_text=source_text)
        elif any(r.needs_review for r in results) and not seen.needs_review:
            seen.parts = results  # the doubtful reading is the one a person must see
            seen.source_text = source_text
        seen.count += 1
        if len(seen.contexts) < 5 and where not in seen.contexts:
            seen.contexts.append(where)

    # ---- milestones, news, events ---------------------------------------------------------

    def _milestones(self, res: DocumentResult) -> None:
        for md in res.milestones:
            self.tables.milestones.append(md.milestone)
            for ev in md.events:
                place = self.finder.nearest_place(ev.before, ev.after, res.language)
                organisers = self.finder.organisers(ev.sentence, res.language)
                self._add_event(source_kind="milestone", milestone=ev.milestone, title=_title(ev.sentence),
                                kind=ev.kind, date_start=ev.date_start, date_end=ev.date_end,
                                date_inferred=ev.date_inferred, place=place.resolution if place else None,
                                organisers=organisers, source_file=res.source_file, source_page=ev.line.page,
                                source_row=ev.line.row, source_text=ev.sentence)

    def _news(self, res: DocumentResult) -> None:
        first_of: dict[tuple[str | None, str], str] = {}
        from baltmet_extract.extractors.milestones import event_kind
        from baltmet_extract.extractors.news import news_id

        date_words = rules_date_words(self.resolver.rules)
        for i, draft in enumerate(res.news, start=1):
            lang = res.language
            self.finder.reading(draft.text, lang)
            headline_place = self.finder.best_place(draft.title, lang)
            # a labelled place ("Place: Riga Technical University") is where the labelled date was
            labelled = self.finder.find(draft.place_label, lang, labelled=True)[0] if draft.place_label else []
            event_place = next((p for p in labelled if p.resolution.entity and p.resolution.entity.kind == "city"), None)
            # where the place came from: the event's own sentence (or its label) is no guess
            inferred = False
            contexts = [] if event_place else (draft.event_contexts or [(draft.event_before, draft.event_after)])
            of_town: tuple[TextPlace, str, str] | None = None
            for k, (before, after) in enumerate(contexts):
                event_place = self.finder.nearest_place(before, after, lang, draft.text) if after else None
                if event_place is not None and k + 1 < len(contexts) and self.finder.only_of(event_place, lang,
                                                                                              before + after):
                    # ("18. syyskuuta juhlittiin ... Ascherslebenin": a later sentence may say where)
                    of_town = of_town or (event_place, before, after)
                    continue
                if event_place is None and of_town is not None and k + 1 == len(contexts):
                    event_place, before, after = of_town
                if event_place is not None:
                    draft.event_before, draft.event_after = before, after
                    # the headline's place, when the event's sentence names it among others
                    # ("Rostock: ... Konferenz" over "zwischen Rostock und dem polnischen Stettin")
                    if headline_place is not None and headline_place.resolution.entity != event_place.resolution.entity \
                            and not gone_to(self.finder, event_place, headline_place, draft.text, lang) \
                            and not is_visited(self.finder, event_place, before + after):
                        # (not a place people come from: "Delegation aus Kalmar zu Besuch", "... aus
                        # Kalmar, der Partnerstadt der Hansestadt Wismar" is in Wismar)
                        here = [p for p in self.finder.find(before + after, lang)[0]
                                if p.resolution.entity == headline_place.resolution.entity]
                        if here and not headline_place.after_origin and not any(p.after_origin for p in here):
                            event_place = here[0]
                    break
            if event_place is not None and event_place.after_origin:
                # the only place the event's words give is where people come from ("Besøg fra
                # Strängnäs i dagene 29. august-1. september 2013"): the town the page says they
                # were in is the event's ("Venskabsbyforeningen i Ribe", "velkommen til Ribe")
                visited = visited_town(self.finder, draft.summary, event_place, lang)
                if visited is not None:
                    event_place, inferred = visited, True
                    # (the sentence that says so is the place's source, not the event's)
                    draft.event_before, draft.event_after = "", _sentence_around(draft.summary, visited.start,
                                                                                 visited.end)
            # a signing the text does not place ("the agreement between Bytów and Tauragė was signed
            # on 2 June 2017": the towns are parties) is an event without a place; the item's place
            # is then the page's first city, as for a page that tells of no event
            said = f"{draft.event_before}{draft.event_after}"
            kind = draft.event_kind or event_kind(said or draft.text, self.resolver.rules)
            # (nor a sentence that tells of no event and names its town only as "of": "... myöntää
            # Forum Virium Helsinki Oy:lle ... Helsingin kaupungin kuntarahoitusosuutena")
            unplaced = (kind == SIGNING or (event_kind(said, self.resolver.rules) is None and self.finder.only_of(
                event_place, lang, draft.text))) and (
                event_place is None or not self.finder.placed_in_words(said, event_place, lang))
            if unplaced:
                event_place = None
            title_place = None if event_place else headline_place
            place = event_place or title_place
            if place is None and draft.event_after:
                place = host_place(self.finder, draft.summary, lang)
            if place is None and (not draft.event_after or unplaced):
                # an item of a news list: its first city; a page dated by an event sentence that names
                # no place takes none from elsewhere in its text (a guess, and often wrong)
                place = self.finder.best_place(draft.summary, lang)
            inferred = place is not None and (inferred or place is not event_place)
            if place is None:
                text = ""
            elif place is event_place:
                text = f"{draft.event_before}{draft.event_after}"
            elif place is title_place:
                text = draft.title
            else:
                text = _sentence_around(draft.summary, place.start, place.end)
                unplaced = unplaced or not self.finder.placed_in_words(text, place, lang) and \
                    self.finder.only_of(place, lang, text)  # (a list item's first town, as "of": the item's, not its event's)
            # (a list item's headline or sentence that gives its town and its date together is no guess:
            # "Workshops in St. Petersburg, 13-15 June 2007", "On November 13th ... took place in Berlin")
            inferred = inferred and not _tells_date(text, draft.date_start, date_words)
            organisers = self.finder.organisers(draft.text, lang)
            e = place.resolution.entity if place else None
            nid = self._unique(news_id(res.source_file, i))
            key = (draft.date_start, e.key if e else "")
            duplicate = first_of.get(key) if draft.date_start and e else None
            if duplicate is None and draft.date_start and e:
                first_of[key] = nid
            self.tables.news.append(NewsItem(
                news_id=nid, title=draft.title, date_start=draft.date_start, date_end=draft.date_end,
                date_inferred=draft.date_inferred, place=e.name if e else None,
                place_geonames_id=e.geonames_id if e else None, summary=draft.summary or None,
                organisers="; ".join(organisers) or None, duplicate_of=duplicate, source_file=res.source_file,
                source_page=draft.line.page, source_row=draft.line.row, language=res.language,
                place_inferred=inferred))
            if place:
                self._note([place.resolution], f"{res.source_file}::{draft.line.row} news", text)
            if e is not None and not draft.date_start:  # no event counts it below, yet it is a place seen
                self.place_mentions[e.key] += 1
                self.place_entities[e.key] = e
            if duplicate is None and draft.date_start and not draft.no_event:
                self._add_event(source_kind="news", milestone=None, title=draft.title,
                                kind=event_kind(draft.text, self.resolver.rules) or "other", date_start=draft.date_start,
                                date_end=draft.date_end, date_inferred=draft.date_inferred,
                                place=place.resolution if place and not unplaced else None, organisers=organisers,
                                source_file=res.source_file, source_page=draft.line.page, source_row=draft.line.row,
                                source_text=text, place_inferred=inferred)
            if duplicate is None:
                self._more_news_events(res, draft)
        self.finder.reading("")

    def _more_news_events(self, res: DocumentResult, draft: NewsDraft) -> None:
        """Further dated events a news item's text announces ("The next Steering Group meeting will
        take place in Tallinn in June"), with the item's year where the sentence has none."""
        from baltmet_extract.extractors.milestones import dated_events, sentences

        if not draft.summary:
            return
        # a date without its year takes the item's, else the page's (None: such dates are skipped)
        anchor = draft.date_start or (draft.posted.iso() if draft.posted is not None else None)
        year = int(anchor[:4]) if anchor else None

        def same_year(month: int) -> tuple[int | None, bool]:
            return year, year is not None

        lines = [ln for ln in draft.lines if ln is not draft.line]
        for ev in dated_events(sentences(lines), self.resolver.rules, same_year, years=True):
            if ev.date_start is None or ev.date_start == draft.date_start:
                continue
            if ev.date_inferred and ev.date.day is None and draft.date_start and \
                    draft.date_start.startswith(ev.date_start):
                continue  # "Kotka feiert im Juli ...": the item's own event, told again by its month
            place = self.finder.nearest_place(ev.before, ev.after, res.language)
            # (a year alone dates an event only where the sentence places it: "I 2013 mødtes byerne
            # i Skien"; nor does a signing the text does not place)
            strict = ev.kind == SIGNING or ev.date.month is None
            # (nor a town the sentence names only as where people come from: "przedstawicielki Gdyni")
            if place is None or place.after_origin or (
                    strict and not self.finder.placed_in_words(ev.sentence, place, res.language)):
                # a date in passing ("registration until 15 May") is no event of its own, nor a
                # signing the text does not place ("the agreement signed in August")
                continue
            if ev.date.month is None and names_year(self.finder, ev.sentence, ev.date.start, res.language):
                continue
            self._add_event(source_kind="news", milestone=None, title=_title(ev.sentence), kind=ev.kind,
                            date_start=ev.date_start, date_end=ev.date_end, date_inferred=ev.date_inferred,
                            place=place.resolution, organisers=self.finder.organisers(ev.sentence, res.language),
                            source_file=res.source_file, source_page=ev.line.page, source_row=ev.line.row,
                            source_text=ev.sentence)

    def _add_event(self, *, source_kind: str, milestone: int | None, title: str, kind: str, date_start: str | None,
                   date_end: str | None, date_inferred: bool, place: Resolution | None, organisers: list[str],
                   source_file: str, source_page: int | None, source_row: int | None, source_text: str = "",
                   place_inferred: bool = False) -> None:
        e = place.entity if place else None
        if source_kind == "news" and e is not None and date_start:
            # one page telling of one event twice ("met in Riga on 5 May" ... "the Riga meeting of 5 May")
            # (and told again less precisely: "10.–12.8." in the text, "aug 2018" in a caption)
            dates = self.news_events[(source_file, e.key)]
            if any(d.startswith(date_start) for d in dates):
                return
            dates.append(date_start)
        base = self._unique(f"{slugify(source_file.rsplit('.', 1)[0])}-{source_kind}-{len(self.tables.events) + 1}")
        self.tables.events.append(Event(
            event_id=base, source_kind=source_kind, milestone=milestone,  # type: ignore[arg-type]
            title=title, kind=kind if kind in EVENT_KINDS else "other",  # type: ignore[arg-type]
            date_start=date_start, date_end=date_end, date_inferred=date_inferred,
            place=e.name if e else None, place_geonames_id=e.geonames_id if e else None,
            country=e.country if e else None, organisers="; ".join(organisers) or None,
            source_file=source_file, source_page=source_page, source_row=source_row,
            place_inferred=place_inferred and e is not None))
        if e is not None:
            self.place_mentions[e.key] += 1
            self.place_entities[e.key] = e
            if place is not None:
                self._note([place], f"{source_file}::{source_row} {source_kind}", source_text)

    def _unique(self, ident: str) -> str:
        """`ident`, or `ident-2`... when two files give the same slug ("a b.txt", "a-b.txt")."""
        return unique_id(ident, self.used_ids)

    # ---- places and the normalisation table -------------------------------------------------

    def _places(self) -> None:
        for key in sorted(self.place_entities):
            e = self.place_entities[key]
            self.tables.places.append(Place(
                name=e.name, kind=e.kind, country=e.country, geonames_id=e.geonames_id,  # type: ignore[arg-type]
                iso3166_2=e.iso3166_2, lat=e.lat, lon=e.lon, mentions=self.place_mentions[key],
                projects=len(self.place_projects.get(key, ()))))

    def _normalisation(self) -> None:
        rows = []
        for raw, seen in self.seen.items():
            r = seen.parts[0]
            names = [p.name for p in seen.parts if p.name]
            rows.append(NormalisationRow(
                raw=raw, name=" + ".join(names) or None, kind=r.entity.kind if r.entity else r.kind,  # type: ignore[arg-type]
                method=r.method, score=min(p.score for p in seen.parts), needs_review=seen.needs_review,  # type: ignore[arg-type]
                candidates=" | ".join(f"{name} {score:g}" for name, score in r.candidates),
                reason=r.reason if len(seen.parts) == 1 else f"{len(seen.parts)} places: " + r.reason,
                contexts=" | ".join(seen.contexts), key=" + ".join(p.key for p in seen.parts if p.key),
                source_text=seen.source_text))
        rows.sort(key=lambda x: (not x.needs_review, x.score, x.raw))
        self.tables.normalisation = rows


def _tells_date(text: str, date_start: str | None, words: DateWords) -> bool:
    """`text` holds the date `date_start` (or its month or year; a date without its year takes
    `date_start`'s)."""
    if not date_start or not text:
        return False
    year = int(date_start[:4])
    for d in find_dates(text, words):
        iso = d.iso(year)
        if iso and (iso.startswith(date_start) or date_start.startswith(iso)):
            return True
    return False


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span start:end."""
    cut = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
    stops = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    return text[cut + 1 if cut >= 0 else 0: min(stops) + 1 if stops else len(text)].strip()


def _announced_kind(raw: str, kind_words: dict[str, frozenset[str]]) -> str | None:
    """The kind of place a mention's own words announce ("... miesto savivaldybė": a city,
    "Landkreis ...", "... Maavalitsus": a region), when they announce exactly one; `_BOTH` when
    they announce both ("Klaipeda District Municipality")."""
    words = {w.strip(".,;:()").casefold() for w in raw.split()}
    kinds = [k for k, known in kind_words.items() if not words.isdisjoint(known)]
    return kinds[0] if len(kinds) == 1 else _BOTH if kinds else None


#: what `_announced_kind` gives for a mention whose words announce a city and a region alike
_BOTH = "city and region"


def _other_kind(results: list[Resolution], announced: str | None) -> bool:
    return announced is not None and announced != _BOTH and any(
        r.entity is not None and r.entity.kind in ("city", "region") and r.entity.kind != announced for r in results)


def _doubtful(results: list[Resolution]) -> bool:
    """No place, or one only guessed: a reading worth trying another form for."""
    return any(r.entity is None or r.method in ("fuzzy", "unresolved") or r.needs_review
               or r.entity.kind not in ("city", "region", "country") for r in results)


def _read_as(r: Resolution, raw: str, variant: str, how: str, language: str) -> Resolution:
    flagged = r.needs_review or how == ENDING
    return replace(r, raw=raw, needs_review=flagged, score=min(r.score, 90.0) if how == ENDING else r.score,
                   reason=f"read as {variant!r}, the {how} form of its words in {language}; {r.reason}")


def _title(sentence: str, limit: int = 90) -> str:
    sentence = sentence.strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
