"""Per-document results cached by content: an unchanged input is not read again.

The key joins the file's bytes, the name it is reported under, the rules it was read with
and the code that read it, so a change to any of them reads the document afresh. Entries are
pickles written to a temporary file and renamed into place, so parallel runs never see half
an entry; a broken entry is read again from the document.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

#: the modules whose code decides what a document gives; their source is part of every key
_EXTRACTION_CODE = ("ingest", "extractors", "classify.py", "models.py", "textutil.py", "rules.py", "rule_files.py",
                    "documents.py", "results.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the source of the reading and extraction code."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _EXTRACTION_CODE:
        target = root / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for f in files:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def document_key(path: Path, source_name: str, rules_fingerprint: str, max_bytes: int | str | None) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    h.update(f"\0{source_name}\0{rules_fingerprint}\0{max_bytes}\0{code_fingerprint()}".encode())
    return h.hexdigest()


class DocumentCache:
    """Pickled per-document results under `DIR/documents/`."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory) / "documents"

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        return read_pickle(self._path(key))

    def put(self, key: str, value: Any) -> None:
        write_pickle(self._path(key), value)


def read_pickle(path: Path) -> Any | None:
    """The object pickled at `path`, or None when it is missing, broken or from other code."""
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def drop_others(path: Path, pattern: str) -> None:
    """Remove the files beside `path` that match `pattern` but are not `path`: the older versions of
    something cached once per rules or version (one is kept). A file another run holds open, or a
    read-only folder, is left as it is."""
    try:
        for old in path.parent.glob(pattern):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def write_pickle(path: Path, value: Any) -> bool:
    """Pickle `value` to `path` through a temporary file of this process's own, renamed into place:
    runs at the same time never read a half-written file nor remove each other's. False when the
    folder is read-only or full (that costs time next run, never this run's result)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        return False
    return True
