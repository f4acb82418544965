"""Where a news item's event was, read from the words around its towns: a town people went to,
one visited, the host the text names, the town people come from as often as they are in it."""

from __future__ import annotations

import re
from collections import Counter

from baltmet_extract.normalise.textplaces import TextPlace, TextPlaceFinder


def gone_to(finder: TextPlaceFinder, place: TextPlace, other: TextPlace, text: str, language: str | None) -> bool:
    """`place` is in a country the text says people went to, `other` is not ("Limbažu delegācija
    devās uz Vāciju ... Anklamas": the headline's Limbaži is where they came from)."""
    _, goals = finder.directions(text, language)
    a, b = place.resolution.entity, other.resolution.entity
    return a is not None and b is not None and a.country in goals and b.country not in goals


def is_visited(finder: TextPlaceFinder, place: TextPlace, text: str) -> bool:
    """`text` says `place` was visited ("... haben die Stadt Lütjenburg besucht"): the event's
    own place, which a headline's other place does not replace."""
    return not finder.bent(place) and any(finder.visited(text, m.start(), m.end())
                                          for m in re.finditer(re.escape(place.text), text))


def visited_town(finder: TextPlaceFinder, text: str, origin: TextPlace, language: str | None) -> TextPlace | None:
    """The city other than `origin` that `text` most often announces with a preposition or a
    case ending (ties: the first), more often than as where people come from; None when none is."""
    places, _ = finder.find(text, language)
    origin_entity = origin.resolution.entity
    counts: Counter[str] = Counter()
    first: dict[str, TextPlace] = {}
    for p in places:
        e = p.resolution.entity
        if e is None or e.kind != "city" or e == origin_entity:
            continue
        if p.after_origin:
            counts[e.key] -= 1  # (a town people come from as often as they are in it is no host)
        elif p.after_preposition:
            counts[e.key] += 1
            first.setdefault(e.key, p)
    hosts = [k for k in first if counts[k] > 0]
    return first[max(hosts, key=lambda k: counts[k])] if hosts else None


def host_place(finder: TextPlaceFinder, text: str, language: str | None) -> TextPlace | None:
    """The place a sentence says hosted the event ("Frederikssund Kommune har været vært ...")."""
    from baltmet_extract.extractors.milestones import split_sentences

    for sentence in split_sentences(text):
        if any(p.search(sentence) for p in finder.rules.host_words):
            found = finder.best_place(sentence, language)
            if found is not None:
                return found
    return None


def names_year(finder: TextPlaceFinder, sentence: str, start: int, language: str | None) -> bool:
    """The year at `start` follows a place's name ("his Tartu 2024 team", "in Kaunas 2022"): a
    year of culture's or a festival's name, not when something happened."""
    places, _ = finder.find(sentence, language)
    return any(p.end <= start and not sentence[p.end:start].strip() for p in places)


__all__ = ["gone_to", "host_place", "is_visited", "names_year", "visited_town"]
