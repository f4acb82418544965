"""The pipeline: ingest, classify and extract each document (independently, so in parallel if
asked), then normalise and link the union, validate, and export.

`extract(paths)` returns the tables; `run(paths, out)` also writes them. The CLI is a thin
layer over `run`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from baltmet_extract.errors import BaltmetError, InputError
from baltmet_extract.extract.annex import ProjectDraft
from baltmet_extract.extract.milestones import MilestoneDraft
from baltmet_extract.extract.news import NewsDraft
from baltmet_extract.models import ErrorRecord
from baltmet_extract.normalise.link import Tables
from baltmet_extract.rules import Rules
from baltmet_extract.settings import ExtractSettings


@dataclass
class DocumentResult:
    """What one document gave, before normalisation."""

    source_file: str
    kinds: list[str] = field(default_factory=list)
    projects: list[ProjectDraft] = field(default_factory=list)
    news: list[NewsDraft] = field(default_factory=list)
    milestones: list[MilestoneDraft] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    rows_seen: int = 0
    rows_used: int = 0
    pages: int = 0
    failed: bool = False
    #: the traceback of an unexpected failure, shown with -v
    traceback: str | None = None


@dataclass
class RunResult:
    """The tables of a run, and how its inputs fared."""

    tables: Tables
    documents: list[DocumentResult]
    validation: list[dict[str, object]] = field(default_factory=list)

    @property
    def failed_inputs(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.failed]

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if name != "tables" and hasattr(self.tables, name):
            return getattr(self.tables, name)
        raise AttributeError(name)


def collect_inputs(inputs: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Files to read, each with the name it is reported under (its path inside the folder given)."""
    from baltmet_extract.ingest import format_of

    found: list[tuple[Path, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = f.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if format_of(f) is None and f.suffix.lower() in (".md", ".json", ".csv", ".yaml", ".yml"):
                    continue  # notes and data beside the documents are not documents
                found.append((f, rel.as_posix()))
        elif path.exists():
            found.append((path, path.name))
        else:
            raise BaltmetError(f"{path}: no such file or folder")
    names: dict[str, int] = {}
    out = []
    for path, name in found:
        n = names.get(name, 0)
        names[name] = n + 1
        out.append((path, name if n == 0 else f"{name}#{n + 1}"))
    return out


def process_document(path: str, source_name: str, rules_dir: str | None = None,
                     max_bytes: int | None = None, cache_dir: str | None = None) -> DocumentResult:
    """Ingest, classify and extract one document, or take the result of an earlier run on the
    same bytes with the same rules and code from `cache_dir`. Never raises."""
    if cache_dir is None:
        return _process_document(path, source_name, rules_dir, max_bytes)
    from baltmet_extract.cache import DocumentCache, document_key
    from baltmet_extract.ingest import MAX_FILE_BYTES_ENV

    limit = max_bytes if max_bytes is not None else os.environ.get(MAX_FILE_BYTES_ENV)
    try:
        key = document_key(Path(path), source_name, _rules(rules_dir).fingerprint, limit)
    except Exception:  # unreadable file or rules: the uncached path reports it properly
        return _process_document(path, source_name, rules_dir, max_bytes)
    cache = DocumentCache(Path(cache_dir))
    cached = cache.get(key)
    if isinstance(cached, DocumentResult):
        return cached
    result = _process_document(path, source_name, rules_dir, max_bytes)
    if result.traceback is None:  # an unexpected failure may be passing: try again next time
        cache.put(key, result)
    return result


def _process_document(path: str, source_name: str, rules_dir: str | None = None,
                      max_bytes: int | None = None) -> DocumentResult:
    """Ingest, classify and extract one document. Never raises: problems become error records."""
    from baltmet_extract.classify import classify
    from baltmet_extract.extract.annex import extract_annex
    from baltmet_extract.extract.milestones import extract_milestones
    from baltmet_extract.extract.news import extract_news
    from baltmet_extract.ingest import read_document

    result = DocumentResult(source_file=source_name)
    try:
        rules = _rules(rules_dir)
        doc = read_document(Path(path), source_name, max_bytes=max_bytes)
        result.pages = doc.page_count
        result.kinds = classify(doc, rules)
        if "annex" in result.kinds:
            annex = extract_annex(doc, rules)
            result.projects, result.rows_seen, result.rows_used = annex.projects, annex.rows_seen, annex.rows_used
            result.errors.extend(annex.errors)
        if "news" in result.kinds:
            result.news = extract_news(doc, rules, loose="annex" not in result.kinds)
        if "workpackage" in result.kinds:
            result.milestones = extract_milestones(doc, rules)
        if not result.kinds:
            result.errors.append(ErrorRecord(source_file=source_name, stage="classify",
                                             message="no annex table, news list or milestones recognised"))
    except InputError as exc:
        result.failed = True
        result.errors.append(ErrorRecord(source_file=source_name, stage=exc.stage, message=exc.message))
    except Exception as exc:  # a bug or a library failure on one file must not stop the others
        import traceback

        result.failed = True
        result.traceback = traceback.format_exc()
        message = " ".join(str(exc).split())[:300]
        result.errors.append(ErrorRecord(source_file=source_name, stage="extract",
                                         message=f"could not be processed ({type(exc).__name__}: {message})"))
    return result


_RULES_CACHE: dict[tuple[str | None, tuple[tuple[str, int, int], ...]], Rules] = {}


def _rules(rules_dir: str | None) -> Rules:
    """Rules for a folder, loaded once per process while its files are unchanged."""
    from baltmet_extract.rules import DEFAULT_RULES_DIR, RULE_FILES

    d = Path(rules_dir) if rules_dir else DEFAULT_RULES_DIR
    stamp = tuple((n, int(st.st_mtime_ns), st.st_size) for n in RULE_FILES
                  if (p := d / n).exists() and (st := p.stat()))
    key = (rules_dir, stamp)
    if key not in _RULES_CACHE:
        _RULES_CACHE.clear()
        _RULES_CACHE[key] = Rules.load(rules_dir)
    return _RULES_CACHE[key]


class DocumentRunner:
    """Runs the per-document stages over all files: serially, in a process pool, or on Dask.

    With a process pool the work starts at construction, so the caller can load the gazetteer
    while the documents are read; `results()` then waits for them, in input order.
    """

    def __init__(self, files: list[tuple[Path, str]], settings: ExtractSettings,
                 progress: Callable[[str], None] | None = None) -> None:
        self.files = files
        self.settings = settings
        self.progress = progress
        self.rules_dir = str(settings.rules_dir) if settings.rules_dir else None
        self.cache_dir = None if settings.no_cache else str(settings.cache_dir)
        jobs = settings.jobs if settings.jobs else (os.cpu_count() or 1)
        self.pool = None
        self.futures: list = []  # type: ignore[type-arg]
        self.dask = None
        if settings.executor == "dask":
            from baltmet_extract.scale import DaskDocuments

            self.dask = DaskDocuments(files, self.rules_dir, settings.scheduler, progress, local_workers=jobs,
                                      max_bytes=settings.max_file_bytes, cache_dir=self.cache_dir)
        elif jobs > 1 and len(files) > 1:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)))
            self.futures = [self.pool.submit(process_document, str(p), n, self.rules_dir, settings.max_file_bytes,
                                             self.cache_dir) for p, n in files]

    def busy(self) -> bool:
        if self.dask is not None:
            return bool(self.dask.busy())
        return bool(self.futures) and not all(f.done() for f in self.futures)

    def close(self) -> None:
        """Stop the workers without collecting (on an error in the caller)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.dask is not None:
            self.dask.close()

    def results(self) -> list[DocumentResult]:
        if self.dask is not None:
            return list(self.dask.results())
        out = []
        if self.pool is not None:
            try:
                for fut, (_, name) in zip(self.futures, self.files):
                    out.append(fut.result())
                    if self.progress:
                        self.progress(name)
            finally:
                self.pool.shutdown()
            return out
        for path, name in self.files:
            out.append(process_document(str(path), name, self.rules_dir, self.settings.max_file_bytes,
                                        self.cache_dir))
            if self.progress:
                self.progress(name)
        return out


def extract(inputs: Iterable[str | Path], settings: ExtractSettings | dict[str, object] | None = None,
            progress: Callable[[str], None] | None = None) -> RunResult:
    """Extract, normalise and validate; returns the tables without writing them."""
    from baltmet_extract.normalise.gazetteer import load_gazetteer
    from baltmet_extract.normalise.link import Linker
    from baltmet_extract.normalise.resolver import Resolver
    from baltmet_extract.normalise.textplaces import TextPlaceFinder
    from baltmet_extract.validate import validate

    s = ExtractSettings.resolve(settings)
    files = collect_inputs(list(inputs))
    runner = DocumentRunner(files, s, progress)
    try:
        rules = _rules(str(s.rules_dir) if s.rules_dir else None)
        gz = load_gazetteer(rules, None if s.no_cache else s.cache_dir)
        resolver = Resolver(gz, rules)
        finder = TextPlaceFinder(gz, resolver, rules, None if s.no_cache else s.cache_dir)
        if runner.busy() and not finder.cached:
            finder.nlp  # noqa: B018 - build spaCy while the workers read, rather than after
    except BaseException:
        runner.close()
        raise
    documents = runner.results()
    tables = Linker(resolver, finder).run(documents)
    finder.save()
    return RunResult(tables=tables, documents=documents, validation=validate(tables, documents, rules))


def run(inputs: Iterable[str | Path], out_dir: str | Path, settings: ExtractSettings | dict[str, object] | None = None,
        progress: Callable[[str], None] | None = None) -> RunResult:
    """Extract and write every output file into `out_dir`."""
    from baltmet_extract.export import write_outputs

    result = extract(inputs, settings, progress)
    write_outputs(result, Path(out_dir))
    return result
