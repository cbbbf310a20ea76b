"""Provides the `h2h` command: the game by default, plus `new`, `continue`, `deck …`, `saves …`,
`serve` and `help`.

Each group of subcommands lives in its own module under `h2h_game.commands` and registers
itself here; this module only builds the parser and dispatches. Heavy imports (Textual, deck
parsing) happen inside the command that needs them, so `h2h --help` stays instant.

Exit codes, for every command: 0 ok, 1 failure, 2 usage, 130 interrupted. An error nobody
expected is written to a crash log and reported in one line (see `h2h_game.crash`), never a
traceback and never exit 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from h2h_game import __version__
from h2h_game.commands import EXIT_INTERRUPTED, EXIT_OK, deck, play, saves, serve


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--saves",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder for saved games (default: $H2H_SAVES, else your user data folder)",
    )
    common.add_argument(
        "--decks",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="also look for *.toml decks in DIR (repeatable; $H2H_DECKS works too)",
    )
    common.add_argument(
        "--theme",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="colours for this game: h2h-warm (default), h2h-high-contrast, or a Textual theme",
    )
    common.add_argument(
        "--no-hints",
        action="store_true",
        default=argparse.SUPPRESS,
        help="leave out the table's hints (listening tips, what each key does)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="h2h",
        description="Heart to Heart: a card game for two people who want to really talk.",
        parents=[common],
        epilog="Run without a command to open the title screen. Exit status: 0 ok, 1 failure, "
        "2 usage error, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"h2h {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    play.register(subparsers, common)
    deck.register(subparsers, common)
    saves.register(subparsers, common)
    serve.register(subparsers, common)
    parser.set_defaults(func=play.run_title)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `h2h` command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.saves = getattr(args, "saves", None)
    args.decks = getattr(args, "decks", None) or []
    args.theme = getattr(args, "theme", None)
    args.no_hints = getattr(args, "no_hints", False)
    try:
        return int(args.func(args) or EXIT_OK)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `h2h deck list | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:
        from h2h_game import crash

        return crash.report(error)
