"""Provides `StudioBrowser`: every deck found, to open, duplicate, make or import in the studio.

Bundled decks are read-only: "Duplicate to edit" copies one into your decks folder. A broken
deck is listed with its first error, and opens as the list of every problem in its file.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from h2h_game.decks.library import DeckEntry, Source, find_decks
from h2h_game.decks.lint import lint_deck
from h2h_game.decks.problems import DeckError
from h2h_game.decks.studio import files
from h2h_game.decks.studio.draft import Draft
from h2h_game.decks.studio.files import DiskCopy
from h2h_game.engine.deck import Deck
from h2h_game.store.errors import StoreError
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.screens.studio.dialogs import (
    Answer,
    ConfirmDialog,
    HiddenCardsDialog,
    NewDeck,
    NewDeckDialog,
    PathDialog,
    ProblemsDialog,
)
from h2h_game.tui.screens.studio.editor import StudioScreen
from h2h_game.tui.screens.studio.words import count

DOCTOR_LIMIT = 2_000
"""Decks up to this many cards get the doctor's count in the list; bigger ones when opened."""
AT_ONCE = 1_500
"""Up to this many cards in all, the counts are made before the list is shown (the bundled
decks take about 40 ms); more are counted in the background."""

WHERE = {Source.BUNDLED: "comes with the game", Source.USER: "your decks"}
ORDER = {Source.USER: 0, Source.ENV: 1, Source.DIR: 2, Source.BUNDLED: 3}


class HiddenCards(Protocol):
    """Where the cards hidden from new games are kept (the saves folder's store)."""

    def hidden_cards(self, deck_name: str) -> frozenset[str]: ...

    def unhide_cards(self, deck_name: str, ids: Sequence[str] | None = None) -> None: ...


@dataclass(frozen=True)
class Opened:
    """A deck file read for the editor, or the problems that keep it from opening."""

    screen: StudioScreen | None
    problems: list[str]


def where_words(entry: DeckEntry) -> str:
    return WHERE.get(entry.source, entry.folder.describe())


def first_problem(entry: DeckEntry) -> str:
    """A broken deck's first problem, without the file's path (the list names the deck)."""
    error = entry.error or ""
    return error.removeprefix(f"{entry.path}").lstrip(" 0123456789:").removeprefix("error: ")


def open_file(path: Path, where: str = "") -> Opened:
    """The editor on a deck file; a file that does not exist yet becomes a new deck there."""
    try:
        deck, disk = files.read_deck(path)
    except DeckError as error:
        if error.problems and error.problems[0].message == "no such file":
            name = files.name_for(path)
            draft = Draft.new(name)
            draft.mark_unsaved()
            return Opened(StudioScreen(draft, path=path, disk=DiskCopy.of(path), where=where), [])
        return Opened(None, [str(problem) for problem in error.problems])
    return Opened(StudioScreen(Draft.from_deck(deck), path=path, disk=disk, where=where), [])


class StudioBrowser(H2HScreen):
    """The deck studio's front door: your decks and the bundled ones, and new ones."""

    # Read when the studio first opens: the title and the table never wait for these rules.
    CSS_PATH = "studio.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", tooltip="Edit this deck (or see why it can't be read)"),
        Binding("n", "new", "New deck", tooltip="Start a deck from nothing"),
        Binding("i", "import_csv", "Import CSV", tooltip="Make a deck from a spreadsheet"),
        Binding("d", "duplicate", "Duplicate to edit", tooltip="Copy this deck into your decks"),
        Binding(
            "h",
            "hidden",
            "Hidden cards",
            tooltip="See the cards hidden from new games, and bring them back",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the title"),
    ]

    class Counted(Message):
        """The doctor counted a deck's warnings (in the background)."""

        def __init__(self, path: Path, warnings: int) -> None:
            super().__init__()
            self.path = path
            self.warnings = warnings

    def __init__(
        self,
        deck_dirs: Sequence[Path] = (),
        open_path: str | None = None,
        hidden: HiddenCards | None = None,
    ) -> None:
        """The browser of the decks found (also in `deck_dirs`), opening `open_path` if given;
        `hidden` holds the cards hidden from new games, to list and bring back."""
        super().__init__(classes="studio -wide-only")  # below 80 columns: asks for room
        self.deck_dirs = list(deck_dirs)
        self.hidden_book = hidden
        self.entries: list[DeckEntry] = []
        self.warnings: dict[Path, int] = {}
        self.open_path = open_path

    def compose(self) -> ComposeResult:
        with Vertical(id="browser-box"):
            yield Static(
                Content.assemble(
                    ("Deck studio", "bold"),
                    ("  Make a deck of your own, or change one you made.", "dim"),
                ),
                id="browser-title",
            )
            with Horizontal(id="browser-body"):
                yield OptionList(id="browser-decks")
                with VerticalScroll(id="browser-details-box"):
                    yield Static(id="browser-details")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()
        if self.open_path:
            self.call_after_refresh(self.open_at_launch, Path(self.open_path))

    def on_screen_resume(self) -> None:
        self.load()

    # --- the list ------------------------------------------------------------------------

    def load(self) -> None:
        """Find every deck again (a save or a duplicate may have added one)."""
        decks = self.query_one("#browser-decks", OptionList)
        keep = self.highlighted.path if self.highlighted else None
        # Your own decks first: they are the ones the studio can change.
        self.entries = sorted(find_decks(self.deck_dirs), key=lambda entry: ORDER[entry.source])
        self.warnings = {}  # a deck may have been saved since: count again
        self.count_warnings()
        decks.clear_options()
        for index, entry in enumerate(self.entries):
            decks.add_option(Option(self.label(entry), id=str(index)))
        paths = [entry.path for entry in self.entries]
        if keep in paths:
            decks.highlighted = paths.index(keep)
        elif self.entries:
            decks.highlighted = 0
        decks.focus()
        self.show_details()

    def label(self, entry: DeckEntry) -> Content:
        if entry.deck is None:
            return Content.assemble(
                literal_line(entry.label).stylize("bold"),
                ("\n  can't be read: ", "$error"),
                literal_line(first_problem(entry)).stylize("dim"),
            )
        counts = " · ".join(str(cards) for cards in entry.cards_per_level)
        doctor: str | tuple[str, str] = ""
        if entry.path in self.warnings:
            warnings = self.warnings[entry.path]
            doctor = (
                (f" · {count(warnings, 'warning')}", "$warning")
                if warnings
                else (
                    " · no warnings",
                    "dim",
                )
            )
        return Content.assemble(
            literal_line(entry.label).stylize("bold"),
            (f"\n  {where_words(entry)} · {counts} cards", "dim"),
            doctor,
        )

    @property
    def highlighted(self) -> DeckEntry | None:
        option = self.query_one("#browser-decks", OptionList).highlighted_option
        if option is None or option.id is None or int(option.id) >= len(self.entries):
            return None
        return self.entries[int(option.id)]

    @on(OptionList.OptionHighlighted, "#browser-decks")
    def moved(self) -> None:
        self.show_details()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#browser-decks")
    def chosen(self) -> None:
        self.action_open()

    def show_details(self) -> None:
        details = self.query_one("#browser-details", Static)
        entry = self.highlighted
        if entry is None:
            details.update(
                Content("No decks were found. Press n to start one, or i to import a CSV.")
            )
            return
        parts: list[Content | str | tuple[str, str]] = [literal_line(entry.name).stylize("bold")]
        parts += ["\n", (where_words(entry), "dim")]
        if entry.source is not Source.BUNDLED:
            # The file's name, not its whole path: the folder is named just before it.
            parts += [("  ", ""), literal_line(entry.path.name).stylize("dim")]
        if entry.deck is None:
            parts += [
                "\n\n",
                ("This deck can't be read. ", "$error"),
                literal(first_problem(entry)),
                "\n\nPress enter to see every problem in the file.",
            ]
            details.update(Content.assemble(*parts))
            return
        deck = entry.deck
        if deck.audience:
            parts += ["\n\n", ("Who it is for: ", "dim"), literal_line(deck.audience)]
        if deck.description:
            parts += ["\n\n", literal(deck.description)]
        parts.append("\n")
        for level in deck.levels:
            parts += [
                "\n",
                literal_line(level.name),
                (f"  {count(len(level.cards), 'card')}", "dim"),
            ]
        if entry.path in self.warnings:
            warnings = self.warnings[entry.path]
            parts += [
                "\n\n",
                f"The deck doctor has {count(warnings, 'warning')}."
                if warnings
                else "The deck doctor has nothing to say.",
            ]
        hidden = self.hidden_of(entry)
        if hidden:
            parts += [
                "\n\n",
                f"{count(len(hidden), 'card')} of this deck "
                f"{'is' if len(hidden) == 1 else 'are'} hidden from new games "
                "(removed in a game, then hidden). Press h to see them or bring them back.",
            ]
        if entry.source is Source.BUNDLED:
            parts += [
                "\n\n",
                ("This deck comes with the game and can't be changed. ", "italic"),
                ("Press d to duplicate it into your decks, then edit the copy.", "italic"),
            ]
        else:
            parts += ["\n\n", ("Press enter to edit it.", "italic")]
        details.update(Content.assemble(*parts))

    def count_warnings(self) -> None:
        """Count each deck's warnings: at once for a few small decks, else in the background."""
        todo: list[tuple[Path, Deck]] = [
            (entry.path, entry.deck)
            for entry in self.entries
            if entry.deck is not None
            and entry.path not in self.warnings
            and sum(entry.cards_per_level) <= DOCTOR_LIMIT
        ]
        if not todo:
            return
        if sum(len(deck.cards) for _, deck in todo) <= AT_ONCE:
            for path, deck in todo:
                self.warnings[path] = len(lint_deck(deck, str(path)))
            self._relabel()
            return

        def work_through() -> None:
            for path, deck in todo:
                self.post_message(self.Counted(path, len(lint_deck(deck, str(path)))))

        threading.Thread(target=work_through, name="h2h-deck-doctor", daemon=True).start()

    def on_studio_browser_counted(self, message: Counted) -> None:
        self.warnings[message.path] = message.warnings
        self._relabel()

    def _relabel(self) -> None:
        decks = self.query_one("#browser-decks", OptionList)
        for index, entry in enumerate(self.entries):
            if entry.path in self.warnings and index < decks.option_count:
                decks.replace_option_prompt_at_index(index, self.label(entry))
        self.show_details()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        entry = self.highlighted
        if action == "duplicate":
            return entry is not None and entry.deck is not None
        if action == "open":
            return entry is not None
        if action == "hidden":
            return bool(self.hidden_of(entry))
        return True

    def hidden_of(self, entry: DeckEntry | None) -> frozenset[str]:
        """The ids hidden from new games with this entry's deck (none if it can't be read)."""
        if entry is None or entry.deck is None or self.hidden_book is None:
            return frozenset()
        return self.hidden_book.hidden_cards(entry.deck.name)

    # --- doing things --------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_hidden(self) -> None:
        entry = self.highlighted
        hidden = self.hidden_of(entry)
        if entry is None or entry.deck is None or not hidden:
            return
        deck = entry.deck

        def bring_back(ids: tuple[str, ...] | None) -> None:
            if not ids or self.hidden_book is None:
                return
            try:
                self.hidden_book.unhide_cards(deck.name, ids)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(
                f"Brought back {count(len(ids), 'card')}: "
                f"{'it' if len(ids) == 1 else 'they'} can come up in new games again.",
                markup=False,
            )
            self.show_details()
            self.refresh_bindings()

        self.app.push_screen(HiddenCardsDialog(deck, sorted(hidden)), bring_back)

    def action_open(self) -> None:
        entry = self.highlighted
        if entry is None:
            return
        if entry.source is Source.BUNDLED and entry.deck is not None:
            self.offer_duplicate(entry)
            return
        self.edit(entry.path, where_words(entry))

    def open_at_launch(self, path: Path) -> None:
        """`h2h deck edit NAME|PATH`: open that deck, or offer a copy of a bundled one."""
        if files.is_bundled(path):
            entry = next((e for e in self.entries if e.path == path), None)
            if entry is not None:
                decks = self.query_one("#browser-decks", OptionList)
                decks.highlighted = self.entries.index(entry)
                self.offer_duplicate(entry)
                return
        self.edit(path, "")

    def edit(self, path: Path, where: str) -> None:
        opened = open_file(path, where)
        if opened.screen is not None:
            self.app.push_screen(opened.screen)
            return
        self.app.push_screen(
            ProblemsDialog(
                Content.assemble(literal_line(path.name), " can't be read"),
                "Fix these in a text editor, then open it here again.",
                opened.problems,
            )
        )

    @work(exclusive=True, group="dialog")
    async def offer_duplicate(self, entry: DeckEntry) -> None:
        answer = await self.app.push_screen_wait(
            ConfirmDialog(
                Content.assemble(literal_line(entry.name), " comes with the game"),
                "It can't be changed, but you can make your own copy and edit that.",
                [Answer("copy", "Duplicate to edit", True), Answer("back", "Back")],
            )
        )
        if answer == "copy":
            self.duplicate(entry)

    def action_duplicate(self) -> None:
        entry = self.highlighted
        if entry is not None and entry.deck is not None:
            self.duplicate(entry)

    def duplicate(self, entry: DeckEntry) -> None:
        assert entry.deck is not None
        try:
            path, deck, disk = files.duplicate(entry.deck)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.notify(f"Could not make the copy: {reason}.", severity="error", markup=False)
            return
        screen = StudioScreen(Draft.from_deck(deck), path=path, disk=disk, where="your decks")
        self.app.push_screen(screen)
        screen.say(f"Your copy is in {path}. The original is unchanged.")

    @work(exclusive=True, group="dialog")
    async def action_new(self) -> None:
        answer: NewDeck | None = await self.app.push_screen_wait(NewDeckDialog())
        if answer is None:
            return
        draft = Draft.new(
            answer.name,
            description=answer.description,
            audience=answer.audience,
            author=answer.author,
            language=answer.language,
        )
        draft.mark_unsaved()
        screen = StudioScreen(draft, where="new, not saved yet")
        self.app.push_screen(screen)
        screen.say("Three levels are ready. Press a to write the first card.")

    @work(exclusive=True, group="dialog")
    async def action_import_csv(self) -> None:
        typed = await self.app.push_screen_wait(
            PathDialog(
                "Import a spreadsheet",
                "A CSV file with a header row and the columns level and text (and tags, kind, "
                "effect, id if you like). The deck is saved in your decks when you save it.",
                done="Import",
            )
        )
        if typed is None:
            return
        path = Path(typed).expanduser()
        try:
            deck = files.import_csv(path)
        except DeckError as error:
            self.app.push_screen(
                ProblemsDialog(
                    Content.assemble(literal_line(path.name), " can't be imported"),
                    "Fix these in the spreadsheet, save it as CSV again, and import it again.",
                    [str(problem) for problem in error.problems],
                )
            )
            return
        draft = Draft.from_deck(deck)
        draft.mark_unsaved()
        screen = StudioScreen(draft, where=f"imported from {path.name}, not saved yet")
        self.app.push_screen(screen)
        screen.say(f"Imported {count(len(deck.cards), 'card')}. Save to keep the deck.")
