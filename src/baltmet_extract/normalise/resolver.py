"""Resolving a place or organisation mention to one canonical entity, with a method, a score,
the runner-up candidates and a needs-review flag.

The cascade, cheapest and surest first: review decisions, exact and alias look-up
(diacritics folded), the mention without its descriptor words ("Region Seeland"),
then fuzzy matching over a trigram-blocked candidate set and completion of
truncated names ("randenburg"), and last the mention taken apart: combined
("Berlin-Brandenburg") or glued ("Region Skåne Region Halland") names. Ties between
namesakes are broken by context: the kind the text announces, the countries of the
other partners, the region the documents are about, and population.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from baltmet_extract.normalise.calibration import CertainRule, Evidence, edit_kind
from baltmet_extract.normalise.gazetteer import (
    ALTERNATE,
    CURATED,
    DERIVED,
    NAME_TYPE_LABEL,
    PRIMARY,
    Entity,
    Gazetteer,
    entity_for_target,
    population_prior,
)
from baltmet_extract.normalise.regionforms import adjective_stems, split_region_words
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, fold, fold_compact

NAME_TYPE_BONUS = {PRIMARY: 2.0, CURATED: 2.0, DERIVED: 1.0, ALTERNATE: 0.5}
#: a cut name is completed by at most this many letters
CUT_LETTERS = 3
#: prior points for a place in one of the co-partners' countries
COUNTRY_BONUS = 2.5
#: ranking points under which two exact namesakes are ambiguous
AMBIGUOUS_GAP = 2.0


@dataclass
class Resolution:
    """The answer for one mention (or one part of a mention taken apart)."""

    raw: str
    entity: Entity | None
    method: str
    score: float
    needs_review: bool
    reason: str = ""
    candidates: list[tuple[str, float]] = field(default_factory=list)
    kind: str = "unknown"
    #: what a fuzzy match rests on (see `calibration`); None for other methods
    evidence: Evidence | None = None

    @property
    def name(self) -> str | None:
        return self.entity.name if self.entity else None

    @property
    def key(self) -> str:
        return self.entity.key if self.entity else ""


@dataclass
class _Scored:
    entity: Entity
    name_type: int
    similarity: float
    total: float
    #: the co-partners' countries, not the name, made this the first candidate
    context_decided: bool = False
    #: the gazetteer name (compact folded) that was matched, and the edits from it to the mention
    matched: str = ""
    edits: int = 0


class Resolver:
    """Resolves mentions against a gazetteer; results are cached per distinct mention and context."""

    def __init__(self, gazetteer: Gazetteer, rules: Rules) -> None:
        self.gz = gazetteer
        self.rules = rules
        self.accept_at = float(rules.setting("normalise", "accept_at", 80))
        self.margin = float(rules.setting("normalise", "margin", 4))
        self.truncated_min = int(rules.setting("normalise", "truncated_min_length", 5))
        self.home_bonus = float(rules.setting("normalise", "home_continent_bonus", 2.0))
        self.org_words = rules.organisation_words
        self.descriptors = {w: kind for kind, words in rules.kind_descriptors.items() for w in words}
        self.certain_rule = CertainRule.resolve(rules.setting("normalise", "certain", None))
        self._cache: dict[tuple[str, str | None, frozenset[str]], list[Resolution]] = {}
        #: mentions (folded, kind hint) whose answer the co-partners' countries cannot change
        self._context_free: dict[tuple[str, str | None, frozenset[str]], bool] = {}
        self._context_matters = False
        self._name_spaces: dict[str, int] = {}
        #: the part of a candidate's prior that depends on neither the text nor the context
        self._static_prior: dict[tuple[str, int], float] = {}
        #: near spellings of a compact folded query: (name, similarity, edits), best first; they do
        #: not depend on the context, so a mention seen with several contexts is searched once
        self._near_cache: dict[str, list[tuple[str, float, int]]] = {}
        #: edits from a query to the nearest small place outside the gazetteer (None: none found)
        self._small_cache: dict[str, int | None] = {}
        self.decisions = self._load_decisions()

    # ---- public ---------------------------------------------------------------------------

    def resolve(self, raw: str, kind_hint: str | None = None, countries: frozenset[str] = frozenset()) -> list[Resolution]:
        """Resolve one mention; a mention that names several places gives several results."""
        folded = fold(raw)
        key = (folded, kind_hint, countries)
        cached = self._cache.get(key)
        if cached is None:
            # the mention alone first: when no ranking it made was close enough for the co-partners'
            # countries to change (most are not), the answer with context is the same
            alone = (folded, kind_hint, frozenset())
            cached = self._cache.get(alone)
            if cached is None:
                self._context_matters = False
                cached = self._resolve(raw, kind_hint, frozenset())
                self._cache[alone] = cached
                self._context_free[alone] = not self._context_matters
            if countries and not self._context_free[alone]:
                cached = self._resolve(raw, kind_hint, countries)
            self._cache[key] = cached
        return [Resolution(raw=raw, entity=r.entity, method=r.method, score=r.score, needs_review=r.needs_review,
                           reason=r.reason, candidates=r.candidates, kind=r.kind,
                           evidence=r.evidence.seen_with(r.entity, countries) if r.evidence and r.entity else r.evidence)
                for r in cached]

    def names_one_place(self, text: str) -> bool:
        """True when `text` as a whole is one place or organisation, certainly: words joined by a
        conjunction that are one name ("Møre og Romsdal", "Mo i Rana"), not two partners. Only
        a known name or one letter off it counts (cheap: most such texts are two names)."""
        text = clean_spacing(text).strip(" ,;:.()[]")
        query = fold_compact(text)
        known = any(variant and self.gz.lookup(variant) for variant, _ in self._descriptor_steps(text))
        if not known and not any(OSA.distance(query, n) <= 1 for n in self.gz.near_names(query)[0]):
            return False
        found = self.resolve(text)
        return len(found) == 1 and found[0].entity is not None and not found[0].needs_review

    # ---- cascade --------------------------------------------------------------------------

    def _resolve(self, raw: str, hint: str | None, countries: frozenset[str]) -> list[Resolution]:
        text = clean_spacing(raw).strip(" ,;:.()[]")
        decided = (self.decisions.get(fold(raw)) or self.decisions.get(fold(text))) if self.decisions else None
        if decided is not None:
            return decided
        if "/" in text:
            alternatives = self._alternatives(text, hint, countries)
            if alternatives is not None:
                return [alternatives]
        pieces = re.split(r",|\s[–—-]\s", text, maxsplit=1)
        if len(pieces) == 2 and pieces[0].strip() and self.gz.lookup(text) == []:
            # "City of Helsinki, City Planning Department", "Union of the Baltic Cities - Commission on
            # Environment": the partner is named first, a unit of it after
            head = self._resolve(pieces[0].strip(), hint, countries)
            if head and head[0].entity is not None and head[0].method != "unresolved":
                for r in head:
                    r.reason += "; the words after it name a unit of it"
                return head
        best = self._resolve_one(text, hint, countries)
        if best is not None and not best.needs_review:
            return [best]
        words = {w.strip(".,()").lower() for w in text.split()}
        if len(words) > 1 and words & self.org_words:
            # "Uppsala Innovation Centre", "Helsinki Region Transport": an organisation that carries a
            # place in its name, not two places; a person confirms it
            return [self._not_a_place(raw, text, hint)]
        ev = best.evidence if best is not None else None
        if ev is not None and ev.edits <= 1 and "more words than the name" not in ev.doubts:
            # one letter off one name: not several names written together
            return [best]  # type: ignore[list-item]
        parts = self._taken_apart(text, hint, countries)
        if parts and (best is None or min(p.score for p in parts) >= best.score):
            return parts
        if best is not None:
            return [best]
        return [self._not_a_place(raw, text, hint)]

    def _alternatives(self, text: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        """`Turku/Åbo`: one place in two languages. Accepted when the sides agree or only one resolves."""
        sides = [s.strip() for s in text.split("/") if s.strip()]
        if len(sides) < 2:
            return None
        found = [r for r in (self._resolve_one(s, hint, countries) for s in sides) if r is not None and r.entity]
        if not found:
            return None
        keys = {r.key for r in found}
        best = max(found, key=lambda r: r.score)
        if len(keys) == 1:
            best.reason += f"; the {len(found)} names agree" if len(found) > 1 else "; the other name is unknown"
            return best
        _doubt(best, "the names on either side of '/' disagree")
        best.reason += "; the names on either side of '/' disagree"
        return best

    def _resolve_one(self, text: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        steps = self._descriptor_steps(text)
        stripped, hint2 = steps[-1]
        hint = hint or hint2
        # the name with fewer and fewer descriptor words: "Stockholm County Council" is found as
        # "Stockholm County" before "Stockholm" is tried
        for i, (variant, step_hint) in enumerate(steps):
            if not variant:
                continue
            found = self.gz.lookup(variant)
            if found:
                return self._from_exact(text, variant, found, hint or step_hint, countries, i > 0)
        best: Resolution | None = None
        for variant in dict.fromkeys([text, stripped]):
            if not variant:
                continue
            fuzzy = self._fuzzy(text, variant, hint, countries)
            # the mention found whole inside a longer name is stronger evidence than a near spelling,
            # unless the spelling is one letter off ("Talinn") or nearly exact
            one_off = fuzzy is not None and fuzzy.evidence is not None and fuzzy.evidence.edits <= 1 and \
                fuzzy.evidence.matched[:1] == fold_compact(variant)[:1]
            cut = None if one_off else self._truncated(text, variant, hint, countries)
            if cut is not None and (fuzzy is None or fuzzy.score < 93):
                fuzzy = None
            if cut is not None and fuzzy is not None and cut.key != fuzzy.key:
                # a near spelling of one name and the cut end of another: a person decides
                _doubt(fuzzy, "a cut name of another place")
                fuzzy.reason += f"; or a cut {cut.name} ({cut.key})"
                fuzzy.candidates = [(f"{cut.name} ({cut.key})", cut.score), *fuzzy.candidates]
            for r in (fuzzy, cut):
                if r is not None and (best is None or r.score > best.score):
                    best = r
        if best is not None and hint and best.kind in ("city", "region", "country") and best.kind != hint:
            _doubt(best, "the text announces another kind")
            best.reason += f"; the text announces a {hint}"
        return best

    def _descriptor_steps(self, text: str) -> list[tuple[str, str | None]]:
        """The mention, then without one more leading or trailing descriptor word at each step,
        each with the kind the words dropped so far announce ("City of X": a city; "council",
        "government": the authority of a place, no kind)."""
        words = text.split()
        hint = None
        lowered = [w.lower() for w in words]
        steps: list[tuple[str, str | None]] = [(text, None)]
        before, name, after = split_region_words(text, self.rules)
        if (before or after) and name:
            # "Respublika Komi", "Kaliningrad Oblast", "Comunidad Foral de Navarra": a region
            steps.append((name, "region"))
        changed = True
        while changed and len(words) > 1:
            changed = False
            for lead in self.rules.leading_words:
                n = len(lead.split())
                if len(words) > n and " ".join(lowered[:n]) == lead:
                    words, lowered, changed = words[n:], lowered[n:], True
                    break
            if len(words) > 1 and (lowered[0] in self.descriptors or (len(words) > 2 and lowered[1] == "of" and lowered[0] in self.descriptors)):
                hint = hint or self._kind_of(lowered[0])
                drop = 2 if len(words) > 2 and lowered[1] == "of" else 1
                words, lowered, changed = words[drop:], lowered[drop:], True
            elif len(words) > 1 and lowered[-1] in self.descriptors:
                hint = hint or self._kind_of(lowered[-1])
                words, lowered, changed = words[:-1], lowered[:-1], True
            if changed:
                steps.append((" ".join(words), hint))
        return steps

    def _kind_of(self, word: str) -> str | None:
        kind = self.descriptors.get(word)
        return None if kind == "authority" else kind

    # ---- scoring --------------------------------------------------------------------------

    def _prior(self, e: Entity, name_type: int, hint: str | None, countries: frozenset[str]) -> float:
        p = self._static_prior.get((e.key, name_type))
        if p is None:
            p = population_prior(e) + NAME_TYPE_BONUS.get(name_type, 0.0) + (self.home_bonus if e.european else 0.0)
            self._static_prior[(e.key, name_type)] = p
        if hint and e.kind in ("city", "region", "country"):
            p += 3.0 if e.kind == hint else -3.0
        if countries and e.country in countries:
            p += COUNTRY_BONUS
        return p

    def _rank(self, found: list[tuple[Entity, int]], similarity: list[float] | None,
              hint: str | None, countries: frozenset[str],
              matched: list[tuple[str, int]] | None = None) -> list[_Scored]:
        best: dict[str, _Scored] = {}
        for i, (e, t) in enumerate(found):
            sim = similarity[i] if similarity else 100.0
            s = _Scored(e, t, sim, sim + 2.0 * self._prior(e, t, hint, countries))
            if matched:
                s.matched, s.edits = matched[i]
            if e.key not in best or s.total > best[e.key].total:
                best[e.key] = s
        ranked = sorted(best.values(), key=lambda s: (-s.total, s.entity.key))
        if not countries and len(ranked) > 1 and not self._context_matters:
            top = ranked[0]
            # the countries could lift another place past the first, or change how near the two are
            reach = 2.0 * COUNTRY_BONUS + AMBIGUOUS_GAP
            self._context_matters = any(s.entity.country != top.entity.country and top.total - s.total < reach
                                        for s in ranked[1:])
        if countries and len(ranked) > 1:
            plain = max(ranked, key=lambda s: (s.similarity + 2.0 * self._prior(s.entity, s.name_type, hint,
                                                                                  frozenset()), s.entity.key))
            top = ranked[0]
            if plain is not top and plain.similarity >= top.similarity:
                top.context_decided = True
                if plain.entity.kind == top.entity.kind == "city" and plain.entity.population >= 10 * max(
                        top.entity.population, 1):
                    # co-partners' countries break ties between comparable namesakes; they do not turn
                    # a city of 300,000 into a village of 13,000
                    ranked.remove(plain)
                    ranked.insert(0, plain)
                    plain.context_decided = True
        if len(ranked) > 1 and hint != "region":
            a, b = ranked[0], ranked[1]
            # a city and the region of the same name in one country (Berlin, Vienna, Hamburg): the city
            if a.entity.kind == "region" and b.entity.kind == "city" and a.entity.country == b.entity.country \
                    and b.entity.population >= 100000 and b.similarity >= a.similarity:
                ranked[0], ranked[1] = b, a
        return ranked

    @staticmethod
    def _candidates(ranked: list[_Scored], skip: int = 1) -> list[tuple[str, float]]:
        return [(f"{s.entity.name} ({s.entity.key})", round(s.similarity, 1)) for s in ranked[skip : skip + 3]]

    def _from_exact(self, raw: str, variant: str, found: list[tuple[Entity, int]], hint: str | None,
                    countries: frozenset[str], stripped: bool) -> Resolution:
        if hint == "region" and stripped and not any(e.kind == "region" for e, _ in found):
            # "Kaliningrad Oblast": the region named by the adjective ("Kaliningradskaya oblast"),
            # not the city of the stem
            stems = [(e, t) for s in adjective_stems(variant, self.rules) for e, t in self.gz.lookup(s)
                     if e.kind == "region"]
            if stems:
                ranked = self._rank(stems, None, hint, countries)
                top = ranked[0]
                return Resolution(raw, top.entity, "rule", 95.0, len({s.entity.key for s in ranked}) > 1,
                                  "the region whose adjectival name this is the stem of",
                                  self._candidates(ranked), "region")
        ranked = self._rank(found, None, hint, countries)
        top = ranked[0]
        if top.name_type == PRIMARY and not stripped:
            method, score = "exact", 100.0 if variant.strip() == top.entity.name else 98.0
            reason = "exact name" if score == 100 else "same name once accents and case are folded"
        elif stripped and top.name_type == PRIMARY:
            method, score, reason = "rule", 96.0, f"{NAME_TYPE_LABEL[top.name_type]} after descriptor words were dropped"
        else:
            method, score, reason = "alias", 96.0 if top.name_type == CURATED else 95.0, NAME_TYPE_LABEL[top.name_type]
        needs_review = False
        if top.name_type == ALTERNATE and top.entity.kind == "city" and top.entity.population < 50000:
            # one of a small town's many foreign or historic names ("Gneva" for Gniew) is more
            # often a misspelling of something else
            needs_review, score = True, min(score, 85.0)
            reason += " of a small town"
        elif top.name_type == ALTERNATE:
            doubt = self._alternate_doubt(fold_compact(variant), top.entity)
            if doubt:
                needs_review, score = True, min(score, 85.0)
                reason += f"; {doubt}"
        if hint in ("city", "region") and top.entity.kind in ("city", "region") and top.entity.kind != hint:
            # "Kaliningrad Oblast" with no such region known: the city of that name, for a person to check
            needs_review, score = True, min(score, 85.0)
            reason += f"; the text announces a {hint}"
        if len(ranked) > 1:
            runner = ranked[1]
            gap = top.total - runner.total
            same_place = runner.entity.country == top.entity.country and {runner.entity.kind, top.entity.kind} == {"city", "region"}
            if (gap < AMBIGUOUS_GAP or top.context_decided) and not same_place:
                needs_review, score = True, min(score, 80.0)
                reason += f"; ambiguous with {runner.entity.name} ({runner.entity.key})"
                if top.context_decided:
                    reason += ", chosen by the co-partners' countries and size"
        return Resolution(raw, top.entity, method, score, needs_review, reason, self._candidates(ranked), top.entity.kind)

    def _near(self, query: str) -> list[tuple[str, float, int]]:
        """Gazetteer names near `query` (compact folded): (name, similarity, edits), best first.

        The candidate index gives the names within one edit; when none is that near, within two;
        when none of those is near enough to accept, the trigram-blocked pool (several errors in
        a long name, names written together). The edits to the nearest small place outside the
        gazetteer are kept apart (`_small_cache`): such a place is a runner-up, never an answer."""
        cached = self._near_cache.get(query)
        if cached is not None:
            return cached
        names, small = self.gz.near_names(query)
        near = _scored(query, names)
        if len(query) >= 6 and not any(d <= 1 for _, _, d in near):
            names, small = self.gz.near_names(query, depth=2)
            near = _scored(query, names)
        if not any(sim >= self.accept_at for _, sim, _ in near):
            pool = self.gz.fuzzy_candidates(query)
            matches = process.extract(query, pool, scorer=fuzz.ratio, limit=20, score_cutoff=self.accept_at - 20)
            seen = {n for n, _, _ in near}
            near += _scored(query, [m[0] for m in matches if m[0] not in seen])
        floor = self.accept_at - 8
        out = sorted((x for x in near if x[1] >= floor), key=lambda x: (-x[1], x[0]))
        self._near_cache[query] = out
        self._small_cache[query] = min((d for _, _, d in _scored(query, small)), default=None) if small else None
        return out

    def _fuzzy(self, raw: str, variant: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        folded = fold(variant)
        query = folded.replace(" ", "")
        if len(query) < 5:
            return None
        found: list[tuple[Entity, int]] = []
        sims: list[float] = []
        matched: list[tuple[str, int]] = []
        for name, sim, edits in self._near(query):
            for e, t in self.gz.entries_for_compact(name):
                sims.append(sim)
                matched.append((name, edits))
                found.append((e, t))
        if not found:
            return None
        ranked = self._rank(found, sims, hint, countries, matched)
        top = ranked[0]
        extra_words = folded.count(" ") - self._spaces(top.entity)
        if extra_words > 0:
            # more words than the name: perhaps several names written together ("Wielkopol uskie")
            top.similarity -= 8.0 * extra_words
        if top.similarity < self.accept_at:
            return None
        others = [s for s in ranked[1:] if s.entity.key != top.entity.key]
        runner_sim = max((s.similarity for s in others), default=0.0)
        margin = top.similarity - runner_sim
        evidence = Evidence(
            length=len(query), edits=top.edits, edit_kind=edit_kind(query, top.matched),
            margin=round(margin, 2), kind=top.entity.kind, population=top.entity.population,
            name_type=top.name_type, in_context=bool(countries) and top.entity.country in countries,
            context_decided=top.context_decided, matched=top.matched, european=top.entity.european,
            prior_margin=round(top.total - max((s.total for s in others), default=top.total - 99.0), 2),
            **_runner_up(others, [], self._small_cache.get(query)))
        if extra_words > 0:
            evidence = evidence.doubt("more words than the name")
        doubt = self.certain_rule.why_doubtful(evidence)
        if not doubt:
            # the mention may also be another place's name with its start or end cut ("kutskaya
            # oblast" is one letter off Kurskaya and Irkutskaya cut): asked only when it matters
            cut = self._cut_edits(query, top.entity.key)
            if cut:
                evidence = evidence._replace(**_runner_up(others, cut, self._small_cache.get(query)))
                doubt = self.certain_rule.why_doubtful(evidence)
        score = round(min(top.similarity, 94.0) - (0 if margin >= self.margin else self.margin - margin), 1)
        reason = f"fuzzy match {top.similarity:.0f} on {NAME_TYPE_LABEL[top.name_type]}; runner-up {runner_sim:.0f}"
        reason += f"; to check: {doubt}" if doubt else "; certain: one typing error, no other place as near"
        return Resolution(raw, top.entity, "fuzzy", score, bool(doubt), reason, self._candidates(ranked),
                          top.entity.kind, evidence)

    def _spaces(self, entity: Entity) -> int:
        """Spaces in the folded canonical name of `entity` (words - 1), kept per entity."""
        n = self._name_spaces.get(entity.key)
        if n is None:
            n = self._name_spaces[entity.key] = fold(entity.name).count(" ")
        return n

    def _alternate_doubt(self, query: str, entity: Entity) -> str:
        """Why one of a place's alternate names (GeoNames lists every language's, and some noise)
        is no certain answer: the place is far from Europe, a small place is called so, or the own
        name of another place (in Europe, or bigger) is one letter off (a misspelt "Athen" is an
        old name of Aachen)."""
        if not entity.european:
            return "an alternate name of a place outside Europe"
        for name, _, edits in self._near(query) if len(query) >= 5 else []:
            if edits > 1 or name == query:
                continue
            entries = self.gz.entries_for_compact(name)
            if all(e.key != entity.key for e, _ in entries) and any(
                    t != ALTERNATE and (e.european or e.population >= entity.population) for e, t in entries):
                return f"one letter off the name {name!r} of another place"
        if self._small_cache.get(query) == 0:
            return "also the name of a small place"
        return ""

    def _cut_edits(self, query: str, key: str) -> list[int]:
        """[1] when `query` (compact folded) is the cut start or end of the name of a place other
        than `key`: one error (the cut), a runner-up of a near spelling; else []."""
        for name in self.gz.with_suffix(query, limit=5) + self.gz.with_prefix(query, limit=5):
            if len(name) - len(query) <= CUT_LETTERS and name != query:
                entries = self.gz.entries_for_compact(name)
                if any(t != ALTERNATE for _, t in entries) and all(e.key != key for e, _ in entries):
                    return [1]
        return []

    def _truncated(self, raw: str, variant: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        query = fold(variant).replace(" ", "")
        if len(query) < self.truncated_min:
            return None
        found: list[tuple[Entity, int]] = []
        sims: list[float] = []
        matched: list[tuple[str, int]] = []
        for name in self.gz.with_suffix(query) + self.gz.with_prefix(query):
            if name == query:
                continue
            for e, t in self.gz.entries_for_compact(name):
                if e.kind == "city" and e.population < 50000:
                    continue  # a cut name is only completed to a place big enough to be a partner
                if t == ALTERNATE:
                    continue  # nor to a foreign-language name (a cut "Talinn" is no "Lappeenranta linn")
                sims.append(80.0 + 15.0 * len(query) / len(name))
                matched.append((name, len(name) - len(query)))
                found.append((e, t))
        if not found:
            return None
        ranked = self._rank(found, sims, hint, countries, matched)
        top = ranked[0]
        score = round(top.similarity, 1)
        kind = "cut_start" if top.matched.endswith(query) else "cut_end"
        reason = f"completed a cut name from its {'ending' if kind == 'cut_start' else 'beginning'}"
        others = [s for s in ranked[1:] if s.entity.key != top.entity.key]
        if others:
            reason += f"; {len(others)} other completion(s)"
            score = min(score, top.similarity - 5)
        # the nearest spelling of another place counts as a runner-up too ("ippstadt")
        spelt = [(n, d) for n, _, d in self._near(query) if all(e.key != top.entity.key for e, _ in
                                                               self.gz.entries_for_compact(n))] if len(query) >= 5 else []
        # another completion is one error too, however many letters its cut took
        for s in others:
            s.edits = 1
        spelt_runner = [1] if any(d <= 1 for _, d in spelt) else [2] if spelt else []
        evidence = Evidence(
            length=len(query), edits=top.edits, edit_kind=kind,
            **_runner_up(others, spelt_runner, self._small_cache.get(query)),
            margin=round(top.similarity - max((s.similarity for s in others), default=0.0), 2),
            kind=top.entity.kind, population=top.entity.population, name_type=top.name_type,
            in_context=bool(countries) and top.entity.country in countries, context_decided=top.context_decided,
            matched=top.matched, european=top.entity.european,
            prior_margin=round(top.total - max((s.total for s in others), default=top.total - 99.0), 2))
        doubt = self.certain_rule.why_doubtful(evidence)
        reason += f"; to check: {doubt}" if doubt else "; certain: one cut, no other place as near"
        return Resolution(raw, top.entity, "rule", score, bool(doubt), reason,
                          self._candidates(ranked), top.entity.kind, evidence)

    # ---- mentions that hold several names ---------------------------------------------------

    def _taken_apart(self, text: str, hint: str | None, countries: frozenset[str]) -> list[Resolution]:
        if re.search(r"\w-\w", text):
            parts = [p for p in text.split("-") if p.strip()]
            if len(parts) >= 2:
                resolved = [self._resolve_one(p.strip(), None, countries) for p in parts]
                if all(r is not None and not r.needs_review for r in resolved):
                    ents = [r.entity for r in resolved if r is not None and r.entity is not None]
                    codes = [self._region_code(e) for e in ents]
                    if all(codes):
                        idx = entity_for_target(self.gz, "iso:" + ";".join(c for c in codes if c))
                        if idx is not None:
                            e = self.gz.entities[idx]
                            return [Resolution(text, e, "rule", 90.0, True, "combined name of regions", [], "region")]
        words = text.split()
        if len(words) < 2:
            return []
        best: list[Resolution] = []
        best_score = 0.0
        for cut in range(1, len(words)):
            pieces = [" ".join(words[:cut]), " ".join(words[cut:])]
            if any(self._is_descriptor_only(p) for p in pieces):
                continue
            left, right = (self._resolve_one(p, hint, countries) for p in pieces)
            if left is None or right is None or left.entity is None or right.entity is None:
                continue
            if left.entity.key == right.entity.key:
                continue
            low = min(left.score, right.score)
            if low >= self.accept_at + 5 and low > best_score:
                best_score = low
                best = [left, right]
        for r in best:
            r.raw = text
            _doubt(r, "one of several names written together")
            r.reason = "one of several names written together; " + r.reason
        return best

    def _is_descriptor_only(self, text: str) -> bool:
        words = [w.lower() for w in text.split()]
        lead = set(self.rules.leading_words)
        return all(w in self.descriptors or w in lead or w in ("of", "in") for w in words)

    def _region_code(self, e: Entity) -> str | None:
        if e.kind == "region" and e.iso3166_2:
            return e.iso3166_2
        if e.kind == "city":
            for cand, _ in self.gz.lookup(e.name):
                if cand.kind == "region" and cand.country == e.country and cand.iso3166_2:
                    return cand.iso3166_2
        return None

    def _not_a_place(self, raw: str, text: str, hint: str | None) -> Resolution:
        words = {w.strip(".,()").lower() for w in text.split()}
        if words & self.org_words and len(text) > 3:
            return Resolution(raw, _org_entity(text), "rule", 70.0, True,
                              "not a known place; the words say organisation", [], "organisation")
        return Resolution(raw, None, "unresolved", 0.0, True, "no place or organisation of this name", [],
                          hint or "unknown")

    # ---- review decisions -----------------------------------------------------------------

    def _load_decisions(self) -> dict[str, list[Resolution]]:
        """Review decisions by folded mention; a target may name several places (`iso:PL-30 + iso:PL-08`)."""
        out: dict[str, list[Resolution]] = {}
        for row in self.rules.review:
            decision = row.get("decision", "").lower()
            raw = row["raw"]
            if decision in ("accept", "pick"):
                found = [entity_for_target(self.gz, t) for t in row["target"].split(" + ")]
                if not found or any(i is None for i in found):
                    continue
                entities = [self.gz.entities[i] for i in found if i is not None]
                out[fold(raw)] = [Resolution(raw, e, "review", 100.0, False, "decided by a reviewer", [], e.kind)
                                  for e in entities]
            elif decision == "reject":
                out[fold(raw)] = [Resolution(raw, None, "review", 100.0, False, "rejected by a reviewer: not a place",
                                             [], "unknown")]
        return out


def _runner_up(others: list[_Scored], cut: list[int], small: int | None) -> dict[str, Any]:
    """The nearest other candidate as `Evidence` fields: the nearest place (ties: the strongest),
    unless a cut name of another place (`cut`) or a small place outside the gazetteer (`small`:
    its edits) is nearer."""
    out: dict[str, Any] = {"runner_up_edits": None, "runner_up": ""}
    if others:
        r = min(others, key=lambda s: (s.edits, -s.total))
        out = {"runner_up_edits": r.edits, "runner_up": "place", "runner_up_population": r.entity.population,
               "runner_up_european": r.entity.european, "runner_up_name_type": r.name_type,
               "runner_up_country": r.entity.country or ""}
    for edits, source in ((min(cut, default=None), "cut"), (small, "small")):
        if edits is not None and (out["runner_up_edits"] is None or edits < out["runner_up_edits"]):
            out = {"runner_up_edits": edits, "runner_up": source}
    return out


def _doubt(r: Resolution, reason: str) -> None:
    r.needs_review = True
    if r.evidence is not None:
        r.evidence = r.evidence.doubt(reason)


def _scored(query: str, names: list[str]) -> list[tuple[str, float, int]]:
    """(name, similarity, edits) of each name against `query`; similarity as `typo_similarity`."""
    out = []
    for name in names:
        d = OSA.distance(query, name)
        out.append((name, 100.0 * (1.0 - d / (len(query) + len(name))), d))
    return out


def typo_similarity(a: str, b: str) -> float:
    """0-100, on the scale of rapidfuzz's `ratio`, but a swapped or wrong letter costs one edit as a
    missing one does (optimal string alignment), so `Kanuas` is as near `Kaunas` as `Kaunsa` is.
    (Never below `ratio`: its insertions and deletions are edits here too.)"""
    if not a or not b:
        return 0.0
    return 100.0 * (1.0 - OSA.distance(a, b) / (len(a) + len(b)))


def _org_entity(name: str) -> Entity:
    return Entity(key=f"org:{name.lower()}", name=name, kind="organisation")

