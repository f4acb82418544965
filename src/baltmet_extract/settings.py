"""Run settings with named defaults, checked on construction."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

DEFAULT_EXECUTOR = "local"
EXECUTORS = ["local", "dask"]


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

    @classmethod
    def resolve(cls, value: ExtractSettings | dict[str, Any] | None) -> ExtractSettings:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        return cls(**dict(value))
