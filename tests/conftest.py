"""Shared fixtures: the rules, the gazetteer (cached on disk after the first build) and one
extraction of the sample documents in raw/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from baltmet_extract.rules import Rules

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
ANNEX_SAMPLE = RAW / "000_334f8267bbda754e.txt"
NEWS_SAMPLE = RAW / "002_3129d51c2f9d92f9.txt"


@pytest.fixture(scope="session")
def rules() -> Rules:
    return Rules.load()


@pytest.fixture(scope="session")
def gazetteer(rules):  # type: ignore[no-untyped-def]
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.settings import default_cache_dir

    return load_gazetteer(rules, default_cache_dir())


@pytest.fixture(scope="session")
def resolver(gazetteer, rules):  # type: ignore[no-untyped-def]
    from baltmet_extract.normalise.resolver import Resolver

    return Resolver(gazetteer, rules)


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The CLI run in-process on raw/ once: (exit code, output folder, stderr text)."""
    from baltmet_extract.cli import main

    out = tmp_path_factory.mktemp("sample-output")
    err = io.StringIO()
    code = main(["extract", str(RAW), "--out", str(out), "--jobs", "1"], stdout=io.StringIO(), stderr=err)
    return code, out, err.getvalue()
