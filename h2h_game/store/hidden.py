"""Provides the cards players chose to hide from future games, per deck.

At the end of a game the players may hide the cards they removed, so the next game with that
deck leaves them out (the engine's `Setup.hidden`). The ids live in `<saves>/.hidden-cards.json`,
a TinyDB database with one document per deck name; card ids come from the card's level and text,
so editing a deck's order or whitespace keeps them valid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from h2h_game.store.errors import SaveError, read_failure, write_failure
from h2h_game.store.lock import FileLock, LockTimeout
from h2h_game.store.storage import (
    FILE_MODE,
    AtomicJSONStorage,
    UnreadableFile,
    move_aside,
    private_folder,
)

if TYPE_CHECKING:
    from tinydb import TinyDB

HIDDEN_NAME = ".hidden-cards.json"
HIDDEN_LOCK = ".hidden-cards.lock"
TABLE = "decks"
LOCK_WAIT = 5.0


class HiddenCards:
    """The hidden-cards file of one saves folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / HIDDEN_NAME
        self.lock_path = folder / HIDDEN_LOCK

    def of(self, deck_name: str) -> frozenset[str]:
        """The ids hidden for this deck; empty when none are (or the file is unreadable)."""
        try:
            return self._read(deck_name)
        except FileNotFoundError:
            return frozenset()
        except OSError as error:
            raise read_failure(error, self.path) from error
        except (UnreadableFile, TypeError, AttributeError, ValueError):
            return frozenset()  # a damaged file hides nothing; the next change sets it aside

    def _read(self, deck_name: str) -> frozenset[str]:
        if not self.path.exists():
            raise FileNotFoundError(self.path)  # most folders: TinyDB need not even load
        from tinydb import Query

        with _database(self.path) as db:
            found = db.table(TABLE).get(Query().deck == deck_name)
        cards = found.get("cards") if isinstance(found, dict) else None
        if not isinstance(cards, list):
            return frozenset()
        return frozenset(card for card in cards if isinstance(card, str))

    def all(self) -> dict[str, frozenset[str]]:
        """Every deck's hidden cards, by deck name; decks with none are left out.

        Read by hand rather than through TinyDB, so any damage just leaves entries out.
        """
        try:
            data = AtomicJSONStorage(self.path).read()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise read_failure(error, self.path) from error
        except UnreadableFile:
            return {}
        table = data.get(TABLE) if isinstance(data, dict) else None
        found: dict[str, frozenset[str]] = {}
        for document in table.values() if isinstance(table, dict) else ():
            if not isinstance(document, dict) or not isinstance(document.get("deck"), str):
                continue
            cards = document.get("cards")
            ids = (
                frozenset(c for c in cards if isinstance(c, str)) if isinstance(cards, list) else ()
            )
            if ids:
                found[document["deck"]] = found.get(document["deck"], frozenset()) | ids
        return found

    def hide(self, deck_name: str, ids: Iterable[str]) -> None:
        """Hide these cards of this deck from future games, on top of those already hidden."""
        new = set(ids)
        self._change(deck_name, lambda hidden: hidden | new)

    def unhide(self, deck_name: str, ids: Iterable[str] | None = None) -> None:
        """Bring these cards back (all of the deck's hidden cards when `ids` is None)."""
        back = None if ids is None else set(ids)
        self._change(deck_name, lambda hidden: set() if back is None else hidden - back)

    def _change(self, deck_name: str, change: Callable[[set[str]], set[str]]) -> None:
        try:
            private_folder(self.folder)
            with FileLock(self.lock_path, timeout=LOCK_WAIT, mode=FILE_MODE):
                try:
                    hidden = set(self._read(deck_name))
                except FileNotFoundError:
                    hidden = set()
                except (UnreadableFile, TypeError, AttributeError, ValueError):
                    # Never overwrite what we cannot read: keep it aside and start afresh.
                    move_aside(self.path)
                    hidden = set()
                cards = sorted(change(hidden))
                from tinydb import Query

                with _database(self.path) as db:
                    db.table(TABLE).upsert(
                        {"deck": deck_name, "cards": cards}, Query().deck == deck_name
                    )
        except LockTimeout as error:
            raise SaveError(
                "Could not save the hidden cards: another window is saving them. Try again."
            ) from error
        except OSError as error:
            raise write_failure(error, self.folder, what="the hidden cards") from error


def _database(path: Path) -> TinyDB:
    """The hidden-cards file as a TinyDB database, written atomically; TinyDB loads here, when
    a folder has hidden cards (or is given some), not with the store."""
    from tinydb import Storage, TinyDB

    return TinyDB(path, storage=cast("type[Storage]", AtomicJSONStorage))
