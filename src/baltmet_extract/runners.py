"""Running the per-document stages over all inputs: serially, in a process pool, or on Dask.

A worker of the process pool that dies (killed for lack of memory, a crash inside a library)
takes the pool down with it. The documents it had started are tried once more, each alone in a
fresh process; the ones no worker had started go on in a fresh pool. A document whose process
dies again becomes a failed document with one error row, and the run goes on with the others.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from baltmet_extract.documents import process_document
from baltmet_extract.models import ErrorRecord
from baltmet_extract.results import DocumentResult
from baltmet_extract.settings import DocumentLimits, ExtractSettings

#: The arguments of `process_document` for one file: path, name, rules folder, size limit, cache, limits.
DocumentArgs = tuple[str, str, str | None, int | None, str | None, DocumentLimits]

#: Processor seconds past a document's time limit after which the system stops its worker: the
#: time limit itself stops Python code; this stops a worker stuck inside a C library.
CPU_GRACE_SECONDS = 30

#: In a pool worker: one flag per document of the pool, set when the worker starts that document,
#: so that after a worker dies the documents it may have been reading are known.
_started: Any = None


def _init_worker(started: Any) -> None:
    global _started
    _started = started
    try:
        import resource

        # a worker the system stops for using too much processor time leaves no core file behind
        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    except (ImportError, ValueError, OSError):
        pass


@contextmanager
def _cpu_backstop(seconds: float) -> Iterator[None]:
    """Let the system stop this process (SIGXCPU) once the document has used `seconds` plus
    `CPU_GRACE_SECONDS` of processor time; only in worker processes, never in the caller's."""
    try:
        import resource
    except ImportError:
        yield
        return
    if not seconds:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    limit = int(usage.ru_utime + usage.ru_stime + seconds + CPU_GRACE_SECONDS) + 1
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _pool_task(index: int, args: DocumentArgs) -> DocumentResult:
    if _started is not None:
        _started[index] = 1
    with _cpu_backstop(args[5].seconds):
        return process_document(*args)


def _alone_task(send: Any, args: DocumentArgs) -> None:
    _init_worker(None)
    with _cpu_backstop(args[5].seconds):
        result = process_document(*args)
    send.send(result)
    send.close()


def run_alone(args: DocumentArgs) -> DocumentResult:
    """One document in a fresh process of its own; a failed result naming why when that process dies."""
    ctx = multiprocessing.get_context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_alone_task, args=(send, args), daemon=True)
    child.start()
    send.close()
    result: object = None
    try:
        result = receive.recv()
    except Exception:  # EOFError: it died before sending; anything else: what it sent is unusable
        result = None
    finally:
        receive.close()
    child.join()
    if isinstance(result, DocumentResult):
        return result
    return worker_died(args[1], child.exitcode, args[5].seconds)


def worker_died(name: str, exitcode: int | None, seconds: float = 0) -> DocumentResult:
    """The failed result of a document whose process died, retried alone in a fresh one."""
    sigxcpu = getattr(signal, "SIGXCPU", None)
    if sigxcpu is not None and exitcode == -sigxcpu:
        reason = (f"it used more than {seconds + CPU_GRACE_SECONDS:g} s of processor time and the system "
                  "stopped it; raise the limit with --time-limit")
    elif exitcode is not None and exitcode < 0:
        try:
            signame = signal.Signals(-exitcode).name
        except ValueError:
            signame = f"signal {-exitcode}"
        oom = ", often the system reclaiming memory" if signame == "SIGKILL" else ""
        reason = f"the process reading it was killed ({signame}{oom})"
    else:
        reason = f"the process reading it stopped (exit status {exitcode})"
    message = f"could not be processed: {reason}; it was tried twice, the second time alone in a fresh worker"
    return DocumentResult(source_file=name, failed=True,
                          errors=[ErrorRecord(source_file=name, stage="worker", message=message)])


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
        limits = settings.limits()
        self.args: list[DocumentArgs] = [(str(p), n, self.rules_dir, settings.max_file_bytes, self.cache_dir, limits)
                                         for p, n in files]
        jobs = settings.jobs if settings.jobs else (os.cpu_count() or 1)
        self.workers = min(jobs, len(files))
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[int, Future[DocumentResult]] = {}
        self.started: Any = None
        self.dask = None
        if settings.executor == "dask":
            from baltmet_extract.scale import DaskDocuments

            self.dask = DaskDocuments(files, self.rules_dir, settings.scheduler, progress, local_workers=jobs,
                                      max_bytes=settings.max_file_bytes, cache_dir=self.cache_dir, limits=limits)
        elif jobs > 1 and len(files) > 1:
            self._start_pool(list(range(len(files))))

    def _start_pool(self, indices: list[int]) -> None:
        ctx = multiprocessing.get_context()
        self.started = ctx.RawArray("b", len(self.files))
        self.pool = ProcessPoolExecutor(max_workers=min(self.workers, len(indices)), mp_context=ctx,
                                        initializer=_init_worker, initargs=(self.started,))
        self.futures = {i: self.pool.submit(_pool_task, i, self.args[i]) for i in indices}

    def busy(self) -> bool:
        if self.dask is not None:
            return bool(self.dask.busy())
        return bool(self.futures) and not all(f.done() for f in self.futures.values())

    def close(self) -> None:
        """Stop the workers without collecting (on an error in the caller)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.dask is not None:
            self.dask.close()

    def _done(self, index: int) -> None:
        if self.progress:
            self.progress(self.files[index][1])

    def results(self) -> list[DocumentResult]:
        if self.dask is not None:
            return list(self.dask.results())
        if self.pool is None:
            out = []
            for i, args in enumerate(self.args):
                out.append(process_document(*args))
                self._done(i)
            return out
        return self._pool_results()

    def _pool_results(self) -> list[DocumentResult]:
        found: dict[int, DocumentResult] = {}
        pending = sorted(self.futures)
        while pending:
            lost = []
            try:
                for i in pending:
                    try:
                        found[i] = self.futures[i].result()
                    except Exception:  # the pool broke (a worker died), or the result could not come back
                        lost.append(i)
                        continue
                    self._done(i)
            finally:
                if self.pool is not None:
                    self.pool.shutdown(cancel_futures=True)
            # the documents a worker had started may have killed it: each is tried alone; the
            # others did nothing wrong and go on in a fresh pool
            suspects = [i for i in lost if self.started[i]] or lost
            for i in suspects:
                found[i] = run_alone(self.args[i])
                self._done(i)
            pending = [i for i in lost if i not in suspects]
            if pending:
                self._start_pool(pending)
        return [found[i] for i in range(len(self.files))]
