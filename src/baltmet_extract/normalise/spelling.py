"""Near spellings and cut names: the gazetteer names a damaged mention may mean ("Schweinfudt",
"ippstadt", "randenburg"), the evidence each answer rests on, and whether that evidence is strong
enough to leave the answer unflagged (the measured rule of `calibration`).

Candidates come from the candidate index (names within one edit, cached per mention), then, when
none is that near, from two edits deep, then from the trigram-blocked pool. Small places the
gazetteer knows only by name, and other places' names cut short, count as runner-ups.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from baltmet_extract.normalise.calibration import CertainRule, Evidence, edit_kind
from baltmet_extract.normalise.folding import Folds
from baltmet_extract.normalise.gazetteer import ALTERNATE, CUT_LETTERS, NAME_TYPE_LABEL, Entity, Gazetteer
from baltmet_extract.normalise.ranking import Ranker, Scored
from baltmet_extract.normalise.resolution import Resolution


class NearSpellings:
    """Fuzzy and cut-name matching against one gazetteer, with per-mention caches."""

    def __init__(self, gz: Gazetteer, ranker: Ranker, rule: CertainRule, accept_at: float, margin: float,
                 truncated_min: int, folds: Folds | None = None) -> None:
        self.gz = gz
        self.folds = folds or Folds()
        self.ranker = ranker
        self.rule = rule
        self.accept_at = accept_at
        self.margin = margin
        self.truncated_min = truncated_min
        #: near spellings of a compact folded query: (name, similarity, edits), best first; they do
        #: not depend on the context, so a mention seen with several contexts is searched once
        self._near: dict[str, list[tuple[str, float, int]]] = {}
        #: edits from a query to the nearest small place outside the gazetteer (None: none found)
        self._small: dict[str, int | None] = {}
        self._spaces: dict[str, int] = {}

    def look_up_ahead(self, queries: list[str]) -> None:
        """Search the near spellings of many queries (compact folded) at once, for `near` to give:
        the same answers as one by one, found faster together (the index and the trigram pool
        are read in a few numpy passes for all of them)."""
        todo = [q for q in dict.fromkeys(queries) if q not in self._near]
        if todo:
            self._search(todo)

    def near(self, query: str) -> list[tuple[str, float, int]]:
        """Gazetteer names near `query` (compact folded): (name, similarity, edits), best first.

        The candidate index gives the names within one edit; when none is that near, within two,
        and the trigram-blocked pool too (several errors in a long name, names written together).
        The edits to the nearest small place outside the gazetteer are kept apart (`small_edits`):
        such a place is a runner-up, never an answer."""
        cached = self._near.get(query)
        if cached is None:
            self._search([query])
            cached = self._near[query]
        return cached

    def _search(self, queries: list[str]) -> None:
        """`near` of each of `queries` (distinct, not searched yet), into the caches."""
        gz, one = self.gz, len(queries) == 1
        found = [gz.near_names(queries[0])] if one else gz.near_names_many(queries)
        near: dict[str, list[tuple[str, float, int]]] = {}
        small: dict[str, list[str]] = {}
        deep, several = [], set()
        for q, (names, s) in zip(queries, found, strict=True):
            near[q] = scored(q, names)
            small[q] = s
            if not any(d <= 1 for _, _, d in near[q]):
                several.add(q)
                if len(q) >= 6:
                    deep.append(q)
        if deep:
            for q, (names, s) in zip(deep, [gz.near_names(deep[0], depth=2)] if len(deep) == 1 else
                                     gz.near_names_many(deep, depth=2), strict=True):
                near[q] = [x for x in scored(q, names) if x[2] <= 2]
                small[q] = s
        accept_at = self.accept_at
        floor = accept_at - 8
        for q in queries:
            here = near[q]
            if q in several or not any(sim >= accept_at for _, sim, _ in here):
                # several errors (or none near enough): the candidates that share the most letter
                # triples come along, for the answer and for the person who checks it
                pool = gz.fuzzy_candidates(q)
                matches = process.extract(q, pool, scorer=fuzz.ratio, limit=20, score_cutoff=accept_at - 20)
                seen = {n for n, _, _ in here}
                here += scored(q, [m[0] for m in matches if m[0] not in seen])
            kept = [x for x in here if x[1] >= floor]
            if len(kept) > 1:
                # best first, ties by name: two sorts on C keys, the second stable
                kept.sort(key=_NAME)
                kept.sort(key=_SIMILARITY, reverse=True)
            self._near[q] = kept
            s = small[q]
            self._small[q] = min(d for _, _, d in scored(q, s)) if s else None

    def small_edits(self, query: str) -> int | None:
        """Edits from `query` to the nearest small place outside the gazetteer (after `near`)."""
        return self._small.get(query)

    def fuzzy(self, raw: str, variant: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        """The best near spelling of `variant`, flagged unless the evidence is certain."""
        folded = self.folds.fold(variant)
        query = folded.replace(" ", "")
        if len(query) < 5:
            return None
        found: list[tuple[Entity, int]] = []
        sims: list[float] = []
        matched: list[tuple[str, int]] = []
        entries = self.gz.entries_for_compact
        for name, sim, edits in self.near(query):
            here = entries(name)
            found += here
            if len(here) == 1:
                sims.append(sim)
                matched.append((name, edits))
            else:
                sims += [sim] * len(here)
                matched += [(name, edits)] * len(here)
        if not found:
            return None
        ranked = self.ranker.rank(found, sims, hint, countries, matched)
        top = ranked[0]
        extra_words = folded.count(" ")
        if extra_words:  # (a name of one word has no more words than any name)
            extra_words -= self._spaces_in(top.entity)
        if extra_words > 0:
            # more words than the name: perhaps several names written together ("Wielkopol uskie")
            top.similarity -= 8.0 * extra_words
        if top.similarity < self.accept_at:
            return None
        others = ranked[1:]  # (one per entity)
        runner_sim, runner_total, near_other = 0.0, None, None
        for s in others:
            if s.similarity > runner_sim:
                runner_sim = s.similarity
            if runner_total is None or s.total > runner_total:
                runner_total = s.total
            if near_other is None or s.edits < near_other.edits or (
                    s.edits == near_other.edits and s.total > near_other.total):
                near_other = s
        margin = top.similarity - runner_sim
        e = top.entity
        small = self._small.get(query)
        evidence = Evidence(
            len(query), top.edits, edit_kind(query, top.matched), round(margin, 2), e.kind, e.population,
            top.name_type, bool(countries) and e.country in countries, top.context_decided, top.matched, e.european,
            round(top.total - (top.total - 99.0 if runner_total is None else runner_total), 2),
            *_runner_up(near_other, None, small))
        if extra_words > 0:
            evidence = evidence.doubt("more words than the name")
        doubt = self.rule.why_doubtful(evidence)
        if not doubt:
            # the mention may also be another place's name with its start or end cut ("kutskaya
            # oblast" is one letter off Kurskaya and Irkutskaya cut): asked only when it matters
            cut = self.cut_edits(query, e.key)
            if cut:
                evidence = evidence._replace(**dict(zip(RUNNER_UP_FIELDS, _runner_up(near_other, 1, small),
                                                        strict=True)))
                doubt = self.rule.why_doubtful(evidence)
        score = round(min(top.similarity, 94.0) - (0 if margin >= self.margin else self.margin - margin), 1)
        reason = f"fuzzy match {top.similarity:.0f} on {NAME_TYPE_LABEL[top.name_type]}; runner-up {runner_sim:.0f}"
        reason += f"; to check: {doubt}" if doubt else "; certain: one typing error, no other place as near"
        candidates, shown = Ranker.shown(ranked)
        return Resolution(raw, e, "fuzzy", score, bool(doubt), reason, candidates, e.kind, evidence, shown)

    def truncated(self, raw: str, variant: str, hint: str | None, countries: frozenset[str]) -> Resolution | None:
        """`variant` as the cut start or end of a longer name ("randenburg"), flagged unless certain."""
        query = self.folds.fold(variant).replace(" ", "")
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
        ranked = self.ranker.rank(found, sims, hint, countries, matched)
        top = ranked[0]
        score = round(top.similarity, 1)
        kind = "cut_start" if top.matched.endswith(query) else "cut_end"
        reason = f"completed a cut name from its {'ending' if kind == 'cut_start' else 'beginning'}"
        others = [s for s in ranked[1:] if s.entity.key != top.entity.key]
        if others:
            reason += f"; {len(others)} other completion(s)"
            score = min(score, top.similarity - 5)
        # the nearest spelling of another place counts as a runner-up too ("ippstadt")
        spelt = [d for n, _, d in self.near(query) if all(e.key != top.entity.key for e, _ in
                                                          self.gz.entries_for_compact(n))] if len(query) >= 5 else []
        # another completion is one error too, however many letters its cut took
        for s in others:
            s.edits = 1
        evidence = Evidence(
            length=len(query), edits=top.edits, edit_kind=kind,
            **runner_up(others, [min(min(spelt), 2)] if spelt else [], self.small_edits(query)),
            margin=round(top.similarity - max((s.similarity for s in others), default=0.0), 2),
            kind=top.entity.kind, population=top.entity.population, name_type=top.name_type,
            in_context=bool(countries) and top.entity.country in countries, context_decided=top.context_decided,
            matched=top.matched, european=top.entity.european,
            prior_margin=round(top.total - max((s.total for s in others), default=top.total - 99.0), 2))
        doubt = self.rule.why_doubtful(evidence)
        reason += f"; to check: {doubt}" if doubt else "; certain: one cut, no other place as near"
        candidates, shown = Ranker.shown(ranked)
        return Resolution(raw, top.entity, "rule", score, bool(doubt), reason, candidates, top.entity.kind, evidence,
                          shown)

    def alternate_doubt(self, query: str, entity: Entity) -> str:
        """Why one of a place's alternate names (GeoNames lists every language's, and some noise)
        is no certain answer: the place is far from Europe, a small place is called so, or the own
        name of another place (in Europe, or bigger) is one letter off (a misspelt "Athen" is an
        old name of Aachen)."""
        if not entity.european:
            return "an alternate name of a place outside Europe"
        for name, _, edits in self.near(query) if len(query) >= 5 else []:
            if edits > 1 or name == query:
                continue
            entries = self.gz.entries_for_compact(name)
            if all(e.key != entity.key for e, _ in entries) and any(
                    t != ALTERNATE and (e.european or e.population >= entity.population) for e, t in entries):
                return f"one letter off the name {name!r} of another place"
        if self.small_edits(query) == 0:
            return "also the name of a small place"
        return ""

    def cut_edits(self, query: str, key: str) -> list[int]:
        """[1] when `query` (compact folded) is the cut start or end of the name of a place other
        than `key`: one error (the cut), a runner-up of a near spelling; else []."""
        if not self.gz.may_be_cut(query):
            return []  # (no name is so cut: the common case, answered without a search)
        for name in self.gz.with_suffix(query, limit=5) + self.gz.with_prefix(query, limit=5):
            if len(name) - len(query) <= CUT_LETTERS and name != query:
                entries = self.gz.entries_for_compact(name)
                if any(t != ALTERNATE for _, t in entries) and all(e.key != key for e, _ in entries):
                    return [1]
        return []

    def one_letter_off(self, query: str) -> bool:
        """Some name is within one edit of `query` (compact folded): a cheap look, no ranking."""
        return any(OSA.distance(query, n) <= 1 for n in self.gz.near_names(query)[0])

    def _spaces_in(self, entity: Entity) -> int:
        """Spaces in the folded canonical name of `entity` (words - 1), kept per entity."""
        n = self._spaces.get(entity.key)
        if n is None:
            n = self._spaces[entity.key] = self.folds.fold(entity.name).count(" ")
        return n


#: the `Evidence` fields that describe the runner-up, in their order
RUNNER_UP_FIELDS = ("runner_up_edits", "runner_up", "runner_up_population", "runner_up_european",
                    "runner_up_name_type", "runner_up_country")


def runner_up(others: list[Scored], cut: list[int], small: int | None) -> dict[str, Any]:
    """The nearest other candidate as `Evidence` fields: the nearest place (ties: the strongest),
    unless a cut name of another place (`cut`: its errors) or a small place outside the gazetteer
    (`small`: its edits) is nearer."""
    nearest = min(others, key=lambda s: (s.edits, -s.total)) if others else None
    return dict(zip(RUNNER_UP_FIELDS, _runner_up(nearest, min(cut, default=None), small), strict=True))


def _runner_up(nearest: Scored | None, cut: int | None, small: int | None) -> tuple[Any, ...]:
    """`runner_up`'s fields in `Evidence`'s order, from the nearest other place already found."""
    out: tuple[Any, ...] = (None, "", 0, False, 0, "")
    if nearest is not None:
        out = (nearest.edits, "place", nearest.entity.population, nearest.entity.european, nearest.name_type,
               nearest.entity.country or "")
    for edits, source in ((cut, "cut"), (small, "small")):
        if edits is not None and (out[0] is None or edits < out[0]):
            out = (edits, source, 0, False, 0, "")
    return out


_NAME, _SIMILARITY = itemgetter(0), itemgetter(1)


def scored(query: str, names: list[str]) -> list[tuple[str, float, int]]:
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


__all__ = ["CUT_LETTERS", "NearSpellings", "runner_up", "scored", "typo_similarity"]
