"""The linking's hot modules (and the report's view of each mention), compiled: `make` compiles
them with mypyc (tools/build_native.py) into extension modules beside their sources, for speed;
they give the same answers as the Python they are compiled from (the names benchmark's every
answer is compared).

A compiled module is imported before its source, so a source changed after compiling (edited,
then run without `make`) would run as it was. The compiler records each source's hash
(`_native.json`); `guard()`, run when the package is imported, compares them, and when any
differs, or when `BALTMET_PURE_PYTHON=1`, every compiled module is imported from its source (they
call one another directly, so all of them or none). Without a compiler nothing is compiled and
everything runs as Python.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: the modules compiled, under the package: the spelling, ranking and resolving of a mention, the
#: linking, and the report's view of each mention (none defines a class that is pickled)
MODULES = ("textutil", "normalise.folding", "normalise.sortednames", "normalise.regionforms",
           "normalise.inflection", "normalise.calibration", "normalise.ranking", "normalise.spelling",
           "normalise.resolver", "normalise.link", "review_server.europe_map", "review_server.mentions")
PACKAGE = "baltmet_extract"
#: each compiled source's hash, written by the compiler
MANIFEST = "_native.json"
ROOT = Path(__file__).resolve().parent


def source_path(module: str, root: Path = ROOT) -> Path:
    return root.joinpath(*module.split(".")).with_suffix(".py")


def source_hashes(root: Path = ROOT) -> dict[str, str]:
    """sha256 of each compiled module's source."""
    return {m: hashlib.sha256(source_path(m, root).read_bytes()).hexdigest() for m in MODULES}


def compiled_files(root: Path = ROOT) -> list[Path]:
    """The extension modules beside the sources (the compiled modules and their shared library)."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    folders = {root, *(source_path(m, root).parent for m in MODULES)}
    return sorted(p for d in folders for p in d.iterdir() if p.name.endswith(suffixes))


def changed(root: Path = ROOT) -> list[str]:
    """The compiled modules whose source differs from the one compiled; all of them when there
    are compiled files but no record of what they were compiled from; [] when nothing is compiled."""
    manifest = root / MANIFEST
    if not manifest.exists():
        return list(MODULES) if compiled_files(root) else []
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return list(MODULES)
    now = source_hashes(root)
    return [m for m in MODULES if recorded.get(m) != now[m]]


class _SourcesFirst(importlib.abc.MetaPathFinder):
    """Imports the compiled modules from their `.py` sources."""

    def __init__(self, root: Path) -> None:
        self.paths = {f"{PACKAGE}.{m}": source_path(m, root) for m in MODULES}

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        source = self.paths.get(fullname)
        return importlib.util.spec_from_file_location(fullname, source) if source is not None else None


def guard(root: Path = ROOT) -> str:
    """Import the compiled modules from source when they are stale or pure Python is asked for;
    returns why ("" when the compiled modules, if any, are used)."""
    why = ""
    if os.environ.get("BALTMET_PURE_PYTHON", "") not in ("", "0"):
        why = "BALTMET_PURE_PYTHON is set"
    else:
        stale = changed(root)
        if stale:
            why = f"{', '.join(stale)} changed since compiled"
            warnings.warn(f"baltmet-extract: {why}; running every compiled module as Python "
                          "(`make install` compiles them again)", RuntimeWarning, stacklevel=2)
    if why and not any(isinstance(f, _SourcesFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourcesFirst(root))
    return why


def running_compiled() -> bool:
    """True when the linking runs compiled (its modules were imported from extension modules)."""
    from baltmet_extract.normalise import spelling

    return not (spelling.__file__ or "").endswith(".py")


__all__ = ["MANIFEST", "MODULES", "changed", "compiled_files", "guard", "running_compiled", "source_hashes",
           "source_path"]
