"""Provides `h2h` (the title screen), `h2h new` and `h2h continue`."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    new = subparsers.add_parser("new", parents=[common], help="start a new game")
    new.set_defaults(func=run_new)
    cont = subparsers.add_parser(
        "continue", parents=[common], help="continue a saved game (the most recent by default)"
    )
    cont.add_argument("id", nargs="?", help="the game's id, as `h2h saves list` shows it")
    cont.set_defaults(func=run_continue)


def run_title(args: argparse.Namespace) -> int:
    print("Heart to Heart: the table is coming soon.")
    return 0


def run_new(args: argparse.Namespace) -> int:
    return run_title(args)


def run_continue(args: argparse.Namespace) -> int:
    return run_title(args)
