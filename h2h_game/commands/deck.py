"""Provides `h2h deck …`: list, validate, lint, import, export, print, new, hidden, unhide and
edit.

The decks package is imported inside each command, so `h2h --help` never pays for it. Anything
that came from a deck file is printed through `terminal_safe`: a shared deck may hold ESC bytes.
"""

from __future__ import annotations

import argparse
import sys

from h2h_game.commands import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, SUMMARIES, raw_help

# `h2h --help` imports every command: typing and pathlib wait until a command runs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path
    from typing import Any

    from h2h_game.decks.problems import DeckError
    from h2h_game.engine.deck import Deck


DECK_EPILOG = """\
examples:
  h2h deck list                        every deck h2h can find, and any that are broken
  h2h deck new "Road trip"             start a deck from a commented template
  h2h deck validate my-deck.toml       check a deck before sharing it
  h2h deck lint my-deck.toml           the deck doctor's advice
  h2h deck print NAME -o cards.html    the cards on pages to print and cut out
  h2h deck edit "Road trip"            write and check a deck in the deck studio

Run `h2h deck COMMAND --help` for each command's options.
"""

LIST_EPILOG = """\
Decks are looked for in the bundled decks, your decks folder, every folder in $H2H_DECKS and
every --decks DIR. A broken deck is listed with its first error.

examples:
  h2h deck list
  h2h deck list --decks ~/shared-decks
"""

VALIDATE_EPILOG = """\
Prints every error, one per line, on stderr. Exit status: 0 when every deck is valid, 1 when any
is not. A folder validates each *.toml in it; a .csv file is checked as a CSV import.

examples:
  h2h deck validate my-deck.toml
  h2h deck validate decks/
"""

LINT_EPILOG = """\
The deck doctor looks at every card for closed yes/no questions, cards that are not questions,
double questions ("Which have you kept, and which have you let go of?") and leading questions
that presume the answer ("What do you love about…", "Why do you never…"); at every level for
too few cards, far fewer cards than another level, and no card that speaks to the other player
("me", "us", "we"…); and at tags used but not declared (or declared but unused). Cards that ask
the same question in other words are found within a deck and across all the decks given, so
lint a whole folder to find repeats between decks. Warnings go to stdout and say what to try
instead; they never make a deck unplayable.

examples:
  h2h deck lint my-deck.toml
  h2h deck lint ~/my-decks/                 every deck in the folder, compared with each other
  h2h deck lint --strict decks/*.toml       exit 1 on any warning, for your own CI
"""

IMPORT_EPILOG = """\
The CSV needs a header row with the columns level and text, and may have tags (joined by ;),
kind, effect and id. level is a level number (1, 2, 3…) or a level name. The delimiter may be
, or ; and quoted cells may hold line breaks.

examples:
  h2h deck import questions.csv -o questions.toml
  h2h deck import questions.csv --name "Road trip" -o road-trip.toml
  h2h deck import edited.csv --meta my-deck.toml -o my-deck.toml --force
                                       keep my-deck's name, tags and levels, take the cards
"""

EXPORT_EPILOG = """\
The format follows the extension of -o: .csv or .toml. Without -o, CSV goes to stdout.

examples:
  h2h deck export Partners -o partners.csv
  h2h deck export my-deck.toml > my-deck.csv
  h2h deck export my-deck.toml -o tidy.toml    rewrite a deck in the standard layout
"""

PRINT_EPILOG = """\
Writes one HTML file with every card laid out to cut out, 9 to a page at playing-card size
(63 x 88 mm): a page of fronts (the question, its level and, for wild cards, what they do),
then a page of backs (level and deck name) mirrored so that they line up when printed
double-sided, flipping on the long edge. Open it in a browser to preview the pages, then print
at 100% scale. The file is self-contained: no scripts, nothing fetched. Never overwrites a file
without --force.

examples:
  h2h deck print Partners -o partners-cards.html
  h2h deck print my-deck.toml -o cards.html --paper letter
"""

HIDDEN_EPILOG = """\
At the end of a game you may hide the cards you removed, so later games with that deck leave them
out. This lists them, deck by deck, with their text when the deck is found. Hidden cards live
with your saved games (see --saves).

examples:
  h2h deck hidden
  h2h deck hidden Partners
"""

UNHIDE_EPILOG = """\
Name cards by their id (as `h2h deck hidden` shows it) or by the beginning of their text, enough
of it to name one card; or bring them all back with --all.

examples:
  h2h deck unhide Partners L2-1a2b3c4d5e6f
  h2h deck unhide Partners "What is something"
  h2h deck unhide Partners --all
"""

NEW_EPILOG = """\
Writes a commented deck that already validates, with every field shown, to your decks folder
(so `h2h deck list` and the game find it) unless -o names another file. Never overwrites.

examples:
  h2h deck new "Road trip"
  h2h deck new "Road trip" -o road-trip.toml
"""


EDIT_EPILOG = """\
Opens the deck studio, where you write cards, levels and the deck's details with every change
checked as you go, undo and redo, and save when there are no errors. A deck that comes with
the game can't be changed: the studio offers to make your own copy to edit. A .toml path that
does not exist yet starts a new deck that is saved there. Without NAME|PATH, the studio opens
on the list of decks.

examples:
  h2h deck edit                        the studio's list of decks
  h2h deck edit "Road trip"            a deck by its name
  h2h deck edit ~/decks/road-trip.toml a deck file (a new deck, if it is not there yet)
"""


def register(
    subparsers: Any, common: argparse.ArgumentParser, argv: Sequence[str] | None = None
) -> None:
    deck = subparsers.add_parser(
        "deck",
        parents=[common],
        help=SUMMARIES["deck"],
        description="List, check, make, edit, convert and print decks; bring back hidden cards.",
        epilog=DECK_EPILOG,
        formatter_class=raw_help,
    )
    deck.set_defaults(func=lambda args: _usage(deck))
    commands = deck.add_subparsers(title="deck commands", metavar="COMMAND")

    def command(name: str, summary: str, epilog: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=[common],
            help=summary,
            description=summary[:1].upper() + summary[1:] + ".",
            epilog=epilog,
            formatter_class=raw_help,
        )

    listing = command("list", "list every deck h2h can find", LIST_EPILOG)
    listing.set_defaults(func=run_list)

    validate = command("validate", "check deck files for errors", VALIDATE_EPILOG)
    validate.add_argument("paths", nargs="+", metavar="PATH", help="deck files or folders")
    validate.set_defaults(func=run_validate)

    lint = command("lint", "advice for better decks (the deck doctor)", LINT_EPILOG)
    lint.add_argument("paths", nargs="+", metavar="PATH", help="deck files or folders")
    lint.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    lint.set_defaults(func=run_lint)

    importer = command("import", "make a TOML deck from a CSV file", IMPORT_EPILOG)
    importer.add_argument("csv", metavar="FILE.csv", help="the spreadsheet, saved as CSV")
    importer.add_argument("-o", "--output", metavar="OUT.toml", help="write here, not stdout")
    importer.add_argument("--name", help="the deck's name (default: from the file name)")
    importer.add_argument(
        "--meta", metavar="DECK", help="keep this deck's name, tags and levels (a name or path)"
    )
    importer.add_argument("--force", action="store_true", help="replace OUT if it exists")
    importer.set_defaults(func=run_import)

    exporter = command("export", "write a deck as CSV or TOML", EXPORT_EPILOG)
    exporter.add_argument("deck", metavar="DECK|PATH", help="a deck's name or file")
    exporter.add_argument("-o", "--output", metavar="OUT", help="OUT.csv or OUT.toml")
    exporter.add_argument("--force", action="store_true", help="replace OUT if it exists")
    exporter.set_defaults(func=run_export)

    printer = command("print", "lay out a deck's cards to print and cut out", PRINT_EPILOG)
    printer.add_argument("deck", metavar="DECK|PATH", help="a deck's name or file")
    printer.add_argument(
        "-o", "--output", metavar="OUT.html", required=True, help="the HTML file to write"
    )
    printer.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)"
    )
    printer.add_argument("--force", action="store_true", help="replace OUT if it exists")
    printer.set_defaults(func=run_print)

    edit = command("edit", "write and check a deck in the deck studio", EDIT_EPILOG)
    edit.add_argument("deck", nargs="?", metavar="NAME|PATH", help="a deck's name or file")
    edit.set_defaults(func=run_edit)

    new = command("new", "start a deck from a commented template", NEW_EPILOG)
    new.add_argument("name", metavar="NAME", help="the deck's name")
    new.add_argument("-o", "--output", metavar="PATH", help="where to write it")
    new.set_defaults(func=run_new)

    hidden = command("hidden", "list the cards you hid from future games", HIDDEN_EPILOG)
    hidden.add_argument("deck", metavar="DECK", nargs="?", help="only this deck's hidden cards")
    hidden.set_defaults(func=run_hidden)

    unhide = command("unhide", "bring hidden cards back into future games", UNHIDE_EPILOG)
    unhide.add_argument("deck", metavar="DECK", help="the deck's name, as `h2h deck hidden` shows")
    unhide.add_argument(
        "cards", metavar="CARD", nargs="*", help="a card's id, or the beginning of its text"
    )
    unhide.add_argument("--all", action="store_true", help="bring back every hidden card")
    unhide.set_defaults(func=run_unhide)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _out(text: str) -> None:
    _say(text, sys.stdout)


def _err(text: str) -> None:
    _say(text, sys.stderr)


def _say(text: str, stream: Any) -> None:
    from h2h_game.untrusted import terminal_safe

    line = terminal_safe(text) + "\n"
    try:
        stream.write(line)
    except UnicodeEncodeError:
        # A terminal in a legacy encoding shows "?" for a deck's emoji rather than a traceback.
        encoding = stream.encoding or "ascii"
        stream.write(line.encode(encoding, "replace").decode(encoding))


def _report(error: DeckError) -> None:
    from h2h_game.decks.problems import grouped

    # Ten thousand errors of one kind print as three and a count, not ten thousand lines.
    for line in grouped(error.problems):
        _err(line)


def _expand(paths: Iterable[str]) -> tuple[list[Path], bool]:
    """Files as given, and every *.toml in a folder given; and whether a folder given held no
    deck at all, which is reported here and is a failure, never a silent success."""
    from pathlib import Path

    expanded: list[Path] = []
    empty = False
    for name in paths:
        path = Path(name).expanduser()
        if path.is_dir():
            found = sorted(child for child in path.glob("*.toml") if child.is_file())
            if not found:
                _err(f"{path}: error: no decks here (no *.toml files in this folder)")
                empty = True
            expanded.extend(found)
        else:
            expanded.append(path)
    return expanded, empty


def _load(path: Path) -> Deck:
    """A deck file, or a CSV checked as an import would read it."""
    if path.suffix.lower() == ".csv":
        from h2h_game.decks.spreadsheet import read_csv

        return read_csv(_read_bytes(path), str(path))
    from h2h_game.decks.format import load_deck

    return load_deck(path)


def _read_bytes(path: Path) -> bytes:
    from h2h_game.decks.format import read_deck_file

    return read_deck_file(path)


def _summary(deck: Deck) -> str:
    cards = sum(len(level.cards) for level in deck.levels)
    levels = len(deck.levels)
    return f'"{deck.name}", {levels} level{"s" * (levels != 1)}, {cards} cards'


_SOURCE_NAMES = {"bundled": "bundled", "user": "yours", "env": "$H2H_DECKS", "dir": "--decks"}


def run_list(args: argparse.Namespace) -> int:
    from h2h_game.decks.library import find_decks, missing_folders

    for folder in missing_folders(args.decks):
        _err(f"{folder}: warning: no such folder")
    entries = find_decks(args.decks)
    if not entries:
        _out("No decks found. Start one with: h2h deck new NAME")
        return EXIT_OK
    width = max(len(entry.label) for entry in entries)
    counts = [" · ".join(str(count) for count in entry.cards_per_level) for entry in entries]
    count_width = max(len(count) for count in counts)
    for entry, count in zip(entries, counts, strict=True):
        if entry.deck is None:
            _out(f"{entry.label:<{width}}  BROKEN  {entry.error}")
            continue
        where = _SOURCE_NAMES[entry.source.value]
        _out(f"{entry.label:<{width}}  {count:<{count_width}}  {where:<10}  {entry.path}")
    broken = sum(entry.deck is None for entry in entries)
    if broken:
        _err(f"{broken} broken deck{'s' * (broken != 1)}: `h2h deck validate PATH` shows why")
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    from h2h_game.decks.problems import DeckError

    paths, failed = _expand(args.paths)
    for path in paths:
        try:
            deck = _load(path)
        except DeckError as error:
            _report(error)
            failed = True
        else:
            _out(f"{path}: ok: {_summary(deck)}")
    return EXIT_FAILURE if failed else EXIT_OK


def run_lint(args: argparse.Namespace) -> int:
    from h2h_game.decks.lint import lint_decks
    from h2h_game.decks.problems import DeckError

    paths, failed = _expand(args.paths)
    warned = False
    loaded: list[tuple[Deck, str]] = []
    for path in paths:
        try:
            loaded.append((_load(path), str(path)))
        except DeckError as error:
            _report(error)
            failed = True
    # All at once, so a card that repeats one in another deck given is found.
    for (_, source), warnings in zip(loaded, lint_decks(loaded), strict=True):
        for warning in warnings:
            _out(str(warning))
        warned = warned or bool(warnings)
        count = len(warnings)
        _err(f"{source}: {count or 'no'} warning{'s' * (count != 1)}")
    return EXIT_FAILURE if failed or (warned and args.strict) else EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from h2h_game.decks.library import resolve_deck
    from h2h_game.decks.lint import lint_deck
    from h2h_game.decks.problems import DeckError
    from h2h_game.decks.spreadsheet import read_csv
    from h2h_game.decks.writer import deck_to_toml

    source = Path(args.csv).expanduser()
    output = Path(args.output).expanduser() if args.output else None
    if output is not None and output.suffix.lower() != ".toml":
        _err(f"{output}: error: -o must name a .toml file")
        return EXIT_USAGE
    if output is not None and output.exists() and not args.force:
        _err(f"{output}: error: already exists; add --force to replace it")
        return EXIT_FAILURE
    try:
        meta = resolve_deck(args.meta, args.decks) if args.meta else None
        deck = read_csv(_read_bytes(source), str(source), name=args.name, meta=meta)
    except DeckError as error:
        _report(error)
        return EXIT_FAILURE
    if not _emit(deck_to_toml(deck), output):
        return EXIT_FAILURE
    count = len(lint_deck(deck, str(output or source)))
    where = output or "stdout"
    advice = f"; `h2h deck lint {output}` for {count} warnings" if count and output else ""
    _err(f"{where}: wrote {_summary(deck)}{advice}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from h2h_game.decks.library import resolve_deck
    from h2h_game.decks.problems import DeckError
    from h2h_game.decks.spreadsheet import deck_to_csv
    from h2h_game.decks.writer import deck_to_toml

    output = Path(args.output).expanduser() if args.output else None
    suffix = output.suffix.lower() if output else ".csv"
    if suffix not in (".csv", ".toml"):
        _err(f"{output}: error: -o must name a .csv or .toml file")
        return EXIT_USAGE
    if output is not None and output.exists() and not args.force:
        _err(f"{output}: error: already exists; add --force to replace it")
        return EXIT_FAILURE
    try:
        deck = resolve_deck(args.deck, args.decks)
    except DeckError as error:
        _report(error)
        return EXIT_FAILURE
    text = deck_to_csv(deck) if suffix == ".csv" else deck_to_toml(deck)
    if not _emit(text, output):
        return EXIT_FAILURE
    if output is not None:
        _err(f"{output}: wrote {_summary(deck)}")
    return EXIT_OK


def run_print(args: argparse.Namespace) -> int:
    from pathlib import Path

    from h2h_game.decks.library import resolve_deck
    from h2h_game.decks.printing import Paper, deck_to_html, sheet_count
    from h2h_game.decks.problems import DeckError

    output = Path(args.output).expanduser()
    if output.suffix.lower() not in (".html", ".htm"):
        _err(f"{output}: error: -o must name a .html file")
        return EXIT_USAGE
    if output.exists() and not args.force:
        _err(f"{output}: error: already exists; add --force to replace it")
        return EXIT_FAILURE
    try:
        deck = resolve_deck(args.deck, args.decks)
    except DeckError as error:
        _report(error)
        return EXIT_FAILURE
    paper = Paper(args.paper)
    if not _emit(deck_to_html(deck, paper), output):
        return EXIT_FAILURE
    pages = 2 * sheet_count(deck)
    ending = len(deck.landing) + bool(deck.closing)
    also = f" and {ending} ending card{'s' * (ending != 1)}" if ending else ""
    _err(
        f"{output}: wrote {_summary(deck)}{also} on {pages} {paper.label} pages; print "
        "double-sided, flipping on the long edge, at 100% scale"
    )
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from h2h_game import paths
    from h2h_game.decks.format import MAX_NAME
    from h2h_game.decks.problems import FORBIDDEN_CONTROL, quoted
    from h2h_game.decks.template import template_deck
    from h2h_game.files import private_folder
    from h2h_game.untrusted import slug

    name = args.name.strip()
    if not name or len(name) > MAX_NAME or "\n" in name or FORBIDDEN_CONTROL.search(name):
        _err(
            f"h2h deck new: error: {quoted(name)} is not a deck name: use 1 to {MAX_NAME} "
            "characters on one line"
        )
        return EXIT_USAGE
    output = (
        Path(args.output).expanduser()
        if args.output
        else paths.user_decks_dir() / (slug(name, fallback="deck", limit=120) + ".toml")
    )
    text = template_deck(name, str(output))
    try:
        private_folder(output.parent)
        # Exclusive creation: never overwrite someone's deck, even one made a moment ago.
        with output.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        _err(f"{output}: error: already exists; choose another name or -o PATH")
        return EXIT_FAILURE
    except OSError as error:
        _err(f"{output}: error: cannot write: {error.strerror or type(error).__name__}")
        return EXIT_FAILURE
    _out(f"Wrote {output}")
    _out(f"Open it in your editor, then check it with: h2h deck lint {output}")
    return EXIT_OK


def run_edit(args: argparse.Namespace) -> int:
    from h2h_game.commands.play import _run
    from h2h_game.tui.launch import Launch

    target = ""
    if args.deck:
        from h2h_game.decks.problems import DeckError
        from h2h_game.decks.studio.files import find_deck_file

        try:
            target = str(find_deck_file(args.deck, args.decks))
        except DeckError as error:
            _report(error)
            return EXIT_FAILURE
    # The game's own way of running the app: settings, crash reports, exit status.
    return _run(args, Launch(studio=target))


def _emit(text: str, output: Path | None) -> bool:
    """Write to OUT atomically (a half-written deck is worse than none), or to stdout."""
    if output is None:
        # Deck files are UTF-8 whatever the terminal's locale, so `> deck.csv` is one too.
        if buffer := getattr(sys.stdout, "buffer", None):
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            sys.stdout.write(text)
        return True
    from h2h_game.files import DOCUMENT_MODE, write_atomic

    try:
        # A deck is an ordinary document: its permissions are the umask's to decide.
        write_atomic(output, text.encode("utf-8"), mode=DOCUMENT_MODE)
    except OSError as error:
        _err(f"{output}: error: cannot write: {error.strerror or type(error).__name__}")
        return False
    return True


def _hidden_store(args: argparse.Namespace) -> Any:
    from h2h_game.paths import saves_dir
    from h2h_game.store import SaveStore

    return SaveStore(saves_dir(args.saves))


def _decks_by_name(args: argparse.Namespace) -> dict[str, list[Deck]]:
    """Every deck that can be found, by name, to show card text (hidden cards are kept by deck
    name, and several decks may share one: a card is looked for in each)."""
    from h2h_game.decks.library import find_decks

    found: dict[str, list[Deck]] = {}
    for entry in find_decks(args.decks):
        if entry.deck is not None:
            found.setdefault(entry.deck.name, []).append(entry.deck)
    return found


def _card_text(decks: list[Deck], card_id: str) -> str | None:
    for deck in decks:
        try:
            return deck.card(card_id).text
        except KeyError:
            continue
    return None


def _hidden_deck(wanted: str, hidden: dict[str, frozenset[str]]) -> str | None:
    """The hidden-cards deck name `wanted` means: exactly, else ignoring case."""
    if wanted in hidden:
        return wanted
    matches = [name for name in hidden if name.casefold() == wanted.strip().casefold()]
    return matches[0] if len(matches) == 1 else None


def run_hidden(args: argparse.Namespace) -> int:
    from h2h_game.decks.problems import snippet
    from h2h_game.store import StoreError

    try:
        hidden = _hidden_store(args).all_hidden_cards()
    except StoreError as error:
        _err(f"h2h: {error}")
        return EXIT_FAILURE
    if args.deck is not None:
        name = _hidden_deck(args.deck, hidden)
        if name is None:
            _out(f'No hidden cards for "{args.deck}".')
            return EXIT_OK
        hidden = {name: hidden[name]}
    if not hidden:
        _out("No hidden cards: every card of every deck can come up.")
        return EXIT_OK
    decks = _decks_by_name(args)
    for name in sorted(hidden, key=str.casefold):
        cards = sorted(hidden[name])
        deck = decks.get(name, [])
        where = "" if deck else " (deck not found here: ids only)"
        _out(f'"{name}": {len(cards)} hidden card{"s" * (len(cards) != 1)}{where}')
        for card_id in cards:
            text = _card_text(deck, card_id)
            _out(f"  {card_id}  {snippet(text)}" if text is not None else f"  {card_id}")
    _out("Bring cards back with: h2h deck unhide DECK CARD… (or --all)")
    return EXIT_OK


def run_unhide(args: argparse.Namespace) -> int:
    from h2h_game.store import StoreError

    if bool(args.cards) == bool(args.all):
        _err("h2h deck unhide: name the cards to bring back, or give --all (not both)")
        return EXIT_USAGE
    store = _hidden_store(args)
    try:
        hidden = store.all_hidden_cards()
    except StoreError as error:
        _err(f"h2h: {error}")
        return EXIT_FAILURE
    name = _hidden_deck(args.deck, hidden)
    if name is None:
        _err(f'h2h deck unhide: "{args.deck}" has no hidden cards; `h2h deck hidden` lists them')
        return EXIT_USAGE
    if args.all:
        chosen: set[str] = set(hidden[name])
    else:
        picked = _pick_cards(args.cards, sorted(hidden[name]), _decks_by_name(args).get(name, []))
        if isinstance(picked, int):
            return picked
        chosen = picked
    try:
        store.unhide_cards(name, None if args.all else chosen)
    except StoreError as error:
        _err(f"h2h: {error}")
        return EXIT_FAILURE
    count = len(chosen)
    _out(f'Brought back {count} card{"s" * (count != 1)} of "{name}" for future games.')
    return EXIT_OK


def _pick_cards(wanted: list[str], ids: list[str], deck: list[Deck]) -> set[str] | int:
    """The hidden cards named by id or by the beginning of their text; or the exit code after
    saying which name matched none, or several."""
    from h2h_game.decks.problems import snippet

    chosen: set[str] = set()
    for word in wanted:
        if word in ids:
            chosen.add(word)
            continue
        folded = " ".join(word.split()).casefold()
        matches = [
            card_id
            for card_id in ids
            if (text := _card_text(deck, card_id)) is not None
            and " ".join(text.split()).casefold().startswith(folded)
        ]
        if len(matches) == 1:
            chosen.add(matches[0])
            continue
        if not matches:
            hint = "" if deck else " (the deck is not found here, so give ids)"
            _err(f'h2h deck unhide: no hidden card is "{word}"{hint}')
        else:
            _err(f'h2h deck unhide: "{word}" begins {len(matches)} hidden cards; say more:')
            for card_id in matches:
                _err(f"  {card_id}  {snippet(_card_text(deck, card_id) or '')}")
        return EXIT_USAGE
    return chosen
