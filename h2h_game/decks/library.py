"""Provides finding decks (bundled, yours, `$H2H_DECKS`, `--decks`) and a cache of parsed decks.

Parsing and validating a 10,000-card deck takes about 270 ms, three quarters of it in tomllib;
the same deck read back from its cached JSON and validated again takes about half that. Valid
decks are therefore cached as JSON in the user cache folder (`$H2H_CACHE/decks` when that is set),
one file per deck, keyed by the deck's resolved path, size, mtime_ns, the cache format and the h2h
version. The cache holds the deck as a parsed document and every entry is validated again on
reading exactly as a deck file is, so a planted or damaged entry can never show text a deck file
could not (an ESC byte, say): any entry that cannot be read, does not match or does not validate
is ignored and rewritten. The cache folder is created private (0700); it is never required.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from h2h_game import __version__, jsonsafe, paths
from h2h_game.decks.document import FORMAT, deck_from_document
from h2h_game.decks.format import load_deck
from h2h_game.decks.problems import DeckError, Problem, quoted
from h2h_game.engine.deck import Card, Deck, Kind
from h2h_game.files import NotAFile, TooBig, private_folder, read_regular, write_atomic

CACHE_VERSION = 3
MAX_CACHE_ENTRY = 64 * 1024 * 1024
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
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f" (did you mean {quoted(close[0])}?)" if close else ""
    return Problem(name, f"no deck by this name{hint}; `h2h deck list` shows them all")


def cache_dir() -> Path:
    """The folder parsed decks are cached in: `$H2H_CACHE/decks`, else the user cache folder's."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env).expanduser() / "decks"
    return paths.user_cache_dir() / "decks"


def open_deck(path: str | os.PathLike[str], *, use_cache: bool = True) -> Deck:
    """Load a deck file, from the cache when the file has not changed since it was cached."""
    path = Path(path)
    if not use_cache:
        return load_deck(path)
    try:
        before = path.stat()
        resolved = path.resolve()
    except OSError:
        return load_deck(path)  # reports the missing or unreadable file
    entry = cache_dir() / (hashlib.sha256(str(resolved).encode()).hexdigest()[:32] + ".json")
    key = _cache_key(resolved, before)
    if (cached := _read_cache(entry, key, str(path))) is not None:
        return cached
    deck = load_deck(path)
    try:
        unchanged = _stat_key(path.stat()) == _stat_key(before)
    except OSError:
        unchanged = False
    # A file edited while it was read would be cached under the old size and time: skip it.
    if unchanged:
        _write_cache(entry, {**key, "document": document_of(deck)})
    return deck


def _stat_key(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_size, stat.st_mtime_ns


def _cache_key(resolved: Path, stat: os.stat_result) -> dict[str, Any]:
    return {
        "cache_version": CACHE_VERSION,
        "h2h_version": __version__,
        "path": str(resolved),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def _read_cache(entry: Path, key: dict[str, Any], source: str) -> Deck | None:
    """The cached deck when the entry matches and validates as a deck file would; else None."""
    try:
        data = jsonsafe.loads(read_regular(entry, MAX_CACHE_ENTRY, follow_links=False))
        if not isinstance(data, dict) or any(
            data.get(field) != value for field, value in key.items()
        ):
            return None
        document = data.get("document")
        if not isinstance(document, dict):
            return None
        return deck_from_document(document, source)
    except (OSError, NotAFile, TooBig, jsonsafe.JSONDamage, DeckError):
        return None  # missing, damaged or planted: parse the deck and write the entry again


def _write_cache(entry: Path, data: dict[str, Any]) -> None:
    try:
        private_folder(entry.parent)
        write_atomic(entry, jsonsafe.dumps(data))
    except (OSError, ValueError):
        pass  # a read-only or full cache folder costs speed, never a deck


def document_of(deck: Deck) -> dict[str, Any]:
    """The deck as the document a TOML file of it parses to (see `decks.document`), with every
    value spelled out: validating it gives back an equal deck."""
    meta: dict[str, Any] = {"name": deck.name, "language": deck.language}
    for key in ("description", "author", "how_to_play", "audience"):
        if value := getattr(deck, key):
            meta[key] = value
    if deck.tags:
        meta["tags"] = dict(deck.tags)
    levels = []
    for level in deck.levels:
        table: dict[str, Any] = {"name": level.name, "unlock": level.unlock}
        if level.description:
            table["description"] = level.description
        if level.number > 1:
            table["settle"] = level.settle
        table["cards"] = [_card_document(card) for card in level.cards]
        levels.append(table)
    document: dict[str, Any] = {"format": FORMAT, "deck": meta, "levels": levels}
    if deck.landing or deck.closing:
        ending: dict[str, Any] = {"landing": list(deck.landing)}
        if deck.closing:
            ending["closing"] = deck.closing
        document["ending"] = ending
    return document


def _card_document(card: Card) -> dict[str, Any]:
    table: dict[str, Any] = {"text": card.text, "id": card.id, "kind": card.kind.value}
    if card.tags:
        table["tags"] = list(card.tags)
    if card.kind is Kind.WILD and card.effect is not None:
        table["effect"] = card.effect.value
    return table
