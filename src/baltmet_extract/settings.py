"""Run settings with named defaults, checked on construction."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

DEFAULT_EXECUTOR = "local"
EXECUTORS = ["local", "dask"]
#: Seconds one document may take to read and extract before it is stopped (0: no limit).
DEFAULT_TIME_LIMIT = 300.0
#: A Word file whose parts unpack to more than this is refused (its pictures included).
DEFAULT_MAX_UNPACKED_BYTES = 512 * 1024 * 1024
#: ...and one whose XML parts (what is parsed, at some 20 bytes of memory per byte) unpack to more than this.
DEFAULT_MAX_XML_BYTES = 32 * 1024 * 1024
#: ...and one with more parts than this (a real one has tens, hundreds with many pictures).
DEFAULT_MAX_PARTS = 5000


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may cost, handed to every worker with the document (the file size limit
    travels on its own, as `max_bytes`). `seconds` 0 means no time limit."""

    unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES
    xml_bytes: int = DEFAULT_MAX_XML_BYTES
    parts: int = DEFAULT_MAX_PARTS
    seconds: float = DEFAULT_TIME_LIMIT


def default_cache_dir() -> Path:
    """`$BALTMET_CACHE_DIR`, else `.cache/baltmet-extract` under the user's cache folder."""
    env = os.environ.get("BALTMET_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "baltmet-extract"


class ExtractSettings(BaseModel):
    """How a run is carried out; `ExtractSettings.resolve(None | dict | instance)`."""

    model_config = ConfigDict(extra="forbid")

    rules_dir: Path | None = None
    cache_dir: Path = default_cache_dir()
    no_cache: bool = False
    jobs: int | None = 1
    executor: str = DEFAULT_EXECUTOR
    scheduler: str | None = None
    #: refuse larger input files; None: $BALTMET_MAX_FILE_BYTES, else 200 MiB
    max_file_bytes: int | None = None
    #: refuse Word files whose parts unpack to more than this (all parts / the XML parts), or have more parts
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES
    max_xml_bytes: int = DEFAULT_MAX_XML_BYTES
    max_parts: int = DEFAULT_MAX_PARTS
    #: stop a document that takes longer than this many seconds (0: no limit)
    time_limit: float = DEFAULT_TIME_LIMIT
    #: write into an output folder that holds files this tool did not write (they are kept)
    force: bool = False
    #: write CSV cells as they are, without the `'` that keeps a spreadsheet from running formulas
    csv_raw: bool = False

    @field_validator("executor")
    @classmethod
    def _known_executor(cls, v: str) -> str:
        if v not in EXECUTORS:
            raise ValueError(f"executor must be one of {', '.join(EXECUTORS)}, not {v!r}")
        return v

    @field_validator("jobs")
    @classmethod
    def _positive_jobs(cls, v: int | None) -> int | None:
        if v is not None and v < 0:
            raise ValueError("jobs must be 0 (all cores) or more")
        return v

    @field_validator("max_unpacked_bytes", "max_xml_bytes", "max_parts")
    @classmethod
    def _positive_limit(cls, v: int) -> int:
        if v <= 0:
            raise ValueError("size and part limits must be 1 or more")
        return v

    @field_validator("time_limit")
    @classmethod
    def _time_limit(cls, v: float) -> float:
        if v < 0:
            raise ValueError("the time limit must be 0 (none) or more seconds")
        return v

    def limits(self) -> DocumentLimits:
        """The per-document limits of this run."""
        return DocumentLimits(unpacked_bytes=self.max_unpacked_bytes,
                              xml_bytes=self.max_xml_bytes, parts=self.max_parts, seconds=self.time_limit)

    @classmethod
    def resolve(cls, value: ExtractSettings | dict[str, Any] | None) -> ExtractSettings:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        return cls(**dict(value))
