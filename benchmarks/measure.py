"""The measurements `run.py` makes, each in a fresh process so that its memory figures are its own.

    python benchmarks/measure.py stages DOCS OUT --jobs N --cache-dir DIR
    python benchmarks/measure.py whole DOCS OUT --jobs N --cache-dir DIR [--executor dask]
    python benchmarks/measure.py pdfplumber PDF...

Each prints one JSON object on stdout.

`stages` runs the pipeline's steps one after the other with a clock around each:
ingest and extract per document (in a pool of N workers, timed inside the workers by
wrapping the reader that `documents.process_document` calls), then loading the gazetteer,
building spaCy, resolving every distinct partner mention once with a fresh `Resolver`,
linking, validating and exporting in this process. Memory: the peak RSS of this process
after each step, the peak RSS of each worker, and the peak of Python allocations
(tracemalloc) of the parent's steps, measured in a second pass because tracemalloc
slows them about five times.

`whole` is the command line run in-process (`cli.main`), as a user runs it; its wall
time is taken by the caller, around the process.

`pdfplumber` is the reference: `page.extract_tables()` with default settings on every
page, one process, no other work.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

_INGEST_SECONDS = [0.0]


def _maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux: kilobytes


def _time_reader() -> None:
    """Wrap the reader so that the time `process_document` spends ingesting is recorded."""
    import baltmet_extract.ingest as ingest

    if getattr(ingest.read_document, "_timed", False):
        return
    original = ingest.read_document

    def timed(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            _INGEST_SECONDS[0] += time.perf_counter() - t

    timed._timed = True  # type: ignore[attr-defined]
    ingest.read_document = timed


def timed_document(path: str, name: str, rules_dir: str | None) -> tuple[Any, float, float, float]:
    """(result, ingest seconds, extract seconds, this process's peak RSS in MB) of one document."""
    from baltmet_extract.documents import process_document

    _time_reader()
    _INGEST_SECONDS[0] = 0.0
    t = time.perf_counter()
    result = process_document(path, name, rules_dir)
    total = time.perf_counter() - t
    return result, _INGEST_SECONDS[0], total - _INGEST_SECONDS[0], _maxrss_mb()


def _distinct_mentions(documents: list[Any]) -> list[tuple[str, str | None]]:
    from baltmet_extract.textutil import fold

    seen: dict[tuple[str, str | None], tuple[str, str | None]] = {}
    for doc in documents:
        for draft in doc.projects:
            for m in draft.partners.mentions:
                if not m.group:
                    seen.setdefault((fold(m.raw), m.kind_hint), (m.raw, m.kind_hint))
    return list(seen.values())


def _parent_steps(documents: list[Any], rules: Any, cache_dir: Path, out: Path, clock: dict[str, Any]) -> None:
    """Normalise/link, validate and export, with a clock (and an RSS reading) after each step."""
    from baltmet_extract.export import write_outputs
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.link import Linker
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.normalise.textplaces import TextPlaceFinder
    from baltmet_extract.results import RunResult
    from baltmet_extract.validate import validate

    def tick(name: str, start: float) -> float:
        now = time.perf_counter()
        clock[name] = {"seconds": round(now - start, 4), "rss_mb": _maxrss_mb()}
        return now

    t = time.perf_counter()
    gz = load_gazetteer(rules, cache_dir)
    t = tick("gazetteer_load", t)
    mentions = _distinct_mentions(documents)
    resolver = Resolver(gz, rules)
    for raw, hint in mentions:
        resolver.resolve(raw, hint)
    t = tick("resolve_distinct", t)
    clock["resolve_distinct"]["mentions"] = len(mentions)
    resolver = Resolver(gz, rules)
    finder = TextPlaceFinder(gz, resolver, rules)
    finder.nlp  # noqa: B018 - build spaCy now, to time it apart from linking
    t = tick("spacy_build", t)
    tables = Linker(resolver, finder).run(documents)
    t = tick("link", t)
    result = RunResult(tables=tables, documents=documents, validation=validate(tables, documents, rules))
    t = tick("validate", t)
    write_outputs(result, out)
    tick("export", t)
    clock["counts"] = {"projects": len(tables.projects), "partners": len(tables.partners),
                       "normalisation_rows": len(tables.normalisation), "news": len(tables.news),
                       "events": len(tables.events), "errors": len(tables.errors)}


def stages(docs: Path, out: Path, jobs: int, cache_dir: Path, tracemalloc_pass: bool) -> dict[str, Any]:
    from baltmet_extract.documents import collect_inputs
    from baltmet_extract.rules import Rules

    t_start = time.perf_counter()
    files = collect_inputs([docs])
    rules_dir = None
    per_doc: list[tuple[Any, float, float, float]] = []
    t = time.perf_counter()
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs, initializer=_time_reader) as pool:
            per_doc = list(pool.map(timed_document, [str(p) for p, _ in files], [n for _, n in files],
                                    [rules_dir] * len(files)))
    else:
        per_doc = [timed_document(str(p), n, rules_dir) for p, n in files]
    documents_wall = time.perf_counter() - t
    documents = [r for r, *_ in per_doc]
    frozen = pickle.dumps(documents, protocol=pickle.HIGHEST_PROTOCOL)
    rules = Rules.load(rules_dir)
    clock: dict[str, Any] = {}
    _parent_steps(documents, rules, cache_dir, out, clock)
    report: dict[str, Any] = {
        "documents": len(files),
        "pdf_documents": sum(1 for r in documents if r.pages),
        "pages": sum(r.pages for r in documents),
        "failed": sum(1 for r in documents if r.failed),
        "ingest_seconds": round(sum(i for _, i, _, _ in per_doc), 4),
        "extract_seconds": round(sum(e for _, _, e, _ in per_doc), 4),
        "pdf_ingest_extract_seconds": round(sum(i + e for r, i, e, _ in per_doc if r.pages), 4),
        "documents_wall_seconds": round(documents_wall, 4),
        "worker_peak_rss_mb": max((m for *_, m in per_doc), default=0.0),
        "documents_pickle_mb": round(len(frozen) / 2**20, 2),
        "jobs": jobs,
        "parent": clock,
        "parent_peak_rss_mb": _maxrss_mb(),
        "total_seconds": round(time.perf_counter() - t_start, 4),
    }
    if tracemalloc_pass:
        peaks: dict[str, float] = {}
        documents = pickle.loads(frozen)
        tracemalloc.start()
        _parent_steps_traced(documents, rules, cache_dir, out.with_name(out.name + "-traced"), peaks)
        tracemalloc.stop()
        report["tracemalloc_peak_mb"] = peaks
    return report


def _parent_steps_traced(documents: list[Any], rules: Any, cache_dir: Path, out: Path, peaks: dict[str, float]) -> None:
    """The parent's steps again, reading the peak of Python allocations during each."""
    from baltmet_extract.export import write_outputs
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.link import Linker
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.normalise.textplaces import TextPlaceFinder
    from baltmet_extract.results import RunResult
    from baltmet_extract.validate import validate

    def peak(name: str) -> None:
        peaks[name] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.reset_peak()

    tracemalloc.reset_peak()
    gz = load_gazetteer(rules, cache_dir)
    peak("gazetteer_load")
    resolver = Resolver(gz, rules)
    finder = TextPlaceFinder(gz, resolver, rules)
    finder.nlp  # noqa: B018
    peak("spacy_build")
    tables = Linker(resolver, finder).run(documents)
    peak("link")
    result = RunResult(tables=tables, documents=documents, validation=validate(tables, documents, rules))
    peak("validate")
    write_outputs(result, out)
    peak("export")


def whole(docs: Path, out: Path, jobs: int, cache_dir: Path, executor: str) -> dict[str, Any]:
    """The command line, in-process; returns its exit status and the peak RSS of this process and its workers."""
    from baltmet_extract.cli import main

    err = io.StringIO()
    args = ["extract", str(docs), "--out", str(out), "--jobs", str(jobs), "--cache-dir", str(cache_dir)]
    if executor != "local":
        args += ["--executor", executor]
    t = time.perf_counter()
    code = main(args, stdout=io.StringIO(), stderr=err)
    return {"exit": code, "seconds_in_process": round(time.perf_counter() - t, 4), "parent_peak_rss_mb": _maxrss_mb(),
            "worker_peak_rss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN), "summary": err.getvalue().strip()[-400:]}


def pdfplumber_tables(paths: list[Path]) -> dict[str, Any]:
    """pdfplumber's own `extract_tables` on every page of `paths`, in this process."""
    import pdfplumber

    pages = tables = 0
    t = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                tables += len(page.extract_tables())
                pages += 1
                page.close()
    return {"seconds": round(time.perf_counter() - t, 4), "pages": pages, "tables": tables,
            "peak_rss_mb": _maxrss_mb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("stages", "whole"):
        p = sub.add_parser(name)
        p.add_argument("docs", type=Path)
        p.add_argument("out", type=Path)
        p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
        p.add_argument("--cache-dir", type=Path, required=True)
        if name == "stages":
            p.add_argument("--no-tracemalloc", action="store_true")
        else:
            p.add_argument("--executor", default="local")
    p = sub.add_parser("pdfplumber")
    p.add_argument("pdfs", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "stages":
        report = stages(args.docs, args.out, args.jobs, args.cache_dir, not args.no_tracemalloc)
    elif args.command == "whole":
        report = whole(args.docs, args.out, args.jobs, args.cache_dir, args.executor)
    else:
        report = pdfplumber_tables(args.pdfs)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
