"""`rules/review.csv`, read strictly and written safely.

Reading: every row is checked before a run starts (a known decision, a target written as one,
one decision per mention, no bad bytes, no quote left open); all problems are listed at once,
each with the file and line number, as one `ReviewFileError`.

Writing: one writer at a time holds `review.csv.lock` (an OS lock, so the lock of a process
that was killed is free again at once; the file keeps the holder's process id to say who
waits for whom), reads the current decisions, changes one, and replaces the file atomically
(a temporary file in the same folder, then a rename): no reader ever sees half a file, and
no decision is lost when several arrive at once.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from baltmet_extract.errors import RulesError
from baltmet_extract.textutil import fold

DECISIONS = ("accept", "pick", "reject")
REVIEW_COLUMNS = ("raw", "decision", "target", "note")
REQUIRED_COLUMNS = ("raw", "decision", "target")
TARGET_FORMS = "geonames:ID, iso:CODE (several joined with ';'), org:Name or group:Name"
#: how long a writer waits for another one before giving up (seconds)
LOCK_TIMEOUT = 30.0


class ReviewFileError(RulesError):
    """review.csv has rows that cannot be used; the message lists each with its line number."""

    def __init__(self, path: Path | str, problems: list[tuple[int, str]]) -> None:
        self.path = str(path)
        self.problems = problems
        # one line per problem, as compilers write them, so an editor can jump to each
        listed = [f"{self.path}:{line}: {message}" for line, message in problems[:20]]
        if len(problems) > 20:
            listed.append(f"... and {len(problems) - 20} more")
        super().__init__(f"{self.path}: {len(problems)} review decision(s) cannot be used; fix them first:\n"
                         + "\n".join(listed))


@dataclass(frozen=True)
class Decision:
    """One row of review.csv, with the line it starts on."""

    raw: str
    decision: str
    target: str
    note: str = ""
    line: int = 0
    #: values of columns of the user's own, kept when the file is rewritten
    extra: tuple[tuple[str, str], ...] = ()

    def as_row(self) -> dict[str, str]:
        return {"raw": self.raw, "decision": self.decision, "target": self.target, "note": self.note}


def target_syntax_problem(target: str) -> str | None:
    """Why `target` is not written as a target (None when it is). `A + B` names two places."""
    parts = [p.strip() for p in target.split(" + ")]
    for part in parts:
        prefix, sep, rest = part.partition(":")
        if not sep:
            return f"{part!r} is no target; write {TARGET_FORMS}"
        if prefix == "geonames":
            if not rest.isdigit():
                return f"{part!r}: a GeoNames id is a number (geonames:3083829)"
        elif prefix == "iso":
            codes = [c.strip() for c in rest.split(";")]
            if not rest.strip() or any(not c or "-" not in c for c in codes):
                return f"{part!r}: an ISO 3166-2 code looks like iso:PL-32 (several joined with ';')"
        elif prefix in ("org", "group"):
            if not rest.strip():
                return f"{part!r}: name the {'organisation' if prefix == 'org' else 'group'} after the colon"
        else:
            return f"{part!r}: unknown kind of target {prefix!r}; write {TARGET_FORMS}"
    return None


def decision_problem(decision: str, target: str) -> str | None:
    """Why a decision with this target cannot be applied (None when it can)."""
    if decision not in DECISIONS:
        close = difflib.get_close_matches(decision, DECISIONS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown decision {decision!r}{hint}; one of {', '.join(DECISIONS)}"
    if decision == "reject":
        return None
    if not target:
        return f"'{decision}' needs a target: {TARGET_FORMS}"
    return target_syntax_problem(target)


@dataclass
class ReviewText:
    """A review file as its lines: the lines up to the header row, then each decision with the
    comment and blank lines above it, then the lines after the last decision. Rewriting it keeps
    comments with the decision below them, and columns of the user's own."""

    head: list[str]
    columns: list[str]
    blocks: list[tuple[list[str], Decision]]
    tail: list[str]

    @property
    def decisions(self) -> list[Decision]:
        return [d for _, d in self.blocks]


def _records(text: str) -> Iterator[tuple[int, list[str], str | None]]:
    """(first line number, the lines, the CSV record or None for a comment or blank line); a record
    runs over several lines while a quote is open (an even count of `"` closes it)."""
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        first = lines[i]
        if not first.strip() or first.lstrip().startswith("#"):
            yield i + 1, [first], None
            i += 1
            continue
        j = i + 1
        while "".join(lines[i:j]).count('"') % 2 and j < len(lines):
            j += 1
        yield i + 1, lines[i:j], "".join(lines[i:j])
        i = j


def read_review_text(data: bytes, where: Path | str) -> ReviewText:
    """The review file in `data`; raises `ReviewFileError` listing every row that cannot be used."""
    problems: list[tuple[int, str]] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReviewFileError(where, [(line, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                             "save the file as UTF-8")]) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ReviewFileError(where, [(line, "a NUL byte: this is no text file")])
    doc = ReviewText(head=[], columns=[], blocks=[], tail=[])
    header: list[str] | None = None
    pending: list[str] = []
    first_line: dict[str, tuple[int, str, str]] = {}
    for line, lines, record in _records(text):
        if record is None:
            (doc.head if header is None else pending).extend(lines)
            continue
        if record.count('"') % 2:
            problems.append((line, "a quote opened on this line is never closed; every decision after it "
                                   "would be read as part of this row"))
            break
        try:
            cells = next(csv.reader(io.StringIO(record, newline=""), strict=True))
        except csv.Error as exc:
            problems.append((line, f"not a CSV row: {exc}"))
            continue
        if header is None:
            header = [c.strip().lower() for c in cells]
            doc.head.extend(lines)
            doc.columns = header
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                problems.append((line, f"the header row has no column {', '.join(missing)} (it must start "
                                       f"{','.join(REVIEW_COLUMNS)})"))
                break
            continue
        if len(cells) > len(header):
            problems.append((line, f"{len(cells)} fields where the header has {len(header)} (a comma in a name "
                                   "must be inside double quotes)"))
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        raw, decision, target = row["raw"], row["decision"].lower(), row["target"]
        if any("\n" in row[c] or "\r" in row[c] for c in REQUIRED_COLUMNS):
            problems.append((line, "a field runs over several lines (a quote left open?)"))
            continue
        if not raw:
            problems.append((line, "no mention in the 'raw' column"))
            continue
        problem = decision_problem(decision, target)
        if problem:
            problems.append((line, f"{raw!r}: {problem}"))
            continue
        key = fold(raw)
        earlier = first_line.get(key)
        if earlier is not None and earlier[1:] != (decision, target):
            problems.append((line, f"{raw!r}: a second, different decision (the first is on line {earlier[0]})"))
            continue
        first_line.setdefault(key, (line, decision, target))
        extra = tuple((k, v) for k, v in row.items() if k not in REVIEW_COLUMNS)
        doc.blocks.append((pending + lines, Decision(raw, decision, target if decision != "reject" else "",
                                                     row.get("note", ""), line, extra)))
        pending = []
    if problems:
        raise ReviewFileError(where, problems)
    doc.tail = pending
    return doc


def parse_decisions(data: bytes, where: Path | str) -> list[Decision]:
    """The decisions in the bytes of a review file; raises `ReviewFileError` listing every row that
    cannot be used. Blank lines and lines starting with `#` are skipped."""
    return read_review_text(data, where).decisions


def read_decisions(path: Path | None) -> list[Decision]:
    """The decisions in a review file (none when it does not exist)."""
    if path is None or not path.is_file():
        return []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RulesError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    return parse_decisions(data, path)


def unknown_targets(decisions: list[Decision], is_known: Callable[[str], bool], where: Path | str) -> None:
    """Raises `ReviewFileError` for every accept or pick whose target names no gazetteer entry;
    `is_known` answers for one target part (`geonames:ID`, `iso:CODE[;CODE]`, `org:...`)."""
    problems = []
    for d in decisions:
        if d.decision == "reject":
            continue
        missing = [p.strip() for p in d.target.split(" + ") if not is_known(p.strip())]
        if missing:
            problems.append((d.line, f"{d.raw!r}: {', '.join(missing)} is no entry of the gazetteer"))
    if problems:
        raise ReviewFileError(where, problems)


# ---- writing ---------------------------------------------------------------------------------

class ReviewLockTimeout(RulesError):
    """Another writer held review.csv for longer than the timeout."""


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the writers' lock of `path` (`path.lock`). The lock is the operating system's, taken on
    the open lock file: a process that dies, however it dies, releases it, so a lock file left
    behind by a killed process is taken over at once."""
    lock_path = path.with_name(path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    # each call opens the file anew: the OS lock belongs to the open file, so threads of one
    # process (the review server's) wait for each other as separate processes do
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while not _locked_now(fd, lock_path):
            if time.monotonic() > deadline:
                raise ReviewLockTimeout(f"{path}: another writer ({_holder(lock_path)}) has held it for "
                                        f"{timeout:.0f} s; try again, or end that process")
            time.sleep(0.02)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _locked_now(fd: int, lock_path: Path) -> bool:
    try:
        return _try_lock(fd)
    except OSError as exc:  # a file system without locks (some network mounts)
        raise RulesError(f"{lock_path}: cannot be locked here ({exc.strerror or exc}); keep the rules folder "
                         "on a local disk") from exc


def _holder(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid else "another process"


try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text`: written to a temporary file beside it, flushed, then renamed."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _row_text(columns: list[str], decision: Decision) -> str:
    values = {**dict(decision.extra), **decision.as_row()}
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([values.get(c, "") for c in columns])
    return buf.getvalue()


def _review_file_text(doc: ReviewText) -> str:
    columns = doc.columns or list(REVIEW_COLUMNS)
    head = doc.head or [_row_text(columns, Decision("raw", "decision", "target", "note"))]
    if head[-1] and not head[-1].endswith("\n"):
        head = [*head[:-1], head[-1] + "\n"]
    blocks = sorted(doc.blocks, key=lambda b: (b[1].raw.lower(), b[1].raw))
    out = list(head)
    for lines, _ in blocks:
        text = "".join(lines)
        out.append(text if text.endswith("\n") else text + "\n")
    out.extend(doc.tail)
    return "".join(out)


def set_decision(path: Path, decision: Decision, timeout: float = LOCK_TIMEOUT) -> None:
    """Add the decision, or replace the one for the same mention, under the writers' lock; other
    rows, comments and columns of the user's own are kept. A file that cannot be read as
    decisions is left alone (the error says what is wrong)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path, timeout):
        doc = read_review_text(path.read_bytes() if path.is_file() else b"", path)
        columns = doc.columns or list(REVIEW_COLUMNS)
        doc.columns = columns
        key = fold(decision.raw)
        kept: list[tuple[list[str], Decision]] = []
        comments: list[str] = []
        for lines, old in doc.blocks:
            if fold(old.raw) == key:
                comments = lines[: len(lines) - _row_lines(lines)]
                decision = Decision(decision.raw, decision.decision, decision.target, decision.note, 0,
                                    decision.extra or old.extra)
            else:
                kept.append((lines, old))
        kept.append(([*comments, _row_text(columns, decision)], decision))
        doc.blocks = kept
        write_atomically(path, _review_file_text(doc))


def _row_lines(lines: list[str]) -> int:
    """How many of a block's last lines are its row (the rest are comments and blank lines)."""
    for i, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            return len(lines) - i
    return 0
