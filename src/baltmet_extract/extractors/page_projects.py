"""Projects and their partners on a page in prose: a project's own page with labelled facts
("Hankkeen nimi: INNOHEIMO", "Chef de file : ..."), or a news article about a project ("the
EmPaci project", "projektet STaRForCE", "Umbrella-projektet"), its lead partner and partners
named in sentences ("Region Nordjylland er leadpartner, og øvrige partnere er A, B og C").

All words and phrases come from `pages.yaml`; this module only applies them. Which place or
organisation a partner names is decided later, by the normaliser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baltmet_extract.extractors.annex import ProjectDraft
from baltmet_extract.extractors.milestones import sentences
from baltmet_extract.extractors.page_partners import inline_roles, list_opener, role_of, without_locations
from baltmet_extract.extractors.page_partners import item as _item
from baltmet_extract.extractors.page_partners import listed_after as _listed_after
from baltmet_extract.extractors.page_partners import merged as _merged
from baltmet_extract.extractors.page_partners import partners_in as _partners_in
from baltmet_extract.extractors.page_phrases import QUOTES as _QUOTES
from baltmet_extract.extractors.page_phrases import PagePhrases, page_phrases
from baltmet_extract.extractors.partners import PartnerCell, PartnerMention
from baltmet_extract.extractors.phrases import find_funding, parse_status, programmes_named
from baltmet_extract.extractors.project_names import QUOTED_MAX_WORDS, TITLE_SPLIT
from baltmet_extract.extractors.project_names import is_name as _is_name
from baltmet_extract.extractors.project_names import names_in as _names_in
from baltmet_extract.models import Line, Project
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, fold, slugify, split_outside_brackets
from baltmet_extract.textutil import label_of as _label_of

#: a line that names a project and is at most this many words long is the heading of what follows
HEADING_MAX_WORDS = 12
#: the name above a project's fact sheet is at most this long
SHEET_NAME_MAX_WORDS = 6
#: a title under a title label is at most this long
TITLE_MAX_WORDS = 25
#: a page's title is a project's name when the page lists partners under labels and is titled this briefly
TITLE_NAME_MAX_WORDS = 4
#: a page's title is its project's name, when sentences name the partners, up to this many words
BARE_TITLE_NAME_MAX_WORDS = 2
#: list items under a label are short lines
ITEM_MAX_WORDS = 14
#: a title that starts with a short name in capitals ("INNOHEIMO - yksilöllisille ...", "EmPaci: ...")
_SHORT_NAME_FIRST = re.compile(r"\s*[„“\"]?[^\W\d_]*[A-Z][^\W_]*[A-Z][\w-]*[”“\"]?(?:\s+[-–—]\s+|:\s+|\s+\()")
#: a project's code before its name in a list ("LT-PL-1R-029", "STHB.02.01.00-22-0104/17", "R093")
_PROJECT_CODE = re.compile(r"^(?=[\w./-]*\d)(?=[\w./-]*[A-Z])[A-Z][\w./-]{3,}\s+")
_SEMICOLON = re.compile(r"\s*;\s*")
#: what parts the items of a list that stand one per line: only a bar ("A (LP) | B")
_BAR = re.compile(r"\s*\|\s*")
#: words of a project's name in a heading above its lead
HEADING_NAME_MAX_WORDS = 25
#: a paragraph that opens with a name of one to eight words and a spaced dash, or with a name in
#: quotes ('"GREEN CRUISE PORT" (Sustainable Development of Cruise Port Locations). The project ...')
_NAMED_HEAD = re.compile(r"^([^\W\d_][^–—:.!?]{0,80}?)\s+[–—-]\s+\S|^[„“\"«]([^„“”\"«»]{2,80})[”“\"»][\s(.:,–—-]")
_BULLET = re.compile(r"^\s*(?:[-–•*·▪◦]\s*(?=[^\W\d_])|\d+[.)]\s+)")
#: a line of a partner's contact details under its name ("Adresse ...", "Internetseite www....")
_CONTACT = re.compile(r"(?i)^(?:adresse|address|adres|adress|aadress|adrese|adresas|osoite|postadresse|anschrift|"
                      r"internetseite|website|web|www|homepage|strona(?: internetowa| www)?|kotisivu|verkkosivu\w*|"
                      r"webbplats|hemsida|hjemmeside|veebileht|kodulehekülg|mājaslapa|tīmekļa vietne|svetainė|"
                      r"site(?: internet| web)?|e-?mail|tel\.?|telefon|phone|fax|kontakt|contact)\b")
_LOGO = re.compile(r"^\[?\s*(?:logo|image|img|bild|logotyp|logotipas|logotips|logotüüp|kuva)\b", re.IGNORECASE)


@dataclass
class _Found:
    """A project's name, or a list of partners, found at a place of the page (a sentence's index)."""

    at: int
    line: Line
    name: str = ""
    full_title: str | None = None
    mentions: list[PartnerMention] = field(default_factory=list)


def extract_page_projects(title: Line | None, body: list[Line], rules: Rules,
                          language: str | None = None, posted: str | None = None) -> list[ProjectDraft]:
    """The projects a page names, each with the partners the page gives for it (`posted`: the
    page's own date, ISO, which dates an approval the page says was made today)."""
    ph = page_phrases(rules)
    split = ph.splitter(language)
    sents = ([(clean_spacing(title.text), title)] if title is not None else []) + sentences(body)
    names: list[_Found] = []
    groups: list[_Found] = []
    # a page titled "Our partners" lists them under its title
    heads = [title] if title is not None and role_of(title.text, ph) else []
    # (the title in its place among the lines: a label taken for the page's title, "Lead-Partner",
    # has its partner on the line below it)
    labelled = _labelled(sorted([*heads, *body], key=lambda ln: (ln.page or 0, ln.row or 0)), sents, ph, rules, split,
                         names, groups)
    names.extend(_listed_projects(body, sents, ph, rules))
    for i, (text, ln) in enumerate(sents):
        for name, full in _names_in(text, ph, rules):
            names.append(_Found(i, ln, name, full))
        for phrase in ph.name_phrases:
            for m in phrase.finditer(text):
                name = m.group("name").strip(_QUOTES + " ")
                if not _is_name(name, ph, rules):
                    continue
                names.append(_Found(i, ln, name))
                lead = m.groupdict().get("lead")
                if lead and (who := _item(lead, ph)):
                    groups.append(_Found(i, ln, name=name, mentions=[PartnerMention(raw=who, role="lead", from_text=True)]))
        listed = _listed_after(sents[i - 1][0] if i else "", text, ph, split)
        for role, raws in [*_partners_in(text, ph, split), *([listed] if listed else [])]:
            groups.append(_Found(i, ln, mentions=[PartnerMention(raw=r, role=role, from_text=True) for r in raws]))
    projects = _distinct(names)
    counts: dict[str, int] = {}
    for f in names:
        counts[fold(f.name)] = counts.get(fold(f.name), 0) + 1
    own_name = TITLE_SPLIT.split(clean_spacing(title.text), maxsplit=1)[0].strip(_QUOTES + " ") if title else ""
    # a project's own page, titled with its name: its partners labelled, or told in sentences
    # under a title of a word or two ("Umbrella")
    if not projects and title is not None and (
            (labelled and 0 < len(own_name.split()) <= TITLE_NAME_MAX_WORDS)
            or (groups and 0 < len(own_name.split()) <= BARE_TITLE_NAME_MAX_WORDS and _is_name(own_name, ph, rules))):
        projects = [_Found(0, title, own_name)]
    if not projects:
        return []
    mentions: dict[str, list[PartnerMention]] = {p.name: [] for p in projects}
    main_project = max(projects, key=lambda p: (counts.get(fold(p.name), 0), -p.at))
    for g in groups:
        for owner in _owners(g, projects, sents, main_project, ph):
            mentions[owner.name].extend(g.mentions)
    # the programme the page names is the project's on a page of one project; on a page of
    # several, each project's is the one its own sentences name (a guess otherwise)
    page_text = " ".join(s for s, _ in sents)
    page_funding = find_funding(page_text, rules)
    # (a page that tells of projects approved and names one programme only is that programme's
    # decision: "Vid beslutsmötet ... bifölls 10 projekt", then each project with its partners)
    one_programme = len(programmes_named(page_text, rules)) == 1
    status, status_text = _status(body, ph, rules) if len(projects) == 1 else ("unknown", None)
    approved, approved_on = _approved_in(sents, projects, ph, rules) if status == "unknown" else ({}, {})
    drafts = []
    for p in projects:
        # on a page of several projects, a project's programme is the one its own sentences name
        # ("a representative of Central Baltic programme project Plan4Blue")
        funding = page_funding if len(projects) == 1 or (one_programme and p.name in approved) else find_funding(
            " ".join(s for s, _ in sents if p.name in s), rules)
        cell = PartnerCell(mentions=_merged(mentions[p.name]), text="; ".join(m.raw for m in mentions[p.name]))
        said = approved.get(p.name, [])
        today = bool(posted and rules.status_today is not None and any(map(rules.status_today.search, said)))
        project = Project(project_id=slugify(p.name), name=p.name, full_title=p.full_title, funding=funding,
                          status="approved" if said else status,  # type: ignore[arg-type]
                          status_text=said[0] if said else status_text,
                          status_date=posted if today else approved_on.get(p.name),
                          source_file="", source_page=p.line.page, source_row=p.line.row)
        drafts.append(ProjectDraft(project, cell))
    return drafts


# --- labelled facts ------------------------------------------------------------------------


def _approved_in(sents: list[tuple[str, Line]], projects: list[_Found], ph: PagePhrases,
                 rules: Rules) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Projects a sentence says were approved ("10 von 24 eingereichten Projektanträgen
    befürwortet", "listę projektów zatwierdzonych do dofinansowania"): the sentence's words for
    each project it names, or for every project of the page when it names none but speaks of
    projects (the first sentence is shown). Only approval is read from running text; other states
    need a status label. With them, the date the first such sentence gives after its phrase, for
    each project ("hanke on saanut myönteisen rahoituspäätöksen ... 9.10.2017")."""
    out: dict[str, list[str]] = {}
    dates: dict[str, str] = {}
    for text, _ in sents:
        status, when = parse_status(text, rules)
        if status != "approved" or not ph.project_word.search(text):
            continue
        named = [p for p in projects if fold(p.name) in fold(text)]
        for p in named or projects:
            if p.name not in out and when:
                dates[p.name] = when
            out.setdefault(p.name, []).append(_short_text(text))
    return out, dates


def _listed_projects(body: list[Line], sents: list[tuple[str, Line]], ph: PagePhrases, rules: Rules) -> list[_Found]:
    """Projects listed one per bulleted line under a line that ends in a project word ("Regulārie
    projekti:", "Approved projects:", "Hyväksytyt hankkeet:"), or one per paragraph that opens
    with the name and a spaced dash, or with the name in quotes ("Valga vallavalitsus osaleb
    kolmes rahastuse saanud projektis:" over "Rohelised Rööpad – Projekt on ..."); lines without a
    bullet between the items (the programme objective each group falls under) are passed over; a
    sentence of prose ends a list of bullets, not one of paragraphs (it is their text)."""
    at = {id(ln): i for i, (_, ln) in reversed(list(enumerate(sents)))}
    found: list[_Found] = []
    listing = False
    #: the list's items are paragraphs that open with their names: the prose between them is theirs
    paragraphs = False
    for ln in body:
        text = ln.text.strip()
        words = text[:-1].split()
        if text.endswith(":") and words:
            paragraphs = False
            # (a label of partners is none: "Partnerzy projektu:" lists partners of a project)
            listing = ph.project_word.fullmatch(words[-1]) is not None and not ph.partner_words.search(text) \
                and role_of(text, ph) is None
            continue
        if not listing:
            continue
        item = _BULLET.sub("", text)
        head = _NAMED_HEAD.match(item)
        name = (head.group(1) or head.group(2)).strip(_QUOTES + " ") if head else ""
        if name and len(name.split()) <= QUOTED_MAX_WORDS and _is_name(name, ph, rules):
            found.append(_Found(at.get(id(ln), 0), ln, name))
            paragraphs = True
            continue
        if item == text:  # no bullet: a group's heading between the items, or the prose after them
            if (len(text.split()) > ITEM_MAX_WORDS or _is_sentence(text)) and not paragraphs:
                listing = False
            continue
        name = item.strip(_QUOTES + " .;,")
        if len(name.split()) <= QUOTED_MAX_WORDS and _is_name(name, ph, rules):
            found.append(_Found(at.get(id(ln), 0), ln, name))
    return found


def _short_text(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _status(body: list[Line], ph: PagePhrases, rules: Rules) -> tuple[str, str | None]:
    """The project's state from a "Status: ..." line, read with the status phrases."""
    for ln in body:
        label, value = _label_of(ln.text)
        if label in ph.status_labels and value:
            status, _ = parse_status(value, rules)
            return status, value
    return "unknown", None


def _labelled(body: list[Line], sents: list[tuple[str, Line]], ph: PagePhrases, rules: Rules,
              split: re.Pattern[str], names: list[_Found], groups: list[_Found]) -> bool:
    """"Label: value" lines: a project's name, or partners (on the line, or in the short lines
    under a label, one per line, blank lines between allowed); True when partners were found."""
    at = {id(ln): i for i, (_, ln) in reversed(list(enumerate(sents)))}
    found = False
    record = ""
    #: the name a block of labelled facts stands under, once its first fact is seen
    sheet: tuple[str, Line] | None = None
    k = 0
    while k < len(body):
        ln = body[k]
        k += 1
        label, value = _label_of(ln.text)
        if label in ph.project_labels and value:
            whole = label in ph.title_labels and not _SHORT_NAME_FIRST.match(value)
            parts = [value] if whole else TITLE_SPLIT.split(value, maxsplit=1)
            name = clean_spacing(parts[0]).strip(_QUOTES + " ")
            if name and len(name.split()) <= (TITLE_MAX_WORDS if whole else QUOTED_MAX_WORDS):
                names.append(_Found(at.get(id(ln), 0), ln, name, clean_spacing(value) if len(parts) > 1 else None))
                # the partners labelled below are this project's, up to the next project's label
                # (a list of records: "Title of the project: ...", "Lead Partner:", "Partners:")
                record = name
            continue
        inline = inline_roles(ln.text, ph)
        if inline is not None:
            # "SB WELL – Huvudpartner: Linnéuniversitetet. Projektpartner: Energikontor Sydost, ...": a
            # list of projects, each on its line with its partners labelled inline
            record, segments = inline
            names.append(_Found(at.get(id(ln), 0), ln, record))
            mentions = [m for role, value in segments for m in _mentions(
                without_locations([p for p, _ in split_outside_brackets(value, split)], rules), role, rules, ph)]
            if mentions:
                found = True
                groups.append(_Found(at.get(id(ln), 0), ln, name=record, mentions=mentions))
            continue
        role = role_of(label, ph) if label else role_of(ln.text, ph)
        if role is None and not value:
            role = list_opener(ln.text, ph)
        if role is None:
            if label and value and not record and sheet is None and not found:
                # (the facts before any partner: "Country: EE" under a partner's name is no sheet)
                sheet = _sheet_name(body, k - 1, ph)
            continue
        heading = _heading_above(body, k - 1, ph) if role == "lead" and value else ""
        if not heading and not record and sheet:
            # a project's fact sheet under its name ("Baltic Sea2Land", "Kutse: ...", "Projekti
            # kestus: ...", "Juhtivpartner: ...", "Partnerid: ..."): its partners are that project's
            names.append(_Found(at.get(id(sheet[1]), 0), sheet[1], sheet[0]))
            record = sheet[0]
        if heading:
            # a list of projects, each a heading with its own lead ("1. LT-PL-1R-030 Rozwój turystyki
            # ...", "Beneficjent wiodący: Gmina Miasto Ełk (Polska)")
            names.append(_Found(at.get(id(body[k - 2]), 0), body[k - 2], heading))
        items = [value] if value else []
        # the items stand one per line, adjacent or each after a blank line (with a logo's caption
        # above it, say); a blank line after adjacent items ends the list
        last, between, spaced = ln, 0, None
        #: whether the list's items are bulleted ("– Marina Network Association (Niemcy)"): a line
        #: without a bullet then ends it
        bulleted: bool | None = None
        while k < len(body):
            nxt = body[k]
            t = _BULLET.sub("", nxt.text.strip())
            gap = nxt.page == last.page and nxt.row > last.row + 1 + between
            if _CONTACT.match(t) and items:
                k += 1  # "Adresse ...", "Internetseite www...": the partner's contact, no partner
                continue
            has_bullet = t != nxt.text.strip()
            if nxt.heading or _label_of(t)[0] or role_of(t, ph) or (bulleted and not has_bullet) \
                    or len(t.split()) > ITEM_MAX_WORDS or _is_sentence(t) or (gap and (value or spaced is False)):
                break
            bulleted = has_bullet if bulleted is None else bulleted
            k += 1
            if _LOGO.match(t):
                between += 1
                continue
            if items and not value:
                spaced = gap if spaced is None else spaced
            elif not value:
                # a first item right under its label: the list ends at a blank line after it
                # ("Project partners" / "A | B" / "" / "Lead Financier" / "Interreg ...")
                spaced = False if not gap else None
            items.append(t)
            last, between = nxt, 0
        # one lead under its own label is one organisation, whatever commas and "and" its name has
        # ("Gminny Ośrodek Kultury, Sportu i Turystki w Korycinie"); only ";" parts several
        one = _SEMICOLON if role == "lead" else split
        mentions = _mentions(without_locations([p for p, _ in split_outside_brackets(items[0], one)], rules)
                             if len(items) == 1 else [p for line in items for p, _ in split_outside_brackets(line, _BAR)],
                             role, rules, ph)
        if mentions:
            found = True
            groups.append(_Found(at.get(id(ln), 0), ln, name=heading or record, mentions=mentions))
    return found


def _sheet_name(body: list[Line], k: int, ph: PagePhrases) -> tuple[str, Line] | None:
    """The name a block of labelled facts starting at line `k` stands under: the short line right
    above it (a few words in capitals or title case, no label, no full stop; blank lines between
    allowed, nothing else), or None."""
    if k == 0:
        return None
    prev, here = body[k - 1], body[k]
    text = clean_spacing(prev.text).strip(_QUOTES + " ")
    if prev.page != here.page or here.row - prev.row > 3 or _label_of(text)[0] or role_of(text, ph):
        return None
    words = text.split()
    if not 0 < len(words) <= SHEET_NAME_MAX_WORDS or text.endswith((".", ":", "!", "?")) or not text[:1].isupper():
        return None
    return text, prev


def _heading_above(body: list[Line], k: int, ph: PagePhrases) -> str:
    """The project name a heading right above line `k` gives (a numbered item or a heading of a
    few words, its project code dropped), or ""."""
    if k == 0:
        return ""
    prev, here = body[k - 1], body[k]
    if prev.page != here.page or here.row - prev.row > 2:
        return ""
    text = clean_spacing(prev.text)
    numbered = bool(_BULLET.match(text))
    if not (numbered or prev.heading) or _label_of(text)[0] or role_of(text, ph):
        return ""
    name = _PROJECT_CODE.sub("", _BULLET.sub("", text)).strip(_QUOTES + " ")
    if not name or len(name.split()) > HEADING_NAME_MAX_WORDS or name.endswith(".") or not name[:1].isupper():
        return ""
    return name


def _is_sentence(text: str) -> bool:
    """A sentence of running text rather than a partner's name ("Zarząd Portu Gdynia S.A." is a name)."""
    words = text.split()
    return text.endswith(".") and len(words) > 6 and "." not in words[-1][:-1]


def _mentions(parts: list[str], role: str, rules: Rules, ph: PagePhrases) -> list[PartnerMention]:
    """The partners a list's parts name, each with `role` unless its marker says another ("City of
    Helsinki (Lead partner)")."""
    out = []
    for part in parts:
        marked = _with_marker(part, role, rules)
        if raw := _item(marked.raw, ph):
            out.append(PartnerMention(raw=raw, role=marked.role, from_text=True))
    return out


def _with_marker(raw: str, role: str, rules: Rules) -> PartnerMention:
    """A listed partner, its role changed by a marker ("City of Helsinki (Lead partner)")."""
    for marked, patterns in rules.role_markers.items():
        for p in patterns:
            if p.search(raw):
                return PartnerMention(raw=p.sub("", raw).strip(" ,;–-"), role=marked, from_text=True)
    return PartnerMention(raw=raw, role=role, from_text=True)


def _distinct(found: list[_Found]) -> list[_Found]:
    seen: dict[str, _Found] = {}
    for f in sorted(found, key=lambda f: f.at):
        key = fold(f.name)
        if key in seen:
            if f.full_title and not seen[key].full_title:
                seen[key].full_title = f.full_title
            continue
        # "EmPaci" and "EmPaci project team": one project, the name first seen; "Europe EURE" and
        # "EURE": the shorter
        if any(key.startswith(k + " ") or k.startswith(key + " ") or key.endswith(" " + k) for k in seen):
            continue
        longer = [k for k in seen if k.endswith(" " + key)]
        for k in longer:
            f.at, f.line = min(f.at, seen[k].at), seen[k].line
            del seen[k]
        seen[key] = f
    return list(seen.values())


def _owners(group: _Found, projects: list[_Found], sents: list[tuple[str, Line]], main: _Found,
            ph: PagePhrases) -> list[_Found]:
    """The projects a list of partners belongs to: `_owner`'s one, or every project of the page
    when its sentence counts projects and names none ("Maritime Institute in Gdańsk is a partner
    in six, completely new European projects")."""
    text = sents[group.at][0] if group.at < len(sents) else ""
    if not group.name and len(projects) > 1 and ph.projects_counted.search(text) and \
            not any(fold(p.name) in fold(text) for p in projects):
        return projects
    return [_owner(group, projects, sents, main)]


def _owner(group: _Found, projects: list[_Found], sents: list[tuple[str, Line]], main: _Found) -> _Found:
    """The project a list of partners belongs to: the one named in its sentence, else the page's
    main one (named most often)."""
    if group.name:  # a phrase that names the project it speaks of
        named = [p for p in projects if fold(p.name) == fold(group.name)]
        if named:
            return named[0]
    text = fold(sents[group.at][0]) if group.at < len(sents) else ""
    same = [p for p in projects if fold(p.name) and fold(p.name) in text]
    if same:
        return same[0]
    # a page of projects each under its own heading line ('Ettevalmistav koostööprojekt "X"', then
    # "Partnerid: ..."), or each in a paragraph that opens with its name ("Rohelised Rööpad –
    # Projekt on ..."): the partners are those of the heading above them
    above = [p for p in projects if p.at <= group.at]
    if len(projects) > 1 and above and all(_heading_line(p.line) or p.line.text.lstrip(_QUOTES + " ").startswith(p.name)
                                           for p in projects):
        return max(above, key=lambda p: p.at)
    return main


def _heading_line(ln: Line) -> bool:
    """A line of its own that names a project: a heading, or a short line that is no sentence."""
    text = ln.text.strip()
    return ln.heading or (0 < len(text.split()) <= HEADING_MAX_WORDS and not text.endswith((".", ":", ";", ",")))
