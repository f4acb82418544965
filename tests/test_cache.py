"""Caches: an unchanged document is not read again, a changed one or changed rules are, and
cached runs write the same files as uncached ones."""

from __future__ import annotations

import io
import shutil

import pytest

from baltmet_extract import documents
from baltmet_extract.cli import main
from conftest import ANNEX_SAMPLE, NEWS_SAMPLE


@pytest.fixture
def cache(tmp_path, gazetteer):
    """A fresh cache folder holding only the gazetteer, so no test pays for building it."""
    from baltmet_extract.settings import default_cache_dir

    folder = tmp_path / "cache"
    folder.mkdir()
    for f in default_cache_dir().glob("gazetteer-*.pickle"):
        shutil.copy(f, folder / f.name)
    return folder


def extract(inputs, out, cache, *extra):
    err = io.StringIO()
    code = main(["extract", *map(str, inputs), "--out", str(out), "--cache-dir", str(cache), "--jobs", "1", *extra],
                stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()


def test_unchanged_document_is_taken_from_the_cache(tmp_path, monkeypatch, cache):
    extract([ANNEX_SAMPLE], tmp_path / "o1", cache)
    calls = []
    real = documents._process_document
    monkeypatch.setattr(documents, "_process_document", lambda *a, **k: calls.append(a) or real(*a, **k))
    extract([ANNEX_SAMPLE], tmp_path / "o2", cache)
    assert calls == []
    assert (tmp_path / "o1" / "partners.csv").read_bytes() == (tmp_path / "o2" / "partners.csv").read_bytes()


def test_changed_document_or_rules_are_read_again(tmp_path, monkeypatch, cache):
    doc = tmp_path / "annex.txt"
    shutil.copy(ANNEX_SAMPLE, doc)
    rules = tmp_path / "rules"
    rules.mkdir()
    extract([doc], tmp_path / "o1", cache, "--rules", str(rules))
    calls = []
    real = documents._process_document
    monkeypatch.setattr(documents, "_process_document", lambda *a, **k: calls.append(a) or real(*a, **k))
    doc.write_text(doc.read_text(encoding="utf-8").replace("Sczeczin", "Szczecin"), encoding="utf-8")
    extract([doc], tmp_path / "o2", cache, "--rules", str(rules))
    assert len(calls) == 1
    (rules / "status.yaml").write_text("# a comment changes nothing\n", encoding="utf-8")
    extract([doc], tmp_path / "o3", cache, "--rules", str(rules))
    assert len(calls) == 1
    (rules / "status.yaml").write_text("statuses:\n  - {pattern: 'in preparation', status: planned}\n",
                                       encoding="utf-8")
    extract([doc], tmp_path / "o4", cache, "--rules", str(rules))
    assert len(calls) == 2


def test_cached_and_uncached_runs_write_the_same_files(tmp_path, cache):
    extract([ANNEX_SAMPLE, NEWS_SAMPLE], tmp_path / "warm-up", cache)
    extract([ANNEX_SAMPLE, NEWS_SAMPLE], tmp_path / "cached", cache)
    extract([ANNEX_SAMPLE, NEWS_SAMPLE], tmp_path / "fresh", cache, "--no-cache")
    for f in sorted((tmp_path / "fresh").rglob("*")):
        if f.is_file():
            assert f.read_bytes() == (tmp_path / "cached" / f.relative_to(tmp_path / "fresh")).read_bytes(), f.name


def test_drop_others_keeps_one_version_and_what_the_pattern_does_not_name(tmp_path):
    from baltmet_extract.cache import drop_others

    for name in ("gazetteer-1.pickle", "gazetteer-2.pickle", "gazetteer-2.123.tmp", "text-places-1.pickle"):
        (tmp_path / name).write_bytes(b"x")
    drop_others(tmp_path / "gazetteer-2.pickle", "gazetteer-*.pickle")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-2.123.tmp", "gazetteer-2.pickle", "text-places-1.pickle"]
    drop_others(tmp_path / "missing" / "x.pickle", "*.pickle")  # no folder: nothing to do, no error
