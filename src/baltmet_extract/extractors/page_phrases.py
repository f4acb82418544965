"""`pages.yaml` compiled: the words and phrases with which `page_projects` reads projects and
their partners on pages in prose."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from baltmet_extract.rules import Rules
from baltmet_extract.textutil import alternation, fold

#: quotation marks of the region's languages
QUOTES = "„“”\"«»‘’'"
_QUOTES = QUOTES


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per pages.yaml
class PagePhrases:
    """`pages.yaml`, compiled."""

    project_labels: frozenset[str]
    #: labels whose value is a project's whole title, not "ACRONYM - full title"
    title_labels: frozenset[str]
    status_labels: frozenset[str]
    not_names: frozenset[str]
    role_labels: dict[str, str]
    before_name: re.Pattern[str]
    after_name: re.Pattern[str]
    quoted_name: re.Pattern[str]
    name_phrases: list[re.Pattern[str]]
    lead: list[re.Pattern[str]]
    partners: list[re.Pattern[str]]
    observers: list[re.Pattern[str]]
    conjunctions: dict[str, re.Pattern[str]]
    openers: frozenset[str]
    name_words: frozenset[str]
    #: a word for "project" (its start: "Projektanträge", "projektów")
    project_word: re.Pattern[str]
    from_words: frozenset[str]
    legal_forms: frozenset[str] = frozenset()
    #: "these are", opening a sentence or after a dash or colon, before a list of names
    these_are: re.Pattern[str] = re.compile(r"(?!x)x")
    #: words that speak of partners ("partners", "konsortium"), and of associated ones
    partner_words: re.Pattern[str] = re.compile(r"(?!x)x")
    associated_words: re.Pattern[str] = re.compile(r"(?!x)x")
    #: sentences where partners carry a project out together ("A kartu su B ir C ... įgyvendina")
    together: list[re.Pattern[str]] = field(default_factory=list)
    #: a number of projects ("in six new projects", "kolmes ... projektis", "in 3 projects")
    projects_counted: re.Pattern[str] = re.compile(r"(?!x)x")

    def splitter(self, language: str | None) -> re.Pattern[str]:
        """What separates the items of a list in a language ("A, B og C", "A | B")."""
        return self.conjunctions.get(language or "default") or self.conjunctions["default"]


def page_phrases(rules: Rules) -> PagePhrases:
    return _compiled(json.dumps(rules.pages or {}, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=4)
def _compiled(config_json: str) -> PagePhrases:
    c: dict[str, Any] = json.loads(config_json)
    words = alternation(c.get("project_words"))
    after = alternation(c.get("words_after_name", ["project"]))
    labels: dict[str, str] = {}
    for role, key in (("observer", "observer_labels"), ("partner", "partner_labels"), ("lead", "lead_labels")):
        labels.update({str(w).lower(): role for w in c.get(key, [])})
    conjunctions = c.get("list_conjunctions") or {}
    if isinstance(conjunctions, list):
        conjunctions = {"default": conjunctions}
    conjunctions.setdefault("default", ["and", "&"])
    splitters = {str(lang): re.compile(r"\s*[,;|]\s*|\s+(?:" + "|".join(re.escape(w) for w in ws) + r")\s+",
                                       re.IGNORECASE) for lang, ws in conjunctions.items()}
    return PagePhrases(
        project_labels=frozenset(str(w).lower() for w in [*c.get("project_labels", []), *c.get("title_labels", [])]),
        title_labels=frozenset(str(w).lower() for w in c.get("title_labels", [])),
        status_labels=frozenset(str(w).lower() for w in c.get("status_labels", [])),
        not_names=frozenset(fold(str(w)) for w in c.get("not_project_names", [])),
        role_labels=labels,
        before_name=re.compile(rf"(?i:(?<!\w)(?:{words}))\s+[{_QUOTES}]?"
                               rf"(?P<name>[^\W_][\w&+.'’-]*(?:\s[^\W_][\w&+.'’-]*){{0,3}})"),
        # "Umbrella-projektet", "INNOHEIMO-hankkeen"; with a space only "the EmPaci project"
        after_name=re.compile(rf"(?P<name>[^\W_][\w&+.'’]*)[{_QUOTES}]?(?:-(?i:(?:{words}))|\s+(?i:(?:{after})))(?!\w)"),
        # (a compound of a project word counts as the word: "Ettevalmistav koostööprojekt \"X\"",
        # "Kooperationsprojekt \"X\"", "yhteistyöhanke \"X\"")
        quoted_name=re.compile(rf"(?i:(?<![\w-])(?:\w{{3,}}(?={_COMPOUND_HEADS}))?(?:{words}))\s+[{_QUOTES}]"
                               rf"(?P<name>[^{_QUOTES}]{{2,120}})[{_QUOTES}]"),
        name_phrases=[re.compile(p) for p in c.get("project_name_phrases", [])],
        lead=[re.compile(p) for p in c.get("lead_phrases", [])],
        partners=[re.compile(p) for p in c.get("partner_phrases", [])],
        observers=[re.compile(p) for p in c.get("observer_phrases", [])],
        conjunctions=splitters,
        openers=frozenset(str(w).lower() for w in c.get("item_openers", [])),
        name_words=frozenset(str(w).lower() for w in c.get("name_words", [])),
        project_word=re.compile(rf"(?i)(?<!\w)(?:{words})"),
        legal_forms=frozenset(str(w).lower() for w in c.get("legal_forms", [])),
        from_words=frozenset(str(w).lower() for w in c.get("from_words", [])),
        these_are=re.compile(r"(?:^|[–—:-]\s*)(?i:" + alternation(c.get("these_are")) + r")\s+"),
        partner_words=re.compile(r"(?i)(?<!\w)(?:" + alternation(c.get("partner_words")) + r")"),
        associated_words=re.compile(r"(?i)(?<!\w)(?:" + alternation(c.get("associated_words")) + r")"),
        together=[re.compile(p) for p in c.get("together_phrases", [])],
        projects_counted=re.compile(r"(?i)(?<!\w)(?:[2-9]|[1-9]\d|" + alternation(c.get("number_words"))
                                    + rf")(?!\w)(?:[\s,]+\S+){{0,4}}?\s+(?:{words})"),
    )


#: the project words a compound may end in ("koostööprojekt", "Kooperationsprojekt", "samarbetsprojekt")
_COMPOUND_HEADS = "projekt|project|projet|hanke"


__all__ = ["QUOTES", "PagePhrases", "page_phrases"]
