"""Installs anywhere (issue #13): a wheel built from the checkout, installed into a fresh venv, runs
from another folder and reads nothing from the source tree.

The fresh venv gets only the wheel (`--no-deps`); its dependencies are reached through a `.pth`
line naming the project venv's site-packages, which puts that folder on sys.path without running
the `.pth` files in it (so not the editable install's hook that points at src/). An audit hook in
the fresh venv logs every file or folder the run opens inside the checkout, outside .venv/: there
must be none. The run's files must be byte-identical to the in-process run of the samples.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from baltmet_extract import _native
from conftest import RAW, ROOT

PACKAGE = ROOT / "src" / "baltmet_extract"

#: executed by the fresh venv's interpreter at start-up (a .pth line that starts with `import`)
AUDIT_HOOK = """
import os, sys
def _watch(event, args, root=os.environ.get("BALTMET_WATCH_ROOT"), log=os.environ.get("BALTMET_WATCH_LOG")):
    if event not in ("open", "os.listdir", "os.scandir") or not args or not root or not log:
        return
    path = args[0]
    if isinstance(path, int) or path is None:
        return
    path = os.path.abspath(os.fsdecode(path))
    if path.startswith(root + os.sep) and not path.startswith(os.path.join(root, ".venv") + os.sep):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{event} {path}\\n")
sys.addaudithook(_watch)
"""


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of what a clean clone holds, so the checkout gets no build/."""
    tree = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(PACKAGE, tree / "src" / "baltmet_extract",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    dist = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                 "--wheel-dir", str(dist), str(tree)], cwd=tree, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (built,) = dist.glob("baltmet_extract-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding the wheel and nothing else of this project."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    proc = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent)
    assert proc.returncode == 0, proc.stderr
    python = venv / "bin" / "python"
    proc = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                 str(wheel)], cwd=venv.parent, timeout=300)
    assert proc.returncode == 0, proc.stderr
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=venv.parent).stdout.strip())
    # added after the install, so pip never sees the editable install of the project venv
    (site / "zz-project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    (site / "zz_watch_checkout.py").write_text(AUDIT_HOOK, encoding="utf-8")
    (site / "zz-watch-checkout.pth").write_text("import zz_watch_checkout\n", encoding="utf-8")
    return venv


def _clean_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BALTMET_", "VIRTUAL_ENV"))}
    env.update(BALTMET_WATCH_ROOT=str(ROOT), BALTMET_WATCH_LOG=str(workdir / "opened-in-checkout.log"),
               HOME=str(workdir))
    return env


def test_the_wheel_holds_every_data_file_of_the_package(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    # (the linking compiled in this checkout is no data: the wheel is pure Python, for any machine)
    built = {*_native.compiled_files(PACKAGE), PACKAGE / _native.MANIFEST}
    data = {p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts and p not in built}
    assert not {n for n in names if n.endswith((".so", ".pyd")) or n.endswith(_native.MANIFEST)}
    assert {"baltmet_extract/py.typed", "baltmet_extract/templates/report.html",
            "baltmet_extract/default_rules/aliases.csv", "baltmet_extract/starter_rules/review.csv"} <= data
    assert data - names == set()
    modules = {p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*.py")}
    assert modules - names == set()


def test_the_installed_package_is_the_wheel_not_the_checkout(fresh_venv: Path, tmp_path: Path):
    proc = _run([str(fresh_venv / "bin" / "python"), "-c",
                 "import baltmet_extract, pandas; print(baltmet_extract.__file__)"], cwd=tmp_path, env=_clean_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    location = Path(proc.stdout.strip()).resolve()
    assert fresh_venv.resolve() in location.parents
    assert ROOT not in location.parents


def test_the_installed_command_extracts_the_samples_from_another_folder(fresh_venv: Path, tmp_path: Path,
                                                                        sample_run):
    code, expected, _ = sample_run
    assert code == 0
    shutil.copytree(RAW, tmp_path / "raw")
    assert not (tmp_path / "rules").exists()
    env = _clean_env(tmp_path)
    command = str(fresh_venv / "bin" / "baltmet-extract")
    proc = _run([command, "extract", "raw", "--out", "out", "--jobs", "1", "--cache-dir", "cache"],
                cwd=tmp_path, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    written = sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
                             if p.is_file())
    for name in written:
        if name == "run.json":  # the absolute paths of this run's inputs
            continue
        assert (tmp_path / "out" / name).read_bytes() == (expected / name).read_bytes(), name
    proc = _run([command, "init", "my-rules"], cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "my-rules" / "review.csv").is_file()
    log = tmp_path / "opened-in-checkout.log"
    assert not log.exists(), log.read_text(encoding="utf-8")


def test_the_watch_would_see_a_read_from_the_checkout(fresh_venv: Path, tmp_path: Path):
    """The audit hook above is live: opening a file of the checkout is logged."""
    env = _clean_env(tmp_path)
    proc = _run([str(fresh_venv / "bin" / "python"), "-c", f"open({str(ROOT / 'README.md')!r}).close()"],
                cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "opened-in-checkout.log").read_text(encoding="utf-8").split() == [
        "open", str(ROOT / "README.md")]
