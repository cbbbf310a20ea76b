"""Provides finding decks (bundled, yours, `$H2H_DECKS`, `--decks`) and opening them, cached.

Decks are opened through the cache of validated decks (`h2h_game.decks.cache`), which lives in
the user cache folder (`$H2H_CACHE/decks` when that is set).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from h2h_game import paths
from h2h_game.decks.cache import cached_deck, remember
from h2h_game.decks.format import load_deck, parse_deck_file, read_deck_file
from h2h_game.decks.problems import DeckError, Problem, quoted
from h2h_game.engine.deck import Deck

CACHE_ENV = "H2H_CACHE"
"""Names the cache folder (decks are cached in its `decks/`); tests point it at a temp folder."""


class Source(StrEnum):
    """Where a deck was found."""

    BUNDLED = "bundled"
    USER = "user"
    ENV = "env"
    DIR = "dir"


@dataclass(frozen=True)
class DeckFolder:
    """A folder searched for `*.toml` decks, and why."""

    path: Path
    source: Source

    def describe(self) -> str:
        """Where the folder is, in words: "bundled", "your decks", or the folder itself."""
        if self.source is Source.BUNDLED:
            return "bundled"
        if self.source is Source.USER:
            return "your decks"
        return _short_path(self.path)


@dataclass(frozen=True)
class DeckEntry:
    """One deck file found in a folder: the deck, or the first problem that breaks it."""

    path: Path
    folder: DeckFolder
    label: str
    """The deck's name, told apart from same-named decks by where it came from."""
    deck: Deck | None
    error: str | None
    """The first problem line when the deck is broken."""

    @property
    def source(self) -> Source:
        return self.folder.source

    @property
    def name(self) -> str:
        """The deck's name, or the file's name for a broken deck."""
        return self.deck.name if self.deck else self.path.stem

    @property
    def cards_per_level(self) -> tuple[int, ...]:
        return tuple(len(level.cards) for level in self.deck.levels) if self.deck else ()


class DeckLookupError(DeckError):
    """No deck, or more than one, answers to the name asked for."""


def deck_folders(extra_dirs: Iterable[str | os.PathLike[str]] = ()) -> list[DeckFolder]:
    """Every folder decks are looked for in, in the order they are listed."""
    folders = [
        DeckFolder(paths.bundled_decks_dir(), Source.BUNDLED),
        DeckFolder(paths.user_decks_dir(), Source.USER),
        *(DeckFolder(folder, Source.ENV) for folder in paths.env_decks_dirs()),
        *(DeckFolder(Path(folder).expanduser(), Source.DIR) for folder in extra_dirs),
    ]
    return folders


def find_decks(
    extra_dirs: Iterable[str | os.PathLike[str]] = (), *, use_cache: bool = True
) -> list[DeckEntry]:
    """Every deck in every deck folder; a broken deck is listed with its error, never skipped."""
    found: list[tuple[Path, DeckFolder, Deck | None, str | None]] = []
    seen: set[Path] = set()
    for folder in deck_folders(extra_dirs):
        for path in _toml_files(folder.path):
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            try:
                found.append((path, folder, open_deck(path, use_cache=use_cache), None))
            except DeckError as error:
                found.append((path, folder, None, error.first))
    return _labelled(found)


def missing_folders(extra_dirs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The folders a person named (`--decks`, `$H2H_DECKS`) that do not exist."""
    named = [
        folder for folder in deck_folders(extra_dirs) if folder.source in (Source.ENV, Source.DIR)
    ]
    return [folder.path for folder in named if not folder.path.is_dir()]


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(path for path in folder.glob("*.toml") if path.is_file())
    except OSError:
        return []


def _labelled(found: list[tuple[Path, DeckFolder, Deck | None, str | None]]) -> list[DeckEntry]:
    def name(item: tuple[Path, DeckFolder, Deck | None, str | None]) -> str:
        path, _, deck, _ = item
        return deck.name if deck else path.stem

    counts: dict[str, int] = {}
    for item in found:
        counts[name(item).casefold()] = counts.get(name(item).casefold(), 0) + 1
    places: dict[tuple[str, str], int] = {}
    for item in found:
        key = (name(item).casefold(), item[1].describe())
        places[key] = places.get(key, 0) + 1
    entries = []
    for item in found:
        path, folder, deck, error = item
        label = name(item)
        if counts[label.casefold()] > 1:
            where = folder.describe()
            if places[(label.casefold(), where)] > 1:
                where = f"{where}, {path.name}"
            label = f"{label} ({where})"
        entries.append(DeckEntry(path, folder, label, deck, error))
    return entries


def _short_path(path: Path) -> str:
    home = Path.home()
    try:
        return "~/" + path.relative_to(home).as_posix()
    except ValueError:
        return str(path)


def resolve_deck(
    name_or_path: str, extra_dirs: Sequence[str | os.PathLike[str]] = (), *, use_cache: bool = True
) -> Deck:
    """The deck for `h2h new --deck NAME|PATH`: a file path, or a deck's name, label or file stem.

    Names match case-insensitively. DeckLookupError when none or several decks match; DeckError
    with every problem when the one that matches is broken.
    """
    candidate = Path(name_or_path).expanduser()
    looks_like_path = candidate.suffix.lower() == ".toml" or any(
        separator in name_or_path for separator in ("/", os.sep)
    )
    if looks_like_path or candidate.is_file():
        return open_deck(candidate, use_cache=use_cache)
    entries = find_decks(extra_dirs, use_cache=use_cache)
    wanted = name_or_path.strip().casefold()
    matches = [
        entry for entry in entries if wanted in (entry.name.casefold(), entry.label.casefold())
    ] or [entry for entry in entries if entry.path.stem.casefold() == wanted]
    if not matches:
        raise DeckLookupError([_not_found(name_or_path, entries)])
    if len(matches) > 1:
        listed = "; ".join(f"{quoted(entry.label)} at {entry.path}" for entry in matches)
        message = f"{len(matches)} decks answer to this name: {listed}. Give the path instead"
        raise DeckLookupError([Problem(name_or_path, message)])
    entry = matches[0]
    if entry.deck is None:
        return open_deck(entry.path, use_cache=False)  # raises with every problem
    return entry.deck


def _not_found(name: str, entries: list[DeckEntry]) -> Problem:
    names = [entry.label for entry in entries]
    import difflib  # only a deck name that matches none needs it

    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f" (did you mean {quoted(close[0])}?)" if close else ""
    return Problem(name, f"no deck by this name{hint}; `h2h deck list` shows them all")


def cache_dir() -> Path:
    """The folder parsed decks are cached in: `$H2H_CACHE/decks`, else the user cache folder's."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env).expanduser() / "decks"
    return paths.user_cache_dir() / "decks"


def open_deck(path: str | os.PathLike[str], *, use_cache: bool = True) -> Deck:
    """Load a deck file, from the cache when these very contents of it were cached before."""
    path = Path(path)
    if not use_cache:
        return load_deck(path)
    contents = read_deck_file(path)
    try:
        resolved = path.resolve()
    except OSError:
        return parse_deck_file(contents, path)
    folder = cache_dir()
    if (cached := cached_deck(folder, resolved, contents)) is not None:
        return cached
    deck = parse_deck_file(contents, path)
    remember(folder, resolved, contents, deck)
    return deck
