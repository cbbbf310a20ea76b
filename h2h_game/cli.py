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
import importlib
import os
import sys

from h2h_game import __version__
from h2h_game.commands import EXIT_INTERRUPTED, EXIT_OK, MODULES, SUMMARIES

TYPE_CHECKING = False  # typing waits until a command runs (see commands.deck)
if TYPE_CHECKING:
    from collections.abc import Sequence


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, before or after its name."""
    common = argparse.ArgumentParser(add_help=False, formatter_class=_help_formatter)
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


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole `h2h` parser; given the command line, only the commands it names are built in
    full, and the others are listed by name and summary (their modules are not imported)."""
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="h2h",
        formatter_class=_help_formatter,
        description="Heart to Heart: a card game for two people who want to really talk.",
        parents=[common],
        epilog="Run without a command to open the title screen. Exit status: 0 ok, 1 failure, "
        "2 usage error, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"h2h {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    named = set(SUMMARIES) if argv is None else set(argv) & set(SUMMARIES)
    wanted = {MODULES[name] for name in named}
    registered: set[str] = set()
    for name, module_name in MODULES.items():
        if module_name not in wanted:
            # Listed, never parsed.
            subparsers.add_parser(name, help=SUMMARIES[name], formatter_class=_help_formatter)
        elif module_name not in registered:
            module = importlib.import_module(f"h2h_game.commands.{module_name}")
            module.register(subparsers, common)
            registered.add(module_name)
    parser.set_defaults(func=_title)
    return parser


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's own formatter, told the width: left to itself it imports shutil (and with it
    bz2 and lzma) to ask, a fifth of what `h2h --help` costs."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):
            columns = 80
    return argparse.HelpFormatter(prog, width=max(columns, 40) - 2)


def _title(args: argparse.Namespace) -> int:
    from h2h_game.commands import play

    return play.run_title(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `h2h` command and return its exit code."""
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
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
