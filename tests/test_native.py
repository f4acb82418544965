"""The compiled linking (src/baltmet_extract/_native.py, tools/build_native.py): a changed source
is never shadowed by its stale compiled module, pure Python can be asked for, the compiled and the
pure linking give the same files, and CI runs compiled (`.ci/run` sets BALTMET_REQUIRE_COMPILED)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from baltmet_extract import _native
from conftest import RAW, ROOT

PACKAGE = ROOT / "src" / "baltmet_extract"
REQUIRED = os.environ.get("BALTMET_REQUIRE_COMPILED", "") not in ("", "0")


def _copy_sources(root: Path) -> None:
    for m in _native.MODULES:
        target = _native.source_path(m, root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(_native.source_path(m, PACKAGE), target)


def test_changed_sources_are_named(tmp_path: Path) -> None:
    _copy_sources(tmp_path)
    assert _native.changed(tmp_path) == []  # nothing compiled, nothing stale
    (tmp_path / "normalise" / "ranking.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
    assert _native.changed(tmp_path) == list(_native.MODULES)  # compiled files, no record of their sources
    (tmp_path / _native.MANIFEST).write_text(json.dumps(_native.source_hashes(tmp_path)), encoding="utf-8")
    assert _native.changed(tmp_path) == []
    spelling = _native.source_path("normalise.spelling", tmp_path)
    spelling.write_text(spelling.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _native.changed(tmp_path) == ["normalise.spelling"]
    (tmp_path / _native.MANIFEST).write_text("{not json", encoding="utf-8")
    assert _native.changed(tmp_path) == list(_native.MODULES)


def _imported_from(env: dict[str, str], pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    code = ("import baltmet_extract.normalise.link as link, baltmet_extract.normalise.spelling as s; "
            "print(link.__file__); print(s.__file__)")
    return subprocess.run([sys.executable, "-W", "always", "-c", code], env=env, capture_output=True, text=True,
                          check=True, cwd=ROOT)


def _compiled_here() -> bool:
    built = bool(_native.compiled_files(PACKAGE)) and (PACKAGE / _native.MANIFEST).exists()
    if not built and not REQUIRED:
        pytest.skip("the linking is not compiled here (make install compiles it)")
    return built


def test_ci_runs_compiled() -> None:
    assert _compiled_here(), "BALTMET_REQUIRE_COMPILED is set but nothing is compiled"
    assert _native.changed() == []
    if os.environ.get("BALTMET_PURE_PYTHON", "") in ("", "0"):
        assert _native.running_compiled()


def test_pure_python_on_request() -> None:
    assert _compiled_here()
    out = _imported_from({"BALTMET_PURE_PYTHON": "1"}).stdout.split()
    assert out == [str(_native.source_path("normalise.link")), str(_native.source_path("normalise.spelling"))]


def test_a_stale_compiled_module_is_not_run(tmp_path: Path) -> None:
    assert _compiled_here()
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "baltmet_extract", ignore=shutil.ignore_patterns("__pycache__"))
    fresh = _imported_from({"BALTMET_PURE_PYTHON": "0"}, copy)
    assert not fresh.stdout.split()[0].endswith(".py"), fresh.stdout  # the copy runs compiled
    ranking = copy / "baltmet_extract" / "normalise" / "ranking.py"
    ranking.write_text(ranking.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    stale = _imported_from({"BALTMET_PURE_PYTHON": "0"}, copy)
    # every compiled module from its source (they call one another directly), with a warning
    assert [Path(p).suffix for p in stale.stdout.split()] == [".py", ".py"], stale.stdout
    assert "normalise.ranking changed since compiled" in stale.stderr


#: resolves test_resolver_fast's damaged names alone and among co-partners; prints every answer
_ANSWERS = """
import sys
sys.path.insert(0, "tests")
from baltmet_extract.normalise.gazetteer import load_gazetteer
from baltmet_extract.normalise.resolver import Resolver
from baltmet_extract.rules import Rules
from baltmet_extract.settings import default_cache_dir
from test_resolver_fast import _answers, _cases
rules = Rules.load()
gz = load_gazetteer(rules, default_cache_dir())
for answer in _answers(Resolver(gz, rules), _cases(gz), ahead=True):
    print(repr(answer))
"""


def test_compiled_resolver_gives_the_answers_of_the_python() -> None:
    assert _compiled_here()
    answers = {}
    for pure in ("1", "0"):
        run = subprocess.run([sys.executable, "-c", _ANSWERS], env={**os.environ, "BALTMET_PURE_PYTHON": pure},
                             capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr[-2000:]
        answers[pure] = run.stdout.splitlines()
    assert len(answers["1"]) > 1000
    assert sum("'fuzzy'" in line for line in answers["1"]) > 200  # the near-spelling search is reached
    assert answers["0"] == answers["1"]


def test_compiled_and_pure_linking_write_the_same_files(tmp_path: Path) -> None:
    """The same files, and one cache serves both: compiled on a fresh cache, then pure Python
    reading what it cached (a page's places, pickled), then compiled reading that again."""
    assert _compiled_here()
    outputs = []
    for n, pure in enumerate(("0", "1", "0")):
        out = tmp_path / f"out-{n}"
        env = {**os.environ, "BALTMET_PURE_PYTHON": pure}
        run = subprocess.run([sys.executable, "-m", "baltmet_extract", "extract", str(RAW), "--out", str(out),
                              "--jobs", "1", "--cache-dir", str(tmp_path / "cache")], env=env, capture_output=True,
                             text=True, cwd=tmp_path)
        assert run.returncode == 0, run.stderr[-2000:]
        outputs.append({name: (out / name).read_bytes() for name in ("partners.csv", "places.csv",
                                                                      "normalisation.csv", "events.csv")})
    assert outputs[0] == outputs[1] == outputs[2]
