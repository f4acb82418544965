"""The per-document stages: read, classify and extract one document (with the document cache).

Documents are independent, so the runners (serial, process pool, Dask) map `process_document`
over the inputs; everything after this works on the union.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from baltmet_extract.errors import BaltmetError, InputError
from baltmet_extract.models import ErrorRecord
from baltmet_extract.results import DocumentResult
from baltmet_extract.rules import load_rules
from baltmet_extract.settings import DocumentLimits

#: Characters that must not reach a terminal or break a one-line message: control codes (C0, DEL,
#: C1), line and paragraph separators, and the marks that reorder text (bidirectional overrides).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_name(text: str) -> str:
    """A file name (or any text for one line on a terminal) that is valid UTF-8 and holds no control
    codes: bytes that were not UTF-8 (kept by Python as lone surrogates) become `\\xe9`, a newline
    `\\n`, an escape code `\\x1b`. Ordinary names come back unchanged."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


class DocumentTimeout(BaseException):
    """Raised into a document's processing when it runs past its time limit. A BaseException, so
    that no library's `except Exception` swallows it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `DocumentTimeout` in this thread after `seconds` (a timer signal; only in a process's
    main thread, so a no-op in threads such as Dask's workers, and for 0)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
                found.append((f, escape_name(rel.as_posix())))
        elif path.exists():
            found.append((path, escape_name(path.name)))
        else:
            raise BaltmetError(f"{escape_name(str(path))}: no such file or folder")
    names: dict[str, int] = {}
    out = []
    for path, name in found:
        n = names.get(name, 0)
        names[name] = n + 1
        out.append((path, name if n == 0 else f"{name}#{n + 1}"))
    return out


def process_document(path: str, source_name: str, rules_dir: str | None = None,
                     max_bytes: int | None = None, cache_dir: str | None = None,
                     limits: DocumentLimits | None = None) -> DocumentResult:
    """Ingest, classify and extract one document, or take the result of an earlier run on the
    same bytes with the same rules and code from `cache_dir`. Never raises.

    `limits` caps what a Word file may unpack to and how long the document may take
    (`DocumentLimits()` when omitted)."""
    limits = limits or DocumentLimits()
    if cache_dir is None:
        return _process_document(path, source_name, rules_dir, max_bytes, limits)
    from baltmet_extract.cache import DocumentCache, document_key
    from baltmet_extract.ingest import MAX_FILE_BYTES_ENV

    limit = max_bytes if max_bytes is not None else os.environ.get(MAX_FILE_BYTES_ENV)
    # the time limit is not part of the key: a result that came in time is right under any limit
    sizes = f"{limit}:{limits.unpacked_bytes}:{limits.xml_bytes}:{limits.parts}"
    try:
        key = document_key(Path(path), source_name, load_rules(rules_dir).fingerprint, sizes)
    except Exception:  # unreadable file or rules: the uncached path reports it properly
        return _process_document(path, source_name, rules_dir, max_bytes, limits, cache_dir)
    cache = DocumentCache(Path(cache_dir))
    cached = cache.get(key)
    if isinstance(cached, DocumentResult):
        return cached
    result = _process_document(path, source_name, rules_dir, max_bytes, limits, cache_dir)
    # an unexpected failure may be passing, and a slow document may be quick on a calmer machine:
    # both are tried again next time
    if result.traceback is None and not any(e.stage == TIME_LIMIT_STAGE for e in result.errors):
        try:
            cache.put(key, result)
        except Exception:  # a result the cache cannot store costs time next run, nothing now
            pass
    return result


#: The stage of the error record of a document stopped at its time limit.
TIME_LIMIT_STAGE = "time-limit"


def _process_document(path: str, source_name: str, rules_dir: str | None = None,
                      max_bytes: int | None = None, limits: DocumentLimits | None = None,
                      cache_dir: str | None = None) -> DocumentResult:
    """Ingest, classify and extract one document. Never raises: problems become error records.
    (`cache_dir` keeps what is built once for all documents: the language model unpacked.)"""
    limits = limits or DocumentLimits()
    try:
        with time_limit(limits.seconds):
            return _read_and_extract(path, source_name, rules_dir, max_bytes, limits, cache_dir)
    except DocumentTimeout:
        return DocumentResult(source_file=source_name, failed=True, errors=[ErrorRecord(
            source_file=source_name, stage=TIME_LIMIT_STAGE,
            message=f"took longer than the time limit of {limits.seconds:g} s and was stopped; "
                    "raise it with --time-limit (0: none)")])


def _read_and_extract(path: str, source_name: str, rules_dir: str | None, max_bytes: int | None,
                      limits: DocumentLimits, cache_dir: str | None = None) -> DocumentResult:
    from baltmet_extract.classify import classify
    from baltmet_extract.extractors.annex import extract_annex
    from baltmet_extract.extractors.article import extract_article, page_parts
    from baltmet_extract.extractors.milestones import extract_milestones
    from baltmet_extract.extractors.news import extract_news
    from baltmet_extract.extractors.page_projects import extract_page_projects
    from baltmet_extract.ingest import read_document
    from baltmet_extract.language import detect_language

    result = DocumentResult(source_file=source_name)
    try:
        rules = load_rules(rules_dir)
        doc = read_document(Path(path), source_name, max_bytes=max_bytes, limits=limits)
        result.pages = doc.page_count
        result.language = doc.language = detect_language(doc.text(), rules.languages, cache_dir)
        result.kinds = classify(doc, rules)
        if "annex" in result.kinds:
            annex = extract_annex(doc, rules)
            result.projects, result.rows_seen, result.rows_used = annex.projects, annex.rows_seen, annex.rows_used
            result.errors.extend(annex.errors)
        if "news" in result.kinds:
            result.news = extract_news(doc, rules, loose="annex" not in result.kinds)
        if "workpackage" in result.kinds:
            result.milestones = extract_milestones(doc, rules)
        if "article" in result.kinds:
            article = extract_article(doc, rules)
            result.news = [article] if article is not None else []
        if "annex" not in result.kinds and ("article" in result.kinds or "news" in result.kinds):
            # a project's page, or an article or a news item about a project
            parts = page_parts(doc, rules)
            posted = parts.posted.iso() if parts.posted is not None else None
            for draft in extract_page_projects(parts.title, parts.body, rules, result.language, posted):
                draft.project.source_file = source_name
                result.projects.append(draft)
        if not result.kinds:
            result.errors.append(ErrorRecord(source_file=source_name, stage="classify", message=(
                "no records: no annex table, news list, milestones or prose found "
                f"({len(doc.lines)} line(s) of text)")))
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
