"""Fixtures of the review tests: the samples' output with a rules folder of its own, and the
review server over it. Import the `*_fixture` functions into a test module to use the fixtures
`samples_output`, `reviewed` and `server` (with `fast_gazetteer` from utils)."""

from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from baltmet_extract.cli import main
from utils import RAW

EMPTY_REVIEW = "raw,decision,target,note\n"


@dataclass
class Reviewed:
    out: Path
    rules: Path

    @property
    def review_csv(self) -> Path:
        return self.rules / "review.csv"

    def decisions(self) -> dict[str, tuple[str, str]]:
        with self.review_csv.open(encoding="utf-8", newline="") as f:
            return {r["raw"]: (r["decision"], r["target"]) for r in csv.DictReader(f)}


def extract_into(inputs: list[Path], out: Path, rules: Path) -> None:
    rules.mkdir(parents=True, exist_ok=True)
    if not (rules / "review.csv").exists():
        (rules / "review.csv").write_text(EMPTY_REVIEW, encoding="utf-8")
    err = io.StringIO()
    code = main(["extract", *map(str, inputs), "--out", str(out), "--rules", str(rules), "--jobs", "1"],
                stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()


@pytest.fixture(scope="module", name="samples_output")
def samples_output_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples extracted once per module, to be copied by each test."""
    base = tmp_path_factory.mktemp("samples-review")
    extract_into([RAW], base / "out", base / "rules")
    return base / "out"


@pytest.fixture(name="reviewed")
def reviewed_fixture(tmp_path: Path, samples_output: Path) -> Reviewed:
    """A copy of the samples' output and an empty rules folder of its own."""
    out = tmp_path / "out"
    shutil.copytree(samples_output, out)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "review.csv").write_text(EMPTY_REVIEW, encoding="utf-8")
    return Reviewed(out, rules)


@pytest.fixture(name="server")
def server_fixture(reviewed: Reviewed, fast_gazetteer: Any) -> Iterator[Any]:
    """The review server over `reviewed`, on a free port, serving in a thread (import
    `fast_gazetteer` from utils too)."""
    from baltmet_extract.review_server import make_server

    srv = make_server(reviewed.out, reviewed.rules, port=0)
    srv.start_in_thread()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def request(srv: Any, method: str, path: str, body: Any = None, token: str | None = "",
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
    """One HTTP request to the server; `token=""` sends the right one in the header, None none."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)
    h = {"Host": f"127.0.0.1:{srv.port}"}
    if token is not None:
        h["X-Review-Token"] = token or srv.token
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8") if not isinstance(body, bytes) else body
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    conn.request(method, path, body=data, headers=h)
    resp = conn.getresponse()
    raw = resp.read()
    conn.close()
    ctype = resp.getheader("Content-Type", "")
    payload: Any = json.loads(raw) if ctype.startswith("application/json") else raw.decode("utf-8", "replace")
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, payload
