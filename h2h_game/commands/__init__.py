"""Provides the subcommands of `h2h`, one module per group, and the exit codes they all use."""

EXIT_OK = 0
EXIT_FAILURE = 1
"""Something went wrong: a broken deck, a damaged save, a disk error, an unexpected error."""
EXIT_USAGE = 2
"""The command was asked for wrongly: an unknown id, a bad name, no terminal to play in."""
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report SIGINT (128 + 2)."""
