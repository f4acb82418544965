"""The same inputs give byte-identical output files, whatever the process, hash seed or pool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from utils import RAW, ROOT, annex_dump, output_files, write_good_annex


def test_two_runs_give_byte_identical_files(tmp_path):
    """Two fresh interpreters with different hash seeds, one reading serially and one with a
    process pool, run side by side. Every file is compared byte for byte, baltmet.sqlite included."""
    inputs = tmp_path / "in"
    shutil.copytree(RAW, inputs)
    write_good_annex(inputs)
    (inputs / "legacy.txt").write_bytes(annex_dump(
        ("Attractive region", "", "", ""),
        ("Öresund Link", "Ongoing – phase 2", "Cities around the Øresund.", "Malmö (lead), København, Lund"),
        ("Short Row", "Ongoing", "Three cells."),
    ).encode("cp1252"))
    (inputs / "empty.txt").write_bytes(b"")

    exe = ROOT / ".venv" / "bin" / "baltmet-extract"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "baltmet_extract"]
    runs = {
        "first": subprocess.Popen([*cmd, "extract", str(inputs), "--out", str(tmp_path / "first"), "--jobs", "1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONHASHSEED": "1"}),
        "second": subprocess.Popen([*cmd, "extract", str(inputs), "--out", str(tmp_path / "second"), "--jobs", "2"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "PYTHONHASHSEED": "2"}),
    }
    stderr = {name: proc.communicate(timeout=300)[1] for name, proc in runs.items()}
    for text in stderr.values():
        assert "Traceback" not in text, text
        assert "error: empty.txt: file is empty" in text

    a, b = output_files(tmp_path / "first"), output_files(tmp_path / "second")
    assert sorted(a) == sorted(b)
    assert "baltmet.sqlite" in a and "schema/projects.schema.json" in a
    different = [name for name in a if a[name] != b[name]]
    assert different == []
