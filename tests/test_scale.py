"""Running the per-document stages in parallel: a process pool (`--jobs 2`) and a Dask cluster
(`--executor dask`, a LocalCluster here) write the same files as a serial run."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from baltmet_extract.cli import main
from baltmet_extract.errors import BaltmetError

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import corpus  # noqa: E402


def _extract(inputs: Path, out: Path, *options: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(["extract", str(inputs), "--out", str(out), *options], stdout=io.StringIO(), stderr=err)
    return code, err.getvalue()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """raw/*.txt and four generated documents: an annex text dump, a 5-page annex PDF, two news pages."""
    folder = tmp_path_factory.mktemp("scale-corpus")
    generated = tmp_path_factory.mktemp("scale-generated")
    corpus.generate_corpus(generated, 4, seed=3, kinds=("annex_txt", "annex_pdf", "news_html", "news_txt"))
    for f in sorted((ROOT / "raw").glob("*.txt")) + sorted((generated / "docs").iterdir()):
        shutil.copy2(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def serial(small_corpus, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("serial")
    code, err = _extract(small_corpus, out, "--jobs", "1")
    assert code == 0, err
    return out


def test_serial_run_reads_every_kind_of_document(serial):  # type: ignore[no-untyped-def]
    import json

    def sources(table: str) -> set[str]:
        return {r["source_file"] for r in json.loads((serial / f"{table}.json").read_text(encoding="utf-8"))}

    assert len(sources("projects")) == 3  # the sample annex, the generated dump and the PDF
    assert any(name.endswith(".pdf") for name in sources("projects"))
    assert len(sources("news")) == 3


def test_process_pool_output_is_identical_to_serial(serial, small_corpus, tmp_path):  # type: ignore[no-untyped-def]
    code, err = _extract(small_corpus, tmp_path / "pool", "--jobs", "2")
    assert code == 0, err
    assert _files(tmp_path / "pool") == _files(serial)


def test_dask_output_is_identical_to_serial(serial, small_corpus, tmp_path):  # type: ignore[no-untyped-def]
    pytest.importorskip("distributed")
    code, err = _extract(small_corpus, tmp_path / "dask", "--executor", "dask")
    assert code == 0, err
    assert _files(tmp_path / "dask") == _files(serial)


def test_dask_documents_are_submitted_first_and_collected_in_input_order(small_corpus, tmp_path):  # type: ignore[no-untyped-def]
    pytest.importorskip("distributed")
    from baltmet_extract.documents import collect_inputs
    from baltmet_extract.scale import DaskDocuments

    files = collect_inputs([small_corpus])
    seen: list[str] = []
    with DaskDocuments(files, None, None, seen.append, cache_dir=str(tmp_path / "cache")) as documents:
        assert len(documents.futures) == len(files)  # working while the caller does something else
        results = documents.results()
    assert [r.source_file for r in results] == [name for _, name in files]
    assert sorted(seen) == sorted(name for _, name in files)
    assert not any(r.failed for r in results)
    assert documents.client is None and documents.cluster is None
    assert any(p.is_file() for p in (tmp_path / "cache").rglob("*"))  # the workers used the document cache


def test_dask_with_no_files_starts_no_cluster():
    from baltmet_extract.scale import run_on_dask

    assert run_on_dask([], None, "tcp://nowhere.invalid:1", None) == []


def test_missing_dask_says_what_to_install(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    from baltmet_extract.scale import run_on_dask

    with pytest.raises(BaltmetError, match=r"install baltmet-extract\[dask\]"):
        run_on_dask([(ROOT / "raw" / "000_334f8267bbda754e.txt", "a.txt")], None, None, None)
    code, err = _extract(ROOT / "raw", tmp_path / "out", "--executor", "dask")
    assert code == 2
    assert "baltmet-extract[dask]" in err and "Traceback" not in err


def test_unreachable_scheduler_is_one_line(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    pytest.importorskip("distributed")
    import baltmet_extract.scale as scale

    monkeypatch.setattr(scale, "DEFAULT_CONNECT_TIMEOUT", "1s")
    code, err = _extract(ROOT / "raw", tmp_path / "out", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in err
    assert len(err.strip().splitlines()) == 1
