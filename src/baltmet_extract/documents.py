"""The per-document stages: read, classify and extract one document (with the document cache).

Documents are independent, so the runners (serial, process pool, Dask) map `process_document`
over the inputs; everything after this works on the union.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from baltmet_extract.errors import BaltmetError, InputError
from baltmet_extract.models import ErrorRecord
from baltmet_extract.results import DocumentResult
from baltmet_extract.rules import load_rules


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
        key = document_key(Path(path), source_name, load_rules(rules_dir).fingerprint, limit)
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
    from baltmet_extract.extractors.annex import extract_annex
    from baltmet_extract.extractors.article import extract_article
    from baltmet_extract.extractors.milestones import extract_milestones
    from baltmet_extract.extractors.news import extract_news
    from baltmet_extract.ingest import read_document
    from baltmet_extract.language import detect_language

    result = DocumentResult(source_file=source_name)
    try:
        rules = load_rules(rules_dir)
        doc = read_document(Path(path), source_name, max_bytes=max_bytes)
        result.pages = doc.page_count
        result.language = doc.language = detect_language(doc.text(), rules.languages)
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
