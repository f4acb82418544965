"""Logical rows: which text lines of a table form one row.

Where horizontal rules separate most rows, they are the row boundaries. Elsewhere a line starts
a new row unless its cells go on from the line above:

- a column's text *continues* on the next line when that line is aligned with it (left, centre
  or right) and its first word would not have fitted on the line above, in the width the
  column's text takes anywhere in the table: the line above was wrapped. A number never wraps.
- In a table whose cells run over several lines (many continuations), a new row starts where
  the key column (the leftmost column whose blocks start together with another column's: the
  name column) starts a block, and the other columns start theirs on the same line rather than go on
  from the line above. A line without text in the key column belongs to the row above.
- In a table of one-line rows (statistics), every line is a row unless most of its cells
  continue the line above (a header of several lines, a wrapped label).
- A line set half a line below the one above (a cell centred between two lines) joins its row;
  a line of one text spanning columns (a section heading) is a row on its own; a line of regular
  text under a line all in bold starts a row (a header ends), and bold text never continues
  regular text or the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass

from baltmet_extract.ingest.tables.columns import EDGE_SHARE, Piece, PlacedLine, is_number

#: Share of a table's lines that continue a cell of the line above, from which it is a table of multi-line cells.
MULTILINE_SHARE = 0.2
#: A line less than this many line pitches below the previous one is set between two lines.
HALF_STEP = 0.7
#: Width of a space, as a share of the font size, in the wrap test.
SPACE_SHARE = 0.25
#: A column is the key when it starts at least this share of the blocks the busiest column starts.
KEY_SHARE = 0.5


def continues(prev: Piece | None, cur: Piece | None, width: float, size: float) -> bool:
    """Whether `cur` (a column's text on a line) goes on from `prev` (on the line above)."""
    if prev is None or cur is None:
        return False
    if is_number(prev.text) and is_number(cur.text):
        return False  # two values, one above the other
    if prev.bold != cur.bold:
        return False  # a bold heading above regular text: a header, then a value
    tol = EDGE_SHARE * size
    aligned = (
        abs(cur.x0 - prev.x0) <= tol
        or abs(cur.x1 - prev.x1) <= tol
        or abs((cur.x0 + cur.x1) - (prev.x0 + prev.x1)) <= 2 * tol
    )
    if not aligned:
        return False
    first = cur.words[0]
    return (prev.x1 - prev.x0) + SPACE_SHARE * size + (first.x1 - first.x0) > width + tol


@dataclass
class LineLinks:
    """For every line: the columns whose text continues from the line above, and those that start there."""

    cont: list[set[int]]
    starts: list[set[int]]


def links(placed: list[PlacedLine], widths: dict[int, float]) -> LineLinks:
    cont: list[set[int]] = []
    starts: list[set[int]] = []
    for i, item in enumerate(placed):
        prev = placed[i - 1] if i else None
        found: set[int] = set()
        if prev is not None and not item.spanning and not prev.spanning:
            size = item.line.size
            for col, piece in item.pieces.items():
                if col in item.spans or col in prev.spans:
                    continue
                if continues(prev.pieces.get(col), piece, widths.get(col, 0.0), size):
                    found.add(col)
        cont.append(found)
        starts.append(set(item.pieces) - found)
    return LineLinks(cont, starts)


def is_multiline(placed: list[PlacedLine], link: LineLinks) -> bool:
    body = [i for i in range(1, len(placed)) if not placed[i].spanning]
    return bool(body) and sum(bool(link.cont[i]) for i in body) >= MULTILINE_SHARE * len(body)


def key_column(placed: list[PlacedLine], link: LineLinks) -> int:
    """The leftmost column whose blocks of lines start, most often, on the same line as another
    column's: the column that begins the rows (a new paragraph inside one cell starts alone)."""
    counts: dict[int, int] = {}
    for i, item in enumerate(placed):
        starts = link.starts[i]
        if item.spanning or len(starts) < 2:
            continue
        for col in starts:
            counts[col] = counts.get(col, 0) + 1
    if not counts:
        return 0
    most = max(counts.values())
    return min(col for col, n in counts.items() if n >= KEY_SHARE * most)


def text_boundaries(placed: list[PlacedLine], link: LineLinks, pitch: float, row_gap: float) -> list[bool]:
    """For every line, whether it starts a row by its text alone (the first line always does).

    In a table of multi-line cells a line with text in the key column after a gap wider than
    `row_gap` line pitches starts a row whatever its other cells do: rows set apart by space.
    """
    multi = is_multiline(placed, link)
    key = key_column(placed, link) if multi else 0
    out = []
    for i, item in enumerate(placed):
        if i == 0 or item.spanning or placed[i - 1].spanning:
            out.append(True)
            continue
        if item.line.top - placed[i - 1].line.top < HALF_STEP * pitch:
            out.append(False)
            continue
        if placed[i - 1].bold is True and item.bold is False:
            out.append(True)  # bold text above, regular below: a header row ends
            continue
        cont, starts = link.cont[i], link.starts[i]
        gap = item.line.top - placed[i - 1].line.top > row_gap * pitch
        # a column with text on the line above that starts anew here cannot belong to a row
        # whose key cell merely wraps; in cells of running text only a number under a number
        # is sure to start anew (a line of text may fail the wrap test)
        above = placed[i - 1].pieces
        restarted = any(
            c != key and c in above and (not multi or (is_number(above[c].text) and is_number(item.pieces[c].text)))
            for c in starts
        )
        if multi:
            if key in item.pieces and gap:
                out.append(True)
            elif key not in item.pieces:
                out.append(False)
            elif key in cont:  # a wrapped name, unless the other columns start together below it
                out.append(restarted or (len(starts) >= 2 and len(starts) > len(cont)))
            else:
                out.append(len(starts - {key}) >= len(cont))
        else:
            out.append(not cont or len(starts) > len(cont) or (key in cont and restarted))
    return out


def rule_boundaries(placed: list[PlacedLine], rules: list[float]) -> list[bool]:
    """For every line, whether a horizontal rule lies between it and the line above."""
    out = [False]
    for prev, item in zip(placed, placed[1:], strict=False):
        out.append(any(prev.line.middle < y < item.line.middle for y in rules))
    return out


def group_rows(
    placed: list[PlacedLine], widths: dict[int, float], pitch: float, rules: list[float], row_gap: float
) -> list[list[int]]:
    """Line indices of each logical row."""
    if not placed:
        return []
    link = links(placed, widths)
    by_text = text_boundaries(placed, link, pitch, row_gap)
    by_rule = rule_boundaries(placed, rules)
    ruled = sum(by_rule)
    dense = ruled >= 2 and ruled >= 0.5 * (sum(by_text) - 1)
    rows: list[list[int]] = []
    for i, item in enumerate(placed):
        forced = i == 0 or item.spanning or placed[i - 1].spanning or by_rule[i]
        new = forced or (not dense and by_text[i])
        if new:
            rows.append([i])
        else:
            rows[-1].append(i)
    return rows
