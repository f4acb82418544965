"""News lists into news items: boundaries, titles, dates (the year from neighbouring items when
the text lacks it), and the text in which the normaliser then looks for places and organisers.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from baltmet_extract.extractors.dates import DateMention, default_date_words, find_dates
from baltmet_extract.models import Document, Line
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, slugify


@dataclass
class NewsDraft:
    """A news item before places are resolved."""

    title: str
    summary: str
    line: Line
    date: DateMention | None = None
    #: the date the item was posted, when a line of its own gives it
    posted: DateMention | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_inferred: bool = False
    lines: list[Line] = field(default_factory=list)
    #: for an item dated by an event in its text: the text before and from that date, where the
    #: event's place is looked for first
    event_before: str = ""
    event_after: str = ""
    #: further (before, after) stretches where the text tells of the same day again
    event_contexts: list[tuple[str, str]] = field(default_factory=list)
    #: the value of the page's place label ("Ort: Rathaus Kiel"), where its labelled date happened
    place_label: str = ""
    #: a page in prose that tells of no dated event: its date is only the page's own, so the item
    #: is news but no event (where and when something happened is not said)
    no_event: bool = False
    #: the kind of event the sentence that dates the item names (None: no such sentence)
    event_kind: str | None = None

    @property
    def text(self) -> str:
        return f"{self.title}. {self.summary}".strip(" .")


def is_read_more(text: str, rules: Rules) -> bool:
    return any(p.search(text.strip()) for p in rules.read_more)


def news_lines(doc: Document, rules: Rules, loose: bool = True) -> list[Line]:
    """The lines that form the news list: up to the last "Read more", or the heading-led blocks
    before any milestone section when the page has no such links, or (`loose`) blocks with a
    title and a date when it has neither."""
    repeated = Counter(re.sub(r"\d+", "#", ln.text.strip().lower()) for ln in doc.lines if not ln.is_row)
    # running footers ("Newsletter 1/2010 - 1 -") and contents lines with dot leaders are no news
    all_lines = [ln for ln in doc.lines if ln.is_row or not (
        _DOT_LEADER.search(ln.text) or (repeated[re.sub(r"\d+", "#", ln.text.strip().lower())] >= 2
                                         and re.search(r"\d", ln.text) and len(ln.text.split()) <= 8
                                         and len(re.findall(r"[^\W\d_]{3,}", ln.text)) >= 2
                                         and not is_date_line(ln.text)))]
    last_row = max((i for i, ln in enumerate(all_lines) if ln.is_row), default=-1)
    after_tables = [ln for ln in all_lines[last_row + 1:] if not is_menu_line(ln.text)]
    lines = [ln for ln in all_lines if not ln.is_row and not is_menu_line(ln.text)]
    if any(is_read_more(ln.text, rules) for ln in after_tables):
        lines = after_tables  # a report with an annex table and then a news list: the list is after it
    last_more = max((i for i, ln in enumerate(lines) if is_read_more(ln.text, rules)), default=-1)
    if last_more >= 0:
        return lines[: last_more + 1]
    stop = next((i for i, ln in enumerate(lines) if rules.milestone_line and rules.milestone_line.match(ln.text)),
                len(lines))
    if any(ln.heading for ln in lines[:stop]):
        items = split_items(lines[:stop], rules)
        dated = sum(1 for item in items if any(find_dates(ln.text) for ln in item))
        # headings with dates under them are a news list; headings without (themes, sections) are not
        if dated >= 2 and 2 * dated >= len(items):
            return lines[:stop]
    if not loose:
        return []
    blocks = [b for b in _headlined(_blocks(lines[:stop])) if _looks_like_item(b)]
    return [ln for b in blocks for ln in b] if len(blocks) >= 2 else []


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines with no blank line between them (a gap in the line numbers of a text dump)."""
    blocks: list[list[Line]] = []
    for ln in lines:
        if blocks and ln.row == blocks[-1][-1].row + 1 and ln.page == blocks[-1][-1].page:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    return blocks


def _headlined(blocks: list[list[Line]]) -> list[list[Line]]:
    """A one-line block that reads as a headline (short, no full stop) followed by a paragraph
    is that paragraph's title (a newsletter dump: headline, blank line, body); so is a headline
    with its date on the line below ("B7 at BSSSC Conference in Kiel" over "[8 November 2006]")."""
    out: list[list[Line]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        text = block[0].text.strip()
        dated_headline = len(block) == 1 or (len(block) == 2 and is_date_line(block[1].text))
        if dated_headline and nxt is not None and len(text.split()) <= 15 and not text.endswith((".", ":")) \
                and sum(len(ln.text.split()) for ln in nxt) >= 20:
            out.append(block + nxt)
            i += 2
            continue
        out.append(block)
        i += 1
    return out


_DOT_LEADER = re.compile(r"\.{5,}|…{3,}|(?:\. ){4,}")


def _looks_like_item(block: list[Line]) -> bool:
    """A short title line, some text and a date: a news item in a dump that lost its links and
    headings (a masthead with the issue's date has too few words to be one)."""
    words = sum(len(ln.text.split()) for ln in block)
    first = block[0].text.strip()
    # an item starts with its headline or its date; a paragraph of an article starts with a sentence
    headline = is_date_line(first) or not first.endswith((".", "!", "?", ":", ";"))
    # a headline alone is a page's title, not an item: an item has some text under it
    has_text = len(block) >= 2 or words >= 20
    # a block of figures (exchange rates, a results table) is no item: an item is mostly words
    wordy = sum(len(re.findall(r"(?<!\S)[^\W\d_]{2,}[\W]*(?!\S)", ln.text)) for ln in block) * 2 >= words
    # a fact sheet ("Projekti nimi: EcoCore", "Projekti rahastamine: URBACT IV programm aastateks
    # 2021–2027", ...) is mostly labelled facts
    facts = sum(1 for ln in block if _FACT_LABEL.match(ln.text))
    labelled = facts >= 2 and 2 * facts >= len(block)
    # a newsletter's contents ("B7 Newsbrief nr. 3" over "- B7 at Conference in Helsinki, 13-15
    # November", "- B7 and Energy", ...) lists the items below it: it is none of them
    listed = sum(1 for ln in block[1:] if _CONTENTS_LINE.match(ln.text))
    contents = listed >= 3 and 2 * listed >= len(block) - 1
    # an item is dated to its month at least: a section that names only a year ("Vänortstanken
    # introducerades 1924") is history in an article, no item of a list
    return headline and not labelled and not contents and has_text and wordy and len(first.split()) <= 20 \
        and words >= 10 and any(d.month for ln in block for d in find_dates(ln.text))


#: a line of a list of contents: a dash or a bullet, then a short title without a full stop
_CONTENTS_LINE = re.compile(r"^\s*[-–•*·]\s+[^.!?]{1,80}$")
#: "Label: value" with a label of one to four words (no date, no number)
_FACT_LABEL = re.compile(r"^\s*[^\W\d_][^\W\d_'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}\s*:\s+\S")


def split_items(lines: list[Line], rules: Rules) -> list[list[Line]]:
    """Item boundaries: a "Read more" line ends an item; a heading starts one."""
    items: list[list[Line]] = []
    current: list[Line] = []
    if not any(is_read_more(ln.text, rules) or ln.heading for ln in lines):
        return _headlined(_blocks(lines))
    for ln in lines:
        if is_read_more(ln.text, rules):
            if current:
                items.append(current)
            current = []
            continue
        if ln.heading and current and all(is_date_line(c.text) for c in current):
            current.append(ln)  # the date printed above this heading, alone after a "Read more"
            continue
        if ln.heading and current and any(not c.heading for c in current):
            # a date printed just above the next heading belongs to the next item
            carried = [current.pop()] if len(current) > 1 and is_date_line(current[-1].text) else []
            items.append(current)
            current = carried
        current.append(ln)
    if current:
        items.append(current)
    return items


def is_menu_line(text: str) -> bool:
    """A site menu flattened into one line: "Home | About us | News | Contact"."""
    parts = [p.strip() for p in re.split(r"\s[|·•»]\s", text)]
    return len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts)


_WEEKDAY = re.compile(r"^\s*(?:" + "|".join(calendar.day_name) + r"|" + "|".join(calendar.day_abbr) + r")\.?,?\s+",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _weekdays() -> re.Pattern[str]:
    """A weekday in any of the languages of the rules, before a date ("Freitag, 9. März")."""
    return re.compile(r"^\s*" + default_date_words().weekday_pattern() + r"\.?,?\s+", re.IGNORECASE)


#: a time of day after a date ("..., 18:00", "kl. 14.30", "um 10:00 Uhr")
_TIME_BEFORE = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s*(?:uhr|h))?\s*[,|–-]?\s*(?=\d)", re.I)
_TIME_AFTER = re.compile(r"[,\s|–-]+(?:at\s+|um\s+|kl\.?\s*|klo\s*|godz\.?\s*|в\s+)?\d{1,2}[:.]\d{2}"
                         r"(?:\s*(?:h|Uhr|am|pm|CET|EET))?\s*$", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """A line that is only a date ("13.11.2007", "9 October 2007", "Friday, 10 December 2010"),
    perhaps after a word or two of the site's ("Nyhed | 5. april 2019")."""
    text = _weekdays().sub("", _WEEKDAY.sub("", text)).strip()
    text = re.sub(r"^[^\W\d_]+(?:\s[^\W\d_]+)?\s*[|:–—-]\s*(?=\d)", "", text)
    text = _TIME_AFTER.sub("", text)  # "29 Января 2004, 18:00", "12.05.2019 14:30"
    text = _TIME_BEFORE.sub("", text)  # "06:52 05.10.2015"
    dates = find_dates(text)
    # a few words, not counting the markers of a year or a day ("2018 m. rugpjūčio 28 d." is three)
    markers = _date_markers()
    return bool(dates) and sum(1 for w in text.split() if w.lower() not in markers) <= 4 \
        and sum(d.end - d.start for d in dates) >= len(text) - 3


@lru_cache(maxsize=1)
def _date_markers() -> frozenset[str]:
    """The words that mark a year or a day in a date ("m.", "gada", "d."), lower case."""
    words = default_date_words()
    return frozenset(m.lower() for m in (*words.year_markers, *words.day_markers))


def _is_list_heading(item: list[Line]) -> bool:
    """A lone short line before the first item ("latest news") is the list's heading, not an item."""
    return len(item) == 1 and len(item[0].text.split()) <= 3 and not find_dates(item[0].text)


def extract_news(doc: Document, rules: Rules, loose: bool = True) -> list[NewsDraft]:
    """News items with dates; years missing in the text are inferred from the neighbours."""
    items = split_items(news_lines(doc, rules, loose), rules)
    drafts: list[NewsDraft] = []
    for n, item in enumerate(items):
        lead = list(item)
        # the list's own heading ("latest news") stuck to the first item
        if n == 0 and len(lead) >= 3 and _is_list_heading(lead[:1]):
            lead = lead[1:]
        if _is_list_heading(lead) or any(p.search(lead[0].text.strip()) for p in rules.not_news):
            continue  # the list's heading, or the colophon ("Editor: ...", "© 2012 ...")
        date_lines = [ln for ln in lead if is_date_line(ln.text)]
        if n == 0 and date_lines and lead.index(date_lines[0]) > 0:
            # the list's heading ("News archive 2012") above the first item's date line
            first = lead.index(date_lines[0])
            if all(len(ln.text.split()) <= 5 for ln in lead[:first]):
                lead = lead[first:]
        rest = [ln for ln in lead if ln not in date_lines] or lead
        title_line = next((ln for ln in rest if ln.heading), rest[0])
        title = clean_spacing(title_line.text)
        summary = clean_spacing(" ".join(ln.text for ln in rest if ln is not title_line))
        draft = NewsDraft(title=title, summary=summary, line=title_line, lines=lead)
        # a date on a line of its own is when the item was posted; the event it reports may be
        # on another day ("posted 04/10/2010: met in Stockholm on 30 September - 1 October")
        draft.posted = _best_date(find_dates(" ".join(ln.text for ln in date_lines)))
        draft.date = _item_date(title, summary) or draft.posted
        drafts.append(draft)
    issue = _issue_date(doc, drafts[0].lines[0]) if drafts else None
    for d in drafts:
        if d.posted is None and issue is not None:
            d.posted = issue  # a newsletter's items were all posted with its issue ("February 2010")
    _complete_years(drafts)
    return drafts


def _issue_date(doc: Document, first: Line) -> DateMention | None:
    """The date of a newsletter issue or page, written above its first item, if any."""
    found: list[DateMention] = []
    for ln in doc.lines:
        if ln is first or (ln.row >= first.row and ln.page == first.page):
            break
        if not ln.is_row:
            found.extend(d for d in find_dates(ln.text) if d.year and d.month and d.kind != "year_range")
    return found[-1] if found else None


def _precision(d: DateMention) -> int:
    return (d.day is not None) + (d.month is not None)


def _item_date(title: str, text: str) -> DateMention | None:
    """The date of what the item reports: the title's, else the text's; the title's made more
    precise by the text when they agree ("Open Days 2009" in the title, "on 6 October 2009" below)."""
    found = [_best_date(find_dates(t)) for t in (title, text)]
    if found[0] is not None and found[0].kind == "year_range" and found[1] is not None:
        found = [found[1]]  # "Action Plan 2010-2012" in a title is a plan's period, not the day of the news
    date: DateMention | None = None
    for cand in found:
        if cand is None:
            continue
        if date is None:
            date = cand
        elif _precision(cand) > _precision(date) and _agrees(date, cand):
            date = cand if cand.year else replace(cand, year=date.year)
    return date


def _agrees(coarse: DateMention, fine: DateMention) -> bool:
    if coarse.year and fine.year and coarse.year != fine.year:
        return False
    return coarse.month is None or coarse.month == fine.month


def _best_date(dates: list[DateMention]) -> DateMention | None:
    """The most precise date mention (a day beats a month beats a year)."""
    dated = [d for d in dates if d.month is not None or d.year is not None]
    if not dated:
        return None
    return max(dated, key=lambda d: ((d.day is not None) + (d.month is not None), d.year is not None, -d.start))


def _complete_years(drafts: list[NewsDraft]) -> None:
    """Fill in missing years from the neighbouring items, keeping the list's order
    (newest first or oldest first) so that a list crossing New Year gets the right year."""
    # the list is ordered by when items were posted, so posting dates show its order best
    known = [(i, d.posted if d.posted and d.posted.year else d.date) for i, d in enumerate(drafts)
             if (d.posted and d.posted.year) or (d.date and d.date.year)]
    keys = [(dt.year, dt.month or 0, dt.day or 0) for _, dt in known if dt]
    descending = sum(a >= b for a, b in zip(keys, keys[1:])) >= sum(a < b for a, b in zip(keys, keys[1:]))
    for i, d in enumerate(drafts):
        if d.date is None:
            continue
        if d.date.year:
            d.date_start, d.date_end = d.date.iso(), d.date.iso_end()
            continue
        year = year_near(d.date, d.posted) if d.posted and d.posted.year else None
        if year is None and d.posted is not None and d.posted is not d.date:
            # posted "February 21st" about "February 17th": place the posting date, then the event near it
            posted_year = _year_from_neighbours(i, d.posted, known, descending)
            if posted_year is not None:
                year = year_near(d.date, replace(d.posted, year=posted_year))
        year = year or _year_from_neighbours(i, d.date, known, descending)
        if year is not None:
            d.date_start, d.date_end = d.date.iso(year), d.date.iso_end(year)
            d.date_inferred = True


def year_near(date: DateMention, posted: DateMention) -> int | None:
    """The year that puts a date without one nearest to the day the item was posted
    (posted in December 2010 about "26-27 May": May 2011)."""
    if posted.year is None or date.month is None:
        return None
    here = posted.year * 12 + (posted.month or 6)
    return min((posted.year - 1, posted.year, posted.year + 1),
               key=lambda y: (abs(y * 12 + date.month - here), -y))  # type: ignore[operator]


def _year_from_neighbours(i: int, date: DateMention, known: Sequence[tuple[int, DateMention | None]],
                          descending: bool) -> int | None:
    before = [(j, k) for j, k in known if j < i and k]
    after = [(j, k) for j, k in known if j > i and k]
    md = (date.month or 0, date.day or 0)
    # the older neighbour fixes the year: the item is in the same year or, if its month comes
    # earlier in the calendar, in the next one
    older = after[0][1] if descending and after else (before[-1][1] if not descending and before else None)
    if older is not None and older.year:
        return older.year + (1 if md < (older.month or 0, older.day or 0) else 0)
    newer = before[-1][1] if descending and before else (after[0][1] if not descending and after else None)
    if newer is not None and newer.year:
        return newer.year - (1 if md > (newer.month or 13, newer.day or 32) else 0)
    return None


def news_id(source_file: str, index: int) -> str:
    return f"{slugify(source_file.rsplit('.', 1)[0])}-news-{index}"
