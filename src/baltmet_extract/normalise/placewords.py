"""The words around a place's name in running text that say what the place is to what the text
tells: the preposition that announces it (perhaps with an article between: "in the Riga City
Hall"), the people it is the town of ("przedstawicielki Gdyni", "Rīgas delegācija") or someone's
birthplace ("née à Moscou"), and the other town of a pair written with a slash ("Grenoble/Kaunas").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from baltmet_extract.rules import Rules

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: articles that may stand between a preposition and a place naming a building ("in the Warsaw City Hall")
ARTICLES = frozenset(["the", "der", "die", "das", "dem", "den", "le", "la", "les"])

#: the word across a slash after or before a place ("Grenoble/Kaunas")
SLASH_AFTER = re.compile(r"\s?/\s?([^\W\d_][\w-]*)")
SLASH_BEFORE = re.compile(r"([^\W\d_][\w-]*)\s?/\s?$")


def word_before(text: str, start: int) -> str:
    words = text[:start].split()
    return words[-1].lower().strip("(\"'«„") if words else ""


def preposition_before(text: str, start: int) -> str:
    """The word before `start`, or the one before it when that is an article ("in the Riga City Hall")."""
    words = [w.lower().strip("(\"'«„") for w in text[:start].split()[-2:]]
    if len(words) == 2 and words[1] in ARTICLES:
        return words[0]
    return words[-1] if words else ""


def born_in(rules: Rules, doc: Doc, start: int) -> bool:
    """The town at token `start` of `doc` is someone's birthplace: a word for being born and a
    preposition before it ("née à Moscou", "born in Riga")."""
    born = rules.people_born
    return born is not None and start > 1 and doc[start - 1].lower_ in rules.place_prepositions \
        and bool(born.match(doc[start - 2].lower_))


def people_named(rules: Rules, doc: Doc, start: int, end: int) -> bool:
    """The town at tokens `start:end` of `doc` (no preposition before it) is the town of people
    beside it ("przedstawicielki Gdyni", "Rīgas delegācija", "Võru linna esindajad")."""
    before, after = rules.people_before, rules.people_after
    if before is not None and start > 0 and before.match(doc[start - 1].lower_):
        return True
    joined = rules.people_joined  # "Borås-delegationen", one token or three
    if joined is not None and end < len(doc):
        token = doc[end - 1].lower_
        if "-" in token and joined.match(token.rsplit("-", 1)[1]):
            return True
        if doc[end].lower_ in ("-", "‐") and end + 1 < len(doc) and joined.match(doc[end + 1].lower_):
            return True
    if after is not None:
        k = end + 1 if end < len(doc) and doc[end].lower_ in rules.town_words else end
        return k < len(doc) and bool(after.match(doc[k].lower_))
    return False


def written_forms(text: str, name: str) -> list[str]:
    """The words of `text` that hold `name` as written there, with the ending it bears ("Sotšis"
    for the "Sotši" of a mention found as its stem)."""
    return [m.group(0) for m in re.finditer(re.escape(name) + r"\w*", text)]


__all__ = ["ARTICLES", "SLASH_AFTER", "SLASH_BEFORE", "born_in", "people_named", "preposition_before", "word_before",
           "written_forms"]
