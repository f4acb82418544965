"""Publishing the output folder whole: a run writes every file into a staging folder beside
`--out` and switches it in only when all are complete, under a lock on `--out`, into a folder
that is checked first to be one the tool may replace.

Beside `OUT` (hidden, and cleaned up by the next run when a run was killed):

    .OUT.lock        the lock: which run holds it (pid, host, start time)
    .OUT.new-PID     the staging folder of a run in progress
    .OUT.old-PID     the previous output on its way out (only where folders cannot be swapped at once)

Inside `OUT`, `.baltmet-extract.json` marks the folder as this tool's output and lists the files it
wrote, so that the next run recognises them as its own.

A reader of `OUT` sees the old folder or the new one, never a mix: on Linux the two folders
are swapped in one step (`renameat2` with `RENAME_EXCHANGE`); elsewhere the old folder is renamed
aside and the new one in, and a crash between the two renames is repaired by the next run.
Nothing is ever written through an existing file or link: every file is new in the staging folder.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import socket
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from baltmet_extract.documents import escape_name
from baltmet_extract.errors import BaltmetError

#: The marker file written into every output folder, listing the files the tool wrote there.
MARKER = ".baltmet-extract.json"
TOOL = "baltmet-extract"
#: Written by earlier versions and recognised as the tool's own (a database a killed run left).
LEGACY_NAMES = frozenset({"baltmet.sqlite.tmp"})


def _version() -> str:
    from baltmet_extract._version import __version__

    return __version__


#: Some entries of the folder named in the refusal, so the line stays short.
SHOWN_FOREIGN = 3


class OutputPathError(BaltmetError):
    """An output folder the tool must not write (one line for the user)."""


class OutputBusy(OutputPathError):
    """Another run holds the lock on the output folder."""


def _show(path: Path | str) -> str:
    return escape_name(str(path))


# --- checks ---------------------------------------------------------------------------------------


def check_out_path(out: Path, inputs: Sequence[str | Path] = ()) -> Path:
    """The folder `out` resolved (links followed), or `OutputPathError` when it must never be the
    output: the root folder, the home folder or one above it, the working folder or one above it,
    an input folder, a folder inside an input folder or one holding an input, a file."""
    target = Path(os.path.abspath(out)).resolve()
    shown = _show(out)
    if target.exists() and not target.is_dir():
        raise OutputPathError(f"{shown}: --out must be a folder, and this is a file")
    if target == Path(target.anchor):
        raise OutputPathError(f"--out {shown}: refusing to replace the root folder {target.anchor}; "
                              "give a folder of its own, e.g. --out output")
    for special, what in ((Path.home(), "your home folder"), (Path.cwd(), "the working folder")):
        special = special.resolve()
        if target == special:
            raise OutputPathError(f"--out {shown}: refusing to replace {what}; give a folder of its own, "
                                  "e.g. --out output")
        if target in special.parents:
            raise OutputPathError(f"--out {shown}: refusing to replace a folder that holds {what} "
                                  f"({_show(special)}); give a folder of its own, e.g. --out output")
    for item in inputs:
        source = Path(os.path.abspath(item)).resolve()
        if target == source:
            raise OutputPathError(f"--out {shown}: is the input {_show(item)}; give another folder, "
                                  "e.g. --out output")
        if source in target.parents and source.is_dir():
            raise OutputPathError(f"--out {shown}: is inside the input folder {_show(item)}, so the next run "
                                  "would read its own output; give a folder outside it")
        if target in source.parents:
            raise OutputPathError(f"--out {shown}: holds the input {_show(item)}; give a folder apart "
                                  "from the inputs")
    return target


def read_marker(folder: Path) -> set[str]:
    """The files the marker in `folder` says the tool wrote (empty when there is no usable marker)."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("tool") != TOOL or not isinstance(data.get("files"), list):
        return set()
    return {f for f in data["files"] if isinstance(f, str)}


def foreign_files(folder: Path, known: Iterable[str]) -> list[str]:
    """Files under `folder` (relative, `/`-separated) the tool did not write: not named by its marker,
    not among `known` (the names this version writes). Links count as files and are not followed;
    empty folders do not count."""
    ours = read_marker(folder) | set(known) | LEGACY_NAMES | {MARKER}
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        rel_root = Path(root).relative_to(folder)
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = [d for d in dirs if d not in links]
        for name in sorted(files + links):
            rel = (rel_root / name).as_posix()
            if rel not in ours:
                found.append(rel)
    return found


# --- the lock -------------------------------------------------------------------------------------


def _describe(holder: dict[str, Any]) -> str:
    if not holder:
        return "a run that is just starting"
    started = holder.get("started")
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started)) if isinstance(started, int | float) else "?"
    return f"pid {holder.get('pid', '?')} on {_show(str(holder.get('host', '?')))}, started {when}"


def _read_holder(fd: int) -> dict[str, Any]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8", "replace") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class OutputLock:
    """An exclusive lock on an output folder, held in `.OUT.lock` beside it.

    The system releases the lock when its process ends however it ends (`flock`), so the lock
    of a killed run is stale by itself: the next run takes it over, and `stale` then describes
    the run that left it. Where `flock` is missing, the pid in the file is checked instead.
    """

    def __init__(self, out: Path, shown: str | None = None) -> None:
        self.out = out
        self.path = out.with_name(f".{out.name}.lock")
        self.shown = shown or _show(out)
        self.fd: int | None = None
        self.stale: str | None = None

    def acquire(self) -> OutputLock:
        for _ in range(100):  # another run may remove the file between our open and our lock
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as exc:
                raise OutputPathError(f"--out {self.shown}: cannot create its lock {_show(self.path)}: "
                                      f"{exc.strerror or exc}") from exc
            if not self._lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise OutputBusy(f"--out {self.shown}: another run is writing it ({_describe(holder)}); "
                                 "wait for it to finish or give another --out")
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=False))
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            previous = _read_holder(fd)
            self.stale = _describe(previous) if previous else None
            record = {"pid": os.getpid(), "host": socket.gethostname(), "started": int(time.time()),
                      "tool": TOOL, "version": _version()}
            os.ftruncate(fd, 0)
            os.pwrite(fd, (json.dumps(record) + "\n").encode(), 0)
            self.fd = fd
            return self
        raise OutputBusy(f"--out {self.shown}: could not take its lock {_show(self.path)}")

    def _lock(self, fd: int) -> bool:
        try:
            import fcntl
        except ImportError:
            return self._lock_by_pid(fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:  # a file system without flock
            return self._lock_by_pid(fd)
        return True

    def _lock_by_pid(self, fd: int) -> bool:
        holder = _read_holder(fd)
        pid = holder.get("pid")
        if not isinstance(pid, int) or holder.get("host") != socket.gethostname() or pid == os.getpid():
            return not holder
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)  # before unlocking: a waiting run then sees the file is gone and retries
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


# --- the switch -----------------------------------------------------------------------------------


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`); False where not supported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # not on this kernel or file system
        return False
    raise OSError(code, os.strerror(code), str(b))


def switch_in(staging: Path, out: Path) -> Path | None:
    """Put `staging` in the place of `out` at once; returns where the old folder now is (to remove)."""
    if not os.path.lexists(out):
        os.rename(staging, out)
        return None
    if _exchange(staging, out):
        return staging
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.rename(out, old)
    try:
        os.rename(staging, out)  # a crash just before this leaves only `old`: `clean_leftovers` puts it back
    except OSError:
        os.rename(old, out)
        raise
    return old


def _leftovers(out: Path) -> list[Path]:
    """Staging and old folders of `out` that runs left behind (hidden names only this module makes)."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(out.parent):
            for kind in ("new", "old"):
                prefix = f".{out.name}.{kind}-"
                if entry.name.startswith(prefix) and entry.name[len(prefix):].isdigit():
                    found.append(Path(entry.path))
    return sorted(found)


def clean_leftovers(out: Path) -> None:
    """Repair and remove what killed runs left beside `out` (call with the lock held): an old folder
    whose successor never arrived goes back in place, the rest is removed."""
    leftovers = _leftovers(out)
    if not os.path.lexists(out):
        olds = [p for p in leftovers if ".old-" in p.name]
        if olds:
            newest = max(olds, key=lambda p: p.stat().st_mtime)
            os.rename(newest, out)
            leftovers.remove(newest)
    for path in leftovers:
        _remove(path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _carry_over(source: Path, target: Path, files: list[str]) -> None:
    """Keep `files` of the old folder in the new one: hard links where the system allows, else copies
    (links copied as links). The old folder is not changed, so a crash loses nothing."""
    for rel in files:
        src, dst = source / rel, target / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dst, follow_symlinks=False)
        except OSError:
            if src.is_symlink():
                os.symlink(os.readlink(src), dst)
            else:
                shutil.copy2(src, dst, follow_symlinks=False)


def _hidden(rel: str) -> bool:
    """A hidden file, or one in a hidden folder (`rel` is `/`-separated)."""
    return any(part.startswith(".") for part in rel.split("/"))


# --- the output folder of one run ---------------------------------------------------------------------


class OutputFolder:
    """The output folder of one run: checked, locked, written in a staging folder, switched in whole.

        with OutputFolder(Path("output"), inputs=["raw"], known=names) as folder:
            ...write every file under folder.staging()...
            folder.publish()

    Leaving the block without `publish()` (an error, Ctrl-C) removes the staging folder and
    leaves `out` as it was. `known` are the files this version writes (recognised as its own
    even without a marker, as in folders written before markers existed); a folder holding other
    files is used only with `force`, hidden files always, and those files are kept.
    """

    def __init__(self, out: Path, inputs: Sequence[str | Path] = (), known: Iterable[str] = (),
                 force: bool = False) -> None:
        self.given = out
        self.inputs = inputs
        self.known = set(known)
        self.force = force
        self.path = out
        self.lock: OutputLock | None = None
        self._staging: Path | None = None
        self.foreign: list[str] = []

    def __enter__(self) -> OutputFolder:
        self.path = check_out_path(self.given, self.inputs)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputPathError(f"--out {_show(self.given)}: cannot create the folder it goes in: "
                                  f"{exc.strerror or exc}") from exc
        self.lock = OutputLock(self.path, _show(self.given)).acquire()
        try:
            clean_leftovers(self.path)
            if self.path.is_dir():
                self.foreign = foreign_files(self.path, self.known)
                # hidden files (".stderr" of the shell that started the run, ".DS_Store") are no one's
                # documents: they are kept without --force; any other file needs it
                blocking = [f for f in self.foreign if not _hidden(f)]
                if blocking and not self.force:
                    shown = ", ".join(_show(f) for f in blocking[:SHOWN_FOREIGN])
                    raise OutputPathError(f"--out {_show(self.given)}: holds files baltmet-extract did not write "
                                          f"({shown}{', ...' if len(blocking) > SHOWN_FOREIGN else ''}); "
                                          "give an empty or new folder, or add --force to write there anyway "
                                          "(those files are kept)")
        except BaseException:
            self.lock.release()
            raise
        return self

    def staging(self) -> Path:
        """The folder to write this run's files into (made on first use)."""
        if self._staging is None:
            path = self.path.with_name(f".{self.path.name}.new-{os.getpid()}")
            _remove(path)
            try:
                path.mkdir()
            except OSError as exc:
                raise OutputPathError(f"--out {_show(self.given)}: cannot create the staging folder "
                                      f"{_show(path)} beside it: {exc.strerror or exc}") from exc
            self._staging = path
        return self._staging

    def publish(self) -> None:
        """Mark the staging folder as this tool's output and switch it in place of `out`."""
        staging = self.staging()
        written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")
                         if p.is_file() or p.is_symlink())
        marker = {"tool": TOOL, "version": _version(), "files": written}
        (staging / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        if self.foreign:
            _carry_over(self.path, staging, self.foreign)
        old = switch_in(staging, self.path)
        self._staging = None
        if old is not None:
            _remove(old)

    def __exit__(self, *exc: object) -> None:
        try:
            if self._staging is not None:
                _remove(self._staging)
                self._staging = None
        finally:
            if self.lock is not None:
                self.lock.release()
