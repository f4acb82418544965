"""Ranking the candidates of a mention: a name's similarity plus priors (size, the kind the text
announces, the co-partners' countries, Europe); the answer a mention gets is a `resolution.Resolution`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

from baltmet_extract.normalise.gazetteer import ALTERNATE, CURATED, DERIVED, PRIMARY, Entity, population_prior

NAME_TYPE_BONUS = {PRIMARY: 2.0, CURATED: 2.0, DERIVED: 1.0, ALTERNATE: 0.5}
#: prior points for a place in one of the co-partners' countries
COUNTRY_BONUS = 2.5
#: ranking points under which two exact namesakes are ambiguous
AMBIGUOUS_GAP = 2.0


@dataclass(slots=True)
class Scored:
    """A candidate place with its similarity and its total (similarity and priors)."""

    entity: Entity
    name_type: int
    similarity: float
    total: float
    #: the total without the co-partners' countries
    plain: float = 0.0
    #: the co-partners' countries, not the name, made this the first candidate
    context_decided: bool = False
    #: the gazetteer name (compact folded) that was matched, and the edits from it to the mention
    matched: str = ""
    edits: int = 0


_KINDS = frozenset(("city", "region", "country"))
#: the name and edits of a candidate found by its exact name
_UNMATCHED = ("", 0)


def _by_total(s: Scored) -> tuple[float, str]:
    return (-s.total, s.entity.key)


def _by_plain(s: Scored) -> tuple[float, str]:
    return (-s.plain, s.entity.key)


class Ranker:
    """Orders candidates; notes whether the co-partners' countries could have changed an order."""

    def __init__(self, home_bonus: float) -> None:
        self.home_bonus = home_bonus
        #: set when a ranking made without countries was close enough for them to change it
        self.context_matters = False
        #: the part of a candidate's prior that depends on neither the text nor the context
        self._static: dict[tuple[str, int], float] = {}

    def prior(self, e: Entity, name_type: int, hint: str | None, countries: frozenset[str]) -> float:
        p = self._static.get((e.key, name_type))
        if p is None:
            p = population_prior(e) + NAME_TYPE_BONUS.get(name_type, 0.0) + (self.home_bonus if e.european else 0.0)
            self._static[(e.key, name_type)] = p
        if hint and e.kind in ("city", "region", "country"):
            p += 3.0 if e.kind == hint else -3.0
        if countries and e.country in countries:
            p += COUNTRY_BONUS
        return p

    def rank(self, found: list[tuple[Entity, int]], similarity: list[float] | None, hint: str | None,
             countries: frozenset[str], matched: list[tuple[str, int]] | None = None) -> list[Scored]:
        """The candidates `found` (entity, name type), best first, one per entity."""
        best: dict[str, Scored] = {}
        static = self._static
        home = self.home_bonus
        with_country = 2.0 * COUNTRY_BONUS if countries else 0.0
        for (e, t), sim, (name, edits) in zip(found, similarity or repeat(100.0), matched or repeat(_UNMATCHED)):
            key = e.key
            p = static.get((key, t))
            if p is None:
                p = static[(key, t)] = population_prior(e) + NAME_TYPE_BONUS.get(t, 0.0) + (home if e.european else 0.0)
            if hint and e.kind in _KINDS:
                p += 3.0 if e.kind == hint else -3.0
            # the total without the co-partners' countries (`plain`), and with them
            plain = sim + 2.0 * p
            total = plain + with_country if with_country and e.country in countries else plain
            held = best.get(key)
            if held is None or total > held.total:
                best[key] = Scored(e, t, sim, total, plain, False, name, edits)
        ranked = list(best.values())
        if len(ranked) > 1:
            ranked.sort(key=_by_total)
        if not countries and len(ranked) > 1 and not self.context_matters:
            top = ranked[0]
            # the countries could lift another place past the first, or change how near the two are
            reach = 2.0 * COUNTRY_BONUS + AMBIGUOUS_GAP
            self.context_matters = any(s.entity.country != top.entity.country and top.total - s.total < reach
                                       for s in ranked[1:])
        if countries and len(ranked) > 1:
            # the first without the countries, ties broken as the ranking breaks them (`_by_total`)
            plain_top = min(ranked, key=_by_plain)
            top = ranked[0]
            if plain_top is not top and plain_top.similarity >= top.similarity:
                top.context_decided = True
                if plain_top.entity.kind == top.entity.kind == "city" and plain_top.entity.population >= 10 * max(
                        top.entity.population, 1):
                    # co-partners' countries break ties between comparable namesakes; they do not turn
                    # a city of 300,000 into a village of 13,000
                    ranked.remove(plain_top)
                    ranked.insert(0, plain_top)
                    plain_top.context_decided = True
        if len(ranked) > 1 and hint != "region":
            a, b = ranked[0], ranked[1]
            # a city and the region of the same name in one country (Berlin, Vienna, Hamburg): the city
            if a.entity.kind == "region" and b.entity.kind == "city" and a.entity.country == b.entity.country \
                    and b.entity.population >= 100000 and b.similarity >= a.similarity:
                ranked[0], ranked[1] = b, a
        return ranked

    @staticmethod
    def shown(ranked: list[Scored]) -> tuple[list[tuple[str, float]], tuple[tuple[str, float, float, str], ...]]:
        """The runner-ups of `ranked` as the report shows them (name (key) and similarity, the first
        three), and the first eight kept to be shown in another context (`candidates_among`): each
        labelled once."""
        if len(ranked) < 2:
            return [], ()
        others = tuple((f"{s.entity.name} ({s.entity.key})", round(s.similarity, 1), s.total, s.entity.country or "")
                       for s in ranked[1:9])
        return [(o[0], o[1]) for o in others[:3]], others

    @staticmethod
    def candidates_among(others: tuple[tuple[str, float, float, str], ...],
                         countries: frozenset[str]) -> list[tuple[str, float]]:
        """The runner-ups of a ranking made without context, in the order the co-partners'
        `countries` give them (the first place stays first: they could not change it)."""
        order = sorted(others, key=lambda o: (-(o[2] + (2.0 * COUNTRY_BONUS if o[3] in countries else 0.0)),
                                              o[0][o[0].rfind("(") + 1:]))
        return [(label, sim) for label, sim, _, _ in order[:3]]


__all__ = ["AMBIGUOUS_GAP", "COUNTRY_BONUS", "NAME_TYPE_BONUS", "Ranker", "Scored"]
