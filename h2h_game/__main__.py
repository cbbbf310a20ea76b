"""Lets `python -m h2h_game` run the `h2h` command."""

from h2h_game.cli import run

raise SystemExit(run())
