"""Work-package pages: milestones with their periods, and the dated events in their texts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from baltmet_extract.extractors.dates import DateMention, find_dates
from baltmet_extract.models import Document, Line, Milestone
from baltmet_extract.rules import Rules
from baltmet_extract.textutil import clean_spacing, join_fragments

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_SENTENCE_OPENERS = "(\"'„“«"
#: words after which a full stop ends no sentence ("St. Petersburg", "e.g. Riga")
ABBREVIATIONS = frozenset("st st.-peterburg dr mr mrs ms prof no nr ca approx incl e.g i.e etc vs jan feb mar apr "
                          "jun jul aug sep sept oct nov dec dept univ co ltd".split())


@dataclass
class EventDraft:
    """An event found in a sentence, before its place is resolved."""

    sentence: str
    kind: str
    date: DateMention
    date_start: str | None
    date_end: str | None
    date_inferred: bool
    milestone: int | None
    line: Line
    #: the sentence from this date to the next one, and from the previous date to this one:
    #: where the event's place is looked for, after the date first
    after: str = ""
    before: str = ""


@dataclass
class MilestoneDraft:
    milestone: Milestone
    events: list[EventDraft] = field(default_factory=list)


def has_milestones(doc: Document, rules: Rules) -> bool:
    pattern = rules.milestone_line
    return pattern is not None and any(pattern.match(ln.text) for ln in doc.lines if not ln.is_row)


def extract_milestones(doc: Document, rules: Rules) -> list[MilestoneDraft]:
    """Milestones in document order, each with the text that follows its heading."""
    assert rules.milestone_line is not None and rules.work_package_line is not None
    drafts: list[MilestoneDraft] = []
    work_package: str | None = None
    current: MilestoneDraft | None = None
    body: list[Line] = []

    def close() -> None:
        if current is not None:
            current.milestone.summary = clean_spacing(" ".join(ln.text for ln in body)) or None
            current.events = events_in_text(body, current.milestone, rules)

    for ln in doc.lines:
        if ln.is_row:
            continue
        text = ln.text.strip()
        wp = rules.work_package_line.match(text)
        if wp and len(text.split()) <= 12 and not text.endswith("."):
            close()
            current, body = None, []
            name = clean_spacing(wp.group("name") or "")
            work_package = f"WP {wp.group('number')}" + (f": {name}" if name else "")
            continue
        m = rules.milestone_line.match(text)
        if m:
            close()
            period_text = m.group("period") or ""
            rest = text[m.end():].strip(" :.-")
            if not period_text:
                # "Milestone 1: July–December 2009" gives its period without brackets
                lead = find_dates(rest[:60])
                if lead and lead[0].start == 0 and lead[0].kind == "month_range":
                    period_text, rest = lead[0].text, rest[lead[0].end:].strip(" :.-")
            start, end = _period(period_text)
            current = MilestoneDraft(Milestone(work_package=work_package, milestone=int(m.group("number")),
                                               period_start=start, period_end=end, source_file=doc.source_file,
                                               source_page=ln.page, source_row=ln.row))
            drafts.append(current)
            body = [Line(cells=(rest,), page=ln.page, row=ln.row)] if rest else []
            continue
        if current is not None:
            body.append(ln)
    close()
    return drafts


def _period(text: str) -> tuple[str | None, str | None]:
    """A milestone's period as ISO months ("1 January - 30 June 2011" -> 2011-01, 2011-06)."""
    dates = find_dates(text)
    if not dates:
        return None, None
    d = dates[0]
    start, end = (d.iso(), d.iso_end()) if d.kind == "month_range" else (d.iso(), d.iso_end() or d.iso())
    return (start[:7] if start else None), (end[:7] if end else None)


def event_kind(sentence: str, rules: Rules) -> str | None:
    for kind, patterns in rules.event_kinds:
        if any(p.search(sentence) for p in patterns):
            return kind
    return None


def split_sentences(text: str) -> list[str]:
    """Sentences of a text; a full stop after an abbreviation or an initial ends none."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if not (text[m.end()].isupper() or text[m.end()] in _SENTENCE_OPENERS):
            continue
        piece = text[start:m.start()]
        if _inside_quote(piece):
            continue  # „Program 2021-2027. Pierwszy nabór” is one title inside a sentence
        words = piece.split()
        last = words[-1].rstrip(".!?").lower() if words else ""
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        if re.fullmatch(r"[0-3]?\d", last) and words[-1].endswith("."):
            continue  # an ordinal day ("am 9. März", "13. kesäkuuta"), not the end of a sentence
        out.append(text[start:m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _inside_quote(piece: str) -> bool:
    """A quotation opened with „ or « and not yet closed."""
    opened = piece.count("„") + piece.count("«")
    closed = piece.count("”") + piece.count("»") + (piece.count("“") if "„" in piece else 0)
    return opened > closed


def sentences(lines: list[Line]) -> list[tuple[str, Line]]:
    """Sentences with the line each starts on; lines wrapped by a text dump ("...is held in" /
    "Berlin in March 2009") are joined into their paragraph first, cut words mended."""
    out: list[tuple[str, Line]] = []
    for para in _paragraphs(lines):
        text = ""
        for ln in para:
            text = join_fragments(text, ln.text)
        out.extend((s, para[0]) for s in split_sentences(clean_spacing(text)))
    return out


_LABEL_LINE = re.compile(r"^[^\W\d_][\w .'’-]{0,40}:\s")


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Lines wrapped in the middle of a sentence, joined into their paragraph (a text dump wraps
    "...is held in" / "Berlin in March 2009"); a line after a full stop, a heading, a labelled
    fact ("Aika: 12.–13.6.2018") or a numbered point stands on its own."""
    paras: list[list[Line]] = []
    for ln in lines:
        prev = paras[-1][-1] if paras else None
        if prev is not None and ln.page is None and prev.page is None and ln.row == prev.row + 1 \
                and not ln.heading and not prev.heading and not prev.text.rstrip().endswith((".", "!", "?", ":")) \
                and not _LABEL_LINE.match(ln.text) and not _LABEL_LINE.match(prev.text) \
                and not re.match(r"^\s*(?:\d+[.)]|[-–•*])\s", ln.text):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def year_in_period(month: int, milestone: Milestone) -> tuple[int | None, bool]:
    """The year a month without one falls in, from the milestone's period."""
    start, end = milestone.period_start, milestone.period_end
    if not start and not end:
        return None, False
    sy, sm = (int(start[:4]), int(start[5:7]) if len(start) >= 7 else 1) if start else (None, None)
    ey, em = (int(end[:4]), int(end[5:7]) if len(end) >= 7 else 12) if end else (None, None)
    for y in sorted({y for y in (sy, ey) if y is not None}):
        after_start = sy is None or (y, month) >= (sy, sm or 1)
        before_end = ey is None or (y, month) <= (ey, em or 12)
        if after_start and before_end:
            return y, True
    return (ey or sy), True


def events_in_text(lines: list[Line], milestone: Milestone, rules: Rules) -> list[EventDraft]:
    """Dated events in a milestone's text, the year taken from the milestone's period."""
    return dated_events(sentences(lines), rules, lambda month: year_in_period(month, milestone), milestone.milestone)


def standalone(text: str, d: DateMention) -> bool:
    """The date is written as a word of its own, not inside a code or a number ("PR/1/006/2018",
    "2018-0042", "§ 2018")."""
    before, after = text[d.start - 1: d.start], text[d.end: d.end + 1]
    return (not before or before not in "/-–_.:§#") and (not after or after not in "/-–_")


#: a line that begins with its date, after a bullet perhaps: "• 1985 ...", "1996 October 23-25, ...", "12.05.2014 ..."
_DATE_LED = re.compile(r"^[\s•·▪◦*–-]*(?:(?:19|20)\d\d\b|\d{1,2}[./]\s?\d{1,2}[./]\s?(?:19|20)\d\d\b)")
#: a sentence lists years each with its town when it has at least this many, each followed by a
#: capitalised word (after a year's marker perhaps: "2003.aastal Orimattilas", "2005 in Riga")
YEAR_LIST_MIN = 3
_YEAR_THEN_NAME = re.compile(r"\.?\s*(?:[^\W\d_]{1,8}\s+)?[A-ZÀ-ÖØ-ÞĀ-Ž]", re.U)
#: a chronology has at least this many lines that begin with their date
CHRONOLOGY_MIN_LINES = 3


def _schedule_line(sentence: str, dates: list[DateMention]) -> bool:
    """Lines that are each only a day's date and a place, perhaps with its country ("2016-06-10
    Copenhagen, Denmark", "2016-04-27 Rostock, Germany"): the entries of a list of meetings."""
    if not dates or any(d.day is None or d.year is None for d in dates) or sentence[: dates[0].start].strip():
        return False
    for k, d in enumerate(dates):
        rest = sentence[d.end: dates[k + 1].start if k + 1 < len(dates) else len(sentence)].replace(",", " ").split()
        if not (1 <= len(rest) <= 4 and all(w[:1].isupper() and w.isalpha() for w in rest)):
            return False
    return True


#: a line of this many words or fewer that names a year alone is a year's heading ("2015. gads")
YEAR_HEADING_MAX_WORDS = 3


def dated_events(sents: list[tuple[str, Line]], rules: Rules,
                 year_for: Callable[[int], tuple[int | None, bool]], milestone: int | None = None,
                 skip: Callable[[str], bool] | None = None, years: bool = False) -> list[EventDraft]:
    """An event for every month-precise date in a sentence that names a kind of event; a sentence
    without a kind word may take it from the next sentence ("... in August in Copenhagen. This
    workshop is organised by ..."). Several dates in one sentence ("the first in April in Stockholm
    and the second in June in Riga") give several events."""
    found: list[EventDraft] = []
    # a chronology: lines that each begin with their date ("• 1985 Song and dance collective ... were in
    # Kokkola", "• 1992 Municipal Drama Theatre played ... in Kokkola"), each an event of the list
    led = {i for i, (sentence, _) in enumerate(sents) if _DATE_LED.match(sentence)}
    chronology = led if len(led) >= CHRONOLOGY_MIN_LINES else set()
    #: the year of the last year heading ("2015. gads", "Rok 2016"): the year of the days under it
    heading_year: int | None = None
    for i, (sentence, ln) in enumerate(sents):
        if skip is not None and skip(sentence):
            continue
        # a season is the least a date may say and still be an event's ("wiosną 2018 w Kłajpedzie");
        # with `years`, a year of its own too ("I 2013 mødtes byerne i Skien")
        found_dates = find_dates(sentence)
        if len(found_dates) == 1 and found_dates[0].kind == "year" and len(sentence.split()) <= YEAR_HEADING_MAX_WORDS:
            heading_year = found_dates[0].year
            continue
        dates = [d for d in found_dates if d.month is not None or d.kind == "season_year"]
        if years and not dates:
            alone = [d for d in found_dates if d.kind == "year" and standalone(sentence, d)]
            # a list of years each with its town ("2002.aastal Durby`s (Belgia), 2003.aastal Orimattilas
            # (Soome), ..."): each year an event; else the first year only
            named = [d for d in alone if _YEAR_THEN_NAME.match(sentence, d.end)]
            dates = named if len(named) >= YEAR_LIST_MIN and 3 * len(named) >= 2 * len(alone) else alone[:1]
        #: a list of dates each with its own town after it: the town before a date is the last item's
        listed = len(dates) >= YEAR_LIST_MIN and all(d.kind == "year" for d in dates)
        if not dates:
            continue
        kind = event_kind(sentence, rules)
        if kind is None and i + 1 < len(sents) and re.match(r"^(this|the|that)\b", sents[i + 1][0], re.I):
            kind = event_kind(sents[i + 1][0].split(".")[0], rules)
        if kind is None and (_schedule_line(sentence, dates) or (i in chronology and not sentence[: dates[0].start].strip(
                " •·▪◦*–-"))):
            kind = "other"  # "2016-06-10 Copenhagen, Denmark": a line of a list of meetings, or of a chronology
        if kind is None:
            continue
        for k, d in enumerate(dates):
            inferred = False
            year = d.year
            if year is None and d.month is not None:
                # the year of a date before it in the sentence ("signed on 11 May 2003 in Geesthacht
                # but on 19 July in Kuldīga"), else the context's
                earlier = [e.year for e in dates[:k] if e.year]
                year, inferred = (earlier[-1], True) if earlier else (heading_year, True) if heading_year \
                    else year_for(d.month)
            after = sentence[d.start: dates[k + 1].start if k + 1 < len(dates) else len(sentence)]
            before = "" if listed else sentence[dates[k - 1].end if k > 0 else 0: d.start]
            found.append(EventDraft(sentence=sentence, kind=kind, date=d, date_start=d.iso(year),
                                    date_end=d.iso_end(year), date_inferred=inferred, milestone=milestone, line=ln,
                                    after=after, before=before))
    return found
