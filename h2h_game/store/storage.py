"""Provides crash-safe files for TinyDB, and the store's careful reading and setting aside.

TinyDB's own `JSONStorage` rewrites its file in place (seek 0, dump, truncate), so a crash or a
full disk mid-write leaves a broken file. `AtomicJSONStorage` writes through
`h2h_game.files.write_atomic` instead: a reader sees the old file or the new one, never a mix.
It reads through `read_json`, which opens only plain files (never a link, a FIFO or a device),
at most MAX_FILE bytes, and `parse`, which bounds the JSON it accepts.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from h2h_game import jsonsafe
from h2h_game.files import (
    FILE_MODE,
    FOLDER_MODE,
    TEMP_PREFIX,
    NotAFile,
    TooBig,
    fsync_folder,
    private_folder,
    promote_stray_previous,
    read_regular,
    temp_target,
    write_atomic,
)

__all__ = [
    "CORRUPT_MARK",
    "FILE_MODE",
    "FOLDER_MODE",
    "MAX_FILE",
    "STRAY_AGE",
    "TEMP_PREFIX",
    "AtomicJSONStorage",
    "UnreadableFile",
    "dump",
    "fsync_folder",
    "move_aside",
    "parse",
    "private_folder",
    "read_json",
    "remove_stray_temps",
    "tighten_folder",
    "write_atomic",
]

STRAY_AGE = 10 * 60
"""Seconds after which a temporary file is stray even if its writer's pid seems alive (pids are
reused, and another host sharing the folder has pids of its own)."""

CORRUPT_MARK = ".corrupt-"
"""What an unreadable file's name gets before its time when it is moved aside."""

PREVIOUS_SUFFIX = ".previous.json"
"""What a game's previous good save is called: `<game-id>.previous.json`."""

MAX_FILE = 64 * 1024 * 1024
"""The largest file the store reads: a game of 50,000 actions takes about 4 MB."""


class UnreadableFile(ValueError):
    """The file exists but does not hold a JSON object; `reason` says so in plain words."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason


class AtomicJSONStorage:
    """A TinyDB storage of one JSON file that is replaced whole on every write.

    It is what TinyDB asks of a storage (`read`, `write`, `close`) without subclassing
    `tinydb.Storage`: importing TinyDB costs 3 ms of every start that opens the store, and only
    the hidden cards are written through it.

    `read()` returns None for a missing or empty file (TinyDB's "empty database"), and raises
    `UnreadableFile` when the content is not a JSON object, or the path is a link, a FIFO or
    anything else that is not a plain file. `write()` raises the `OSError` of whatever went
    wrong, with the previous file untouched and no temporary file left behind.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = read_json(self.path)
        except FileNotFoundError:
            return None
        data: dict[str, dict[str, Any]] | None = parse(raw)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, dump(data))

    def close(self) -> None:
        """Nothing is held open between reads and writes."""


def read_json(path: Path) -> bytes:
    """The bytes of one of the store's files: a plain file (never a link), at most MAX_FILE.

    UnreadableFile when it is something else; OSError from the disk.
    """
    try:
        return read_regular(path, MAX_FILE, follow_links=False)
    except NotAFile as error:
        raise UnreadableFile(error.reason) from None
    except TooBig:
        reason = "it is far too large to be a saved game"
        raise UnreadableFile(reason, f"over {MAX_FILE} bytes") from None


def parse(raw: bytes) -> Any:
    """The JSON object in `raw`, None when it is empty; UnreadableFile when it is anything else.

    The JSON is read within bounds (see `h2h_game.jsonsafe`): too deep, a number too large or
    NaN is damage like any other, never a RecursionError or an OverflowError.
    """
    if not raw.strip():
        return None
    try:
        data = jsonsafe.loads(raw)
    except jsonsafe.JSONDamage as error:
        raise UnreadableFile(error.reason, str(error)) from error
    if not isinstance(data, dict):
        raise UnreadableFile("it is not a saved game", f"a JSON {type(data).__name__}")
    return data


def dump(data: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and infinities are refused rather than written as invalid JSON."""
    return jsonsafe.dumps(data)


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
            os.link(path, target, follow_symlinks=False)  # a link moves as itself
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
    """Clear temporary files left by a writer that died mid-write; returns what was cleared.

    A temp file whose writer is still running is being written right now, and removing it
    would fail that save, so only files of dead writers (or very old ones) go. A game's previous
    copy caught between its two renames is put in place rather than removed.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
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
            target = temp_target(entry.name) or ""
            if target.endswith(PREVIOUS_SUFFIX):
                current = folder / (target.removesuffix(PREVIOUS_SUFFIX) + ".json")
                promote_stray_previous(Path(entry.path), current)
            else:
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
