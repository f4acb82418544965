"""Place names as the languages of the region bend them: `w Gdańsku`, `Turussa`, `Rīgā`,
`Vilniuje`, `Rostocker`. A word that is no place as written is looked up as the dictionary form
simplemma's bundled dictionaries give for the document's language, then by the endings the
rules list for that language (`languages.yaml`). A candidate counts only when it is a gazetteer
name. The dictionary is read once per language and machine: the forms whose dictionary form is
a place are kept in a small cache file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from baltmet_extract.cache import read_pickle, write_pickle
from baltmet_extract.normalise.folding import Folds
from baltmet_extract.normalise.gazetteer import Gazetteer
from baltmet_extract.textutil import fold_compact, is_latin

DICTIONARY = "dictionary"
ENDING = "ending"
#: words shorter than this are never taken for a bent place name
MIN_LENGTH = 4
#: a venue's noun after a town's name has at least this many letters ("salėje", not "jos")
VENUE_MIN_LETTERS = 5


@dataclass
class Inflections:
    """Dictionary forms of bent place names, per language."""

    gz: Gazetteer
    config: dict[str, Any] = field(default_factory=dict)
    cache_dir: Path | None = None
    _tables: dict[str, dict[str, str]] = field(default_factory=dict)
    #: folded words, remembered (the resolver's, which has folded most of them already)
    folds: Folds = field(default_factory=Folds, repr=False)
    #: words looked up as they stand (a gazetteer name or not), and each language's endings
    #: longest first: a run asks about the same words and endings many times
    _known: dict[str, bool] = field(default_factory=dict, repr=False)
    _endings: dict[str, tuple[list[tuple[str, str, list[str]]], list[list[str]]]] = field(
        default_factory=dict, repr=False)

    def candidates(self, word: str, language: str | None) -> list[tuple[str, str]]:
        """(name, how) for a word that may be a bent place name: the dictionary's form first, then
        the forms the endings rules give; only gazetteer names, best first, without repeats."""
        if not language or len(word) < MIN_LENGTH or not word[:1].isupper():
            return []
        out: list[tuple[str, str]] = []
        lemma = self._table(language).get(word)
        if lemma:
            out.append((lemma, DICTIONARY))
        for cand in self._by_endings(word, language):
            if all(self.folds.compact(cand) != self.folds.compact(c) for c, _ in out):
                out.append((cand, ENDING))
        return out

    def unbent(self, text: str, language: str | None, every_word: bool = False) -> tuple[str, str] | None:
        """`text` with each capitalised word that is no gazetteer name (`every_word`: each one) put in its dictionary form
        ("Rīgas pilsētas pašvaldība" -> "Rīga pilsētas pašvaldība", "Województwa
        Zachodniopomorskiego" -> "Województwa Zachodniopomorskie"), and how (the weakest way a
        word was read: an ending rule is weaker than the dictionary); None when nothing bends."""
        if not language:
            return None
        table, ends = self._table(language), self._ending_letters(language)
        if not any(len(bare) >= MIN_LENGTH and bare[:1].isupper() and (bare in table or bare.lower().endswith(ends))
                   for part in text.replace("-", " ").split() for bare in (part.strip(".,;:()\"'"),)):
            return None  # (no word is in the dictionary or has an ending the rules know: the common case)
        out: list[str] = []
        how = DICTIONARY
        changed = False
        for word in text.split():
            parts = word.split("-")
            new_parts = []
            for part in parts:
                bare = part.strip(".,;:()\"'")
                found = None
                if bare[:1].isupper():
                    # (the word's dictionary forms first: most words have none, and then whether
                    # the word is a name as it stands need not be asked)
                    found = next(iter(self.candidates(bare, language)), None)
                    if found is not None and not every_word and self._is_name(bare):
                        found = None
                if found is None:
                    new_parts.append(part)
                    continue
                new_parts.append(part.replace(bare, found[0]))
                changed = True
                how = ENDING if found[1] == ENDING else how
            out.append("-".join(new_parts))
        return (" ".join(out), how) if changed else None

    def _ending_letters(self, language: str) -> tuple[str, ...]:
        """The language's endings, lower-cased, for `str.endswith`."""
        return tuple(low for _, low, _ in self._spec(language)[0])

    def _is_name(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= 1 << 16:
                self._known.clear()
            known = self._known[word] = bool(self.gz.entries(self.folds.compact(word)))
        return known

    def near_enough(self, entity: Any, language: str | None, named: frozenset[str] = frozenset()) -> bool:
        """A place an ending rule alone may vouch for: near where the language is spoken, in a
        country the text names (`named`: "lankėsi Vokietijoje ... mieste Lecke"), or big."""
        if entity is None:
            return False
        near = {str(c).upper() for c in (self.config.get("near") or {}).get(language or "", [])}
        big = int(self.config.get("ending_min_population", 100000))
        return entity.country in (near | self.home_countries(language) | named) or entity.population >= big

    def _own_name(self, name: str, language: str) -> bool:
        from baltmet_extract.normalise.gazetteer import ALTERNATE

        entries = self.gz.entries_for_compact(self.folds.compact(name))
        if any(t != ALTERNATE for _, t in entries) or (bool(entries) and not is_latin(name)):
            return True
        # a Latin by-name only of a place where the language is at home: Estonian "Tallinas"
        # is "Tallina" (Tallinn), German "Waves" no "Wave" (Wavre in Belgium)
        home = self.home_countries(language)
        return any(e.country in home for e, _ in entries)

    def cases(self, language: str | None) -> bool:
        """The language bends place names in cases (`case_languages`)."""
        return (language or "") in {str(x) for x in self.config.get("case_languages") or []}

    def says_where(self, language: str | None, word: str = "") -> bool:
        """The case ending of `word` says "in" or "at" by itself ("Tartus", "Rīgā", "Vilniuje"),
        where a genitive does not ("Limbažu delegācija": the delegation of Limbaži). A language
        listed in `case_languages` without its `locative_endings` counts every bent form."""
        if not self.cases(language):
            return False
        endings = (self.config.get("locative_endings") or {}).get(language or "")
        if not endings:
            return True
        lower = word.lower()
        return any(lower.endswith(str(e).lower()) for e in endings)

    def venue_after(self, language: str | None, words: list[str], limit: int) -> bool:
        """One of the first `limit` of `words` (those after a town's name) is a venue's noun in a
        case that says "in" or "at" (`venue_endings`: "Jurbarko krašto muziejaus Židinio
        salėje"): the town is where something happens, as "in the Riga City Hall" says in English."""
        endings = tuple(str(e) for e in (self.config.get("venue_endings") or {}).get(language or "", []))
        # (not when a name in the same case follows the noun: "Smiltenes sadraudzības pilsētā
        # Villihā" is in Smiltene's twin town, Willich; a country in brackets is no such name:
        # "Štralzundo mieste (Vokietija)")
        clean = [w.strip(".,;:!?()") for w in words]
        return bool(endings) and any(w[:1].islower() and len(w) >= VENUE_MIN_LETTERS and w.endswith(endings)
                                     and not nxt[:1].isupper()
                                     for w, nxt in zip(clean[:limit], [*words[1:limit + 1], ""]))

    def home_countries(self, language: str | None) -> frozenset[str]:
        """The countries where a language is at home (where its bent names are likeliest)."""
        countries = (self.config.get("countries") or {}).get(language or "", [])
        return frozenset(str(c).upper() for c in countries)

    # --- endings ----------------------------------------------------------------------------

    def stems(self, word: str, language: str | None) -> list[str]:
        """The word and every form its endings rules give, known names or not (for a lookup
        that a country named beside the word narrows: "Štralzundo mieste (Vokietija)")."""
        return [word, *self._by_endings(word, language or "", any_form=True)]

    def _spec(self, language: str) -> tuple[list[tuple[str, str, list[str]]], list[list[str]]]:
        """The language's endings (longest first: as written, lower-cased, their replacements)
        and stem alternations, read from the rules once."""
        spec = self._endings.get(language)
        if spec is None:
            endings: dict[str, list[str]] = (self.config.get("endings") or {}).get(language) or {}
            spec = self._endings[language] = (
                [(e, e.lower(), endings[e] or [""]) for e in sorted(endings, key=len, reverse=True)],
                (self.config.get("stem_alternations") or {}).get(language) or [])
        return spec

    def _by_endings(self, word: str, language: str, any_form: bool = False) -> list[str]:
        order, alternations = self._spec(language)
        found: list[str] = []
        lower = word.lower()
        for ending, low, replacements in order:
            if not lower.endswith(low) or len(word) - len(ending) < 3:
                continue
            stem = word[: len(word) - len(ending)]
            for replacement in replacements:
                for cand in [stem + replacement, *(_alternate(stem, a, b) + replacement for a, b in alternations
                                                   if a in stem[-4:])]:
                    # a place's own name (any place: whether a far or small one may be meant is
                    # decided by the caller, `near_enough`); a by-name in another script
                    # ("Кентшин") or of a place at home in the language; other Latin by-names
                    # are too many to guess at
                    if cand not in found and (any_form or self._own_name(cand, language)):
                        found.append(cand)
        return found

    # --- the dictionary ---------------------------------------------------------------------

    def _table(self, language: str) -> dict[str, str]:
        if language not in self._tables:
            self._tables[language] = self._load(language)
        return self._tables[language]

    def _cache_file(self, language: str) -> Path | None:
        if self.cache_dir is None:
            return None
        h = hashlib.sha256()
        h.update(f"{language}\0{_simplemma_version()}\0{self.gz.rules_fingerprint}\0{len(self.gz.entities)}".encode())
        return Path(self.cache_dir) / f"inflections-{language}-{h.hexdigest()[:16]}.pickle"

    def _load(self, language: str) -> dict[str, str]:
        path = self._cache_file(language)
        if path is not None:
            table = read_pickle(path)
            if isinstance(table, dict):
                return table
        table = _place_forms(language, self.gz.text_names)
        if path is not None:
            write_pickle(path, table)
        return table


def _alternate(stem: str, a: str, b: str) -> str:
    """`stem` with its last `a` (among its last letters) written `b` (Finnish "Tarto" -> "Tartto")."""
    i = stem.rfind(a, max(0, len(stem) - 4))
    return stem[:i] + b + stem[i + len(a):]


def _simplemma_version() -> str:
    try:
        return metadata.version("simplemma")
    except metadata.PackageNotFoundError:
        return "none"


def _place_forms(language: str, names: frozenset[str]) -> dict[str, str]:
    """The capitalised forms in simplemma's dictionary for `language` whose dictionary form is a
    place name of the gazetteer ({} where simplemma has no dictionary for the language)."""
    try:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        dictionary = DefaultDictionaryFactory().get_dictionary(language)
    except (ImportError, ValueError, KeyError, OSError):
        return {}
    table: dict[str, str] = {}
    is_place: dict[str, bool] = {}
    for form, lemma in dictionary.items():
        if not form[:1].isupper() or form == lemma or not lemma[:1].isupper():
            continue
        place = is_place.get(lemma)
        if place is None:
            place = is_place[lemma] = fold_compact(lemma) in names
        if place and fold_compact(form) not in names:
            table[form] = lemma
    return table
