"""Noisy variants of gazetteer names, to measure how well the resolver copes with damaged text.

`noisy_names` draws European cities and regions from the gazetteer and damages each the
ways documents do: typos, dropped or wrong diacritics, endonyms and exonyms, truncation,
spacing around hyphens, and the name written with its descriptor. `evaluate` resolves them
and counts right answers and wrong answers that were not flagged for review. Both the
tests and the benchmarks use them; seeded, so the same seed gives the same cases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from anyascii import anyascii

from baltmet_extract.normalise.gazetteer import ALTERNATE, CURATED, PRIMARY, Entity, Gazetteer
from baltmet_extract.normalise.resolver import Resolver
from baltmet_extract.textutil import fold

VARIATIONS = ["exact", "ascii", "wrong_diacritic", "typo_swap", "typo_drop", "typo_double", "endonym",
              "truncate_start", "truncate_end", "spacing", "descriptor"]
_ACCENTS = {"a": "á", "e": "é", "o": "ó", "u": "ú", "i": "í", "c": "č", "s": "š", "z": "ž", "n": "ń"}


@dataclass(frozen=True)
class NoisyName:
    text: str
    key: str
    variation: str
    original: str


@dataclass
class Evaluation:
    total: int = 0
    right: int = 0
    wrong_flagged: int = 0
    wrong_unflagged: list[tuple[NoisyName, str]] = field(default_factory=list)
    by_variation: dict[str, list[int]] = field(default_factory=dict)

    @property
    def top1(self) -> float:
        return self.right / self.total if self.total else 0.0




def _candidates(gz: Gazetteer) -> list[Entity]:
    out = []
    for e in gz.entities:
        if not e.european:
            continue
        if e.kind == "city" and e.population >= 50000:
            out.append(e)
        elif e.kind == "region" and e.iso3166_2 and ";" not in e.iso3166_2:
            out.append(e)
    return sorted(out, key=lambda e: e.key)


def _alternates_by_entity(gz: Gazetteer, wanted: set[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for name in gz.names:
        for index, name_type in gz.entries(name):
            if index in wanted and name_type in (ALTERNATE, CURATED):
                out.setdefault(index, []).append(name)
    return {k: sorted(v) for k, v in out.items()}


def _damage(rng: random.Random, name: str, variation: str) -> str | None:
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    if variation == "exact":
        return name
    if variation == "ascii":
        plain = anyascii(name)
        return plain if plain != name else None
    if variation == "wrong_diacritic":
        spots = [i for i in letters if name[i].lower() in _ACCENTS and 0 < i < len(name) - 1]
        if not spots:
            return None
        i = rng.choice(spots)
        return name[:i] + _ACCENTS[name[i].lower()] + name[i + 1:]
    if len(name) < 6:
        return None
    inner = [i for i in letters if 1 <= i < len(name) - 2 and name[i + 1].isalpha()]
    if variation == "typo_swap" and inner:
        i = rng.choice(inner)
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if variation == "typo_drop" and inner:
        i = rng.choice(inner)
        return name[:i] + name[i + 1:]
    if variation == "typo_double" and inner:
        i = rng.choice(inner)
        return name[:i] + name[i] + name[i:]
    if variation == "truncate_start" and len(name) >= 8:
        return name[rng.randint(1, 2):]
    if variation == "truncate_end" and len(name) >= 8:
        return name[: -rng.randint(1, 2)]
    if variation == "spacing":
        if "-" in name:
            return name.replace("-", "- ", 1)
        if " " in name:
            return name.replace(" ", "  ", 1).replace("  ", " - ", 1) if rng.random() < 0.5 else name.replace(" ", "", 1)
        return None
    return None


def noisy_names(gz: Gazetteer, count: int = 400, seed: int = 1) -> list[NoisyName]:
    """`count` damaged names of European cities (50,000+ people) and regions, with the right key."""
    rng = random.Random(seed)
    pool = _candidates(gz)
    alternates = _alternates_by_entity(gz, {gz.by_key[e.key] for e in pool})
    out: list[NoisyName] = []
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        e = rng.choice(pool)
        variation = VARIATIONS[len(out) % len(VARIATIONS)]
        if variation == "endonym":
            alts = [a for a in alternates.get(gz.by_key[e.key], []) if fold(a) != fold(e.name)]
            text = rng.choice(alts) if alts else None
        elif variation == "descriptor":
            text = (f"Region {e.name}" if rng.random() < 0.5 else f"{e.name} Region") if e.kind == "region" \
                else (f"City of {e.name}" if rng.random() < 0.5 else f"{e.name} city")
        else:
            text = _damage(rng, e.name, variation)
        if not text or fold(text) == "":
            continue
        out.append(NoisyName(text=text, key=e.key, variation=variation, original=e.name))
    return out


def evaluate(resolver: Resolver, cases: list[NoisyName]) -> Evaluation:
    """Resolve every case and count right answers and unflagged wrong ones."""
    ev = Evaluation()
    for case in cases:
        res = resolver.resolve(case.text)
        got = res[0].key if len(res) == 1 else ";".join(r.key for r in res)
        ok = got == case.key or (res[0].entity is not None and _shared_name(resolver.gz, res[0].entity, case))
        ev.total += 1
        counts = ev.by_variation.setdefault(case.variation, [0, 0])
        counts[1] += 1
        if ok:
            ev.right += 1
            counts[0] += 1
        elif any(r.needs_review for r in res):
            ev.wrong_flagged += 1
        else:
            ev.wrong_unflagged.append((case, got))
    return ev


def _shared_name(gz: Gazetteer, got: Entity, case: NoisyName) -> bool:
    """A city and a region of one country with the same name, or both carrying the name written
    (Berlin, Sofia, Pécs, Berne): the name does not say which; the resolver's rule picks the city."""
    want = gz.entity(case.key)
    if want is None or got.country != want.country or {got.kind, want.kind} != {"city", "region"}:
        return False
    if fold(got.name) == fold(want.name):
        return True
    index = gz.by_key[got.key]
    return any(i == index for i, _ in gz.entries(fold(case.text).replace(" ", "")))


__all__ = ["VARIATIONS", "Evaluation", "NoisyName", "evaluate", "noisy_names", "PRIMARY"]
