"""baltmet-extract: documents about Baltic Sea Region city cooperation in, clean linked tables out.

    import baltmet_extract as bx
    result = bx.extract(["raw"])     # tables, documents, validation; nothing written
    frames = result.to_pandas()      # one pandas DataFrame per table
    bx.run(["raw"], "output")        # the same, with every output file
    frames = bx.load("output")       # an output folder read back into the same DataFrames

The API is imported on first use, so `import baltmet_extract` stays light.
"""

from __future__ import annotations

from typing import Any

from baltmet_extract import _native
from baltmet_extract._version import __version__

_native.guard()  # (before any compiled module is imported: a stale one is imported from its source)

_API = ("extract", "load", "run")

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        from baltmet_extract import api

        return getattr(api, name)
    raise AttributeError(f"module 'baltmet_extract' has no attribute {name!r}")
