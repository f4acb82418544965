"""Where rules come from: the files shipped inside the package, with a user's folder layered on top.

The shipped rules are package data (read with importlib.resources), so an installed wheel needs
nothing from a source tree. A user's folder (`--rules DIR`, else `./rules` when the working
folder has one) adds to and overrides them file by file and row by row:

- CSV files: a user row replaces the shipped row with the same key (its first column, compared
  case- and accent-insensitively); other user rows are added after the shipped ones. Lines whose
  first cell starts with `#` are comments.
- YAML files: mappings are merged key by key; a user's list comes first and the shipped items it
  does not repeat follow (so a user's phrase is tried before the shipped ones); any other user
  value replaces the shipped one.
- `review.csv` lives only in the user's folder.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from baltmet_extract.errors import RulesError

#: the folder a user's rules are looked for in, inside the working folder, when none is given
USER_RULES_DIRNAME = "rules"
#: the package folder holding the shipped rules
SHIPPED_PACKAGE = "baltmet_extract"
SHIPPED_FOLDER = "default_rules"

YAML_FILES = ("headings.yaml", "status.yaml", "programmes.yaml", "phrases.yaml", "settings.yaml", "events.yaml",
              "dates.yaml", "languages.yaml", "pages.yaml", "region_forms.yaml")
CSV_FILES = ("aliases.csv", "regions.csv", "organisations.csv")
REVIEW_FILE = "review.csv"
RULE_FILES = (*YAML_FILES, *CSV_FILES, REVIEW_FILE)
#: the rules files the gazetteer is built from
GAZETTEER_FILES = ("aliases.csv", "regions.csv", "organisations.csv", "settings.yaml", "region_forms.yaml",
                   "languages.yaml")


def shipped_dir() -> Traversable:
    """The rules shipped with the package."""
    return resources.files(SHIPPED_PACKAGE) / SHIPPED_FOLDER


def user_rules_dir(explicit: Path | str | None = None, cwd: Path | None = None) -> Path | None:
    """The user's rules folder: the one given, else `rules/` in the working folder if there is one."""
    if explicit:
        d = Path(explicit)
        if not d.is_dir():
            raise RulesError(f"{d}: rules folder not found")
        return d
    d = (cwd or Path.cwd()) / USER_RULES_DIRNAME
    return d if d.is_dir() else None


def review_dir(explicit: Path | str | None = None) -> Path:
    """Where review decisions are written: the user's rules folder (created on the first decision)."""
    return Path(explicit) if explicit else Path.cwd() / USER_RULES_DIRNAME


@dataclass(frozen=True)
class RuleSources:
    """The shipped rules and, optionally, a user's folder over them."""

    user: Path | None = None

    @classmethod
    def find(cls, explicit: Path | str | None = None) -> RuleSources:
        return cls(user=user_rules_dir(explicit))

    def shipped_bytes(self, name: str) -> bytes:
        if name == REVIEW_FILE:
            return b""
        f = shipped_dir() / name
        return f.read_bytes() if f.is_file() else b""

    def user_path(self, name: str) -> Path | None:
        if self.user is None:
            return None
        p = self.user / name
        return p if p.is_file() else None

    def user_bytes(self, name: str) -> bytes:
        p = self.user_path(name)
        return p.read_bytes() if p else b""

    def stamp(self) -> tuple[tuple[str, int, int], ...]:
        """Modification times and sizes of the user's files: enough to tell a change within a process."""
        out = []
        for name in RULE_FILES:
            p = self.user_path(name)
            if p is not None:
                st = p.stat()
                out.append((name, int(st.st_mtime_ns), st.st_size))
        return tuple(out)

    def fingerprint(self, names: tuple[str, ...] = RULE_FILES) -> str:
        """A hash of the merged rules, so caches built from them know when they are stale. It is
        taken over the parsed content, so comments cost nothing; review decisions are left out:
        they are applied at run time and must not cost a rebuild."""
        h = hashlib.sha256()
        for name in names:
            if name == REVIEW_FILE:
                continue
            content: object = self.yaml(name) if name in YAML_FILES else self.csv_rows(name, (_csv_key(name),))
            h.update(name.encode())
            h.update(json.dumps(_stable(content), sort_keys=True, ensure_ascii=False).encode())
        return h.hexdigest()[:16]

    def yaml(self, name: str) -> dict[str, Any]:
        """A YAML rules file: the shipped one with the user's merged over it."""
        base = _parse_yaml(self.shipped_bytes(name), f"{SHIPPED_FOLDER}/{name}")
        user = self.user_path(name)
        if user is None:
            return base
        return merge_yaml(base, _parse_yaml(user.read_bytes(), str(user)))

    def csv_rows(self, name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
        """A CSV rules file as rows: the shipped rows, replaced or extended by the user's."""
        rows = [] if name == REVIEW_FILE else _parse_csv(self.shipped_bytes(name), f"{SHIPPED_FOLDER}/{name}", required)
        user = self.user_path(name)
        if user is None:
            return rows
        return merge_rows(rows, _parse_csv(user.read_bytes(), str(user), required), required[0])


def _stable(value: Any) -> Any:
    """`value` with every mapping key a string, so that it serialises in a stable order."""
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _csv_key(name: str) -> str:
    """The key column of a CSV rules file."""
    return {"aliases.csv": "alias", "review.csv": "raw"}.get(name, "name")


def merge_yaml(base: Any, over: Any) -> Any:
    """`over` merged into `base`: mappings key by key, lists with `over`'s items first."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = merge_yaml(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(over, list):
        return list(over) + [x for x in base if x not in over]
    return over


def merge_rows(base: list[dict[str, str]], over: list[dict[str, str]], key: str) -> list[dict[str, str]]:
    """`base` rows with those of `over` that share a key replaced in place, the rest appended."""
    replacement = {_row_key(r.get(key, "")): r for r in over}
    out = [replacement.pop(_row_key(r.get(key, "")), r) for r in base]
    out.extend(r for r in over if replacement.pop(_row_key(r.get(key, "")), None) is not None)
    return out


def _row_key(value: str) -> str:
    """A CSV key compared without case or accents (spaces and punctuation still count)."""
    decomposed = unicodedata.normalize("NFKD", value.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


#: PyYAML's safe loader on libyaml's parser where PyYAML was built with it (the same values: the
#: constructor is the same); else the Python one
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(data: bytes, where: str) -> dict[str, Any]:
    if not data.strip():
        return {}
    try:
        text = data.decode("utf-8")
        try:
            parsed = yaml.load(text, Loader=_FAST_LOADER) or {}
        except yaml.YAMLError:
            # (libyaml, which parses ten times faster, may word an error otherwise or refuse what
            # the Python parser reads: the Python parser has the last word)
            parsed = yaml.safe_load(text) or {}
    except UnicodeDecodeError as exc:
        raise RulesError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"{where}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(parsed, dict):
        raise RulesError(f"{where}: expected a mapping at the top level")
    return parsed


def _parse_csv(data: bytes, where: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not data.strip():
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RulesError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise RulesError(f"{where}: missing column(s) {', '.join(missing)}")
    rows = []
    for row in reader:
        clean = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and k}
        first = clean.get(required[0], "")
        if not first or first.startswith("#"):
            continue
        rows.append(clean)
    return rows


STARTER_FOLDER = "starter_rules"


def write_starter_rules(directory: Path) -> list[tuple[str, bool]]:
    """A starter rules folder for a new project: an empty `review.csv` and a commented example of
    every other file. Existing files are kept; returns each file with whether it was written."""
    directory.mkdir(parents=True, exist_ok=True)
    starter = resources.files(SHIPPED_PACKAGE) / STARTER_FOLDER
    done = []
    for name in RULE_FILES:
        target = directory / name
        if target.exists():
            done.append((name, False))
            continue
        target.write_bytes((starter / name).read_bytes())
        done.append((name, True))
    return done
