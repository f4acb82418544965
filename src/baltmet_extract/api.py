"""The public Python API: `extract`, `run` and `load` (and, from the package, the same names).

    import baltmet_extract as bx
    result = bx.extract(["raw"])          # a RunResult: tables, documents, validation
    frames = result.to_pandas()           # {"projects": DataFrame, "partners": ..., ...}
    bx.run(["raw"], "output")             # the same, and every output file written
    frames = bx.load("output")            # an output folder read back into the same DataFrames
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from baltmet_extract.results import RunResult
from baltmet_extract.settings import ExtractSettings

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["extract", "load", "run"]


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


def load(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """An output folder's tables as pandas DataFrames, read with the types of its datapackage.json:
    the same frames as `extract(...).to_pandas()` gave for the run that wrote it."""
    from baltmet_extract.frames import read_datapackage

    return read_datapackage(out_dir)


def _as_list(inputs: Iterable[str | Path] | str | Path) -> list[str | Path]:
    return [inputs] if isinstance(inputs, str | Path) else list(inputs)
