"""The docs cover what the tool does: every command and every rules file is documented."""

from __future__ import annotations

import typer

from baltmet_extract.cli import app
from baltmet_extract.rule_files import REVIEW_FILE, RULE_FILES, shipped_dir
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: typer.Typer, prefix: str = "") -> list[tuple[str, object]]:
    command = typer.main.get_command(group)
    out = []
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        out.append((f"{prefix}{name}", sub))
        if hasattr(sub, "commands"):
            out.extend((f"{prefix}{name} {n}", s) for n, s in sub.commands.items())
    return out


def test_every_command_has_help_and_is_in_the_readme():
    for name, command in _commands(app):
        assert (command.help or "").strip(), f"{name} has no help text"
        assert f"baltmet-extract {name}" in README, f"README does not show `baltmet-extract {name}`"


def test_every_rules_file_is_in_the_readme_and_shipped():
    for name in RULE_FILES:
        assert f"`{name}`" in README, name
        if name == REVIEW_FILE:  # decisions live in the user's folder only
            assert (ROOT / "rules" / name).exists(), name
        else:
            assert (shipped_dir() / name).is_file(), name


def test_the_two_setup_commands_are_in_the_readme():
    assert "make extract" in README and "make test" in README
