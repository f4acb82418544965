"""Compile the linking's hot modules with mypyc, beside their sources, for speed (`make install`
runs this; see src/baltmet_extract/_native.py for what is compiled and how a changed source is
never shadowed by stale compiled code).

    python tools/build_native.py            # compile (about a minute), record the sources' hashes
    python tools/build_native.py --if-changed   # only when a source changed since (what make runs)
    python tools/build_native.py --clean    # remove the compiled files: everything runs as Python

Without a C compiler or mypy it says so in one line and leaves everything as Python (exit 1);
the tool works the same, only slower.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))
os.environ["BALTMET_PURE_PYTHON"] = "1"  # (this process reads the sources; no warning that they changed)

from baltmet_extract._native import (  # noqa: E402
    MANIFEST,
    MODULES,
    PACKAGE,
    changed,
    compiled_files,
    source_hashes,
    source_path,
)

PACKAGE_DIR = SRC / PACKAGE
BUILD = ROOT / "build" / "native"
#: the sources' hashes of a compilation that failed (not tried again for the same sources)
FAILED = BUILD / "failed.json"


def clean() -> None:
    for f in compiled_files(PACKAGE_DIR):
        f.unlink()
    (PACKAGE_DIR / MANIFEST).unlink(missing_ok=True)


def build(hashes: dict[str, str]) -> None:
    """Compile the modules whose sources have `hashes` (as `source_hashes` gives them now)."""
    from mypyc.build import mypycify
    from setuptools import setup

    clean()
    paths = [source_path(m, PACKAGE_DIR).relative_to(SRC).as_posix() for m in MODULES]
    log = io.StringIO()
    here = Path.cwd()
    os.chdir(SRC)  # module names from the paths under src/; the extensions land beside their sources
    try:
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            extensions = mypycify(["--config-file", str(ROOT / "pyproject.toml"), *paths], opt_level="3",
                                  group_name=f"{PACKAGE}._linking",
                                  target_dir=str(BUILD / "c"))
            # (one file at a time: setuptools' parallel build makes the objects' folders in racing
            # threads, and a compiler may start before its folder exists)
            setup(name="baltmet-extract-native", ext_modules=extensions, script_name="build_native.py",
                  script_args=["build_ext", "--inplace", "--build-temp", str(BUILD / "temp")])
    except (Exception, SystemExit) as exc:  # (setuptools exits on a compiler error)
        clean()
        tail = log.getvalue().strip().splitlines()[-3:]
        raise RuntimeError(f"{type(exc).__name__}: {exc}; " + " | ".join(tail)) from exc
    finally:
        os.chdir(here)
    if source_hashes(PACKAGE_DIR) != hashes:
        clean()
        raise RuntimeError("a source changed while it was compiled; run again")
    (PACKAGE_DIR / MANIFEST).write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    shutil.rmtree(BUILD / "temp", ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    parser.add_argument("--if-changed", action="store_true",
                        help="compile only when a source changed since the last compilation (or its failure)")
    args = parser.parse_args(argv)
    if args.clean:
        clean()
        print("compiled modules removed: the linking runs as Python")
        return 0
    hashes = source_hashes(PACKAGE_DIR)
    if args.if_changed:
        if (PACKAGE_DIR / MANIFEST).exists() and not changed(PACKAGE_DIR):
            return 0
        if FAILED.exists() and json.loads(FAILED.read_text(encoding="utf-8")) == hashes:
            print("build_native: not compiled (it failed before for these sources); the linking runs as Python",
                  file=sys.stderr)
            return 1
    try:
        build(hashes)
    except (ImportError, RuntimeError) as exc:
        BUILD.mkdir(parents=True, exist_ok=True)
        FAILED.write_text(json.dumps(hashes, sort_keys=True), encoding="utf-8")
        print(f"build_native: not compiled, the linking runs as Python (slower): {exc}", file=sys.stderr)
        return 1
    FAILED.unlink(missing_ok=True)
    print(f"build_native: {len(MODULES)} modules compiled ({len(compiled_files(PACKAGE_DIR))} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
