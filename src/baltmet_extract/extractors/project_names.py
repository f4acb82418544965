"""Project names in a page's sentences: quoted ('projekt "Greenman"'), before or after a word for
"project" ("the SEAPLANSPACE project", "projekt BalticRIM"), and whether a found name can be a
project's at all (no programme's name, no common word, no number)."""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from baltmet_extract.extractors.page_phrases import QUOTES as _QUOTES
from baltmet_extract.extractors.page_phrases import PagePhrases
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import fold

#: a project's name is at most this many words (a quoted one may be a longer title)
NAME_MAX_WORDS = 4
QUOTED_MAX_WORDS = 8
#: the word for "number" before a project's code ("Nr. LLI-136", "№ 2")
_NUMBER_MARK = re.compile(r"(?i:nr|no|n[º°o]|№)\.?")
TITLE_SPLIT = re.compile(r"\s+[-–—]\s+|:\s+|\s+\(")
#: a name of this many words or fewer may be a programme's without its word "programme"
PROGRAMME_NAME_MAX_WORDS = 3


def names_in(text: str, ph: PagePhrases, rules: Rules) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for m in ph.quoted_name.finditer(text):
        value = m.group("name").strip()
        parts = TITLE_SPLIT.split(value, maxsplit=1)
        name = parts[0].strip()
        if len(name.split()) <= QUOTED_MAX_WORDS:
            found.append((name, value if len(parts) > 1 else None))
        # more quoted names in the same list: 'projects "Greenman" and "People with Nature"'
        end = m.end()
        while more := _MORE_QUOTED.match(text, end):
            name = more.group("name").strip()
            if len(name.split()) <= QUOTED_MAX_WORDS:
                found.append((name, None))
            end = more.end()
    for m in ph.before_name.finditer(text):
        taken: list[str] = []
        for w in m.group("name").split():
            if (not w[:1].isupper() and not w[:1].isdigit()) or (taken and fold(w) in ph.not_names):
                break
            taken.append(w)
        if len(taken) > 1 and _NUMBER_MARK.fullmatch(taken[0]):
            taken.pop(0)  # "Projekts Nr. LLI 444": the project's number, without the word for it
        found.append((" ".join(taken).rstrip(".,'’-"), None))
    for m in ph.after_name.finditer(text):
        if not (m.group("name")[:1].isupper() or m.group("name")[:1].isdigit()):
            continue  # "at the project village", "representatives from project X"
        if fold(m.group("name")) in ph.not_names:
            continue  # "... Mazsalaca The project plans": a heading run into the sentence after it
        before = text[: m.start("name")].split()
        taken = [m.group("name")]
        for w in reversed(before[-(NAME_MAX_WORDS - 1):]):
            if not w[:1].isupper() or w.endswith((",", ".", ":")) or fold(w) in ph.not_names:
                break
            taken.insert(0, w)
        taken = _after_programme(before[: len(before) - len(taken) + 1], taken, rules)
        found.append((" ".join(taken).strip(_QUOTES + ".,-"), None))
    return [(n, f) for n, f in found if is_name(n, ph, rules)]


def _after_programme(before: list[str], taken: list[str], rules: Rules) -> list[str]:
    """The words of a name without those that end a programme's name before it ("the Interreg
    South Baltic SEAPLANSPACE Project" is SEAPLANSPACE)."""
    for k in range(len(taken) - 1, 0, -1):
        head = " ".join(before[-4:] + taken[:k])
        if any(m.end() == len(head) for p, _ in rules.programmes for m in p.finditer(head)):
            return taken[k:]
    return taken


#: a further quoted name of a list, after a comma or a conjunction of the region's languages
_MORE_QUOTED = re.compile(r"\s*(?:,|and|und|og|och|ja|ning|ir|un|i|oraz|et|и|&)\s*[„“\"«](?P<name>[^„“”\"«»]{2,120})[”“\"»]")
#: a number written as an ordinal, in the region's languages ("3rd", "2nd", "10th", "3-ий", "5-ojo")
_ORDINAL = re.compile(r"\d+(?:\.|-?[a-zà-žа-я]{1,3})")


def is_name(name: str, ph: PagePhrases, rules: Rules) -> bool:
    if not name or not (name[:1].isupper() or name[:1].isdigit()):
        return False
    if fold(name) in ph.not_names or fold(name.split()[0]) in ph.not_names:
        return False
    if not re.search(r"[^\W\d_]{2}", name) or _ORDINAL.fullmatch(name):
        return False  # "28", "2/2018", "3rd", "2.", "5-ojo"
    # "Interreg South Baltic" is a programme, and so is "Central Baltic" ("Central Baltic projects");
    # "South Baltic Global Access" is a project that starts with a programme's name
    name = name.strip()
    words = name.split()
    if rules.programme_areas and any(OSA.distance(fold(part), area) <= 1 for part in {name, " ".join(words[1:])}
                                     for area in rules.programme_areas):
        return False  # "Nya Central Baltig-projekt": a programme, misspelt
    probe = f"{name} programme" if len(words) <= PROGRAMME_NAME_MAX_WORDS else name
    return not any(any(m.start() == 0 and m.end() >= len(name) for m in p.finditer(probe))
                   for p, _ in rules.programmes)


__all__ = ["NAME_MAX_WORDS", "QUOTED_MAX_WORDS", "TITLE_SPLIT", "is_name", "names_in"]
