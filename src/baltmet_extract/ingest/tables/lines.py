"""Words, text lines and runs of text from a page's characters.

Words are built in the order the page draws its characters, as pdfplumber does with
`use_text_flow`: a word ends at a space, where the next character is not on the same line
(`y_tolerance`), jumps back, or starts more than `x_tolerance` points after the previous one.
Text set sideways inside an upright page (a column heading printed up the page) becomes one
word per line of it, read in its own direction.

A text line is the words whose vertical middles lie within half a line's height of each other
(a superscript stays on its line; a heading centred between two lines gets its own). A run is a
stretch of words in a line without a gap wider than a few spaces (`word_space` times the font
size): runs are the pieces of text a column gutter may lie between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from baltmet_extract.ingest.pdfgeom import char_direction

#: A word joins a line when its middle is within this share of the line's height of the line's first middle.
LINE_MIDDLE_SHARE = 0.45
#: Font names of bold faces ("Arial-BoldMT", "Calibri,Bold", "Frutiger-Black").
BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold|[-,]bd\b", re.IGNORECASE)


def is_bold(char: dict[str, Any]) -> bool:
    return bool(BOLD_FONT.search(char.get("fontname") or ""))


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    upright: bool = True

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Run:
    """Words of one line without a wide gap between them."""

    words: list[Word]
    x0: float
    x1: float

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class TextLine:
    """The words of one line of text, left to right, and their runs."""

    words: list[Word]
    top: float
    bottom: float
    size: float
    runs: list[Run] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _word(chars: list[dict[str, Any]], reverse: bool = False) -> Word:
    text = "".join(c["text"] for c in (reversed(chars) if reverse else chars))
    return Word(
        text=text,
        x0=min(c["x0"] for c in chars),
        x1=max(c["x1"] for c in chars),
        top=min(c["top"] for c in chars),
        bottom=max(c["bottom"] for c in chars),
        size=max(c["size"] for c in chars),
        bold=all(is_bold(c) for c in chars),
    )


def _upright_words(chars: list[dict[str, Any]], x_tolerance: float, y_tolerance: float) -> list[Word]:
    words: list[Word] = []
    current: list[dict[str, Any]] = []
    for char in chars:
        if char["text"].isspace():
            if current:
                words.append(_word(current))
                current = []
            continue
        if current:
            last = current[-1]
            if (
                char["x0"] < last["x0"]
                or char["x0"] > last["x1"] + x_tolerance
                or abs(char["top"] - last["top"]) > y_tolerance
            ):
                words.append(_word(current))
                current = []
        current.append(char)
    if current:
        words.append(_word(current))
    return words


def _sideways_words(chars: list[dict[str, Any]], direction: int, tolerance: float) -> list[Word]:
    """Words of text running up (90) or down (270) the page: one word per line of such text,
    its characters in reading order, a space where the text has one or a gap."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return []
    columns: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["x0"] + c["x1"]) / 2):
        middle = (char["x0"] + char["x1"]) / 2
        if columns and middle - (columns[-1][0]["x0"] + columns[-1][0]["x1"]) / 2 <= tolerance:
            columns[-1].append(char)
        else:
            columns.append([char])
    if direction == 270:
        columns.reverse()  # lines of text running down the page follow each other right to left
    words = []
    for column in columns:
        ordered = sorted(column, key=lambda c: -c["bottom"] if direction == 90 else c["top"])
        pieces: list[list[dict[str, Any]]] = [[]]
        for char in ordered:
            if not char["text"].strip():
                pieces.append([])
                continue
            if pieces[-1]:
                last = pieces[-1][-1]
                gap = (last["top"] - char["bottom"]) if direction == 90 else (char["top"] - last["bottom"])
                if gap > tolerance:
                    pieces.append([])
            pieces[-1].append(char)
        text = " ".join("".join(c["text"] for c in p) for p in pieces if p)
        shown = [c for c in column if c["text"].strip()]
        if not shown:
            continue
        word = _word(shown)
        word.text = " ".join(text.split())
        word.upright = False
        words.append(word)
    return words


def words_from_chars(chars: list[dict[str, Any]], x_tolerance: float, y_tolerance: float) -> list[Word]:
    """The words of a page (or part of one), upright first, then any sideways text."""
    upright: list[dict[str, Any]] = []
    sideways: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        if char["upright"]:
            upright.append(char)
        else:
            sideways.setdefault(char_direction(char), []).append(char)
    words = _upright_words(upright, x_tolerance, y_tolerance)
    for direction, group in sorted(sideways.items()):
        if direction in (90, 270):
            words.extend(_sideways_words(group, direction, x_tolerance))
        else:  # upside down: built left to right, read right to left
            shown = [c for c in group if c["text"].strip()]
            turned = _upright_words(sorted(shown, key=lambda c: (round(c["top"]), c["x0"])), x_tolerance, y_tolerance)
            for word in turned:
                word.text = word.text[::-1]
                word.upright = False
            words.extend(turned)
    return words


def text_lines(words: list[Word], word_space: float) -> list[TextLine]:
    """Words grouped into lines, top to bottom, each line's words left to right and cut into runs."""
    lines: list[TextLine] = []
    current: list[Word] = []
    first_middle = height = 0.0
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        h = word.bottom - word.top
        if current and word.middle - first_middle <= LINE_MIDDLE_SHARE * max(height, h):
            current.append(word)
            height = max(height, h)
            continue
        if current:
            lines.append(_line(current, word_space))
        current, first_middle, height = [word], word.middle, h
    if current:
        lines.append(_line(current, word_space))
    return lines


def _line(words: list[Word], word_space: float) -> TextLine:
    words.sort(key=lambda w: w.x0)
    line = TextLine(
        words=words,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=max(w.size for w in words),
    )
    runs: list[Run] = []
    for word in words:
        if runs and word.x0 - runs[-1].x1 < word_space * max(word.size, runs[-1].words[-1].size):
            runs[-1].words.append(word)
            runs[-1].x1 = max(runs[-1].x1, word.x1)
        else:
            runs.append(Run([word], word.x0, word.x1))
    line.runs = runs
    return line
