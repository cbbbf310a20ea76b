"""Provides the `h2h` command: the game by default, plus `new`, `continue`, `deck …`, `saves …`,
`serve` and `help`.

Each group of subcommands lives in its own module under `h2h_game.commands` and registers
itself here with `register(subparsers, common, argv)`: given the command line, a group may build
in full only the subcommands it names, as `saves` does and as this module does one level up.
This module only builds the parser and dispatches. Heavy imports (Textual, deck
parsing) happen inside the command that needs them, so `h2h --help` stays instant.

Exit codes, for every command: 0 ok, 1 failure, 2 usage, 130 interrupted. An error nobody
expected is written to a crash log and reported in one line (see `h2h_game.crash`), never a
traceback and never exit 0.
"""

from __future__ import annotations

import argparse
import sys

from h2h_game import __version__
from h2h_game.commands import EXIT_INTERRUPTED, EXIT_OK, MODULES, SUMMARIES, plain_help

TYPE_CHECKING = False  # typing waits until a command runs (see commands.deck)
if TYPE_CHECKING:
    from collections.abc import Sequence


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, before or after its name."""
    common = argparse.ArgumentParser(add_help=False, formatter_class=plain_help)
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
    # argparse looks every phrase of its own ("options", "show this help message and exit")
    # up in the system's message catalogues under the catch-all domain "messages": four file
    # checks a phrase, half the cost of building this parser and a tenth of `h2h --help`.
    # h2h speaks English throughout, so its help is not half translated by whatever
    # catalogue of that name some other program installed.
    argparse._ = str  # type: ignore[attr-defined]
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="h2h",
        formatter_class=plain_help,
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
            subparsers.add_parser(name, help=SUMMARIES[name], formatter_class=plain_help)
        elif module_name not in registered:
            # __import__ rather than importlib, which is one more module to load per start.
            commands = __import__("h2h_game.commands", fromlist=[module_name])
            module = getattr(commands, module_name)
            module.register(subparsers, common, argv)
            registered.add(module_name)
    parser.set_defaults(func=_title)
    return parser


def _title(args: argparse.Namespace) -> int:
    from h2h_game.commands import play

    return play.run_title(args)


def run() -> int:
    """The `h2h` command as its own process: `main`, then an exit with nothing to collect."""
    try:
        return main()
    finally:
        # Python's exit ends with a collection that walks every object the command made, only
        # for the process to hand the memory back anyway: frozen, they are skipped. That is a
        # tenth of `h2h saves list`. Whatever the command opened it has closed by now; standard
        # output is still flushed at exit, as always.
        import gc

        gc.freeze()


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
