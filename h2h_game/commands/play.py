"""Provides `h2h` (the title screen), `h2h new`, `h2h continue` and `h2h help`.

Everything that can be checked without the full-screen app is checked first, so a mistyped id,
a name the game cannot use or a missing terminal is a one-line error and an exit code, never a
screen that opens only to say so.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys

from h2h_game.commands import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SUMMARIES, raw_help
from h2h_game.untrusted import terminal_safe

# `h2h --help` imports every command: typing and pathlib wait until a command runs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

    from h2h_game.settings import Settings

NEW_EXAMPLES = """\
examples:
  h2h new                                   choose everything on screen
  h2h new --deck partners                   start with a bundled deck chosen
  h2h new --deck partners --players Maya Sam --length short
                                            straight to the table
  h2h new --deck ./our-deck.toml --players Maya Sam --seed 7
"""

CONTINUE_EXAMPLES = """\
examples:
  h2h continue                              the most recent unfinished game
  h2h continue 2026-11-25-maya-sam-3f9c     a game from `h2h saves list`
  h2h continue 2026-11-25-maya              any unique beginning of an id
"""

HELP_FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "tui", "help.md")
"""The rules as the help screen shows them; read as a file so `h2h help` never loads Textual."""
ORDINALS = ("first", "second")
SEED_LIMIT = 2**63
NO_TERMINAL = (
    "the game needs a terminal to play in, and standard input is not one. Run it in a "
    "terminal window; `h2h saves …` and `h2h deck …` work anywhere."
)


def register(
    subparsers: Any, common: argparse.ArgumentParser, argv: Sequence[str] | None = None
) -> None:
    new = subparsers.add_parser(
        "new",
        parents=[common],
        help=SUMMARIES["new"],
        description="Start a new game. With a deck and two players, go straight to the table.",
        epilog=NEW_EXAMPLES,
        formatter_class=raw_help,
    )
    new.add_argument("--deck", metavar="NAME|PATH", help="a deck's name or a .toml file")
    new.add_argument("--players", nargs=2, metavar="NAME", help="both players' names")
    new.add_argument("--length", choices=["short", "evening", "open"], help="default: evening")
    new.add_argument("--seed", type=_seed, help="shuffle the piles the same way every time")
    new.set_defaults(func=run_new)
    cont = subparsers.add_parser(
        "continue",
        parents=[common],
        help=SUMMARIES["continue"],
        description="Open a saved game exactly where it was left. If the most recent game is\n"
        "damaged, says so (and how to recover it) rather than opening an older one.",
        epilog=CONTINUE_EXAMPLES,
        formatter_class=raw_help,
    )
    cont.add_argument("id", nargs="?", help="the game's id (or its beginning), from h2h saves list")
    cont.set_defaults(func=run_continue)
    helper = subparsers.add_parser(
        "help",
        parents=[common],
        help=SUMMARIES["help"],
        description="Print the rules of the game and every key, as the help screen (F1) shows.",
    )
    helper.set_defaults(func=run_help)


def _seed(text: str) -> int:
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not -SEED_LIMIT < seed < SEED_LIMIT:
        raise argparse.ArgumentTypeError("a seed is at most 18 digits long")
    return seed


def _err(command: str, text: str) -> None:
    print(f"{command}: {text}", file=sys.stderr)


def run_title(args: argparse.Namespace) -> int:
    from h2h_game.tui.launch import Launch

    if (refused := _cannot_play(args, "h2h")) is not None:
        return refused
    return _run(args, Launch())


def run_new(args: argparse.Namespace) -> int:
    from h2h_game.flow import Preset
    from h2h_game.tui.launch import Launch

    deck = None
    if args.deck:
        from h2h_game.decks.problems import DeckError

        try:
            with _loading():  # the deck lives as long as the game
                from h2h_game.decks.library import resolve_deck

                deck = resolve_deck(args.deck, args.decks)
        except DeckError as error:
            for problem in error.problems:
                print(terminal_safe(str(problem)), file=sys.stderr)
            return EXIT_FAILURE
    names = tuple(args.players) if args.players else None
    if names is not None and (wrong_name := name_problem(names)) is not None:
        _err("h2h new", wrong_name)
        return EXIT_USAGE
    if (refused := _cannot_play(args, "h2h new")) is not None:
        return refused
    preset = Preset(deck=deck, names=names, length=args.length, seed=args.seed)
    return _run(args, Launch(preset=preset, start=deck is not None and names is not None))


def name_problem(names: tuple[str, ...]) -> str | None:
    """What is wrong with the players' names, naming which name; None when both will do."""
    from h2h_game.engine import DEFAULT_NAMES, SetupError, player_name, same_names

    shown = []
    for index, name in enumerate(names):
        try:
            shown.append(player_name(name, DEFAULT_NAMES[index]))
        except SetupError as error:
            reason = str(error)
            return f"the {ORDINALS[index]} player's name: {reason[:1].lower()}{reason[1:]}"
    if same_names(*shown):
        return (
            f"both players are called {terminal_safe(shown[0])!r}: give one of you another name "
            "(names that differ only in capitals count as the same)"
        )
    return None


def run_continue(args: argparse.Namespace) -> int:
    from h2h_game.commands.saves import find, store_for
    from h2h_game.describe import damaged_message
    from h2h_game.store import SaveInfo, StoreError
    from h2h_game.tui.launch import Launch

    store = store_for(args)
    if args.id:
        found = find(store, args.id)
        if isinstance(found, int):
            return found
    else:
        try:
            latest = store.latest_unfinished()
        except StoreError as error:
            _err("h2h continue", str(error))
            return EXIT_FAILURE
        if latest is None:
            _err("h2h continue", "there is no unfinished game to continue. Start one: h2h new")
            return EXIT_FAILURE
        found = latest
    if not isinstance(found, SaveInfo):
        for line in damaged_message(found):
            print(line, file=sys.stderr)
        print("Nothing was opened. `h2h saves list` shows every game.", file=sys.stderr)
        return EXIT_FAILURE
    if (refused := _cannot_play(args, "h2h continue")) is not None:
        return refused
    return _run(args, Launch(resume=found.id))


def run_help(args: argparse.Namespace) -> int:
    try:
        with open(HELP_FILE, encoding="utf-8") as file:
            text = file.read()
    except OSError as error:
        _err("h2h help", f"the rules could not be read: {error.strerror or error}")
        return EXIT_FAILURE
    print(plain_markdown(text))
    return EXIT_OK


def plain_markdown(text: str) -> str:
    """Markdown as plain text for a terminal: headings underlined, emphasis marks dropped."""
    import re

    lines: list[str] = []
    table: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                table.append(cells)
            continue
        if table:
            lines.extend(_columns(table))
            table = []
        if heading := re.match(r"^(#{1,6})\s+(.*)$", line):
            title = heading[2].strip()
            lines.extend([title, ("=" if len(heading[1]) == 1 else "-") * len(title)])
        else:
            lines.append(line)
    plain = "\n".join(lines)
    # Emphasis may run over a line break, never over a blank line.
    within = r"((?:(?!\n\n)[^*])+?)"
    plain = re.sub(r"\*\*" + within + r"\*\*", r"\1", plain)
    plain = re.sub(r"(?<![\w*])\*(?=\S)" + within + r"(?<=\S)\*(?![\w*])", r"\1", plain)
    plain = re.sub(r"`([^`\n]+)`", r"\1", plain)
    return plain.strip() + "\n"


def _columns(rows: list[list[str]]) -> list[str]:
    """A Markdown table's rows as aligned plain columns, its header in capitals."""
    rows = [[cell.upper() for cell in rows[0]], *rows[1:]]
    widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def _cannot_play(args: argparse.Namespace, command: str) -> int | None:
    """The exit code when the full-screen app cannot start (an unknown theme, no terminal),
    after saying why; None when it can."""
    theme = getattr(args, "theme", None)
    if theme is not None:
        from h2h_game.settings import theme_names

        if theme not in theme_names():
            _err(command, f"there is no theme called {terminal_safe(theme)!r}.")
            print(f"The themes are: {', '.join(theme_names())}", file=sys.stderr)
            return EXIT_USAGE
    # `h2h serve` runs each game over pipes, with Textual told (by textual-serve) to draw for a
    # browser through its web driver: Textual's own switch, so it is the one exception.
    if not sys.stdin.isatty() and not os.environ.get("TEXTUAL_DRIVER"):
        _err(command, NO_TERMINAL)
        return EXIT_USAGE
    return None


def preferences(args: argparse.Namespace) -> Settings:
    """The player's saved settings, with this command's --theme and --no-hints on top."""
    from dataclasses import replace

    from h2h_game.settings import load_settings

    settings = load_settings()
    if getattr(args, "theme", None):
        settings = replace(settings, theme=args.theme)
    if getattr(args, "no_hints", False):
        settings = replace(settings, hints=False)
    return settings


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """Load the app without the cyclic garbage collector, then set what was loaded aside.

    Textual and the game make a few hundred thousand objects as they load (modules, classes,
    functions, styles) that live as long as the program, and none of them is garbage. The
    collector walks them every time it runs while they are made, and then once in full at
    about the first frame: 30 to 50 ms before the table shows, in a real terminal.
    `gc.freeze` moves them out of every later collection.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _run(args: argparse.Namespace, launch: Any) -> int:
    from h2h_game import crash

    with _loading():
        from h2h_game.paths import saves_dir
        from h2h_game.services import Services
        from h2h_game.tui.app import H2HApp

        settings = preferences(args)
        services = Services(
            saves_dir=saves_dir(args.saves),
            deck_dirs=list(args.decks),
            hints=settings.hints,
            theme=settings.theme,
        )
        app = H2HApp(services, launch)
    result = app.run()
    # `crash` is kept by crash.CrashReporting; Textual keeps the first error itself too.
    error = getattr(app, "crash", None) or getattr(app, "_exception", None)
    if error is not None:
        return crash.report(error)
    if app.return_code:
        return app.return_code
    # Imported after the app: the title's first frame should not wait for the saves store.
    from h2h_game.store import is_game_id

    if isinstance(result, str) and is_game_id(result):
        print(f"Saved. Carry on with: h2h continue {result}")
    return EXIT_OK
