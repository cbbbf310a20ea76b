"""Provides `h2h saves …`: list, show, recover, tidy and delete saved games.

Every command that takes an id takes any unique beginning of one, as `git` does with commits.
"""

from __future__ import annotations

import argparse
import sys

from h2h_game.commands import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SUMMARIES, raw_help
from h2h_game.untrusted import terminal_safe

TYPE_CHECKING = False  # `h2h --help` imports every command: typing waits for one to run
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

    from h2h_game.store import Listed, SaveStore

DESCRIPTION = """\
List, look at, recover and delete saved games. Every action is saved the moment it happens,
and the save before it is kept beside it, so a damaged game can be brought back.
Wherever an ID is asked for, any unique beginning of one will do."""
EXAMPLES = """\
examples:
  h2h saves                              list saved games, most recently played first
  h2h saves list --saves ./saves         list the games in another folder
  h2h saves show 2026-11-25-maya         the story of one evening again
  h2h saves recover 2026-11-25-maya-sam-3f9c
                                         bring back a damaged game's last good state
  h2h saves tidy                         move damaged games aside, clear crash leftovers
  h2h saves delete 2026-11-25-maya-sam-3f9c
                                         delete one game (asks first)
  h2h saves delete 2026-11-25-maya-sam-3f9c --yes
                                         delete without asking (for scripts)
"""


def register(
    subparsers: Any, common: argparse.ArgumentParser, argv: Sequence[str] | None = None
) -> None:
    """Add `h2h saves …`; given the command line, only the commands it names are built in full
    (the others are listed by name and summary, as `h2h_game.cli` does one level up)."""
    saves = subparsers.add_parser(
        "saves",
        parents=[common],
        help=SUMMARIES["saves"],
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=raw_help,
    )
    saves.set_defaults(func=run_list)
    commands = saves.add_subparsers(title="commands", metavar="COMMAND")

    named = set(argv) if argv is not None else None

    def command(name: str, summary: str, description: str, epilog: str) -> Any:
        if named is not None and name not in named:
            return commands.add_parser(name, help=summary, formatter_class=raw_help)
        return commands.add_parser(
            name,
            parents=[common],
            help=summary,
            description=description,
            epilog=epilog,
            formatter_class=raw_help,
        )

    listing = command(
        "list",
        "list saved games, most recently played first",
        "List saved games, most recently played first: id, players, deck, level, cards\n"
        "answered, when you last played, and whether each is finished, in progress or damaged\n"
        "(a file that cannot be read is listed with the reason, and with what was known of\n"
        "its game). Listing never changes a file.",
        "example:\n  h2h saves list --saves ./saves",
    )
    listing.set_defaults(func=run_list)

    show = command(
        "show",
        "the story of a saved game's evening",
        "Tell the story of a saved game's evening again, as the summary at the end of a game\n"
        "does: the time together, the cards answered, how deep you went. Never the answers.",
        "example:\n  h2h saves show 2026-11-25-maya",
    )
    show.add_argument("id", help="the game's id (or its beginning), as `h2h saves list` shows it")
    show.set_defaults(func=run_show)

    recover = command(
        "recover",
        "bring back a damaged game's last good state",
        "Bring back a damaged game: the newest good state of it that is left, from the copy\n"
        "of its previous save kept beside it, or from the damaged file's actions as far as\n"
        "they still make sense. Says how many actions were lost (at most one key press when\n"
        "the previous copy is there). The damaged file is kept, moved aside.",
        "examples:\n  h2h saves recover 2026-11-25-maya-sam-3f9c\n"
        "  h2h saves recover 2026-11-25-maya-sam-3f9c.corrupt-20261126T071500Z",
    )
    recover.add_argument("id", help="the game's id, or the damaged file's, as the list shows it")
    recover.set_defaults(func=run_recover)

    tidy = command(
        "tidy",
        "move damaged games aside and clear crash leftovers",
        "Move every damaged game file aside (renamed, never deleted), remove temporary files\n"
        "a crash left behind, and bring the list's index up to date.",
        "example:\n  h2h saves tidy",
    )
    tidy.set_defaults(func=run_tidy)

    delete = command(
        "delete",
        "delete a saved game",
        "Delete a saved game, or a damaged file by the id the list shows.\n"
        "Asks first; a game open in another window is not deleted.",
        "examples:\n  h2h saves delete 2026-11-25-maya-sam-3f9c\n"
        "  h2h saves delete 2026-11-25-maya-sam-3f9c --yes",
    )
    delete.add_argument("id", help="the game's id (or its beginning), as `h2h saves list` shows it")
    delete.add_argument("-y", "--yes", action="store_true", help="delete without asking")
    delete.set_defaults(func=run_delete)


def _say(text: str) -> None:
    print(text)


def _err(text: str) -> None:
    print(f"h2h: {text}", file=sys.stderr)


def store_for(args: argparse.Namespace) -> SaveStore:
    from h2h_game.store import SaveStore

    return SaveStore(_store_folder(args))


def _store_folder(args: argparse.Namespace) -> Path:
    from h2h_game.paths import saves_dir

    return saves_dir(getattr(args, "saves", None))


def find(store: SaveStore, wanted: str) -> Listed | int:
    """The save an id (or the beginning of one) names, or the exit code after saying why not:
    EXIT_USAGE for an unknown or ambiguous id, EXIT_FAILURE when the folder can't be read."""
    from h2h_game.store import AmbiguousId, GameNotFound, StoreError

    try:
        listed_id = store.resolve(wanted)
        items = store.list()
    except AmbiguousId as error:
        _err(f"{terminal_safe(wanted)!r} could be any of these games; give more of the id:")
        for candidate in error.candidates:
            print(f"  {candidate}", file=sys.stderr)
        return EXIT_USAGE
    except GameNotFound as error:
        where = terminal_safe(str(store.folder))
        _err(f"there is no saved game called {terminal_safe(wanted)!r} in {where}.")
        if error.closest:
            print(f"Did you mean: {', '.join(error.closest)}?", file=sys.stderr)
        print("`h2h saves list` shows them all.", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as error:
        _err(str(error))
        return EXIT_FAILURE
    found = next((item for item in items if item.id == listed_id), None)
    if found is None:  # gone between the two looks
        _err(f"the saved game {listed_id} has just gone.")
        return EXIT_FAILURE
    return found


def run_list(args: argparse.Namespace) -> int:
    if (text := _listed_from_index(args)) is not None:
        _say(text)
        return EXIT_OK
    from h2h_game import describe
    from h2h_game.store import StoreError

    store = store_for(args)
    try:
        items = store.list()
    except StoreError as error:
        _err(str(error))
        return EXIT_FAILURE
    if not items:
        _say(f"No saved games in {terminal_safe(str(store.folder))}.")
        return EXIT_OK
    _say(describe.table(items, columns=_columns()))
    return EXIT_OK


def _listed_from_index(args: argparse.Namespace) -> str | None:
    """The list from the saves index alone, when it is sure of every file: the same table the
    store's listing prints, without loading the store, the engine or TinyDB. None when the
    store must look (a changed or damaged file, no index, no games)."""
    import os

    from h2h_game import indexed, saves_table

    # `paths.saves_dir`'s order (--saves, then $H2H_SAVES) in plain strings: importing its
    # pathlib and platformdirs costs more (13 ms) than all the rest this command adds to
    # Python's start; only the default folder needs them.
    named = getattr(args, "saves", None) or os.environ.get("H2H_SAVES")
    if named:
        folder: str | os.PathLike[str] = os.path.expanduser(named)
    else:
        folder = _store_folder(args)
    games = indexed.games(folder)
    if not games:
        return None
    rows = [saves_table.summary_cells(game_id, game) for game_id, game in games]
    return saves_table.table(rows, _columns())


def _columns() -> int | None:
    """The terminal's width when printing to one; None (no cutting) into a pipe or a file."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def run_show(args: argparse.Namespace) -> int:
    from h2h_game import describe
    from h2h_game.engine import summarise
    from h2h_game.store import SaveInfo, StoreError

    store = store_for(args)
    found = find(store, args.id)
    if isinstance(found, int):
        return found
    if not isinstance(found, SaveInfo):
        for line in describe.damaged_message(found):
            print(line, file=sys.stderr)
        return EXIT_FAILURE
    try:
        with store.open(found.id, read_only=True) as game:
            summary = summarise(game.state)
    except StoreError as error:
        _err(str(error))
        return EXIT_FAILURE
    started = describe.last_played(found.created)
    _say(f"{describe.players(found)} · {terminal_safe(found.deck)}")
    _say(
        f"Started {started}, last played {describe.last_played(found.updated)} · "
        f"{describe.status(found)}"
    )
    _say("")
    for line in describe.evening(summary):
        _say(line)
    if not found.finished:
        _say("")
        _say(f"Carry on with: h2h continue {found.id}")
    return EXIT_OK


def run_recover(args: argparse.Namespace) -> int:
    from h2h_game import describe
    from h2h_game.store import GameLocked, GameNotFound, NothingToRecover, StoreError
    from h2h_game.store.ids import is_game_id

    store = store_for(args)
    wanted = args.id
    found = None if is_game_id(wanted) else find(store, wanted)
    if isinstance(found, int):
        return found
    listed_id = found.id if found is not None else wanted
    try:
        recovered = store.recover(listed_id)
    except GameNotFound:
        found = find(store, wanted)  # a beginning of an id, or nothing: say which
        if isinstance(found, int):
            return found
        try:
            recovered = store.recover(found.id)
        except StoreError as error:
            return _recover_failed(error)
    except GameLocked:
        _err("not recovered: this game is open in another window. Close it there first.")
        return EXIT_FAILURE
    except NothingToRecover as error:
        _err(str(error))
        return EXIT_FAILURE
    except StoreError as error:
        return _recover_failed(error)
    game = recovered.game
    lost = (
        "at most one action was lost"
        if recovered.lost is None and recovered.at_most == 1
        else "how many actions were lost is not known"
        if recovered.lost is None
        else "no action was lost"
        if recovered.lost == 0
        else "1 action was lost"
        if recovered.lost == 1
        else f"{recovered.lost} actions were lost"
    )
    _say(f"Recovered {describe.named(game)} from {recovered.source}: {lost}.")
    if recovered.kept is not None:
        _say(f"The damaged file is kept as {terminal_safe(recovered.kept.name)}.")
    if not game.finished:
        _say(f"Carry on with: h2h continue {game.id}")
    return EXIT_OK


def _recover_failed(error: Exception) -> int:
    from h2h_game.store import GameLocked

    if isinstance(error, GameLocked):
        _err("not recovered: this game is open in another window. Close it there first.")
    else:
        _err(str(error))
    return EXIT_FAILURE


def run_tidy(args: argparse.Namespace) -> int:
    from h2h_game.store import StoreError

    store = store_for(args)
    try:
        done = store.tidy()
    except StoreError as error:
        _err(str(error))
        return EXIT_FAILURE
    for game_id, aside in done.moved:
        _say(f"Moved the damaged game {game_id} aside to {aside}.json.")
    for game_id in done.left:
        _say(f"Left the damaged game {game_id} where it is: it is open in another window.")
    if done.temps:
        plural = "s" * (done.temps != 1)
        _say(f"Removed {done.temps} temporary file{plural} left by a crash.")
    if not (done.moved or done.left or done.temps):
        _say("Nothing to tidy.")
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from h2h_game import describe
    from h2h_game.store import GameLocked, StoreError

    store = store_for(args)
    found = find(store, args.id)
    if isinstance(found, int):
        return found
    if not args.yes:
        if not sys.stdin.isatty():
            _err("not deleting without asking. Run it in a terminal, or pass --yes.")
            return EXIT_USAGE
        try:
            answer = input(f"Delete {describe.named(found)}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            _say("Kept it.")
            return EXIT_OK
    try:
        store.delete(found.id)
    except GameLocked:
        _err("not deleted: this game is open in another window.")
        return EXIT_FAILURE
    except StoreError as error:
        _err(str(error))
        return EXIT_FAILURE
    _say(f"Deleted {found.id}.")
    return EXIT_OK
