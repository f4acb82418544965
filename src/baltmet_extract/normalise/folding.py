"""`fold` and `fold_compact` of `textutil`, remembered per text for one resolver.

Resolving one mention folds it, its words, its shorter forms and the names it meets several
times over, and the linker resolves each partner twice (alone, then among its co-partners);
anyascii is the costly part of folding. The results are `textutil`'s: only the work is kept (up
to `LIMIT` texts, then forgotten at once, so a long run's memory stays bounded).
"""

from __future__ import annotations

from baltmet_extract.textutil import fold as _fold

#: texts remembered before the memory is emptied
LIMIT = 1 << 17


class Folds:
    """Folded forms of the texts one resolver has seen."""

    __slots__ = ("_compact", "_folded")

    def __init__(self) -> None:
        self._folded: dict[str, str] = {}
        self._compact: dict[str, str] = {}

    def fold(self, text: str) -> str:
        """`textutil.fold(text)`, remembered."""
        out = self._folded.get(text)
        if out is None:
            if len(self._folded) >= LIMIT:
                self._folded.clear()
            out = self._folded[text] = _fold(text)
        return out

    def compact(self, text: str) -> str:
        """`textutil.fold_compact(text)`, remembered."""
        out = self._compact.get(text)
        if out is None:
            if len(self._compact) >= LIMIT:
                self._compact.clear()
            out = self._compact[text] = self.fold(text).replace(" ", "")
        return out


__all__ = ["LIMIT", "Folds"]
