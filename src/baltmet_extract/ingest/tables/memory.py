"""What a document's earlier pages tell about the tables on its later ones.

A table that goes on over several pages keeps its columns, but a page may hold only a piece of
it: two columns of a row cut by the page break, under a paragraph. Such a block's gutters are a
subset of a table's seen before, and it takes that table's columns, so that its text stays in
the columns it belongs to (`match`).

Word repeats a table's header rows at the top of every page. Read by alignment alone, the
repeated header and the first row under it can look like one row (nothing separates them but
a line break); where the first lines of a page's first row repeat the header row of the table
seen before, the row is cut after them (`header_length`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Gutters closer than this many points are the same gutter.
GUTTER_TOLERANCE = 4.0


@dataclass
class Layout:
    """Columns of a table seen: their boundaries, the empty bands (start, boundary, end) around
    them, and the lines of each cell of its first row."""

    bands: list[tuple[float, float, float]]
    header: dict[int, list[str]]

    @property
    def bounds(self) -> list[float]:
        return [mid for _, mid, _ in self.bands]

    def holds(self, band: tuple[float, float, float]) -> int | None:
        """The index of the first of this layout's bands that overlaps `band`, if any."""
        for i, (start, _, end) in enumerate(self.bands):
            if start - GUTTER_TOLERANCE <= band[2] and end + GUTTER_TOLERANCE >= band[0]:
                return i
        return None


Runs = list[tuple[float, float]]


def _clear(x: float, runs: Runs) -> bool:
    return not any(x0 < x < x1 for x0, x1 in runs)


@dataclass
class LayoutMemory:
    """Layouts seen so far in a document, by page size and turn."""

    layouts: dict[tuple[int, int, int], list[Layout]] = field(default_factory=dict)
    last: dict[tuple[int, int, int], Layout] = field(default_factory=dict)

    def column_of(self, page_key: tuple[int, int, int], runs: Runs) -> Layout | None:
        """The layout of the last table seen, when all of `runs` lie in one of its columns (a
        single column of a table going on at the top of a new page)."""
        layout = self.last.get(page_key)
        if layout is None or not runs:
            return None
        edges = [float("-inf"), *(end for _, _, end in layout.bands)]
        starts = [*(start for start, _, _ in layout.bands), float("inf")]
        for left, right in zip(edges, starts, strict=True):
            if all(left - GUTTER_TOLERANCE <= x0 and x1 <= right + GUTTER_TOLERANCE for x0, x1 in runs):
                return layout
        return None

    def match(self, page_key: tuple[int, int, int], bands: list[tuple[float, float, float]], runs: Runs) -> Layout | None:
        """The layout seen before with more columns whose every gutter lies in one of `bands` or
        crosses none of `runs` (the block's text on lines of several runs), if any."""
        best: Layout | None = None
        for layout in self.layouts.get(page_key, []):
            if len(layout.bands) <= len(bands):
                continue
            if all(layout.holds(b) is not None for b in bands) and all(_clear(x, runs) for x in layout.bounds):
                if best is None or len(layout.bands) > len(best.bands):
                    best = layout
        return best

    def same(self, page_key: tuple[int, int, int], bands: list[tuple[float, float, float]]) -> Layout | None:
        """The layout seen before with the same gutters, if any."""
        for layout in self.layouts.get(page_key, []):
            if len(layout.bands) == len(bands) and [layout.holds(b) for b in bands] == list(range(len(bands))):
                return layout
        return None

    def remember(
        self, page_key: tuple[int, int, int], bands: list[tuple[float, float, float]], header: dict[int, list[str]]
    ) -> Layout:
        known = self.same(page_key, bands)
        if known is not None:
            self.last[page_key] = known
            return known
        layout = Layout(list(bands), header)
        self.layouts.setdefault(page_key, []).append(layout)
        self.last[page_key] = layout
        return layout


def header_length(layout: Layout | None, first_row: list[dict[int, str]]) -> int | None:
    """How many lines of a page's first row repeat the layout's header row, when the row holds
    more than that; else None. `first_row` is the row's lines, each {column: text}."""
    if layout is None or not layout.header:
        return None
    longest = 0
    for col, lines in layout.header.items():
        mine = [line[col] for line in first_row if col in line]
        if mine[: len(lines)] != lines:
            return None
        # the line index of the header's last line in this column
        seen = 0
        for index, line in enumerate(first_row):
            if col in line:
                seen += 1
                if seen == len(lines):
                    longest = max(longest, index + 1)
                    break
    return longest if 0 < longest < len(first_row) else None
