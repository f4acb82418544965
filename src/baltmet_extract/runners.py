"""Running the per-document stages over all inputs: serially, in a process pool, or on Dask."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from baltmet_extract.documents import process_document
from baltmet_extract.results import DocumentResult
from baltmet_extract.settings import ExtractSettings


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
