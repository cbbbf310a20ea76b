"""Provides the subcommands of `h2h`, one module per group, and the exit codes they all use."""

import argparse
import os
import sys

from h2h_game.exit_codes import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

SUMMARIES = {
    "new": "start a new game",
    "continue": "continue a saved game (the most recent by default)",
    "help": "the rules of the game, in plain words",
    "deck": "list, check, make, edit, convert and print decks",
    "saves": "list, look at, recover, tidy and delete saved games",
    "serve": "play in a browser (on a tablet on the table, say)",
}
"""Each command's line in `h2h --help`, in that order. The modules register their commands
with these words; `h2h --help` lists them without importing the modules."""

MODULES = {"new": "play", "continue": "play", "help": "play"} | {
    name: name for name in ("deck", "saves", "serve")
}
"""The module under `h2h_game.commands` that registers each command."""


def help_width() -> int:
    """The width help text is wrapped to: argparse's own formatter, left to ask, imports shutil
    (and with it bz2 and lzma), a fifth of what `h2h --help` costs."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):
            columns = 80
    return max(columns, 40) - 2


def plain_help(prog: str) -> argparse.HelpFormatter:
    """The formatter for parsers whose words argparse may wrap."""
    return argparse.HelpFormatter(prog, width=help_width())


def raw_help(prog: str) -> argparse.HelpFormatter:
    """The formatter for parsers whose description and examples keep their own lines."""
    return argparse.RawDescriptionHelpFormatter(prog, width=help_width())


__all__ = [
    "EXIT_FAILURE",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "MODULES",
    "SUMMARIES",
    "plain_help",
    "raw_help",
]
