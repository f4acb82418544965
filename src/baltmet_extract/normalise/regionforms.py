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


def split_region_words(text: str, rules: Rules) -> tuple[str, str, str]:
    """(words before, the name, words after): the region words a mention starts or ends with
    ("Region" + "Skåne", "Kaliningrad" + "Oblast"), the longest that match; the name keeps its
    own spelling. A mention that is nothing but region words gives an empty name."""
    words = _words(text)
    folded = [fold(w) for w in words]
    before = after = 0
    for phrase in rules.region_words_before:
        n = len(phrase.split())
        if len(words) > n and " ".join(folded[:n]) == phrase:
            before = n
            break
    for phrase in rules.region_words_after:
        n = len(phrase.split())
        if len(words) - before > n and " ".join(folded[-n:]) == phrase:
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
