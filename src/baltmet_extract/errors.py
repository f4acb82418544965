"""Exceptions that carry a one-line message for the user."""

from __future__ import annotations


class BaltmetError(Exception):
    """Base class: the message is shown to the user as it is, on one line."""


class InputError(BaltmetError):
    """An input file that cannot be used; names the file and what is wrong with it."""

    def __init__(self, source_file: str, message: str, stage: str = "ingest") -> None:
        super().__init__(f"{source_file}: {message}")
        self.source_file = source_file
        self.message = message
        self.stage = stage


class RulesError(BaltmetError):
    """A file in rules/ that cannot be read."""
