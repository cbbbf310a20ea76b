"""Provides the studio's files: opening a deck to edit, saving it safely, and noticing when the
file changed on disk meanwhile; duplicating, importing and exporting decks.

Saving writes a temporary file in the deck's folder, flushes and fsyncs it, renames it over the
deck and fsyncs the folder: a crash leaves the old deck or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from h2h_game import paths
from h2h_game.decks.document import MAX_NAME
from h2h_game.decks.format import MAX_FILE_BYTES, parse_deck
from h2h_game.decks.library import DeckLookupError, find_decks
from h2h_game.decks.printing import Paper, deck_to_html
from h2h_game.decks.problems import DeckError, Problem, quoted
from h2h_game.decks.spreadsheet import deck_to_csv, read_csv
from h2h_game.decks.writer import deck_to_toml
from h2h_game.engine.deck import Deck

COPY_SUFFIX = " (copy)"


@dataclass(frozen=True)
class DiskCopy:
    """A file as the studio last read or wrote it: to tell whether someone changed it since."""

    path: Path
    signature: tuple[int, int, int] | None
    """Size, modification time (ns) and inode; None when there was no file."""
    data: bytes | None

    @classmethod
    def of(cls, path: Path) -> DiskCopy:
        """The file at `path` as it is now (OSError when it exists but cannot be read)."""
        try:
            with path.open("rb") as file:
                signature = _signature(os.fstat(file.fileno()))
                data = file.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return cls(path, None, None)
        return cls(path, signature, data)

    def changed(self) -> bool:
        """True when the file's bytes are not the ones the studio last read or wrote.

        A file that is gone is not counted as changed: saving puts it back and loses nothing.
        """
        try:
            now = _signature(self.path.stat())
        except FileNotFoundError:
            return False
        if now == self.signature:
            return False
        # Touched, or replaced by an editor's save: only different bytes count as a change.
        try:
            return DiskCopy.of(self.path).data != self.data
        except OSError:
            return True


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def read_deck(path: Path) -> tuple[Deck, DiskCopy]:
    """A deck file and the bytes it was read from; DeckError lists every problem in it."""
    source = str(path)
    try:
        copy = DiskCopy.of(path)
    except IsADirectoryError:
        raise DeckError([Problem(source, "this is a folder, not a deck file")], path) from None
    except OSError as error:
        message = f"cannot be read: {error.strerror or type(error).__name__}"
        raise DeckError([Problem(source, message)], path) from None
    if copy.data is None:
        raise DeckError([Problem(source, "no such file")], path)
    try:
        return parse_deck(copy.data, source), copy
    except DeckError as error:
        error.path = path
        raise


def write_atomically(path: Path, text: str, *, exclusive: bool = False) -> DiskCopy:
    """Write a file safely (temp file, fsync, rename, fsync the folder); the file as written.

    Args:
        path: the file.
        text: its new contents, written as UTF-8 exactly (no newline translation).
        exclusive: never replace a file that exists (FileExistsError instead).
    """
    folder = path.parent
    make_folder(folder)
    data = text.encode("utf-8")
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_for(path))
        if exclusive:
            os.link(temporary, path)  # fails when the file exists, unlike a rename
            temporary.unlink()
        else:
            os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    return DiskCopy(path, _signature(path.stat()), data)


def _mode_for(path: Path) -> int:
    """Keep a deck's permissions; a new deck is an ordinary document (the umask decides)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make a rename durable where the system allows it (Windows cannot open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def make_folder(folder: Path) -> None:
    """Create a folder and any missing folders above it, each readable only by its owner."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def slug(name: str) -> str:
    """A file name for a deck name: "Road trip!" → "road-trip"."""
    words = "".join(char if char.isalnum() else " " for char in name.casefold()).split()
    return "-".join(words)[:60].rstrip("-") or "deck"


def free_path(folder: Path, name: str, suffix: str = ".toml") -> Path:
    """A file in `folder` named after `name` that does not exist yet."""
    stem = slug(name)
    path = folder / f"{stem}{suffix}"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def name_for(path: Path) -> str:
    """A deck name made from a file name: `road_trip.toml` → "Road trip"."""
    words = " ".join(path.stem.replace("_", " ").replace("-", " ").split())[:MAX_NAME]
    return words[:1].upper() + words[1:] if words else "My deck"


def user_decks() -> Path:
    """The user's decks folder, where the studio saves decks that came from nowhere else."""
    return paths.user_decks_dir()


def is_bundled(path: Path) -> bool:
    """True for a deck that comes with the game: read-only, it can only be duplicated."""
    try:
        return path.resolve().parent == paths.bundled_decks_dir().resolve()
    except OSError:
        return False


def copy_name(name: str) -> str:
    """The name of a copy: "Partners" → "Partners (copy)", within the 60 characters."""
    room = MAX_NAME - len(COPY_SUFFIX)
    return (name if len(name) <= room else name[:room].rstrip()) + COPY_SUFFIX


def duplicate(deck: Deck, folder: Path | None = None) -> tuple[Path, Deck, DiskCopy]:
    """Copy a deck into the user's decks folder under a name of its own; never overwrites."""
    folder = folder or user_decks()
    copy = replace(deck, name=copy_name(deck.name))
    while True:
        path = free_path(folder, copy.name)
        try:
            return path, copy, write_atomically(path, deck_to_toml(copy), exclusive=True)
        except FileExistsError:
            continue  # made by someone else a moment ago: take the next free name


def import_csv(path: Path) -> Deck:
    """A deck made from a CSV file; DeckError names the rows that are wrong."""
    source = str(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DeckError([Problem(source, "no such file")], path) from None
    except IsADirectoryError:
        raise DeckError([Problem(source, "this is a folder, not a CSV file")], path) from None
    except OSError as error:
        message = f"cannot be read: {error.strerror or type(error).__name__}"
        raise DeckError([Problem(source, message)], path) from None
    return read_csv(data, source)


def export_csv(deck: Deck, path: Path) -> None:
    """Write the deck's cards as CSV, the columns `h2h deck import` reads back."""
    write_atomically(path, deck_to_csv(deck))


def export_cards(deck: Deck, path: Path, paper: Paper = Paper.A4) -> None:
    """Write the deck as a page of cards to print and cut out (what `h2h deck print` writes)."""
    write_atomically(path, deck_to_html(deck, paper))


def export_paths(deck_path: Path | None, name: str) -> tuple[Path, Path]:
    """Where exports go unless the user says otherwise: beside the deck (CSV, printable page)."""
    if deck_path is None:
        folder = user_decks()
        return free_path(folder, name, ".csv"), free_path(folder, name, "-cards.html")
    return deck_path.with_suffix(".csv"), deck_path.with_name(f"{deck_path.stem}-cards.html")


def find_deck_file(name_or_path: str, extra_dirs: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """The file of a deck named like `h2h new --deck` names one, or the path given.

    A path (with `/` or ending in `.toml`) is returned as it is, even when it does not exist
    yet: the studio makes a new deck there. DeckLookupError when no deck, or several, answer
    to a name.
    """
    candidate = Path(name_or_path).expanduser()
    if (
        candidate.suffix.lower() == ".toml"
        or any(separator in name_or_path for separator in ("/", os.sep))
        or candidate.is_file()
    ):
        return candidate
    entries = find_decks(extra_dirs)
    wanted = name_or_path.strip().casefold()
    matches = [
        entry for entry in entries if wanted in (entry.name.casefold(), entry.label.casefold())
    ] or [entry for entry in entries if entry.path.stem.casefold() == wanted]
    if not matches:
        message = (
            "no deck by this name; `h2h deck list` shows them all, and "
            "`h2h deck edit NEW.toml` starts a new one"
        )
        raise DeckLookupError([Problem(name_or_path, message)])
    if len(matches) > 1:
        listed = "; ".join(f"{quoted(entry.label)} at {entry.path}" for entry in matches)
        message = f"{len(matches)} decks answer to this name: {listed}. Give the path instead"
        raise DeckLookupError([Problem(name_or_path, message)])
    return matches[0].path
