"""Running the per-document stages on a Dask distributed cluster.

`run_on_dask` maps `documents.process_document` over the files, on the cluster at a
scheduler address or on a `LocalCluster` started (and closed) for the run. Only the
per-document stages run there: normalisation, validation and export stay one step
over the union, in the calling process, as with the local process pool.
`DaskDocuments` does the same in two steps (submit at construction, collect with
`results()`), so that the caller can load the gazetteer while the cluster works.

Workers read the files themselves, so on a real cluster the paths must be visible to
every worker (a shared file system) and the workers need `baltmet-extract` installed.
Dask is an optional dependency, imported only here and only when this executor is used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from baltmet_extract.documents import process_document
from baltmet_extract.errors import BaltmetError
from baltmet_extract.models import ErrorRecord
from baltmet_extract.results import DocumentResult
from baltmet_extract.settings import DocumentLimits

#: The cluster started when no scheduler address is given: two single-threaded worker
#: processes (the per-document stages are CPU-bound Python, so threads would not help).
DEFAULT_LOCAL_WORKERS = 2
DEFAULT_THREADS_PER_WORKER = 1
#: How long to wait for a scheduler to answer before giving up.
DEFAULT_CONNECT_TIMEOUT = "10s"
#: On the local cluster, a document whose worker dies is tried once more on a fresh worker, then
#: reported (Dask's own default retries three times; a scheduler given by address keeps its own).
DEFAULT_ALLOWED_FAILURES = 1

INSTALL_HINT = "the dask executor needs Dask: install baltmet-extract[dask] (pip install 'baltmet-extract[dask]')"


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise BaltmetError(INSTALL_HINT) from exc
    return distributed


def _absolute(path: str | Path) -> str:
    """An absolute path, so that a worker whose working folder differs finds the same file."""
    return str(Path(path).resolve())


def _failed(name: str, exc: BaseException) -> DocumentResult:
    """The record of a document whose task did not finish on the cluster (a worker died, say)."""
    if type(exc).__name__ == "KilledWorker":
        # the worker reading it died each time it was tried (killed for lack of memory, a crash)
        return DocumentResult(source_file=name, failed=True, errors=[ErrorRecord(
            source_file=name, stage="worker",
            message="could not be processed: the Dask worker reading it died, also when it was tried again on "
                    "a fresh worker")])
    message = " ".join(str(exc).split())[:300] or type(exc).__name__
    return DocumentResult(source_file=name, failed=True, errors=[ErrorRecord(
        source_file=name, stage="extract",
        message=f"could not be processed on the Dask cluster ({type(exc).__name__}: {message})")])


class DaskDocuments:
    """Documents submitted to a Dask cluster on construction; `results()` collects them in input order.

    Closes the client (and the local cluster it started) when `results()` returns, or on
    `close()` / leaving a `with` block if the results are never collected.
    """

    def __init__(self, files: list[tuple[Path, str]], rules_dir: str | None, scheduler: str | None,
                 progress: Callable[[str], None] | None = None, local_workers: int = DEFAULT_LOCAL_WORKERS,
                 max_bytes: int | None = None, cache_dir: str | None = None,
                 limits: DocumentLimits | None = None) -> None:
        self.local_workers = max(1, local_workers)
        self.names = [name for _, name in files]
        self.progress = progress
        self.client: Any = None
        self.cluster: Any = None
        self.futures: list[Any] = []
        if not files:
            return
        self._distributed = _import_distributed()
        client = self._connect(scheduler)
        rules = _absolute(rules_dir) if rules_dir else None
        cache = _absolute(cache_dir) if cache_dir else None
        n = len(files)
        # pure=False: a file's content may change between runs on a long-lived cluster
        self.futures = client.map(process_document, [_absolute(p) for p, _ in files], self.names, [rules] * n,
                                  [max_bytes] * n, [cache] * n, [limits or DocumentLimits()] * n, pure=False)

    def _connect(self, scheduler: str | None) -> Any:
        d = self._distributed
        try:
            if scheduler:
                self.client = d.Client(scheduler, timeout=DEFAULT_CONNECT_TIMEOUT, set_as_default=False)
            else:
                import dask

                with dask.config.set({"distributed.scheduler.allowed-failures": DEFAULT_ALLOWED_FAILURES}):
                    self.cluster = d.LocalCluster(
                        n_workers=self.local_workers, threads_per_worker=DEFAULT_THREADS_PER_WORKER, processes=True,
                        dashboard_address=None, silence_logs=logging.ERROR)
                self.client = d.Client(self.cluster, set_as_default=False)
            return self.client
        except (OSError, TimeoutError) as exc:
            self.close()
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise BaltmetError(f"cannot connect to {where}: {reason}") from exc

    def busy(self) -> bool:
        """True while some document is still being processed."""
        return any(not f.done() for f in self.futures)

    def results(self) -> list[DocumentResult]:
        """Every document's result, in input order; a task that failed on the cluster becomes a failed result."""
        if not self.futures:
            self.close()
            return []
        try:
            position = {f.key: i for i, f in enumerate(self.futures)}
            out: list[DocumentResult | None] = [None] * len(self.futures)
            for future in self._distributed.as_completed(self.futures, loop=self.client.loop):
                i = position[future.key]
                try:
                    out[i] = future.result()
                except Exception as exc:  # the task, not the document, failed: record it and go on
                    out[i] = _failed(self.names[i], exc)
                future.release()  # the cluster may drop the result now: its memory stays bounded
                if self.progress:
                    self.progress(self.names[i])
            return [r if r is not None else _failed(n, RuntimeError("no result")) for r, n in zip(out, self.names)]
        finally:
            self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
        self.futures = []

    def __enter__(self) -> DaskDocuments:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_on_dask(files: list[tuple[Path, str]], rules_dir: str | None, scheduler: str | None,
                progress: Callable[[str], None] | None = None, local_workers: int = DEFAULT_LOCAL_WORKERS,
                max_bytes: int | None = None, cache_dir: str | None = None,
                limits: DocumentLimits | None = None) -> list[DocumentResult]:
    """Ingest, classify and extract every file on a Dask cluster; results in input order.

    `scheduler` is an address such as `tcp://10.0.0.5:8786`; without one a local cluster
    of `local_workers` processes is started for this call and closed afterwards. A document
    whose task fails on the cluster becomes a failed result with an error record, like
    any other input that could not be read; an unreachable scheduler is a `BaltmetError`.
    `max_bytes` and `cache_dir` are passed on to `process_document` (the cache folder must
    be one the workers share with the caller).
    """
    with DaskDocuments(files, rules_dir, scheduler, progress, local_workers, max_bytes, cache_dir,
                       limits) as documents:
        return documents.results()
