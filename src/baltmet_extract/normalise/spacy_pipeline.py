"""The spaCy pipeline that finds places and organisations in running text, built from the
gazetteer, with no downloaded model: a blank English tokenizer; a component that sets each
token's NORM to its folded form (so `Malmo` meets `Malmö`); an EntityRuler for organisations
(the curated names and a token pattern for company forms such as `... GmbH`); and a gazetteer
component that marks every run of tokens whose folded form is a gazetteer name as a place.
The gazetteer component is a phrase match against the gazetteer's own index, so it costs
nothing to build, where an EntityRuler holding tens of thousands of phrase patterns takes
seconds. A statistical model is used only when the user names an installed one; its GPE/LOC
entities are then resolved too (see `textplaces`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from baltmet_extract.normalise.gazetteer import Gazetteer
from baltmet_extract.textutil import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPANY_SUFFIXES = ["gmbh", "ag", "ab", "oy", "oyj", "ltd", "as", "a/s", "sa", "plc", "inc", "asa", "aps", "ug"]
MAX_NAME_TOKENS = 5


def build_pipeline(gz: Gazetteer, model_name: str | None = None) -> Language:
    """The pipeline: the named statistical model when it is installed, else a blank English one,
    with the folding, organisation and gazetteer components added."""
    import spacy

    _register()
    nlp = None
    if model_name and spacy.util.is_package(model_name):
        nlp = spacy.load(model_name)
    if nlp is None:
        nlp = spacy.blank("en")
    nlp.add_pipe("baltmet_fold_norms", first=True)
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", before=before,
                         config={"phrase_matcher_attr": "NORM", "overwrite_ents": True})
    patterns: list[dict[str, Any]] = [
        {"label": "ORG", "pattern": fold(e.name)} for e in gz.entities if e.kind == "organisation"
    ]
    patterns.append({"label": "ORG", "pattern": [
        {"IS_ALPHA": True, "IS_LOWER": False, "OP": "+"}, {"LOWER": {"IN": COMPANY_SUFFIXES}}]})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    matcher = nlp.add_pipe("baltmet_gazetteer", after="entity_ruler")
    matcher.names = gz.text_names  # type: ignore[attr-defined]
    return nlp


def _fold_norms(doc: Doc) -> Doc:
    for token in doc:
        token.norm_ = fold(token.text) or ("" if token.is_punct else token.lower_)
    return doc


class GazetteerMatcher:
    """spaCy component: the longest run of up to five tokens whose folded words form a gazetteer
    name becomes a GPE entity; hyphens inside a name ("Mecklenburg-Vorpommern") are skipped."""

    def __init__(self) -> None:
        self.names: frozenset[str] = frozenset()
        #: the dictionary form of a bent word that is a place ("Gdańsku" -> "Gdańsk"), if any
        self.inflect: Callable[[str], str | None] | None = None

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = []
        i = 0
        n = len(doc)
        while i < n:
            if not doc[i].norm_ or doc[i].is_punct:
                i += 1
                continue
            words: list[str] = []
            best_end = None
            j = i
            while j < n and len(words) < MAX_NAME_TOKENS:
                tok = doc[j]
                if tok.text == "-" and words:
                    j += 1
                    continue
                if not tok.norm_ or tok.is_punct:
                    break
                words.append(tok.norm_)
                j += 1
                if "".join(words) in self.names:
                    best_end = j
            if best_end is not None:
                spans.append(Span(doc, i, best_end, label="GPE"))
                i = best_end
                continue
            lemma = self.inflect(doc[i].text) if self.inflect is not None and doc[i].is_alpha else None
            if lemma:
                spans.append(Span(doc, i, i + 1, label="GPE", kb_id=lemma))
            i += 1
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


def _register() -> None:
    from spacy.language import Language

    if "baltmet_fold_norms" not in Language.factories:
        Language.component("baltmet_fold_norms")(_fold_norms)
    if "baltmet_gazetteer" not in Language.factories:
        Language.factory("baltmet_gazetteer")(lambda nlp, name: GazetteerMatcher())


__all__ = ["COMPANY_SUFFIXES", "GazetteerMatcher", "build_pipeline"]
