"""Provides the program's one atomic file writer, private folders, and a bounded, careful reader.

Writing: `write_atomic` writes a private temporary file in the same folder, flushes and fsyncs
it, swaps it in with `os.replace` (atomic on POSIX and on Windows), then fsyncs the folder so the
new name itself survives a power cut. A reader sees the old file or the new one, never a mix.
Saves, the deck cache, settings and decks written by `h2h deck` all go through it.

Reading: files anyone can make (a shared deck, a file dropped in the saves folder) may be a FIFO
that blocks forever, a device that never ends, or a link to either. `read_regular` opens without
blocking, refuses anything but a regular file (and, where no link is expected, a link), and reads
no more than a cap.
"""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False  # `h2h saves list` reads the index through here without pathlib
if TYPE_CHECKING:
    from pathlib import Path

TEMP_PREFIX = ".h2h-tmp-"
"""Every temporary file we write starts with this, so strays from a crash are recognisable."""

FOLDER_MODE = 0o700
FILE_MODE = 0o600
DOCUMENT_MODE = 0o666
"""For files people share (decks): the umask decides, as for any document they save."""


class NotAFile(ValueError):
    """The path is something other than a regular file (or a link where none is expected);
    `reason` says what, in words for the players."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class TooBig(ValueError):
    """The file is larger than the reader accepts."""

    def __init__(self, path: str | os.PathLike[str], limit: int) -> None:
        super().__init__(f"{path}: over {limit} bytes")
        self.path = path
        self.limit = limit


def read_regular(path: str | os.PathLike[str], limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises NotAFile for a FIFO, a device, a socket or a folder (and for a link when
    `follow_links` is False), TooBig past `limit`, and OSError (FileNotFoundError included) for
    whatever the disk says. Opening never blocks: a FIFO with no writer is refused at once.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise NotAFile(path, "it is a link, not a file") from None
        if error.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket
            raise NotAFile(path, "it is a socket, not a file") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(path, f"it is {kind_of(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise TooBig(path, limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read it
            raise TooBig(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a file of this `st_mode` is, in words: "a folder", "a FIFO (named pipe)"…"""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a link"
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def write_atomic(
    path: Path,
    payload: bytes,
    *,
    mode: int = FILE_MODE,
    keep_previous: Path | None = None,
    durable: bool = True,
) -> None:
    """Replace `path` with `payload` so that a crash at any moment leaves the old or new file.

    `durable=False` skips the fsyncs, for files that are only a copy of something kept
    elsewhere (the deck cache): a power cut may then leave the file empty or cut short, which
    its reader must treat as missing.

    With `keep_previous`, the file being replaced becomes that file: it is hard-linked to a
    temporary name before the swap (nothing is copied) and renamed into place after it, so
    `keep_previous` never shares its bytes with `path` and damage to one leaves the other. A
    crash between the two renames leaves the old file under its temporary name;
    `promote_stray_previous` puts it in place. Raises the OSError of whatever went wrong, with
    `path` untouched and no temporary file left behind.
    """
    folder = path.parent
    temp = _temp_name(path)
    kept: Path | None = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(temp, flags | getattr(os, "O_NOFOLLOW", 0), mode)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if keep_previous is not None:
            kept = _keep(path, keep_previous)
        os.replace(temp, path)
    except BaseException:
        # A full disk or a Ctrl-C mid-write: the old file is untouched; leave no temp behind.
        for leftover in (temp, kept):
            if leftover is not None:
                _remove_quietly(leftover)
        raise
    if kept is not None and keep_previous is not None:
        try:
            os.replace(kept, keep_previous)
        except OSError:
            _remove_quietly(kept)
    if durable:
        fsync_folder(folder)


def _remove_quietly(path: Path) -> None:
    """Remove a file of ours if it is there; one already gone or not ours to remove is fine."""
    # Not contextlib.suppress: `h2h saves list` reads through this module, and contextlib is a
    # fortieth of what that command costs.
    try:  # noqa: SIM105
        os.unlink(path)
    except OSError:
        pass


def _temp_name(path: Path) -> Path:
    return path.parent / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}-{path.name}"


def temp_target(name: str) -> str | None:
    """The file a temporary file of ours was written for, from its name; None if not ours."""
    if not name.startswith(TEMP_PREFIX):
        return None
    parts = name[len(TEMP_PREFIX) :].split("-", 2)
    return parts[2] if len(parts) == 3 else None


def _keep(path: Path, previous: Path) -> Path | None:
    """`path` as it is now under a temporary name for `previous`; None when there is nothing
    to keep (a game's first save) or it cannot be kept.

    The previous copy is a safety net, not the save: if it cannot be made (no hard links on
    this filesystem and no room to copy), the save goes ahead and the older copy stays.
    """
    temp = _temp_name(previous)
    try:
        try:
            os.link(path, temp, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            # No hard links here (FAT, some network mounts): copy the bytes instead.
            data = read_regular(path, 1 << 30, follow_links=False)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
    except (OSError, ValueError):
        _remove_quietly(temp)
        return None
    return temp


def promote_stray_previous(stray: Path, current: Path) -> bool:
    """Put a previous copy that a crash left under its temporary name into place, and say so.

    A crash after the swap leaves the replaced save only there: it becomes the previous copy
    (unless a later save has made a newer one). A crash before the swap leaves a second name of
    `current` itself, which must not become the previous copy (damage to one would then be
    damage to both): it is removed, as is anything else.
    """
    target_name = temp_target(stray.name)
    if target_name is None:
        return False
    target = stray.with_name(target_name)
    try:
        info = stray.lstat()
        try:
            now = current.lstat()
            is_current = (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino)
        except FileNotFoundError:
            is_current = False
        newer = not target.exists() or info.st_mtime_ns >= target.lstat().st_mtime_ns
        if newer and not is_current:
            os.replace(stray, target)
            return True
        os.unlink(stray)
    except OSError:
        return False
    return False


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
    """Create `folder` and any missing parents, each readable by its owner only (0700).

    Folders that already exist are left as they are. NotADirectoryError when the path, or one of
    its parents, is a file.
    """
    missing: list[Path] = []
    current = folder
    while not current.is_dir():
        if current.exists() or current.is_symlink():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(current))
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, FOLDER_MODE)
        except FileExistsError:
            if not path.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path)) from None
            continue  # made by someone else meanwhile: not ours to change
        # mkdir's mode passes through the umask, which can only take bits away; be exact anyway.
        try:  # noqa: SIM105 (see _remove_quietly)
            os.chmod(path, FOLDER_MODE)
        except OSError:
            pass
