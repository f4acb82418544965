"""Partner cells split into mentions with roles and kind hints.

`Helsinki (lead), Berlin with observers from Oslo and Warsaw` gives four mentions:
Helsinki as lead, Berlin as partner, Oslo and Warsaw as observers. The phrases that
carry roles, the words that announce a kind of place (`cities of`, `Regions of`,
`German Länder`), groups (`other cities in Finland`), "to be confirmed" and "et al."
all come from `rules/phrases.yaml`. Which place a mention names is not decided here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, split_outside_brackets

_SEGMENT_SPLIT = re.compile(r"\s*[,;]\s*|\s*\n\s*|\s+/\s+")
_CONJUNCTION = re.compile(r"\s+(?:and|&|und|och|og|ja|i|oraz)\s+")
_BRACKET = re.compile(r"\(([^()]*)\)")
_STRAY = " .,;:()[]{}\"'‘’“”–—-"


@dataclass
class PartnerMention:
    """One partner as written in a cell, before it is resolved to a place or organisation."""

    raw: str
    role: str = "partner"
    kind_hint: str | None = None
    group: bool = False
    country_hint: str | None = None
    #: named in a page's running text or lists, not in an annex's partner cell
    from_text: bool = False
    #: the words this mention was split from at a conjunction ("Møre og Romsdal", "Mo i Rana"):
    #: the linker keeps them as one mention when they name one place
    joined: str | None = None


@dataclass
class PartnerCell:
    """What a partner cell says: the mentions, and whether the list is final."""

    mentions: list[PartnerMention] = field(default_factory=list)
    tbc: bool = False
    incomplete: bool = False
    #: the cell as written, for checks that look at what the parser made of it
    text: str = ""


@dataclass
class _Segment:
    text: str
    role: str | None = None
    closer_role: str | None = None
    #: the segment starts the cell or follows a semicolon, which bounds a list
    after_semicolon: bool = False


def parse_partner_cell(
    text: str, rules: Rules, is_known: Callable[[str], bool] | None = None, lines_are_items: bool = False
) -> PartnerCell:
    """Split a partner cell into mentions with roles; `is_known` keeps known names whole
    (an organisation with "and" in its name is not split in two)."""
    cell = PartnerCell(text=text or "")
    text = clean_spacing(_lines_as_list(text or "", lines_are_items))
    if not text:
        return cell
    # "Elblag (TBC)" leaves one partner unconfirmed, not the list
    text = re.sub(r"\(\s*(?:" + "|".join(p.pattern for p in rules.tbc) + r")\s*\)", " ", text, flags=re.IGNORECASE)
    for pattern in rules.tbc:
        if pattern.search(text):
            cell.tbc = True
            text = pattern.sub(" ", text)
    for pattern in rules.incomplete:
        if pattern.search(text):
            cell.incomplete = True
            text = pattern.sub(",", text)
    hint: str | None = None
    for chunk_role, chunk, single in _chunks_by_openers(text, rules):
        segments = _segments(chunk, rules)
        _apply_closers(segments, rules)
        for n, seg in enumerate(segments):
            # "Lead: Turku; Gdansk, Kiel": a singular opener names one; the list goes on with partners
            opened = chunk_role if not (single and n > 0) else "partner"
            role = seg.role or seg.closer_role or opened
            body, country = _strip_brackets(seg.text, rules)
            if not body:
                continue
            if any(p.search(body) for p in rules.groups):
                cell.mentions.append(PartnerMention(raw=body, role=role, group=True))
                continue
            conjuncts = [body] if (is_known and is_known(body)) else _conjuncts(body, rules)
            joined = body if len(conjuncts) > 1 else None
            for part in conjuncts:
                part, part_hint, persistent = _descriptor(part, rules)
                if persistent:
                    hint = part_hint
                part = part.strip(_STRAY)
                if not part or part.lower() in rules.leading_words:
                    continue
                cell.mentions.append(PartnerMention(raw=part, role=role, kind_hint=part_hint or hint,
                                                    country_hint=country, joined=joined))
    return cell


_ENDS_IN_BRACKET = re.compile(r"\([^()]*\)\s*$")


def _lines_as_list(text: str, lines_are_items: bool = False) -> str:
    """Line breaks in a cell: one partner per line when the cell has no commas and looks like a
    list (three lines or more, or lines ending in a bracket such as "(DE)"); otherwise the lines
    are one text wrapped by the layout ("Baltic Development / Forum")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines_are_items and len(lines) >= 2:
        # a line break typed by the author (Word paragraph, <br>) ends an item, commas or not
        return "; ".join(ln.rstrip(",;") for ln in lines)
    if len(lines) >= 2 and not re.search(r"[,;]", text) and (
            any(_ENDS_IN_BRACKET.search(ln) for ln in lines)
            or (len(lines) >= 3 and not any(_WRAPPED.search(ln) or len(ln.split()) == 1 for ln in lines))):
        return ", ".join(lines)
    return " ".join(lines)


#: a line that ends where no name ends: the cell's text goes on below ("Free and" / "Hanseatic ...")
_WRAPPED = re.compile(r"(?:\b(?:and|or|of|the|for|in|on|&)|[-–(])\s*$", re.IGNORECASE)


def _chunks_by_openers(text: str, rules: Rules) -> list[tuple[str, str, bool]]:
    """Cut the cell where a phrase opens a list with a role ("with observers from"); the flag
    says the opener is a singular lead ("Lead:", "Lead partner:"), which names one partner."""
    cuts: list[tuple[int, int, str]] = []
    for role, patterns in rules.role_openers.items():
        for p in patterns:
            cuts.extend((m.start(), m.end(), role) for m in p.finditer(text))
    cuts.sort()
    chunks: list[tuple[str, str, bool]] = []
    pos, role, single = 0, "partner", False
    for start, end, new_role in cuts:
        if start < pos:
            continue
        chunks.append((role, text[pos:start], single))
        opener = text[start:end].lower().rstrip(" :")
        single = new_role == "lead" and not opener.endswith("s")
        pos, role = end, new_role
    chunks.append((role, text[pos:], single))
    return [(r, c, s) for r, c, s in chunks if c.strip(_STRAY)]


#: what separates the segments of a partner cell (outside brackets)
_SEPARATORS = re.compile(r"[,;\n]")


def _segments(chunk: str, rules: Rules) -> list[_Segment]:
    """Comma-separated segments, each with a role marker if it has one; a lone descriptor
    ("Region" in "Region, Dalarnas") is joined to the next segment."""
    out: list[_Segment] = []
    pending = ""
    boundary = True
    previous_separator = ""
    for piece, separator in split_outside_brackets(chunk, _SEPARATORS):
        starts_list, boundary = boundary, separator == ";"
        separator_before, previous_separator = previous_separator, separator
        piece = piece.strip()
        if not piece:
            boundary = boundary or starts_list
            continue
        role = None
        for r, patterns in rules.role_markers.items():
            for p in patterns:
                if p.search(piece):
                    role = r
                    piece = p.sub(" ", piece).strip()
        if _is_lone_descriptor(piece, rules) and role is None:
            pending = f"{pending} {piece}".strip()
            boundary = boundary or starts_list
            continue
        last = list(_CONJUNCTION.finditer(piece))
        if separator == "," and last and role is None and _is_lone_descriptor(piece[last[-1].end():], rules) \
                and piece[:last[-1].start()].strip() and not _is_lone_descriptor(piece[:last[-1].start()], rules):
            # "Oslo and Region, Dalarnas": the descriptor after the conjunction opens the next name
            piece, pending = piece[:last[-1].start()].strip(), piece[last[-1].end():].strip()
            out.append(_Segment(" ".join(piece.split()), None, after_semicolon=starts_list))
            continue
        if pending:
            piece, pending = f"{pending} {piece}", ""
        words = {w.strip(".,()").lower() for w in piece.split()}
        before_words = out[-1].text.split() if out else []
        if out and separator_before == "," and words & rules.unit_words and not out[-1].closer_role \
                and (_descriptor_kind(before_words[0], rules) or _descriptor_kind(before_words[-1], rules)):
            # "City of Helsinki, City Planning Department": a unit of the city or region before it
            out[-1].text = f"{out[-1].text}, {' '.join(piece.split())}"
            out[-1].role = out[-1].role or role
            continue
        out.append(_Segment(" ".join(piece.split()), role, after_semicolon=starts_list))
    if pending:
        out.append(_Segment(pending))
    return out


def _apply_closers(segments: list[_Segment], rules: Rules) -> None:
    """A phrase that ends a list ("... have expressed interest") gives its role to the run of
    segments before it, back to the last segment with a role of its own, a group, or a semicolon;
    a singular phrase ("St. Petersburg as observer") only to its own segment."""
    for i, seg in enumerate(segments):
        for role, patterns in rules.role_closers.items():
            for p in patterns:
                m = p.search(seg.text)
                if not m:
                    continue
                plural = bool(re.search(r"\b(?:observers|have|are|were|parties|partners)\b", m.group(0), re.IGNORECASE))
                seg.text = p.sub("", seg.text).strip()
                for j in range(i, -1, -1):
                    if segments[j].role is not None or any(g.search(segments[j].text) for g in rules.groups):
                        break
                    segments[j].closer_role = role
                    if not plural or segments[j].after_semicolon:
                        break


def _strip_brackets(text: str, rules: Rules) -> tuple[str, str | None]:
    """Drop bracketed asides; a bracket holding a country code or name becomes a country hint."""
    country = None
    for m in _BRACKET.finditer(text):
        inner = m.group(1).strip()
        if re.fullmatch(r"[A-Z]{2}", inner):
            country = inner
        else:
            from baltmet_extract.normalise.countries import country_code

            country = country_code(inner) or country
    body = _BRACKET.sub(" ", text)
    return " ".join(body.split()).strip(_STRAY), country


def _conjuncts(body: str, rules: Rules) -> list[str]:
    parts = [p for p in _CONJUNCTION.split(body) if p.strip(_STRAY)]
    if len(parts) < 2:
        return [body]
    if any(w.strip(".,()").lower() in rules.organisation_words for w in body.split()):
        return [body]  # "Ministry of Economic Affairs and Communications", "Fire and Rescue Department"
    if len(parts) == 2 and len(parts[0].split()) == 1 and parts[0] not in rules.coordinated_modifiers \
            and re.search(r"\bof\b", parts[1]):
        return [body]  # "Free and Hanseatic City of Hamburg": one title, not two partners
    out: list[str] = []
    for i, part in enumerate(parts):
        words = part.split()
        nxt = parts[i + 1].split() if i + 1 < len(parts) else []
        if len(words) == 1 and words[0] in rules.coordinated_modifiers and len(nxt) >= 2:
            # "Central and South Bohemian Region": the modifier shares the head that follows
            out.append(" ".join([words[0], *nxt[1:]]))
        else:
            out.append(part)
    return out


def _descriptor_kind(word: str, rules: Rules) -> str | None:
    """The kind of place a descriptor word announces; authority words ("council") announce none.
    A word of five letters or more may be a descriptor cut at its start by the layout ("ivodships")."""
    w = word.lower().strip(_STRAY)
    whole, cut = _descriptor_tables(rules.kind_descriptors)
    kind = whole.get(w)
    if kind is None and len(w) >= 5:
        kind = cut.get(w)
    return kind


#: `_descriptor_tables` of the descriptors last asked about (the dict itself is kept, compared by identity)
_TABLES: list[tuple[dict[str, list[str]], tuple[dict[str, str], dict[str, str]]]] = []


def _descriptor_tables(descriptors: dict[str, list[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """({descriptor: kind}, {a descriptor's end, cut at its start: kind}), the first kind in the
    rules' order where two kinds share a word (authority words left out)."""
    for held, tables in _TABLES:
        if held is descriptors:
            return tables
    whole: dict[str, str] = {}
    cut: dict[str, str] = {}
    for kind, words in descriptors.items():
        if kind == "authority":
            continue
        for d in words:
            whole.setdefault(d, kind)
            for i in range(1, len(d)):
                cut.setdefault(d[i:], kind)
    _TABLES[:] = [(descriptors, (whole, cut))]
    return whole, cut


def _is_lone_descriptor(piece: str, rules: Rules) -> bool:
    words = piece.split()
    return 0 < len(words) <= 2 and all(_descriptor_kind(w, rules) or w.lower() in ("of", "the") for w in words)


def _descriptor(part: str, rules: Rules) -> tuple[str, str | None, bool]:
    """Drop leading words and a plural descriptor phrase before the name.

    Returns the name, the kind the descriptor announces, and whether the announcement
    holds for the following mentions too (a plural: "cities of A and B, C").
    """
    words = part.split()
    lowered = [w.lower() for w in words]
    for lead in rules.leading_words:
        n = len(lead.split())
        if len(words) > n and " ".join(lowered[:n]) == lead:
            words, lowered = words[n:], lowered[n:]
            break
    for i, w in enumerate(words[:-1]):
        if i > 2 or "of" in lowered[:i]:
            break  # "Union of the Baltic Cities - ...": a plural inside a name announces nothing
        kind = _descriptor_kind(w, rules)
        if kind is None:
            continue
        plural = lowered[i].endswith("s") or lowered[i] in ("länder", "lander")
        if not plural:
            return " ".join(words), None, False
        rest = words[i + 1 :]
        if rest and rest[0].lower() in ("of", "in"):
            rest = rest[1:]
        if rest:
            return " ".join(rest), kind, True
    return " ".join(words), None, False
