"""Provides crash-safe files for TinyDB: a storage that never leaves a half-written file.

TinyDB's own `JSONStorage` rewrites its file in place (seek 0, dump, truncate), so a crash or a
full disk mid-write leaves a broken file. `AtomicJSONStorage` writes a private temporary file in
the same folder, flushes and fsyncs it, swaps it in with `os.replace` (atomic on POSIX and on
Windows), then fsyncs the folder so the new name itself survives a power cut. A reader sees the
old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import Storage

TEMP_PREFIX = ".h2h-tmp-"
"""Every temporary file we write starts with this, so strays from a crash are recognisable."""

STRAY_AGE = 10 * 60
"""Seconds after which a temporary file is stray even if its writer's pid seems alive (pids are
reused, and another host sharing the folder has pids of its own)."""

CORRUPT_MARK = ".corrupt-"
"""What an unreadable file's name gets before its time when it is moved aside."""

FOLDER_MODE = 0o700
FILE_MODE = 0o600


class UnreadableFile(ValueError):
    """The file exists but does not hold a JSON object; `reason` says so in plain words."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason


class AtomicJSONStorage(Storage):
    """A TinyDB storage of one JSON file that is replaced whole on every write.

    `read()` returns None for a missing or empty file (TinyDB's "empty database"), and raises
    `UnreadableFile` when the content is not a JSON object. `write()` raises the `OSError` of
    whatever went wrong, with the previous file untouched and no temporary file left behind.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return parse(raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, dump(data))


def parse(raw: bytes) -> Any:
    """The JSON object in `raw`, None when it is empty; UnreadableFile when it is anything else."""
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError alike
        raise UnreadableFile("it is not valid JSON (it may be cut short)", str(error)) from error
    if not isinstance(data, dict):
        raise UnreadableFile("it is not a saved game", f"a JSON {type(data).__name__}")
    return data


def dump(data: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and infinities are refused rather than written as invalid JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash at any moment leaves the old or new file."""
    folder = path.parent
    temp = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{path.name}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(temp, flags | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        # A full disk or a Ctrl-C mid-write: the old file is untouched; leave no temp behind.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable. Filesystems that cannot fsync a folder are let be."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        if os.name == "nt" or error.errno in (errno.EACCES, errno.EISDIR):
            return  # Windows cannot open folders; its MoveFileEx is durable enough.
        raise
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) with the folder itself readable by its owner only."""
    if folder.is_dir():
        return
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    # mkdir's mode passes through the umask; make sure the result is exactly 0700.
    with contextlib.suppress(OSError):
        os.chmod(folder, FOLDER_MODE)


def tighten_folder(folder: Path, is_ours: Callable[[str], bool]) -> bool:
    """Make an existing folder 0700 when it is ours: owned by us and holding only our files.

    `is_ours(name)` says whether a file name is one h2h writes. A folder the user pointed us at
    that holds other things (`--saves ~/Documents`) is left alone: changing its permissions
    would surprise them, and our own files in it are 0600 anyway. Returns True if it changed.
    """
    try:
        info = folder.stat()
        if stat.S_IMODE(info.st_mode) & 0o077 == 0:
            return False
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return False
        if not all(is_ours(name) for name in os.listdir(folder)):
            return False
        os.chmod(folder, FOLDER_MODE)
    except OSError:
        return False
    return True


def move_aside(path: Path, *, now: float | None = None) -> Path:
    """Rename an unreadable file to `<name>.corrupt-<UTC time>.json`, its bytes untouched.

    The new name is never an existing file: a hard link claims it atomically (os.rename would
    silently replace a file of the same name), with a counter when two land in one second.
    Returns where the file is now.
    """
    when = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() if now is None else now))
    stem = path.name.removesuffix(".json")
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        target = path.with_name(f"{stem}{CORRUPT_MARK}{when}{suffix}.json")
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            # No hard links on this filesystem (FAT, some network mounts): check, then rename.
            if target.exists():
                continue
            os.rename(path, target)
        else:
            os.unlink(path)
        fsync_folder(path.parent)
        return target
    raise FileExistsError(errno.EEXIST, "no free name to move the file aside", str(path))


def remove_stray_temps(folder: Path, *, now: float | None = None) -> list[Path]:
    """Delete temporary files left by a writer that died mid-write; returns what was removed.

    A temp file whose writer is still running is being written right now, and removing it
    would fail that save, so only files of dead writers (or very old ones) go.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age < STRAY_AGE and _writer_alive(entry.name):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _writer_alive(name: str) -> bool:
    pid_text = name[len(TEMP_PREFIX) :].split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # another thread of ours may be mid-save; our failed writes clean up
    if os.name == "nt":
        return True  # os.kill would end the process there: only age tells
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or we cannot tell: let it be
    return True
