"""The words that make a region of a name ("Region Skåne", "Skåne län", "Respublika Komi",
"Kaliningrad Oblast"), from `rules/region_forms.yaml`: found and dropped in mentions, and dropped
from the ISO 3166-2 names to get the short names people write.
"""

from __future__ import annotations

import re

from baltmet_extract.rules import Rules
from baltmet_extract.textutil import fold


def _words(text: str) -> list[str]:
    return text.split()


def _by_length(phrases: list[str]) -> list[tuple[int, frozenset[str]]]:
    """Phrases grouped by their number of words, most words first."""
    groups: dict[int, set[str]] = {}
    for p in phrases:
        groups.setdefault(len(p.split()), set()).add(p)
    return [(n, frozenset(groups[n])) for n in sorted(groups, reverse=True)]


#: phrases before and after by word count, and the words a phrase before starts / after ends with
_Grouped = tuple[list[tuple[int, frozenset[str]]], list[tuple[int, frozenset[str]]], frozenset[str], frozenset[str]]
_GROUPED: dict[tuple[int, int], tuple[Rules, _Grouped]] = {}


def _grouped(rules: Rules) -> _Grouped:
    key = (id(rules.region_words_before), id(rules.region_words_after))
    kept = _GROUPED.get(key)
    if kept is None or kept[0] is not rules:
        _GROUPED.clear()
        grouped = (_by_length(rules.region_words_before), _by_length(rules.region_words_after),
                   frozenset(p.split()[0] for p in rules.region_words_before),
                   frozenset(p.split()[-1] for p in rules.region_words_after))
        kept = _GROUPED[key] = (rules, grouped)
    return kept[1]


def split_region_words(text: str, rules: Rules) -> tuple[str, str, str]:
    """(words before, the name, words after): the region words a mention starts or ends with
    ("Region" + "Skåne", "Kaliningrad" + "Oblast"), the longest that match; the name keeps its
    own spelling. A mention that is nothing but region words gives an empty name."""
    words = _words(text)
    if len(words) < 2:
        return "", text.strip(), ""
    before_groups, after_groups, firsts, lasts = _grouped(rules)
    if fold(words[0]) not in firsts and fold(words[-1]) not in lasts:
        return "", text, ""
    folded = [fold(w) for w in words]
    before = after = 0
    for n, phrases in before_groups:
        if len(words) > n and " ".join(folded[:n]) in phrases:
            before = n
            break
    for n, phrases in after_groups:
        if len(words) - before > n and " ".join(folded[-n:]) in phrases:
            after = n
            break
    return " ".join(words[:before]), " ".join(words[before:len(words) - after]), " ".join(words[len(words) - after:])


def has_region_word(name: str, rules: Rules) -> bool:
    before, _, after = split_region_words(name, rules)
    return bool(before or after)


def subdivision_forms(iso_name: str, rules: Rules) -> list[str]:
    """The names a document writes for an ISO 3166-2 subdivision, the official one first:
    `Dalarnas län [SE-20]` -> `Dalarnas län`, `Dalarnas`, `Dalarna`; `Komi, Respublika` ->
    `Komi, Respublika`, `Respublika Komi`, `Komi`; `Kaliningradskaya oblast'` -> ...,
    `Kaliningradskaya`."""
    name = re.sub(r"\s*\[.*?\]\s*", "", iso_name).strip()
    forms = [name]
    if "," in name and "(" not in name:
        head, _, tail = name.partition(",")
        forms.append(f"{tail.strip()} {head.strip()}".strip())  # "Respublika Komi", "Región de Murcia"
    for form in list(forms):
        _, short, _ = split_region_words(form.rstrip("'’ʹ"), rules)
        short = short.strip(" -,")
        if short and short not in forms:
            forms.append(short)
            if fold(form).endswith(" lan") and short.endswith("s"):
                forms.append(short[:-1])  # Swedish genitive: "Dalarnas län" is the county of Dalarna
    return forms


def adjective_stems(name: str, rules: Rules) -> list[str]:
    """The adjectival region names `name` may be the stem of (compact folded): `Kaliningrad` ->
    `kaliningradskaya`, `kaliningradskiy`, ..."""
    stem = fold(name).replace(" ", "")
    return [stem + ending for ending in rules.region_adjective_endings] if stem else []


__all__ = ["adjective_stems", "has_region_word", "split_region_words", "subdivision_forms"]
