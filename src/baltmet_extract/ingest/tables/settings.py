"""How PDF tables are found: one settings object, every value with a named default."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: pdfplumber settings for ruled tables; the tolerances absorb Word's slightly offset cell borders.
DEFAULT_LATTICE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_BACKEND = "pdfium"
DEFAULT_X_TOLERANCE = 3.0
DEFAULT_Y_TOLERANCE = 3.0
DEFAULT_WORD_SPACE = 0.6
DEFAULT_MIN_GUTTER = 1.0
DEFAULT_ROW_GAP = 1.3
DEFAULT_BLOCK_GAP = 2.5
DEFAULT_MIN_ALIGNED_COLUMNS = 2
DEFAULT_MIN_TABLE_LINES = 2
DEFAULT_MAX_CROSSING_SHARE = 0.1
DEFAULT_RULE_SPAN = 0.6
DEFAULT_PARAGRAPH_SPAN = 0.6
DEFAULT_TURN_SHARE = 0.5


@dataclass(frozen=True)
class PdfSettings:
    """How tables are found; every value has a named default and is checked on construction.

    `backend` reads the page (`pdfium`, fast; `pdfplumber`, the reference). Ruled tables use
    pdfplumber's table finder with `lattice`. Elsewhere tables are found from alignment:

    - words are built with `x_tolerance`/`y_tolerance` (points, as pdfplumber does); words closer
      than `word_space` times the font size form one run of text, a wider gap may be a gutter;
    - a column gutter is an empty vertical band at least `min_gutter` points wide that at most
      `max_crossing_share` of a table's lines cross (spanning headings, section rows);
    - `row_gap` and `block_gap` are multiples of the line pitch: a step wider than `row_gap`
      separates rows, one wider than `block_gap` separates a table from the text around it;
    - a table needs `min_table_lines` lines with text in two columns or more and
      `min_aligned_columns` columns; a line of text wider than `paragraph_span` of the page's
      text is a paragraph, never part of a table;
    - a horizontal rule spanning `rule_span` of a table's width separates rows;
    - a page is turned upright when more than `turn_share` of its characters run up or down it.
    """

    backend: str = DEFAULT_BACKEND
    lattice: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_LATTICE_SETTINGS))
    x_tolerance: float = DEFAULT_X_TOLERANCE
    y_tolerance: float = DEFAULT_Y_TOLERANCE
    word_space: float = DEFAULT_WORD_SPACE
    min_gutter: float = DEFAULT_MIN_GUTTER
    row_gap: float = DEFAULT_ROW_GAP
    block_gap: float = DEFAULT_BLOCK_GAP
    min_aligned_columns: int = DEFAULT_MIN_ALIGNED_COLUMNS
    min_table_lines: int = DEFAULT_MIN_TABLE_LINES
    max_crossing_share: float = DEFAULT_MAX_CROSSING_SHARE
    rule_span: float = DEFAULT_RULE_SPAN
    paragraph_span: float = DEFAULT_PARAGRAPH_SPAN
    turn_share: float = DEFAULT_TURN_SHARE

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}")
        if self.min_aligned_columns < 2 or self.min_table_lines < 2:
            raise ValueError("min_aligned_columns and min_table_lines must be >= 2")
        if not 1 < self.row_gap < self.block_gap:
            raise ValueError("expected 1 < row_gap < block_gap")
        if min(self.min_gutter, self.x_tolerance, self.y_tolerance, self.word_space) <= 0:
            raise ValueError("min_gutter, word_space and tolerances must be positive")
        for name in ("max_crossing_share",):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"{name} must be in [0, 1)")
        for name in ("rule_span", "paragraph_span", "turn_share"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"{name} must be in (0, 1]")

    @classmethod
    def resolve(cls, value: PdfSettings | dict[str, Any] | None) -> PdfSettings:
        """Settings from None (defaults), a dict of overrides or an instance."""
        if value is None:
            return cls()
        if isinstance(value, PdfSettings):
            return value
        return cls(**value)
