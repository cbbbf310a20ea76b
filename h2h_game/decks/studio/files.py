"""Provides the studio's files: opening a deck to edit, saving it safely, and noticing when the
file changed on disk meanwhile; duplicating, importing and exporting decks.

Reading and writing go through the program's own careful file helpers (`h2h_game.files`): only
regular files are read, never more than a deck may be; a save writes a temporary file, fsyncs
it, swaps it in and fsyncs the folder, so a crash leaves the old deck or the new one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from h2h_game import paths, untrusted
from h2h_game.decks.document import MAX_NAME
from h2h_game.decks.format import MAX_FILE_BYTES, parse_deck, read_deck_file
from h2h_game.decks.library import DeckLookupError, find_decks
from h2h_game.decks.printing import Paper, deck_to_html
from h2h_game.decks.problems import DeckError, Problem, quoted
from h2h_game.decks.spreadsheet import deck_to_csv, read_csv
from h2h_game.decks.writer import deck_to_toml
from h2h_game.engine.deck import Deck
from h2h_game.files import DOCUMENT_MODE, private_folder, read_regular, write_atomic

COPY_SUFFIX = " (copy)"


@dataclass(frozen=True)
class DiskCopy:
    """A file as the studio last read or wrote it: to tell whether someone changed it since."""

    path: Path
    signature: tuple[int, int, int] | None
    """Size, modification time (ns) and inode, taken before the bytes were read; None when
    there was no file."""
    data: bytes | None

    @classmethod
    def of(cls, path: Path) -> DiskCopy:
        """The file at `path` as it is now (OSError, or ValueError for what is not a deck file,
        when it exists but cannot be read)."""
        try:
            # Before reading: a change made in between shows as a new signature, never hides.
            signature = _signature(path.stat())
            data = read_regular(path, MAX_FILE_BYTES)
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
        except OSError:
            return True
        if now == self.signature:
            return False
        # Touched, or replaced by an editor's save: only different bytes count as a change.
        try:
            return DiskCopy.of(self.path).data != self.data
        except (OSError, ValueError):
            return True


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def read_deck(path: Path) -> tuple[Deck, DiskCopy]:
    """A deck file and the bytes it was read from; DeckError lists every problem in it."""
    try:
        signature: tuple[int, int, int] | None = _signature(path.stat())
    except FileNotFoundError:
        raise DeckError([Problem(str(path), "no such file")], path) from None
    except OSError:
        signature = None  # the read below says what is wrong
    data = read_deck_file(path)
    try:
        return parse_deck(data, str(path)), DiskCopy(path, signature, data)
    except DeckError as error:
        error.path = path
        raise


def write_atomically(path: Path, text: str, *, exclusive: bool = False) -> DiskCopy:
    """Write a deck or an export safely; the file as written (OSError when it cannot be).

    Args:
        path: the file; its folder (and any missing above it) is made, private, if missing.
        text: its new contents, written as UTF-8 exactly (no newline translation).
        exclusive: never replace a file that exists (FileExistsError instead).
    """
    private_folder(path.parent)
    try:
        mode = path.stat().st_mode & 0o777  # keep a deck's permissions
    except FileNotFoundError:
        mode = DOCUMENT_MODE
    if exclusive:
        # Claim the name first: a file made there meanwhile is never replaced.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DOCUMENT_MODE))
    data = text.encode("utf-8")
    try:
        write_atomic(path, data, mode=mode)
    except BaseException:
        if exclusive:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return DiskCopy(path, _signature(path.stat()), data)


def slug(name: str) -> str:
    """A file name for a deck name: "Road trip!" → "road-trip"."""
    return untrusted.slug(name, fallback="deck", limit=60)


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
    return read_csv(read_deck_file(path), str(path))


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
