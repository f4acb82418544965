"""Assertion helpers shared by the tests."""

from __future__ import annotations

import csv
from pathlib import Path


def read_table(out: Path, name: str) -> list[dict[str, str]]:
    with (out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def page_document(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    """`text` as a page's text dump, read as the pipeline reads it."""
    from baltmet_extract.ingest import read_document

    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path, path.name)


def extract_page(tmp_path: Path, name: str, text: str) -> Path:
    """`text` saved as `name` and extracted by the command line in-process; the output folder."""
    import io

    from baltmet_extract.cli import main

    (tmp_path / "in").mkdir(exist_ok=True)
    (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    main(["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "1"], stdout=io.StringIO(),
         stderr=io.StringIO())
    return out


def by(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in rows}
