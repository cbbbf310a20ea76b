"""Provides the subcommands of `h2h`, one module per group, and the exit codes they all use."""

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

__all__ = ["EXIT_FAILURE", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "MODULES", "SUMMARIES"]
