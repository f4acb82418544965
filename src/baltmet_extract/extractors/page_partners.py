"""Partners on pages in prose: the partners a sentence names with its role ("led by X", "Partners
in the project are A, B and C", "X is one of the partners"), and a partner as a list gives it
(brackets, business ids, articles and "from <country>" dropped)."""

from __future__ import annotations

import re
from functools import lru_cache

from baltmet_extract.extractors.page_phrases import QUOTES as _QUOTES
from baltmet_extract.extractors.page_phrases import PagePhrases
from baltmet_extract.extractors.partners import PartnerMention
from baltmet_extract.normalise.countries import country_code
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import alternation, clean_spacing, fold, split_outside_brackets

#: the strength of a role: a partner named twice keeps its strongest
ROLE_RANK = {"lead": 0, "partner": 1, "observer": 2, "interested": 3}
#: a partner's number after a role's label ("Projektpartner PP_2", "Partner 3", "PP3")
_PARTNER_NUMBER = re.compile(r"\s+(?:[a-z]{1,3}[_ ]?)?\d+$")
#: the first partner of a "together with" sentence, its subject, has at most this many words
TOGETHER_FIRST_MAX_WORDS = 8
#: the most words of a project's name a record line gives before its partners
RECORD_NAME_MAX_WORDS = 8
_CODE = re.compile(r",\s*[\w-]*\d[\w-]*\s*$")  # a business id after a name ("..., 0204427-7")
#: a year or a range of years ("2020", "2019-2021"), which no name ends with
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?")
#: a dash with spaces around it: a project's name before it on a record line ("SB WELL – Huvudpartner: ...")
_SPACED_DASH = re.compile(r"\s[–—-]\s")
#: where a name after its phrase ends: a comma, a dash, a relative pronoun
_CLAUSE = re.compile(r",|\s[–—-]\s|\s+(?:who|which|that|joka|som|der|die|das|który|która|kurš|kuri|qui)\s")
#: a word and a name in quotes at the start of a stretch ("Eiroreģiona “Ezeru zeme” ...")
_NAME_THEN_QUOTED = re.compile(r"\s*[^\W\d_][\w-]*\s+[„“\"«][^„“”\"«»]{2,60}[”“\"»]")
#: a word that says what an organisation is, then its name in quotes
_FORM_AND_NAME = re.compile(r"([^\W\d_]+)\s+[„“\"«](?P<name>[^„“”\"«»]{3,})[”“\"»]")


def partners_in(text: str, ph: PagePhrases, split: re.Pattern[str]) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for role, patterns in (("lead", ph.lead), ("observer", ph.observers), ("partner", ph.partners)):
        for p in patterns:
            for m in p.finditer(text):
                kind = "who" if "who" in p.groupindex else "list"
                value = m.group(kind)
                if kind == "who":
                    # the name stands before the phrase ("X er leadpartner") or after it ("led by X")
                    name_first = m.start(kind) == m.start() and m.end(kind) < m.end()
                    name = _chunk(value if name_first else split.split(value)[0], ph, trailing=name_first)
                    # a name after its phrase ends at the clause ("... является Международный центр
                    # социально-экономических исследований, ..."): its lower-case words are its own
                    raws = [name] if name and (not name_first or _reads_as_name(name, ph)) else []
                else:
                    raws = [r for r in _list_items(value, ph, split) if _reads_as_name(r, ph)]
                if raws:
                    out.append((role, raws))
    if ph.together:
        # (a date in the sentence ends the list: "... draugija nuo 2018 m. kovo 1 d. pradėjo")
        masked = _without_dates(text)
        for p in ph.together:
            for m in p.finditer(masked):
                first = item(m.group("first"), ph)
                raws = [first, *(r for r in _list_items(m.group("list"), ph, split) if r[:1].isupper())]
                if first[:1].isupper() and len(first.split()) <= TOGETHER_FIRST_MAX_WORDS and len(raws) >= 2:
                    out.append(("partner", raws))
    return out


def _without_dates(text: str) -> str:
    """`text` with each date (and a word for "since" before it: `since_words` in dates.yaml)
    written as a semicolon."""
    from baltmet_extract.extractors.dates import default_date_words, find_dates

    since = _since(default_date_words().since_words)
    for d in reversed(find_dates(text)):
        before = since.search(text[:d.start])
        start = before.start() if before else d.start
        text = f"{text[:start]} ; {text[d.end:]}"
    return text


@lru_cache(maxsize=4)
def _since(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(words)})\s+$")


def _chunk(text: str, ph: PagePhrases, trailing: bool) -> str:
    """The name in a stretch of a sentence: its last run of name words when the name stands
    before the phrase ("... at the premises of University of Rostock, i.e. the lead partner"),
    else its first clause ("led by the City of Tartu, which ...")."""
    text = re.sub(r"/[A-Z][\w ]+$", "", text.strip())  # "University of Rostock/Germany"
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)  # "Union of the Baltic Cities (UBC)"
    if not trailing:
        named = _NAME_THEN_QUOTED.match(text)
        if named:  # "Eiroreģiona “Ezeru zeme” Lietuvas birojā": the name ends with its quotes
            return item(named.group(0), ph)
        return item(_CLAUSE.split(text)[0], ph)
    quoted = re.search(r"(?<!\S)" + _FORM_AND_NAME.pattern + r"\s*$", text)
    if quoted and quoted.group(1).lower() in ph.legal_forms:
        return item(quoted.group("name"), ph)  # "... Asociacijos „Klaipėdos regionas“ indėlis – ..."
    taken: list[str] = []
    for w in reversed(text.split()):
        bare = w.strip(_QUOTES + ",")
        if _YEARS.fullmatch(bare):
            break  # "Since 2020 Klaipeda University implements ...": the name starts after the year
        if bare[:1].isupper() or bare[:1].isdigit() or bare.lower() in ph.name_words:
            taken.insert(0, bare)
        else:
            break
    while taken and taken[0].lower() in ph.name_words and not taken[0][:1].isupper():
        taken.pop(0)
    return item(" ".join(taken), ph)


def _reads_as_name(text: str, ph: PagePhrases) -> bool:
    """A name, not a clause: at most one lower-case word that is no part of names in these
    languages ("Region Kalmar län är partner i projektet" is a clause)."""
    return sum(1 for w in text.split() if w[:1].islower() and w.lower() not in ph.name_words) <= 1


def _list_items(text: str, ph: PagePhrases, split: re.Pattern[str]) -> list[str]:
    return [found for p, _ in split_outside_brackets(text, split) if (found := item(p, ph))]


def listed_after(previous: str, text: str, ph: PagePhrases, split: re.Pattern[str]) -> tuple[str, list[str]] | None:
    """The partners a sentence lists after "these are" when it or the sentence before speaks of
    partners ("... a consortium of three partners. These are A from Sweden, B and C", "eight
    associated partners, among them ... – these are D and E"): (role, names), else None."""
    m = ph.these_are.search(text)
    if m is None:
        return None
    context = f"{previous} {text[:m.start()]}"
    spoken = list(ph.partner_words.finditer(context))
    if not spoken:
        return None
    last = spoken[-1]
    role = "observer" if ph.associated_words.search(context[max(0, last.start() - 30):last.end()]) else "partner"
    names = [found for p in _joined_names(split_outside_brackets(text[m.end():], split), ph)
             if (found := item(p, ph)) and found[:1].isupper()]
    return (role, names) if names else None


def _joined_names(parts: list[tuple[str, str]], ph: PagePhrases) -> list[str]:
    """The pieces of a list, a conjunction before a word in small letters kept inside its name
    ("Krinova inkubatorius ir mokslų parkas", "Kultury, Sportu i turystyki"), unless the word opens
    a name ("and the City of Turku")."""
    out: list[str] = []
    for k, (piece, _) in enumerate(parts):
        before = parts[k - 1][1] if k else ""
        words = piece.split()
        first = words[0] if words else ""
        inside = before.strip() not in ("", ",", ";", "|") and first[:1].islower() \
            and first.lower().rstrip("'’") not in ph.openers
        if out and inside:
            out[-1] += before + piece
        else:
            out.append(piece)
    return out


def item(text: str, ph: PagePhrases) -> str:
    """A partner as a list gives it: brackets, business ids, articles and "from <country>" dropped."""
    # (a bracket the text breaks off in is dropped too: "... Development” (Russi" at a cut)
    text = _CODE.sub("", re.sub(r"\s*\([^()]*(?:\)|$)", "", text))
    words = _unquoted(text.strip().strip(" ,;:")).split()
    openers = {o.rstrip("'’") for o in ph.openers}
    while words and words[0].lower().rstrip("'’") in openers:
        words.pop(0)
    # "kommunerna Torsås": the name after a word that says what it is
    while len(words) > 1 and words[0][:1].islower() and any(w[:1].isupper() for w in words[1:]):
        words.pop(0)
    if len(words) > 2 and words[-2].lower() in ph.from_words and words[-1][:1].isupper():
        words = words[:-2]  # "... iš Latvijos": the partner, not its country
    elif len(words) > 2 and words[-2] == "in" and country_code(words[-1].strip(".,;:")):
        words = words[:-2]  # "Slowinski National Park in Poland": the partner, not its country
    elif len(words) > 1 and words[-1].lower() in ph.from_words:
        words = words[:-1]  # "... parkas iš" where a line ends: the country is on the next
    item = _unquoted(" ".join(words).strip(" ,;:"))
    quoted = _FORM_AND_NAME.fullmatch(item)
    if quoted and quoted.group(1).lower() in ph.legal_forms:
        item = quoted.group(2).strip()  # "Asociacijos „Klaipėdos regionas“": the name in the quotes
    if item.endswith(".") and "." not in item.split()[-1][:-1]:
        item = item.rstrip(".")  # a full stop ends the sentence; "S.A." keeps its own
    if not item or not (item[:1].isupper() or item[:1].isdigit()):
        return ""
    if _COUNTED.search(item) and ph.partner_words.search(item):
        return ""  # "Virosta 6 partneria", "6 partners from Estonia": a count of partners, no partner
    return item


#: a number before a word: a count ("6 partneria")
_COUNTED = re.compile(r"(?<![\w.])\d{1,2}\s+[^\W\d_]")


def _unquoted(text: str) -> str:
    """`text` without the quotation marks around it, but with those of a name inside it
    (Euroregion “Country of Lakes”)."""
    while text and text[0] in _QUOTES and not any(q in text[1:] for q in _QUOTES):
        text = text[1:].strip()
    while text and text[-1] in _QUOTES and not any(q in text[:-1] for q in _QUOTES):
        text = text[:-1].strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def merged(mentions: list[PartnerMention]) -> list[PartnerMention]:
    """One mention per partner, with its strongest role (a lead named again as a partner is the lead)."""
    best: dict[str, PartnerMention] = {}
    order: list[str] = []
    for m in mentions:
        key = fold(m.raw)
        if key not in best:
            best[key] = m
            order.append(key)
        elif ROLE_RANK.get(m.role, 9) < ROLE_RANK.get(best[key].role, 9):
            best[key] = m
    return [best[k] for k in order]


def list_opener(text: str, ph: PagePhrases) -> str | None:
    """The role of the partners a short line ending in a colon announces ("Partnerami projektu
    są:", "The project partners are:"): observers after a word for "associated", else partners."""
    text = text.strip()
    if not text.endswith(":") or len(text.split()) > 5 or not ph.partner_words.search(text):
        return None
    return "observer" if ph.associated_words.search(text) else "partner"


def inline_roles(text: str, ph: PagePhrases) -> tuple[str, list[tuple[str, str]]] | None:
    """A project's name, a dash and its partners under role labels on one line ("SB WELL –
    Huvudpartner: X. Projektpartner: Y, Z."): (name, [(role, partners as written)]), else None."""
    parts = _SPACED_DASH.split(text.strip(), maxsplit=1)
    if len(parts) < 2:
        return None
    head, rest = parts
    segments: list[tuple[str, str]] = []
    role, start = None, 0
    for m in re.finditer(r":\s", rest):
        words = rest[start:m.start()].split()
        for n in (3, 2, 1):  # the label: the last words before the colon
            if len(words) >= n and (r := role_of(" ".join(words[-n:]), ph)):
                value = " ".join(words[:-n])
                if role is not None:
                    segments.append((role, value.strip(" .;")))
                elif value.strip():
                    return None  # words before the first label: no record of roles
                role, start = r, m.end()
                break
    if role is None:
        return None
    segments.append((role, rest[start:].strip(" .;")))
    name = clean_spacing(head).strip(_QUOTES + " ")
    if not name or len(name.split()) > RECORD_NAME_MAX_WORDS or not (name[:1].isupper() or name[:1].isdigit()):
        return None
    return name, [(r, v) for r, v in segments if v]


def without_locations(parts: list[str], rules: Rules) -> list[str]:
    """The parts of a list without a town written after an organisation as where it is ("Baltic
    Energy Innovation Centre, Lund"): one capitalised word after a name with an organisation's word
    (a municipality's word, "kommun", names a place: "Växjö kommun, Lund" are two)."""
    places = {w for words in rules.kind_descriptors.values() for w in words}
    out: list[str] = []
    for part in parts:
        words = part.split()
        before = {w.strip(".,()").lower() for w in out[-1].split()} if out else set()
        if len(words) == 1 and words[0][:1].isupper() and words[0].lower() not in rules.organisation_words \
                and before & rules.organisation_words and not before & places:
            continue
        out.append(part)
    return out


def role_of(label: str, ph: PagePhrases) -> str | None:
    """The role a label names ("Lead partner", "Lead-Partner", "Projektpartner PP_2", "Assoziierter
    Partner (ohne finanzielle Beteiligung)"): compared without case, brackets, hyphens or a
    partner's number."""
    key = label.strip().rstrip(":").strip().lower()
    role = ph.role_labels.get(key)
    if role is None and key:
        key = _PARTNER_NUMBER.sub("", re.sub(r"\s*\([^()]*\)", "", key)).replace("-", " ").strip()
        role = ph.role_labels.get(key) or ph.role_labels.get(key.replace(" ", ""))
    return role


__all__ = ["ROLE_RANK", "inline_roles", "item", "list_opener", "listed_after", "merged", "partners_in", "role_of",
           "without_locations"]
