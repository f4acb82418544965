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

from baltmet_extract.normalise.calibration import CertainRule
from baltmet_extract.normalise.folding import LIMIT, Folds
from baltmet_extract.normalise.gazetteer import (
    ALTERNATE,
    CURATED,
    NAME_TYPE_LABEL,
    PRIMARY,
    Entity,
    Gazetteer,
    entity_for_target,
)
from baltmet_extract.normalise.ranking import AMBIGUOUS_GAP, Ranker
from baltmet_extract.normalise.regionforms import adjective_stems, split_region_words
from baltmet_extract.normalise.resolution import Resolution, doubt
from baltmet_extract.normalise.spelling import NearSpellings, typo_similarity
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing

#: a comma or a spaced dash: the partner is named before it, a unit of it after
_UNIT_AFTER = re.compile(r",|\s[–—-]\s")


def _copy(r: Resolution | None) -> Resolution | None:
    """A shallow copy of `r`, as `copy.copy` makes it (whose pickling machinery costs more)."""
    if r is None:
        return None
    return Resolution(r.raw, r.entity, r.method, r.score, r.needs_review, r.reason, r.candidates, r.kind,
                      r.evidence, r.others)


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
        self.ranker = Ranker(self.home_bonus)
        self.folds = Folds()
        self.spelling = NearSpellings(gazetteer, self.ranker, self.certain_rule, self.accept_at, self.margin,
                                      self.truncated_min, self.folds)
        self._cache: dict[tuple[str, str | None, frozenset[str]], list[Resolution]] = {}
        #: mentions (as written, kind hint) whose answer the co-partners' countries cannot change
        self._context_free: dict[tuple[str, str | None, frozenset[str]], bool] = {}
        #: `_cleaned`, `_resolve_one` and `_descriptor_steps` of the texts seen
        self._clean: dict[str, str] = {}
        self._one: dict[tuple[str, str | None, frozenset[str]], tuple[Resolution | None, bool]] = {}
        self._steps: dict[str, list[tuple[str, str | None]]] = {}
        self.decisions = self._load_decisions()

    # ---- public ---------------------------------------------------------------------------

    def resolve(self, raw: str, kind_hint: str | None = None, countries: frozenset[str] = frozenset()) -> list[Resolution]:
        """Resolve one mention; a mention that names several places gives several results."""
        # kept per mention as written: "Malmo" and "Malmö" fold alike but are answered apart (an
        # exact name scores above one matched once accents are folded), so that an answer never
        # depends on which spelling a run met first; a name from a small letter, which may be cut
        # at its start, has its own answer so too
        written = raw.strip()
        key = (written, kind_hint, countries)
        cached = self._cache.get(key)
        if cached is None:
            # the mention alone first: when no ranking it made was close enough for the co-partners'
            # countries to change (most are not), the answer with context is the same
            alone: tuple[str, str | None, frozenset[str]] = (written, kind_hint, frozenset())
            cached = self._cache.get(alone)
            if cached is None:
                self.ranker.context_matters = False
                cached = self._resolve(raw, kind_hint, frozenset())
                self._cache[alone] = cached
                self._context_free[alone] = not self.ranker.context_matters
            if countries and not self._context_free[alone]:
                cached = self._resolve(raw, kind_hint, countries)
            elif countries and any(r.others for r in cached):
                # the same answer; its runner-ups in the order the countries give them
                cached = [Resolution(r.raw, r.entity, r.method, r.score, r.needs_review, r.reason,
                                     Ranker.candidates_among(r.others, countries) if r.others else r.candidates,
                                     r.kind, r.evidence, r.others) for r in cached]
            self._cache[key] = cached
        return [Resolution(raw, r.entity, r.method, r.score, r.needs_review, r.reason, r.candidates, r.kind,
                           r.evidence.seen_with(r.entity, countries) if r.evidence and r.entity else r.evidence,
                           r.others)
                for r in cached]

    def look_up_ahead(self, raws: list[str]) -> None:
        """Prepare the mentions `raws` about to be resolved: the near spellings of those that are
        no known name are looked up together (the answers are the same; only faster)."""
        queries = []
        for raw in raws:
            text = self._cleaned(raw)
            steps = self._descriptor_steps(text)
            if any(variant and self._lookup(variant) for variant, _ in steps):
                continue
            for variant in (text, steps[-1][0]):
                query = self.folds.compact(variant)
                if len(query) >= 5:
                    queries.append(query)
        self.spelling.look_up_ahead(queries)

    def names_one_place(self, text: str) -> bool:
        """True when `text` as a whole is one place or organisation, certainly: words joined by a
        conjunction that are one name ("Møre og Romsdal", "Mo i Rana"), not two partners. Only
        a known name or one letter off it counts (cheap: most such texts are two names)."""
        text = self._cleaned(text)
        query = self.folds.compact(text)
        known = any(variant and self._lookup(variant) for variant, _ in self._descriptor_steps(text))
        if not known and not self.spelling.one_letter_off(query):
            return False
        found = self.resolve(text)
        return len(found) == 1 and found[0].entity is not None and not found[0].needs_review

    # ---- cascade --------------------------------------------------------------------------

    def _resolve(self, raw: str, hint: str | None, countries: frozenset[str]) -> list[Resolution]:
        text = self._cleaned(raw)
        decided = (self.decisions.get(self.folds.fold(raw)) or self.decisions.get(self.folds.fold(text))) if self.decisions else None
        if decided is not None:
            return decided
        if "/" in text:
            alternatives = self._alternatives(text, hint, countries)
            if alternatives is not None:
                return [alternatives]
        pieces = _UNIT_AFTER.split(text, maxsplit=1)
        if len(pieces) == 2 and pieces[0].strip() and self._lookup(text) == []:
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
        doubt(best, "the names on either side of '/' disagree")
        best.reason += "; the names on either side of '/' disagree"
        return best

    def _resolve_one(self, text: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        """`_one_name`, kept per text, hint and countries: parts of mentions come again and again
        ("Region" of "Region, Dalarnas"), each a costly search. A copy is given out (callers add
        to its reason), and whether a ranking made it close enough for the countries to matter
        is noted as if it had been made again."""
        key = (text, hint, countries)
        kept = self._one.get(key)
        if kept is None:
            before = self.ranker.context_matters
            self.ranker.context_matters = False
            found = self._one_name(text, hint, countries)
            if len(self._one) >= LIMIT:
                self._one.clear()
            kept = self._one[key] = (_copy(found), self.ranker.context_matters)
            self.ranker.context_matters = before or kept[1]
            return found
        if kept[1]:
            self.ranker.context_matters = True
        return _copy(kept[0])

    def _one_name(self, text: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        steps = self._descriptor_steps(text)
        stripped, hint2 = steps[-1]
        hint = hint or hint2
        # the name with fewer and fewer descriptor words: "Stockholm County Council" is found as
        # "Stockholm County" before "Stockholm" is tried
        for i, (variant, step_hint) in enumerate(steps):
            if not variant:
                continue
            found = self._lookup(variant)
            if found:
                return self._from_exact(text, variant, found, hint or step_hint, countries, i > 0)
        best: Resolution | None = None
        for variant in dict.fromkeys([text, stripped]):
            if not variant:
                continue
            fuzzy = self.spelling.fuzzy(text, variant, hint, countries)
            # the mention found whole inside a longer name is stronger evidence than a near spelling,
            # unless the spelling is one letter off ("Talinn") or nearly exact
            one_off = fuzzy is not None and fuzzy.evidence is not None and fuzzy.evidence.edits <= 1 and \
                fuzzy.evidence.matched[:1] == self.folds.compact(variant)[:1]
            cut = None if one_off else self.spelling.truncated(text, variant, hint, countries)
            if cut is not None and (fuzzy is None or fuzzy.score < 93):
                fuzzy = None
            if cut is not None and fuzzy is not None and cut.key != fuzzy.key:
                # a near spelling of one name and the cut end of another: a person decides
                doubt(fuzzy, "a cut name of another place")
                fuzzy.reason += f"; or a cut {cut.name} ({cut.key})"
                fuzzy.candidates = [(f"{cut.name} ({cut.key})", cut.score), *fuzzy.candidates]
                fuzzy.others = ()  # the runner-ups shown are not one ranking's
            for r in (fuzzy, cut):
                if r is not None and (best is None or r.score > best.score):
                    best = r
        if best is not None and hint and best.kind in ("city", "region", "country") and best.kind != hint:
            doubt(best, "the text announces another kind")
            best.reason += f"; the text announces a {hint}"
        return best

    def _descriptor_steps(self, text: str) -> list[tuple[str, str | None]]:
        """The mention, then without one more leading or trailing descriptor word at each step,
        each with the kind the words dropped so far announce ("City of X": a city; "council",
        "government": the authority of a place, no kind). Kept per text (callers only read it)."""
        steps = self._steps.get(text)
        if steps is None:
            if len(self._steps) >= LIMIT:
                self._steps.clear()
            steps = self._steps[text] = self._steps_of(text)
        return steps

    def _steps_of(self, text: str) -> list[tuple[str, str | None]]:
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

    def _cleaned(self, raw: str) -> str:
        """The mention with its spacing cleaned and its outer punctuation dropped, kept per mention."""
        text = self._clean.get(raw)
        if text is None:
            if len(self._clean) >= LIMIT:
                self._clean.clear()
            text = self._clean[raw] = clean_spacing(raw).strip(" ,;:.()[]")
        return text

    def _lookup(self, name: str) -> list[tuple[Entity, int]]:
        """`Gazetteer.lookup`, with the folding remembered."""
        return self.gz.entries_for_compact(self.folds.compact(name))

    def _kind_of(self, word: str) -> str | None:
        kind = self.descriptors.get(word)
        return None if kind == "authority" else kind

    # ---- exact names -----------------------------------------------------------------------

    def _from_exact(self, raw: str, variant: str, found: list[tuple[Entity, int]], hint: str | None,
                    countries: frozenset[str], stripped: bool) -> Resolution:
        if hint == "region" and stripped and not any(e.kind == "region" for e, _ in found):
            # "Kaliningrad Oblast": the region named by the adjective ("Kaliningradskaya oblast"),
            # not the city of the stem
            stems = [(e, t) for s in adjective_stems(variant, self.rules) for e, t in self._lookup(s)
                     if e.kind == "region"]
            if stems:
                ranked = self.ranker.rank(stems, None, hint, countries)
                top = ranked[0]
                candidates, others = Ranker.shown(ranked)
                return Resolution(raw, top.entity, "rule", 95.0, len({s.entity.key for s in ranked}) > 1,
                                  "the region whose adjectival name this is the stem of", candidates, "region",
                                  others=others)
        ranked = self.ranker.rank(found, None, hint, countries)
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
            why = self.spelling.alternate_doubt(self.folds.compact(variant), top.entity)
            if why:
                needs_review, score = True, min(score, 85.0)
                reason += f"; {why}"
        if raw.strip()[:1].islower() and len(ranked) == 1:
            # a name written from a small letter may be cut at its start: "estland" is Estland
            # (Estonia) or the end of "Vestland"; a person decides when another place ends so
            cut = self.spelling.truncated(raw, variant, hint, countries)
            if cut is not None and cut.entity is not None and cut.entity.key != top.entity.key:
                needs_review, score = True, min(score, 85.0)
                reason += f"; written from a small letter, perhaps the cut end of {cut.entity.name} ({cut.entity.key})"
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
        candidates, others = Ranker.shown(ranked)
        return Resolution(raw, top.entity, method, score, needs_review, reason, candidates, top.entity.kind,
                          others=others)

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
            doubt(r, "one of several names written together")
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
            for cand, _ in self._lookup(e.name):
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
                out[self.folds.fold(raw)] = [Resolution(raw, e, "review", 100.0, False, "decided by a reviewer", [], e.kind)
                                  for e in entities]
            elif decision == "reject":
                out[self.folds.fold(raw)] = [Resolution(raw, None, "review", 100.0, False, "rejected by a reviewer: not a place",
                                             [], "unknown")]
        return out


def _org_entity(name: str) -> Entity:
    return Entity(key=f"org:{name.lower()}", name=name, kind="organisation")



__all__ = ["Resolution", "Resolver", "typo_similarity"]
