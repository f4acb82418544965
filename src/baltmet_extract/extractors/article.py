"""A page in prose (a news article, a project's own page, minutes or a report of a meeting): one
news item, dated by the event it reports, with the text in which the normaliser then finds the
event's place and further events.

The page's parts come from its lines: the site's furniture (menus, breadcrumb trails, "Home")
is dropped, the first short line is the title, a date printed beside publication words
("Published 3 July 2018", "Pressemitteilung vom 07.03.2022") or alone near the top is the
page's date. The item's date is that of the first sentence, title first, that names an event
and a date; a date without a year takes the year that puts it nearest the page's date, and
is flagged as inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from baltmet_extract.extractors.article_dates import (
    day_in_context,
    mended_months,
    refined,
    same_date,
    until,
    weekday_date,
)
from baltmet_extract.extractors.date_words import DateWords
from baltmet_extract.extractors.dates import DateMention, find_dates, find_weekdays, rules_date_words
from baltmet_extract.extractors.milestones import event_kind, sentences, standalone
from baltmet_extract.extractors.news import NewsDraft, is_date_line, is_menu_line, year_near
from baltmet_extract.models import Document, Line
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, label_of

#: a title is at most this many words, in one of this many lines at the top
TITLE_MAX_WORDS = 20
TITLE_LINES = 3
#: the short lines under a title that belong to its headline, and the sentences an event it names may be dated in
HEADLINE_SENTENCES = 3
#: the page's date is looked for in this many lines from the top
DATE_LINES = 8
#: a line beside publication words is at most this long to be the page's date line
DATE_LINE_MAX_WORDS = 14
#: a page's labelled fact ("Datum: ...", "Ort: ...") has a label of at most this many words
LABEL_MAX_WORDS = 3
#: a page is prose when it has a sentence of at least this many words
PROSE_MIN_WORDS = 8
#: a year written alone dates an item's event only from this year on when the page has no date
#: (the region's city cooperation as the documents tell it; earlier years are history recalled)
MIN_EVENT_YEAR = 1990
_DATE_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b", re.IGNORECASE)
_SLIDE = re.compile(r"^(?:slide|folie|slajd|dia|kalvo|bild|lysbilde|slaids|skaidrė|diapositive)\s*\d+$", re.I)
#: a figure with decimals or a sign, not a date ("92.7126", "+0.3052", "-1,5")
_FIGURE = re.compile(r"(?<!\S)(?:[+−-]\d+[.,]\d+|\d+[.,]\d{4,})(?!\S)")
_IMAGE_FILE = re.compile(r"^\s*[\w-]+(?:\.[\w-]+)*?\.(?i:jpe?g|png|gif|webp|svg|bmp|tiff?)(?![a-z])\s*")
_GLUED_TIME = re.compile(r"(?<![\d:])(\d{1,2}:\d{2})(?=[^\W\d_]{3,})")
_GLUED_DATE = re.compile(r"^\s*([^\W\d_]{3,})((?:19|20)\d\d\b.*)$")
_BREADCRUMB = re.compile(r"\s(?:/|>|›|»|\|)\s")


@dataclass
class PageParts:
    """A prose page taken apart: its title line, its date, and the lines of its text."""

    title: Line | None
    posted: DateMention | None
    posted_line: Line | None
    body: list[Line] = field(default_factory=list)
    #: labelled facts of the page's own event: "date" and "place" -> the value written
    facts: dict[str, str] = field(default_factory=dict)


def is_furniture(text: str, rules: Rules) -> bool:
    """A menu, a breadcrumb trail or a single navigation word: the site's, not the page's."""
    t = text.strip()
    if not t:
        return True
    if any(p.search(t) for p in rules.furniture):
        return True
    if _FIGURE.search(t) and len(re.findall(r"[^\W\d_]{2,}", t)) <= 3:
        return True  # a ticker or a line of statistics ("USD 28.09.2024 92.7126 +0.3052")
    first = _BREADCRUMB.split(t)[0]
    if ":" in first:
        return False  # "Partners: A | B | C" is a labelled list, not a menu
    if any(d.year and d.month and d.day for d in find_dates(first)):
        return False  # "Sep 14, 2012 | Actualités, International | 0 commentaires": the page's dateline
    return is_menu_line(t) or (len(_BREADCRUMB.findall(t)) >= 2 and not t.endswith("."))


def _unglued(ln: Line) -> Line:
    """The line without an image's file name before its text ("img9377.jpgNo 5. līdz 7. jūnijam",
    "it.jpgAlcamo, Italy"): a picture's name the page's text dump left in; a section's name glued
    to the date after it ("Politika2018 m. rugpjūčio 28 d.") set apart as "Politika | 2018 ...", a
    word glued to the time before it ("11:10Pressmeddelande") set apart by a space."""
    m = _IMAGE_FILE.match(ln.text)
    if m:
        return ln.model_copy(update={"cells": (ln.text[m.end():].strip(),)})
    glued = _GLUED_DATE.match(ln.text)
    if glued and any(d.year and d.month for d in find_dates(glued.group(2))):
        return ln.model_copy(update={"cells": (f"{glued.group(1)} | {glued.group(2)}",)})
    if _GLUED_TIME.search(ln.text):  # "2018-06-01 11:10Pressmeddelande"
        return ln.model_copy(update={"cells": (_GLUED_TIME.sub(r"\1 ", ln.text),)})
    return ln


def page_parts(doc: Document, rules: Rules) -> PageParts:
    lines = [_unglued(ln) for ln in doc.lines if not ln.is_row]
    lines = [ln for ln in lines if not is_furniture(ln.text, rules)]
    words = rules_date_words(rules)
    posted: DateMention | None = None
    posted_line: Line | None = None
    bare: Line | None = None
    for ln in lines[:DATE_LINES]:
        text = ln.text
        stamp = _DATE_STAMP.match(text)
        if stamp:
            # "date 2025-09-15 <title>": a page's date stamped before its text by the site
            found = find_dates(stamp.group(1), words)
            if found and found[0].year:
                posted, posted_line = found[0], None
                break
        label = label_of(text, LABEL_MAX_WORDS)[0]
        if label in rules.date_labels or (label and not any(p.search(label) for p in rules.published)):
            # "Datum: 3.–4. Mai 2016" is the meeting's date, not the page's; "Projekti kestus:
            # 01.01.2023 - 31.12.2025" a project's period ("Published: ..." is the page's)
            continue
        dated = [d for d in find_dates(text, words) if d.year and d.month]
        if not dated:
            continue
        worded = len(text.split()) <= DATE_LINE_MAX_WORDS and any(p.search(text) for p in rules.published)
        if worded:
            # a date beside publication words beats a bare one above it ("Freitag, 19. Juli 2019" is
            # when the page was printed, "Ausgabe vom 28. September 1999" when the item was); the
            # bare one is then no title either
            bare = posted_line
            posted, posted_line = dated[0], ln
            break
        if posted is None and is_date_line(text):
            posted, posted_line = dated[0], ln
    # the title stands at the top; a page that opens with a paragraph has none of its own
    top = [ln for ln in lines if ln is not posted_line and ln is not bare][:TITLE_LINES]
    title = next((ln for ln in top if _is_title(ln)), None)
    if posted_line is not None:
        # the headline printed right above the page's date, below the site's name and menus
        at = lines.index(posted_line)
        if at > 0 and _is_title(lines[at - 1]) and lines[at - 1] is not bare:
            title = lines[at - 1]
    body = [ln for ln in lines if ln is not title and ln is not posted_line]
    if title is None and body:
        title = body[0]  # its first sentence is the item's title; the line stays in the text
    facts: dict[str, str] = {}
    for i in range(len(body)):
        for label, value in _labelled(_with_value_below(body, i), rules):
            if label in rules.date_labels:
                facts.setdefault("date", value)
            elif label in rules.place_labels:
                facts.setdefault("place", value)
    if posted is None and title is not None:
        # "(2015-04-10)" or "| 3 July 2018" after a title
        m = re.search(r"[(|]\s*([^()|]{6,30})\s*\)?\s*$", title.text)
        found = [d for d in find_dates(m.group(1), words) if d.year and d.month and d.day] if m else []
        if found:
            posted, posted_line = found[0], None
    return PageParts(title=title, posted=posted, posted_line=posted_line, body=body, facts=facts)


def _is_caption(text: str, rules: Rules) -> bool:
    """A photo's caption: a short line with the photo's credit (`caption_credits` in events.yaml)
    after its first words (a credit at the start of a line is glued to the story's text that
    follows it: "Foto: www.example.de Ascherslebenin ylipormestari ...")."""
    credit = rules.caption_credit.search(text) if rules.caption_credit is not None else None
    return credit is not None and credit.start() > 0 and len(text.split()) <= CAPTION_MAX_WORDS


#: a caption is at most this many words long
CAPTION_MAX_WORDS = 30


def _with_value_below(lines: list[Line], i: int) -> str:
    """Line `i`, with the line below it as its value when it is a label alone ("Koht:" over
    "Soome suursaatkond, Tallinn, Kohtu 4"), unless that line is a label too."""
    text = lines[i].text
    label, value = label_of(text, LABEL_MAX_WORDS)
    below = next((ln.text.strip() for ln in lines[i + 1:i + 3] if ln.text.strip()), "")
    if label and not value and below and not label_of(below, LABEL_MAX_WORDS)[0]:
        return f"{text.strip()} {below}"
    return text


def _labelled(text: str, rules: Rules) -> list[tuple[str, str]]:
    """The labelled facts of one line: "Datum: 3. Mai 2016", and those written on in the same line
    after the first ("Date: Wednesday, 21 January 2015, 15.00-18.00 Place: Riga Technical
    University"): a date or place label inside the value starts a fact of its own."""
    label, value = label_of(text, LABEL_MAX_WORDS)
    if not (label and value):
        return []
    inner = _inner_labels(frozenset(rules.date_labels | rules.place_labels))
    at = inner.search(value) if inner else None
    if at is None or at.start() == 0:
        return [(label, value)]
    return [(label, value[: at.start()].strip()), *_labelled(value[at.start():], rules)]


@lru_cache(maxsize=4)
def _inner_labels(labels: frozenset[str]) -> re.Pattern[str] | None:
    """A date or place label inside a line's value ("... 15.00-18.00 Place: ...")."""
    known = sorted(labels, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(" + "|".join(map(re.escape, known)) + r")\s*:", re.I) if known else None


def _is_title(ln: Line) -> bool:
    text = ln.text.strip()
    if ln.heading:
        return True
    n = len(text.split())
    last = text.split()[-1] if text else ""
    # a full stop of an abbreviation ("Städtenetz Ostseeküste e.V.") ends no sentence
    ends_sentence = text.endswith((",", ":", ";")) or (text.endswith(".") and "." not in last[:-1])
    letters = sum(c.isalpha() for c in text)
    # mostly letters: a date line, a time or a line of figures is no title
    return 1 <= n <= TITLE_MAX_WORDS and not ends_sentence and letters >= 4 and 2 * letters >= len(text.replace(" ", ""))


def is_minutes(doc: Document, rules: Rules) -> bool:
    """The minutes or agenda of a meeting: a minutes word in the title or the lines above it."""
    parts = page_parts(doc, rules)
    top = [ln for ln in doc.lines[:6] if not ln.is_row]
    if parts.title is not None and parts.title not in top:
        top.append(parts.title)
    return any(p.search(ln.text) for ln in top for p in rules.minutes)


def is_slides(doc: Document, rules: Rules) -> bool:
    """A slide deck turned into text: several "Slide 3" lines (its slides are no news items)."""
    return sum(1 for ln in doc.lines if _SLIDE.match(ln.text.strip())) >= 2


def is_prose(doc: Document, rules: Rules) -> bool:
    """Some sentence of the page reads as prose (a run of words, not a list of names)."""
    parts = page_parts(doc, rules)
    return is_slides(doc, rules) or any(len(s.split()) >= PROSE_MIN_WORDS for s, _ in sentences(parts.body))


def extract_article(doc: Document, rules: Rules) -> NewsDraft | None:
    """The page as one news item, dated by the event it reports (else by the page's date)."""
    parts = page_parts(doc, rules)
    if parts.title is None:
        return None
    words = rules_date_words(rules)
    body_sentences = sentences(parts.body)
    own_title = parts.title not in parts.body
    title = clean_spacing(parts.title.text) if own_title else _short(body_sentences[0][0] if body_sentences else "")
    title = _DATE_STAMP.sub("", title).strip() or title  # the site's date stamp is no part of the title
    # (a photo's caption is no sentence of the story: "Borås-delegationen i Jelling, 28. maj 1946.
    # Fotograf: Ukendt. Foto: Vejle Stadsarkiv")
    candidates = [(s, ln, False) for s, ln in body_sentences if not _is_caption(ln.text, rules)]
    if own_title:
        candidates.insert(0, (title, parts.title, True))
    main: tuple[DateMention, str, Line] | None = None
    #: the last date with a year the sentences so far named (not a period: "2007-2013"), and that
    #: of the sentences before the item's event
    last_year: DateMention | None = None
    context_year: DateMention | None = None
    contexts: list[tuple[str, str]] = []
    main_kind: str | None = None
    seen: list[DateMention] = []  # dates with a month so far: the context of a day written alone
    #: the first sentence that names an event and only its year ("Während des Schwedenfestes 2022
    #: war eine Delegation ... zu Besuch"): the item's date when no sentence gives a month
    by_year: tuple[DateMention, str, Line] | None = None
    for text, ln, is_title in candidates:
        found = find_dates(text, words)
        year_before = last_year
        last_year = next((d for d in reversed(found) if d.year and d.kind != "year_range"
                          and (d.kind != "year" or standalone(text, d))), last_year)
        if by_year is None:
            years = [d for d in found if d.kind == "year" and _recent(d, parts.posted) and standalone(text, d)]
            if years and len(text.split()) >= PROSE_MIN_WORDS and event_kind(text, rules) is not None:
                by_year = (years[0], text, ln)
        dates = []
        for mention in found:
            d = mention if mention.kind != "day_only" else day_in_context(
                mention, [*seen, *(f for f in found if f.month and f.start < mention.start)], parts.posted)
            if d is not None and d.month is not None and d.kind != "year_range" \
                    and not _is_page_date(d, parts.posted, text, rules):
                dates.append(d)
        seen.extend(f for f in found if f.month is not None)
        if not dates and parts.posted is not None and parts.posted.day and parts.posted.year:
            # "on Thursday will embark on a visit" in a page of Monday 11 September
            dates = [weekday_date(text, w, parts.posted, words) for w in find_weekdays(text, words, found)[:1]]
            today = rules.status_today.search(text) if rules.status_today is not None and not dates else None
            if today:  # "Täna sõidavad Valjala vallajuhid Soome Pirkkala vallale külla": the page's own day
                dates = [replace(parts.posted, start=today.start(), end=today.end(), text=today.group(0))]
        if not dates:
            continue
        kind = event_kind(text, rules)
        if kind is None and not (is_title and any(d.day for d in dates)):
            continue  # an event's title needs no event word: "Making Waves am 9. März im Rathaus"
        best = max(dates, key=lambda d: (d.day is not None, -d.start))
        main, main_kind = (best, text, ln), kind
        index = candidates.index((text, ln, is_title))
        if best.year is None and parts.posted is None:
            # "År 2011 fick Ekerö kommun en inbjudan ... beslutade på sammanträdet den 29 mars": on a page
            # without a date, the year the sentences before it last named
            context_year = year_before
        better = refined(best, candidates[index + 1:], words, rules)
        if better is not None:
            # "am 9. März" in the title, "am 9. und 10. März 2022" below; "juin 2023", then "vendredi 9 juin"
            main = (replace(better, start=best.start, end=best.end), text, ln)
        main = (until(main[0], candidates[index + 1:], words), text, ln)
        contexts = [(text[: best.start], text[best.start:])] + same_date(best, candidates[index + 1:], words)
        break
    draft = NewsDraft(title=title, summary=clean_spacing(" ".join(ln.text for ln in parts.body)),
                      line=parts.title, posted=parts.posted, lines=list(parts.body))
    if main is None:
        main, contexts = _headline_event(parts, body_sentences, words, rules, seen)
    if main is None and by_year is not None:
        year, text, _ = by_year
        main, contexts = by_year, [(text[: year.start], text[year.start:])]
    if main is not None and main_kind is None:
        main_kind = event_kind(main[1], rules)
    labelled = [d for d in find_dates(mended_months(parts.facts.get("date", ""), words), words)
                if d.month is not None]
    if labelled and main is not None and not parts.facts.get("place") and main[0].day and main[0].year \
            and labelled[0].year and (main[0].iso() or "") < (labelled[0].iso() or ""):
        # "Data: 19 Września 2020" above "W dniu 17 maja 2016 r. w Ełku odbyło się ... spotkanie": a
        # date with no place beside it, later than the event the text tells of, is when it was written
        draft.posted = draft.posted or labelled[0]
        labelled = []
    if labelled:
        # minutes and event pages: "Datum: 3.–4. Mai 2016", "Ort: Rathaus Kiel"
        place = parts.facts.get("place", "")
        main = (labelled[0], f"{labelled[0].text} {place}".strip(), parts.title)
        contexts = [("", main[1])]
        draft.place_label = place
    if main is not None:
        draft.date = main[0]
        draft.event_kind = main_kind
        draft.event_before, draft.event_after = contexts[0]
        draft.event_contexts = contexts
    else:
        draft.date = parts.posted
        # no dated event: a page that tells of a meeting all the same ("this weekend a delegation
        # takes part in the festival in Wismar") is dated by its own month, inferred; a page that
        # tells of none (a programme approved, a call opened) is news, but no event
        draft.no_event = event_kind(draft.text, rules) is None
    # a page with no date of its own: a date it gives in full lends its year ("3 апреля" ...
    # "сегодня, 4 апреля 2019 года"), flagged as inferred
    # , else the one year it names ("der Internationale Hansetag 2019 im russischen Pskow" ... "Vom 27.
    # bis 30. Juni findet in ... Pskow der 39. Internationale Hansetag statt")
    _date_draft(draft, parts.posted or context_year or next((d for s, _ in body_sentences for d in find_dates(s, words)
                                                             if d.year and d.month and d.day), None)
                or _lone_year(candidates, words))
    if main is None and not draft.no_event and draft.date_start and draft.date is not None and draft.date.year:
        draft.date_start, draft.date_end, draft.date_inferred = draft.date_start[:7], None, True
    return draft


def _headline_event(parts: PageParts, body: list[tuple[str, Line]], words: DateWords, rules: Rules,
                    seen: list[DateMention]) -> tuple[tuple[DateMention, str, Line] | None, list[tuple[str, str]]]:
    """A headline that names an event without its date ("Rostock: europäische Konferenz ...",
    "YSTÄVYYSKUNTATAPAAMINEN"), dated by the first day the page's first sentences give."""
    head = " ".join([parts.title.text] if parts.title is not None else [])
    head += " " + " ".join(s for s, ln in body[:HEADLINE_SENTENCES] if len(s.split()) <= TITLE_MAX_WORDS)
    if event_kind(head, rules) is None:
        return None, []
    for text, ln in body[:HEADLINE_SENTENCES + 3]:
        for d in find_dates(text, words):
            if d.day is not None and d.month is not None and not _is_page_date(d, parts.posted, text, rules):
                return (d, text, ln), [(text[: d.start], text[d.start:])]
    return None, []


def _recent(year: DateMention, posted: DateMention | None) -> bool:
    """A year an item's event may have: not before the year before the page's date (a page of 2015
    that recalls the signing of 1991 reports something else), nor after the year after it."""
    if year.year is None:
        return False
    if posted is None or posted.year is None:
        return MIN_EVENT_YEAR <= year.year
    return posted.year - 1 <= year.year <= posted.year + 1


def _short(sentence: str, limit: int = TITLE_MAX_WORDS) -> str:
    words = sentence.split()
    return sentence if len(words) <= limit else " ".join(words[:limit]) + " …"


def _is_page_date(d: DateMention, posted: DateMention | None, text: str, rules: Rules) -> bool:
    """The page's own date where it stands beside publication words, or stamped before its
    text ("date 2025-09-15 <title>"): no event's."""
    stamp = _DATE_STAMP.match(text)
    if stamp and d.start < stamp.end():
        return True
    if posted is None or (d.year, d.month, d.day) != (posted.year, posted.month, posted.day):
        return False
    return any(p.search(text) for p in rules.published) or is_date_line(text)


def _lone_year(candidates: list[tuple[str, Line, bool]], words: DateWords) -> DateMention | None:
    """The year a page without a date of its own names, when it names only one (recent) year."""
    years = {d.year for text, _, _ in candidates for d in find_dates(text, words)
             if d.year and (d.kind != "year" or standalone(text, d))}
    if len(years) != 1:
        return None
    year = next(iter(years))
    return DateMention(0, 0, str(year), year, None, None, kind="year") if year and year >= MIN_EVENT_YEAR else None


def _date_draft(draft: NewsDraft, posted: DateMention | None) -> None:
    d = draft.date
    if d is None:
        return
    if d.year:
        draft.date_start, draft.date_end = d.iso(), d.iso_end()
        draft.date_inferred = d.kind == "weekday_in_context"
        return
    year = year_near(d, posted) if posted is not None else None
    if year is not None:
        draft.date = replace(d, year=year)
        draft.date_start, draft.date_end = d.iso(year), d.iso_end(year)
        draft.date_inferred = True
