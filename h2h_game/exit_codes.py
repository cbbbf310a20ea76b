"""Provides the exit codes of every `h2h` command, in one place."""

EXIT_OK = 0
EXIT_FAILURE = 1
"""Something went wrong: a broken deck, a damaged save, a disk error, an unexpected error."""
EXIT_USAGE = 2
"""The command was asked for wrongly: an unknown id, a bad name, no terminal to play in."""
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report SIGINT (128 + 2)."""
