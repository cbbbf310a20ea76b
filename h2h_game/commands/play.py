"""Provides `h2h` (the title screen), `h2h new` and `h2h continue`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

NEW_EXAMPLES = """\
examples:
  h2h new                                   choose everything on screen
  h2h new --deck partners                   start with a bundled deck chosen
  h2h new --deck partners --players Maya Sam --length short
                                            straight to the table
  h2h new --deck ./our-deck.toml --players Maya Sam --seed 7
"""

CONTINUE_EXAMPLES = """\
examples:
  h2h continue                              the most recent unfinished game
  h2h continue 2026-11-25-maya-sam-3f9c     a game from `h2h saves list`
"""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    new = subparsers.add_parser(
        "new",
        parents=[common],
        help="start a new game",
        description="Start a new game. With a deck and two players, go straight to the table.",
        epilog=NEW_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("--deck", metavar="NAME|PATH", help="a deck's name or a .toml file")
    new.add_argument("--players", nargs=2, metavar="NAME", help="both players' names")
    new.add_argument("--length", choices=["short", "evening", "open"], help="default: evening")
    new.add_argument("--seed", type=int, help="shuffle the piles the same way every time")
    new.set_defaults(func=run_new)
    cont = subparsers.add_parser(
        "continue",
        parents=[common],
        help="continue a saved game (the most recent by default)",
        description="Open a saved game exactly where it was left.",
        epilog=CONTINUE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cont.add_argument("id", nargs="?", help="the game's id, as `h2h saves list` shows it")
    cont.set_defaults(func=run_continue)


def run_title(args: argparse.Namespace) -> int:
    from h2h_game.tui.launch import Launch

    return _run(args, Launch())


def run_new(args: argparse.Namespace) -> int:
    from h2h_game.engine import SetupError, player_name
    from h2h_game.flow import Preset
    from h2h_game.tui.launch import Launch

    deck = None
    if args.deck:
        from h2h_game.decks.library import resolve_deck
        from h2h_game.decks.problems import DeckError

        try:
            deck = resolve_deck(args.deck, args.decks)
        except DeckError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            return 1
    names = tuple(args.players) if args.players else None
    if names is not None:
        try:
            for name in names:
                player_name(name, "Player")
        except SetupError as error:
            print(f"h2h new: {error}", file=sys.stderr)
            return 2
    preset = Preset(deck=deck, names=names, length=args.length, seed=args.seed)
    return _run(args, Launch(preset=preset, start=deck is not None and names is not None))


def run_continue(args: argparse.Namespace) -> int:
    from h2h_game.tui.launch import Launch

    return _run(args, Launch(resume=args.id or ""))


def _run(args: argparse.Namespace, launch: Any) -> int:
    from h2h_game.paths import saves_dir
    from h2h_game.services import Services
    from h2h_game.tui.app import H2HApp

    services = Services(saves_dir=saves_dir(args.saves), deck_dirs=list(args.decks))
    H2HApp(services, launch).run()
    return 0
