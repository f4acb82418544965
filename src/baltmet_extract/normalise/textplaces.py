"""Places and organisations in running text, found by spaCy.

The default pipeline needs no downloaded model: a blank English tokenizer, a
component that sets each token's NORM to its folded form (so `Malmo` meets `Malmö`),
and an EntityRuler whose phrase patterns are gazetteer names that are not common
words. A statistical model is used only when the user names one that is installed
(`normalise.spacy_model` in rules/settings.yaml); its GPE/LOC/ORG entities are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from baltmet_extract.normalise.gazetteer import ALTERNATE, Gazetteer
from baltmet_extract.normalise.resolver import Resolution, Resolver
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import fold

if TYPE_CHECKING:
    from spacy.language import Language

COMPANY_SUFFIXES = ["gmbh", "ag", "ab", "oy", "oyj", "ltd", "as", "a/s", "sa", "plc", "inc", "asa", "aps", "sp", "ug"]


@dataclass
class TextPlace:
    """A place found in text, with where it stands and whether a preposition announces it."""

    text: str
    start: int
    end: int
    resolution: Resolution
    after_preposition: bool


def _fold_norms(doc):  # type: ignore[no-untyped-def]
    for token in doc:
        token.norm_ = fold(token.text) or token.lower_
    return doc


def pattern_names(gz: Gazetteer, stop_words: set[str]) -> list[str]:
    """Gazetteer names worth a pattern: places and organisations, not common words, not
    small far-away towns (their names are mostly noise in these documents)."""
    out = []
    for name, entries in gz.names.items():
        if len(name) < 3 or name in stop_words:
            continue
        keep = False
        for idx, name_type in entries:
            e = gz.entities[idx]
            if e.kind in ("region", "country", "organisation", "group"):
                keep = name_type != ALTERNATE
            elif e.kind == "city":
                big = e.population >= 100000
                keep = (e.european or big) and (name_type != ALTERNATE or (e.european and big))
            if keep:
                break
        if keep:
            out.append(name)
    return sorted(out)


class TextPlaceFinder:
    """Finds place and organisation mentions in sentences; built once, on first use."""

    def __init__(self, gz: Gazetteer, resolver: Resolver, rules: Rules) -> None:
        self.gz = gz
        self.resolver = resolver
        self.rules = rules
        self.model_name = rules.setting("normalise", "spacy_model", None)
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = self._build()
        return self._nlp

    def _build(self) -> Language:
        import spacy
        from spacy.lang.en.stop_words import STOP_WORDS
        from spacy.language import Language

        if "baltmet_fold_norms" not in Language.factories:
            Language.component("baltmet_fold_norms")(_fold_norms)
        nlp = None
        if self.model_name and spacy.util.is_package(self.model_name):
            nlp = spacy.load(self.model_name)
        if nlp is None:
            nlp = spacy.blank("en")
        nlp.add_pipe("baltmet_fold_norms", first=True)
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("entity_ruler", before=before,
                             config={"phrase_matcher_attr": "NORM", "overwrite_ents": True})
        org_names = {fold(e.name) for e in self.gz.entities if e.kind == "organisation"}
        patterns: list[dict[str, object]] = []
        for name in pattern_names(self.gz, set(STOP_WORDS)):
            patterns.append({"label": "ORG" if name in org_names else "GPE", "pattern": name})
        patterns.append({"label": "ORG", "pattern": [
            {"IS_ALPHA": True, "IS_LOWER": False, "OP": "+"}, {"LOWER": {"IN": COMPANY_SUFFIXES}}]})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        return nlp

    def find(self, text: str) -> tuple[list[TextPlace], list[str]]:
        """Places (resolved) and organisation names in `text`."""
        if not text.strip():
            return [], []
        doc = self.nlp(text)
        places: list[TextPlace] = []
        orgs: list[str] = []
        for ent in doc.ents:
            if ent.label_ == "ORG":
                orgs.append(ent.text)
                continue
            if ent.label_ not in ("GPE", "LOC") or not ent.text[:1].isupper():
                continue
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            after_prep = prev in self.rules.place_prepositions
            if not after_prep and ent.start == 0 and len(ent) == 1:
                continue  # a capitalised first word is weak evidence of a place
            res = self.resolver.resolve(ent.text)[0]
            if res.entity is None or res.entity.kind not in ("city", "region", "country") or res.method in ("fuzzy", "unresolved"):
                continue
            res.method = "ner"
            places.append(TextPlace(ent.text, ent.start_char, ent.end_char, res, after_prep))
        return places, orgs

    def best_place(self, text: str) -> TextPlace | None:
        """The place an event happens in: the first announced by a preposition, else the first city."""
        places, _ = self.find(text)
        announced = [p for p in places if p.after_preposition and p.resolution.entity and p.resolution.entity.kind == "city"]
        if announced:
            return announced[0]
        cities = [p for p in places if p.resolution.entity and p.resolution.entity.kind == "city"]
        return cities[0] if cities else None

    def organisers(self, text: str) -> list[str]:
        """Organisations named after "hosted by", "in cooperation with" and the like."""
        _, orgs = self.find(text)
        found: list[str] = []
        lowered = text.lower()
        starts = [m.end() for p in self.rules.organiser_phrases for m in p.finditer(text)]
        for org in orgs:
            pos = lowered.find(org.lower())
            if any(0 <= pos - s <= 12 for s in starts) and org not in found:
                found.append(org)
        return found
