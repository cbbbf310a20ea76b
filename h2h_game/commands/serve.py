"""Provides `h2h serve`: play in a browser, on this computer or a tablet on the same network."""

from __future__ import annotations

import argparse
import sys

from h2h_game.commands import SUMMARIES, raw_help

TYPE_CHECKING = False  # typing waits until a command runs (see commands.deck)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

EXAMPLES = """\
examples:
  h2h serve                          play in a browser on this computer
  h2h serve --host 0.0.0.0           play on a tablet or phone on your home network
  h2h serve --port 8080 --saves ./saves
"""


def register(
    subparsers: Any, common: argparse.ArgumentParser, argv: Sequence[str] | None = None
) -> None:
    serve = subparsers.add_parser(
        "serve",
        parents=[common],
        help=SUMMARIES["serve"],
        description="Serve the game to web browsers; each browser tab is its own game. The link\n"
        "it prints holds a secret key, new every run: a browser without it is refused.\n"
        "No internet is needed.",
        epilog=EXAMPLES,
        formatter_class=raw_help,
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this computer only; "
        "0.0.0.0 for every network it is on)",
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: 8000; 0: any free)"
    )
    serve.add_argument(
        "--max-games",
        type=_positive,
        default=4,
        metavar="N",
        help="most games open at once, one per browser tab (default: 4)",
    )
    serve.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from h2h_game.serve import GameServer

    server = GameServer(
        game_command(args.saves, args.decks, theme=args.theme, no_hints=args.no_hints),
        host=args.host,
        port=args.port,
        max_games=args.max_games,
    )
    return server.serve()


def game_command(
    saves: str | None, decks: list[str], *, theme: str | None = None, no_hints: bool = False
) -> list[str]:
    """The command each browser tab runs: this Python, this game, the same folders, colours
    and hints."""
    from pathlib import Path

    command = [sys.executable, "-m", "h2h_game"]
    # Absolute, so the games find the same folders whatever their working directory.
    if saves:
        command += ["--saves", str(Path(saves).expanduser().resolve())]
    for folder in decks:
        command += ["--decks", str(Path(folder).expanduser().resolve())]
    if theme:
        command += ["--theme", theme]
    if no_hints:
        command.append("--no-hints")
    return command


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return port


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return number
