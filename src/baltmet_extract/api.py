"""The public Python API: `extract` and `run` (and, from the package, the same names).

    import baltmet_extract as bx
    result = bx.extract(["raw"])          # a RunResult: tables, documents, validation
    bx.run(["raw"], "output")             # the same, and every output file written
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from baltmet_extract.results import RunResult
from baltmet_extract.settings import ExtractSettings

__all__ = ["extract", "run"]


def extract(inputs: Iterable[str | Path] | str | Path, settings: ExtractSettings | dict[str, object] | None = None,
            progress: Callable[[str], None] | None = None) -> RunResult:
    """Extract, normalise and validate files and/or folders; returns the tables without writing them."""
    from baltmet_extract.pipeline import extract as _extract

    return _extract(_as_list(inputs), settings, progress)


def run(inputs: Iterable[str | Path] | str | Path, out_dir: str | Path,
        settings: ExtractSettings | dict[str, object] | None = None,
        progress: Callable[[str], None] | None = None) -> RunResult:
    """Extract and write every output file into `out_dir`."""
    from baltmet_extract.pipeline import run as _run

    return _run(_as_list(inputs), out_dir, settings, progress)


def _as_list(inputs: Iterable[str | Path] | str | Path) -> list[str | Path]:
    return [inputs] if isinstance(inputs, str | Path) else list(inputs)
