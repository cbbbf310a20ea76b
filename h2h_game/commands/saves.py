"""Provides `h2h saves …`: list and delete saved games."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING, Any

from h2h_game.safe_text import terminal_safe

if TYPE_CHECKING:
    from h2h_game.store import BrokenSave, SaveInfo, SaveStore

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

DESCRIPTION = "List and delete saved games. Every action is saved the moment it happens."
EXAMPLES = """\
examples:
  h2h saves                              list saved games, most recently played first
  h2h saves list --saves ./saves         list the games in another folder
  h2h saves delete 2026-11-25-maya-sam-3f9c
                                         delete one game (asks first)
  h2h saves delete 2026-11-25-maya-sam-3f9c --yes
                                         delete without asking (for scripts)
"""
WIDEST = {"players": 30, "deck": 24, "level": 20}
"""Longer names are cut short with an ellipsis so the table keeps its shape."""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    saves = subparsers.add_parser(
        "saves",
        parents=[common],
        help="list and delete saved games",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    saves.set_defaults(func=run_list)
    commands = saves.add_subparsers(title="commands", metavar="COMMAND")
    listing = commands.add_parser(
        "list",
        parents=[common],
        help="list saved games, most recently played first",
        description="List saved games, most recently played first: id, players, deck, level,\n"
        "cards answered, when you last played, and whether each is finished, in progress\n"
        "or broken (a file that cannot be read is listed by name, with the reason).",
        epilog="example:\n  h2h saves list --saves ./saves",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    listing.set_defaults(func=run_list)
    delete = commands.add_parser(
        "delete",
        parents=[common],
        help="delete a saved game",
        description="Delete a saved game, or a broken file by the id the list shows.\n"
        "Asks first; a game open in another window is not deleted.",
        epilog="examples:\n  h2h saves delete 2026-11-25-maya-sam-3f9c\n"
        "  h2h saves delete 2026-11-25-maya-sam-3f9c --yes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    delete.add_argument("id", help="the game's id, as `h2h saves list` shows it")
    delete.add_argument("-y", "--yes", action="store_true", help="delete without asking")
    delete.set_defaults(func=run_delete)


def run_list(args: argparse.Namespace) -> int:
    from h2h_game.store import StoreError

    store = _store(args)
    try:
        items = store.list()
    except StoreError as error:
        print(f"h2h: {error}", file=sys.stderr)
        return EXIT_FAILURE
    if not items:
        print(f"No saved games in {terminal_safe(str(store.folder))}.")
        return EXIT_OK
    now = datetime.now().astimezone()
    header = ["ID", "PLAYERS", "DECK", "LEVEL", "ANSWERED", "LAST PLAYED", "STATE"]
    rows = [header, *(_row(item, now) for item in items)]
    print(_table(rows))
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from h2h_game.store import GameLocked, StoreError

    store = _store(args)
    game_id = terminal_safe(args.id)
    try:
        found = next((item for item in store.list() if item.id == args.id), None)
    except StoreError as error:
        print(f"h2h: {error}", file=sys.stderr)
        return EXIT_FAILURE
    if found is None:
        print(
            f"h2h: there is no saved game called {game_id!r} in "
            f"{terminal_safe(str(store.folder))}. `h2h saves list` shows them.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "h2h: not deleting without asking. Run it in a terminal, or pass --yes.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        try:
            answer = input(f"Delete {describe(found)}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Kept it.")
            return EXIT_OK
    try:
        store.delete(args.id)
    except GameLocked:
        print("h2h: not deleted: this game is open in another window.", file=sys.stderr)
        return EXIT_FAILURE
    except StoreError as error:
        print(f"h2h: {error}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"Deleted {game_id}.")
    return EXIT_OK


def _row(item: SaveInfo | BrokenSave, now: datetime) -> list[str]:
    from h2h_game.store import SaveInfo

    if not isinstance(item, SaveInfo):
        when = friendly_time(item.modified, now)
        return [item.id, "", "", "", "", when, f"broken: {terminal_safe(item.reason)}"]
    players = " & ".join(terminal_safe(name) for name in item.players)
    # A finished game is remembered by how deep it went; one in progress by where it picks up.
    level = item.deepest_name if item.finished else item.level_name
    return [
        item.id,
        _cut(players, WIDEST["players"]),
        _cut(terminal_safe(item.deck), WIDEST["deck"]),
        _cut(terminal_safe(level), WIDEST["level"]),
        str(item.answered),
        friendly_time(item.updated, now),
        "finished" if item.finished else "in progress",
    ]


def describe(item: SaveInfo | BrokenSave) -> str:
    """A game as the delete question names it."""
    from h2h_game.store import SaveInfo

    if isinstance(item, SaveInfo):
        first, second = (terminal_safe(name) for name in item.players)
        when = friendly_time(item.updated)
        return f"the game of {first} and {second} ({terminal_safe(item.deck)}, last played {when})"
    return f"the broken file {item.id}"


def friendly_time(when: float, now: datetime | None = None) -> str:
    """A moment in local time as people say it: "today 21:14", "Monday 21:14", "3 Nov 2025"."""
    moment = datetime.fromtimestamp(when).astimezone()
    now = now or datetime.now().astimezone()
    days = (now.date() - moment.date()).days
    clock = moment.strftime("%H:%M")
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"yesterday {clock}"
    if 1 < days < 7:
        return f"{moment:%A} {clock}"
    if moment.year == now.year:
        return f"{moment.day} {moment:%b} {clock}"
    return f"{moment.day} {moment:%b %Y}"


def _store(args: argparse.Namespace) -> SaveStore:
    from h2h_game.paths import saves_dir
    from h2h_game.store import SaveStore

    return SaveStore(saves_dir(getattr(args, "saves", None)))


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: wide East Asian characters take two, marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _cut(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    while _width(text) > limit - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _table(rows: list[list[str]]) -> str:
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)
