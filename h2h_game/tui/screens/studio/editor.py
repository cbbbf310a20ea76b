"""Provides `StudioScreen`: the deck studio's editor, where one deck is written and checked.

The screen owns the draft. Its widgets say what the person did (messages up); the screen makes
the edit, checks what changed through the decks part, and hands each widget what to show
(attributes down). Nothing is written to disk but by saving and exporting, and nothing unsaved
is lost without asking.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import (
    Footer,
    Input,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from h2h_game.decks.printing import Paper
from h2h_game.decks.studio import files
from h2h_game.decks.studio.checks import (
    NO_PROBLEMS,
    ProblemBook,
    Snapshot,
    Target,
    WholeCheck,
    card_advice_for,
    check_card,
    check_structure,
    check_whole,
)
from h2h_game.decks.studio.draft import DETAIL_FIELDS, Draft
from h2h_game.decks.studio.edits import Edit, ReplaceCard
from h2h_game.decks.studio.files import DiskCopy
from h2h_game.decks.studio.finding import (
    CARD,
    Filter,
    Show,
    find_rows,
    row_of_card,
    row_of_level,
)
from h2h_game.decks.writer import deck_to_toml
from h2h_game.engine.deck import DEFAULT_SETTLE, MAX_LEVELS, Deck, Effect, Kind
from h2h_game.tui.literal import literal_line
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.screens.studio.background import BackgroundCheck
from h2h_game.tui.screens.studio.card_list import CardList, CardRows
from h2h_game.tui.screens.studio.card_panel import CardPanel, CardShown, LevelShown
from h2h_game.tui.screens.studio.dialogs import (
    Answer,
    CardTagsDialog,
    ChooseDialog,
    ConfirmDialog,
    LevelDialog,
    LevelForm,
    PathDialog,
    TagDialog,
    TextDialog,
)
from h2h_game.tui.screens.studio.panes import (
    DetailsPane,
    DetailsShown,
    EndingPane,
    EndingShown,
    LevelLine,
    LevelsPane,
    TagLine,
)
from h2h_game.tui.screens.studio.shown import put
from h2h_game.tui.screens.studio.words import KINDS, count

IN_PROCESS_LIMIT = 250
"""Decks up to this many cards are checked whole here (5 to 10 ms); bigger ones in the checking
process. Either way a moment after the typing pauses: a card's own check is shown at once."""
SETTLE_SECONDS = 0.3
"""How long typing must pause before a big deck's whole check starts."""
SMALL_SETTLE_SECONDS = 0.15
"""The same for a small deck, whose check is quick."""

FIRST_CHECK_AFTER = 0.5
"""Seconds after opening a big deck before its whole check starts."""

TABS = ("cards", "levels", "details", "ending")
LETTER_ACTIONS = frozenset(
    ("add", "delete", "kind", "tags", "move_to", "take_suggestion", "find", "edit")
)


class WholeChecked(Message):
    """A whole check came back from the background."""

    def __init__(self, check: WholeCheck) -> None:
        super().__init__()
        self.check = check


class StudioScreen(H2HScreen):
    """One deck in the studio: its cards, levels, details and ending, checked as you write."""

    # Read when the studio first opens: the title and the table never wait for these rules.
    CSS_PATH = "studio.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a card (or a level, tag or landing card) here"),
        Binding("e", "edit", "Edit", tooltip="Change the one you are on"),
        Binding(
            "x,delete", "delete", "Delete", tooltip="Delete the one you are on (ctrl+z undoes it)"
        ),
        Binding(
            "k", "kind", "Kind", tooltip="A question, or a wild card and what it does", show=False
        ),
        Binding("t", "tags", "Tags", tooltip="The topics this card carries", show=False),
        Binding("m", "move_to", "Move", tooltip="Move this card to another level", show=False),
        Binding("y", "take_suggestion", "Use suggestion", tooltip="Take the doctor's wording"),
        Binding("shift+up", "shift(-1)", "Up", tooltip="Move the one you are on up", show=False),
        Binding(
            "shift+down", "shift(1)", "Down", tooltip="Move the one you are on down", show=False
        ),
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back your last change"),
        Binding("ctrl+y", "redo", "Redo", tooltip="Make the change you took back again"),
        Binding("ctrl+s", "save", "Save", tooltip="Save the deck (errors must be fixed first)"),
        Binding("slash", "find", "Find", key_display="/", tooltip="Find cards by their words"),
        Binding("f8", "try_it", "Try it", tooltip="Play a game with this deck, then come back"),
        Binding(
            "f9", "export", "Export", tooltip="A spreadsheet (CSV) or a page of cards to print"
        ),
        Binding("escape", "leave", "Back", tooltip="Stop writing, or go back to the decks"),
        Binding("f2", "tab('cards')", "Cards", show=False, tooltip="The cards"),
        Binding("f3", "tab('levels')", "Levels", show=False, tooltip="The levels"),
        Binding("f4", "tab('details')", "Details", show=False, tooltip="Name, tags, who it is for"),
        Binding("f5", "tab('ending')", "Ending", show=False, tooltip="Landing and closing cards"),
    ]

    class TryDeck(Message):
        """The person wants to play a game with this deck now, and come back here after."""

        def __init__(self, screen: StudioScreen, deck: Deck) -> None:
            super().__init__()
            self.screen = screen
            self.deck = deck

    class Left(Message):
        """The studio closed (saved, or the changes let go of)."""

    def __init__(
        self,
        draft: Draft,
        *,
        path: Path | None = None,
        disk: DiskCopy | None = None,
        where: str = "",
    ) -> None:
        super().__init__(classes="studio -wide-only")  # below 80 columns: asks for room
        self.draft = draft
        self.path = path
        """Where the deck is saved; None until a new deck's first save picks a file."""
        self.disk = disk
        """The file as last read or written, to notice someone else's changes before saving."""
        self.where = where
        self.book = ProblemBook()
        self.filter = Filter()
        self.rows: list = []
        self.note = ""
        self._changed_cards: dict[int, int] = {}
        self._changed_rest = 0
        self._settle_timer: Any = None
        self._added: Edit | None = None
        """A card just added and not yet written in: dropped again if left empty."""
        self._level_key: int | None = None
        self._tag: str | None = None
        self._checker = BackgroundCheck(self._checked_elsewhere)
        self._warned_comments = False
        self._let_go = False
        self._possible: tuple[object, ...] | None = None
        self._typing = False

    @property
    def source(self) -> str:
        return str(self.path) if self.path else f"{files.slug(self.draft.details.name)}.toml"

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="studio-header"):
            yield Static(id="studio-title")
            yield Static(id="studio-state")
        with TabbedContent(initial="cards", id="studio-tabs"):
            with TabPane("Cards F2", id="cards"):
                with Horizontal(id="find-bar"):
                    yield Input(placeholder="Find a card…  /", id="find", compact=True)
                    yield Static(id="find-count")
                    yield Select[int]([], prompt="Every level", id="find-level", compact=True)
                    yield Select[str]([], prompt="Every tag", id="find-tag", compact=True)
                    yield Select[str](
                        [
                            ("With problems", Show.PROBLEMS.value),
                            ("With errors", Show.ERRORS.value),
                        ],
                        prompt="All cards",
                        id="find-show",
                        compact=True,
                    )
                with Horizontal(id="cards-body"):
                    yield CardList(id="card-list")
                    yield CardPanel(id="card-panel")
            with TabPane("Levels F3", id="levels"):
                yield LevelsPane(id="levels-pane")
            # Built when first opened: a screen of fields costs the editor's first frame.
            yield TabPane("Details F4", id="details")
            yield TabPane("Ending F5", id="ending")
        yield Static(id="studio-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.check_everything()
        self.show_rows()
        self.show_filters()
        self.show_status()
        self.query_one(CardList).focus()

    def on_unmount(self) -> None:
        self._checker.stop()

    def on_screen_resume(self) -> None:
        # Back from a game or a window, or opened from `h2h deck edit` while the list of decks
        # was still taking its own focus: the keys belong to the tab's list again.
        if self.focused is None or self.focused.screen is not self:
            self.call_after_refresh(self._focus_tab)

    # --- checking ------------------------------------------------------------------------

    def check_everything(self) -> None:
        """Check the whole deck now if it is small, else in the background."""
        self.book.take_structure(check_structure(self.draft, self.source))
        if self.draft.card_count <= IN_PROCESS_LIMIT:
            self.book.take_whole(check_whole(Snapshot.of(self.draft, self.source)))
        else:
            # After the first frames: the check holds the interpreter for a second, which the
            # screen needs to come up.
            self._settle_timer = self.set_timer(FIRST_CHECK_AFTER, self._check_whole_soon)

    def after_edit(self, edit: Edit | None) -> None:
        """Check what an edit changed at once, the whole deck soon, and show it all."""
        if edit is None:
            return
        draft = self.draft
        version = draft.version
        cards_only = isinstance(edit, ReplaceCard)
        for key in edit.cards():
            self._changed_cards[key] = version
            if draft.has_card(key):
                level_index, card_index = draft.position(key)
                place = f"levels[{level_index}].cards[{card_index}]"
                self.book.take_card(key, check_card(draft.card(key), place, self.source))
            else:
                self.book.take_card(key, NO_PROBLEMS)
        if not cards_only:
            self._changed_rest = version
            self.book.take_structure(check_structure(draft, self.source))
        if self._settle_timer is not None:
            self._settle_timer.stop()
        small = draft.card_count <= IN_PROCESS_LIMIT
        self._settle_timer = self.set_timer(
            SMALL_SETTLE_SECONDS if small else SETTLE_SECONDS, self._check_whole_soon
        )
        if cards_only and not self.filter.active:
            self.query_one(CardList).refresh_row(self.query_one(CardList).cursor)
            self.show_card(reload=not self._typing)
        else:
            self.show_rows(focus=edit.focus())
            self.show_filters()
        self.show_pane(reload=not self._typing)
        self.show_status()
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Refresh the footer's keys, only when what they may do changed (a rebuild is slow)."""
        panel = self.query_one(CardPanel).shown
        possible = (
            self.context(),
            self.draft.can_undo,
            self.draft.can_redo,
            self.current_card_key() is not None,
            isinstance(panel, CardShown) and panel.rewrite is not None,
        )
        if possible != self._possible:
            self._possible = possible
            self.refresh_bindings()

    def _check_whole_soon(self) -> None:
        """The typing paused: check the whole deck, here if it is small, else elsewhere."""
        self._settle_timer = None
        snapshot = Snapshot.of(self.draft, self.source)
        if self.draft.card_count <= IN_PROCESS_LIMIT:
            self.on_whole_checked(WholeChecked(check_whole(snapshot)))
        else:
            self._checker.ask(snapshot)
            self.show_status()

    def _checked_elsewhere(self, check: WholeCheck) -> None:
        """A whole check came back from the checking process (called on a reader thread)."""
        self.post_message(WholeChecked(check))

    def on_whole_checked(self, message: WholeChecked) -> None:
        check = message.check
        changed = [key for key, version in self._changed_cards.items() if version > check.version]
        self.book.take_whole(check, changed, changed_rest=self._changed_rest > check.version)
        self._changed_cards = {key: self._changed_cards[key] for key in changed}
        self.query_one(CardList).refresh()
        if self.filter.show is not Show.ALL:
            self.show_rows()
        self.show_card()
        self.show_pane()
        self.show_status()

    @property
    def checks_settled(self) -> bool:
        """True when every problem shown is the decks part's word on the deck as it is now."""
        return (
            self._settle_timer is None
            and not self._checker.busy
            and (self.book.whole is not None and self.book.whole.version == self.draft.version)
        )

    # --- showing -------------------------------------------------------------------------

    def show_status(self) -> None:
        details = self.draft.details
        title = Content.assemble(
            ("Deck studio · ", "dim"), literal_line(details.name).stylize("bold")
        )
        if self.where:
            title = Content.assemble(title, (f" · {self.where}", "dim"))
        put(self.query_one("#studio-title", Static), title, fixed=True)
        book = self.book
        parts: list[Content | str | tuple[str, str]] = []
        parts.append(("unsaved", "$warning") if self.draft.dirty else ("saved", "dim"))
        errors, warnings = book.error_count, book.warning_count
        parts += [" · ", (count(errors, "error"), "$error") if errors else ("no errors", "dim")]
        if book.whole is not None:
            parts += [" · ", (count(warnings, "warning"), "$warning" if warnings else "dim")]
        if not self.checks_settled and self.draft.card_count > IN_PROCESS_LIMIT:
            parts += [" · ", ("checking…", "dim")]
        put(self.query_one("#studio-state", Static), Content.assemble(*parts), fixed=True)
        put(self.query_one("#studio-note", Static), Content(self.note), fixed=True)

    def say(self, note: str) -> None:
        """A quiet line under the tabs saying what just happened."""
        self.note = note
        if self.is_mounted:
            put(self.query_one("#studio-note", Static), Content(note), fixed=True)

    def show_rows(self, focus: tuple[str, Any] | None = None) -> None:
        """Find the rows again, keeping the cursor on the card it was on (or `focus`)."""
        card_list = self.query_one(CardList)
        current = self.current_card_key()
        level_index = card_list.row[0] if card_list.row is not None else None
        self.rows = find_rows(self.draft, self.book, self.filter)
        cursor: int | None = None
        if focus is not None and focus[0] == "card":
            cursor = row_of_card(self.rows, self.draft, focus[1])
        if cursor is None and current is not None:
            cursor = row_of_card(self.rows, self.draft, current)
        if cursor is None and level_index is not None and level_index < len(self.draft.levels):
            cursor = row_of_level(self.rows, level_index)
        card_list.show(CardRows(self.draft, self.book, self.rows, self.filter.active), cursor)
        total = self.draft.card_count
        found = sum(1 for row in self.rows if row[2] == CARD)
        words = (
            f"{found:,} of {total:,}"
            if self.filter.active
            else f"{total:,} {'card' if total == 1 else 'cards'}"
        )
        put(self.query_one("#find-count", Static), Content.styled(words, "dim"), fixed=True)

    def current_card_key(self) -> int | None:
        row = self.query_one(CardList).row
        if row is None or row[2] != CARD:
            return None
        level_index, card_index, _ = row
        try:
            return self.draft.levels[level_index].cards[card_index].key
        except IndexError:
            return None

    def show_card(self, *, reload: bool = False) -> None:
        """Show the card the list is on; `reload`: its text changed other than by typing."""
        panel = self.query_one(CardPanel)
        row = self.query_one(CardList).row
        if row is None:
            panel.shown = None
            return
        level_index, card_index, what = row
        if level_index >= len(self.draft.levels):
            panel.shown = None
            return
        level = self.draft.levels[level_index]
        if what != CARD or card_index >= len(level.cards):
            target: Target = ("level", level.key)
            panel.shown = LevelShown(
                level.name,
                level_index + 1,
                len(level.cards),
                level.description,
                self.book.errors(target),
                self.book.warnings(target),
            )
            return
        card = level.cards[card_index]
        target = ("card", card.key)
        rewrite = next(
            (
                advice.rewrite
                for advice in card_advice_for(card.text, card.is_wild)
                if advice.rewrite
            ),
            None,
        )
        labels = dict(self.draft.details.tags)
        panel.shown = CardShown(
            card,
            level.name,
            level_index + 1,
            card_index + 1,
            len(level.cards),
            tuple(labels.get(tag) or tag for tag in card.tags),
            self.book.errors(target),
            self.book.warnings(target),
            rewrite,
            reload,
        )

    def show_filters(self) -> None:
        levels = self.query_one("#find-level", Select)
        level_options = [(literal_line(level.name), level.key) for level in self.draft.levels]
        if level_options != getattr(levels, "_studio_options", None):
            levels._studio_options = level_options  # type: ignore[attr-defined]
            value = levels.value
            levels.set_options(level_options)
            if value in [key for _, key in level_options]:
                levels.value = value
        tags = self.query_one("#find-tag", Select)
        known = self.draft.declared_tags()
        used = sorted(set(self.draft.tag_uses()) - set(known))
        labels = dict(self.draft.details.tags)
        tag_options = [(literal_line(labels.get(tag) or tag), tag) for tag in [*known, *used]]
        if tag_options != getattr(tags, "_studio_options", None):
            tags._studio_options = tag_options  # type: ignore[attr-defined]
            value = tags.value
            tags.set_options(tag_options)
            if value in [tag for _, tag in tag_options]:
                tags.value = value

    def show_pane(self, *, reload: bool = False) -> None:
        """Show the active tab's pane as the draft is now (other tabs catch up when opened).

        `reload`: an edit made other than by typing in a field (undo, redo) changed the draft,
        so even a field being typed in shows it; otherwise a focused field keeps its text.
        """
        active = self.query_one(TabbedContent).active
        if active == "levels":
            self.show_levels()
        elif active == "details":
            self.show_details(reload=reload)
        elif active == "ending":
            self.show_ending(reload=reload)

    def show_levels(self) -> None:
        unlocks = self.draft.unlocks()
        lines = []
        for index, level in enumerate(self.draft.levels):
            target: Target = ("level", level.key)
            lines.append(
                LevelLine(
                    level.key,
                    index + 1,
                    level.name,
                    level.description,
                    unlocks[index],
                    level.unlock is not None,
                    level.settle if level.settle is not None else DEFAULT_SETTLE,
                    level.settle is not None,
                    len(level.cards),
                    self.book.errors(target),
                    self.book.warnings(target),
                )
            )
        self.query_one(LevelsPane).levels = tuple(lines)

    def show_details(self, *, reload: bool = False) -> None:
        details = self.draft.details
        uses = self.draft.tag_uses()
        panes = self.query(DetailsPane)
        if not panes:
            return
        panes.first().shown = DetailsShown(
            reload=reload,
            values={name: getattr(details, name) for name in DETAIL_FIELDS},
            errors={name: self.book.errors(("deck", name)) for name in DETAIL_FIELDS},
            tags=tuple(TagLine(tag, label, uses.get(tag, 0)) for tag, label in details.tags),
            tag_problems=self.book.errors(("deck", "tags")),
            tag_warnings=self.book.warnings(("deck", "tags")),
        )

    def show_ending(self, *, reload: bool = False) -> None:
        ending = self.draft.ending
        panes = self.query(EndingPane)
        if not panes:
            return
        panes.first().shown = EndingShown(
            reload=reload,
            landing=ending.landing,
            landing_problems=tuple(
                (self.book.errors(("landing", index)), self.book.warnings(("landing", index)))
                for index in range(len(ending.landing))
            ),
            closing=ending.closing,
            closing_errors=self.book.errors(("ending", "closing")),
            ending_errors=(
                *self.book.errors(("ending", "landing")),
                *self.book.errors(("deck", "")),
            ),
        )

    # --- what the widgets say ------------------------------------------------------------

    @on(CardList.Highlighted)
    def card_highlighted(self, event: CardList.Highlighted) -> None:
        added = self._added
        if added is not None and self.current_card_key() not in added.cards():
            self._drop_added_if_empty()
        self.show_card()
        self.refresh_keys()

    @on(CardList.Chosen)
    def card_chosen(self, event: CardList.Chosen) -> None:
        if event.row[2] == CARD:
            area = self.query_one(CardPanel).text_area
            area.focus()
            area.move_cursor(area.document.end)  # most often a card is finished, not begun
        else:
            self.action_add()

    @on(CardPanel.TextChanged)
    def card_typed(self, event: CardPanel.TextChanged) -> None:
        if self.draft.has_card(event.key):
            self._typing = True
            try:
                self.after_edit(self.draft.set_card_text(event.key, event.text))
            finally:
                self._typing = False

    @on(DetailsPane.FieldChanged)
    def detail_typed(self, event: DetailsPane.FieldChanged) -> None:
        self._typing = True
        try:
            self.after_edit(self.draft.set_detail(event.name, event.value, typing=True))
        finally:
            self._typing = False

    @on(DetailsPane.TagHighlighted)
    def tag_highlighted(self, event: DetailsPane.TagHighlighted) -> None:
        self._tag = event.tag

    @on(LevelsPane.Highlighted)
    def level_highlighted(self, event: LevelsPane.Highlighted) -> None:
        self._level_key = event.key

    @on(OptionList.OptionSelected, "#level-list")
    def level_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    @on(OptionList.OptionSelected, "#tag-list")
    def tag_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    @on(OptionList.OptionSelected, "#landing-list")
    def landing_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    @on(EndingPane.ClosingChanged)
    def closing_typed(self, event: EndingPane.ClosingChanged) -> None:
        self._typing = True
        try:
            self.after_edit(self.draft.set_closing(event.text, typing=True))
        finally:
            self._typing = False

    @on(Input.Changed, "#find")
    def find_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter = replace(self.filter, text=event.value)
        self.show_rows()

    @on(Input.Submitted, "#find")
    def find_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(CardList).focus()

    @on(Select.Changed)
    def find_chosen(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.BLANK else event.value
        if event.select.id == "find-level":
            self.filter = replace(self.filter, level=value if isinstance(value, int) else None)
        elif event.select.id == "find-tag":
            self.filter = replace(self.filter, tag=value if isinstance(value, str) else None)
        elif event.select.id == "find-show":
            self.filter = replace(
                self.filter, show=Show(value) if isinstance(value, str) else Show.ALL
            )
        self.show_rows()

    @on(TabbedContent.TabActivated)
    async def tab_opened(self, event: TabbedContent.TabActivated) -> None:
        self._drop_added_if_empty()
        pane = event.pane
        if pane.id == "details" and not self.query(DetailsPane):
            await pane.mount(DetailsPane(id="details-pane"))
        elif pane.id == "ending" and not self.query(EndingPane):
            await pane.mount(EndingPane(id="ending-pane"))
        self.show_pane()
        self.call_after_refresh(self._focus_tab)
        self.refresh_keys()

    def _focus_tab(self) -> None:
        active = self.query_one(TabbedContent).active
        target = {
            "cards": "#card-list",
            "levels": "#level-list",
            "details": "#detail-name",
            "ending": "#landing-list",
        }[active]
        self.query_one(target).focus(scroll_visible=False)

    def on_descendant_focus(self) -> None:
        self.refresh_keys()

    def on_descendant_blur(self) -> None:
        self.draft.seal()
        self.refresh_keys()

    # --- what the keys may do now --------------------------------------------------------

    def context(self) -> str:
        """Where the person is: a list to act on, or somewhere they type."""
        focused = self.focused
        if isinstance(focused, (Input, TextArea)):
            return "typing"
        if isinstance(focused, Select):
            return "choosing"
        ids = {
            "card-list": "cards",
            "level-list": "levels",
            "tag-list": "tags",
            "landing-list": "landing",
        }
        return ids.get(focused.id or "", "") if focused is not None else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False  # the too-small notice covers the screen
        where = self.context()
        if action in LETTER_ACTIONS and where in ("typing", "choosing"):
            return False
        if action == "add":
            return where in ("cards", "levels", "tags", "landing")
        if action == "edit":
            return where in ("levels", "tags", "landing")
        if action == "delete":
            if where == "cards":
                return self.current_card_key() is not None
            return where in ("levels", "tags", "landing")
        if action in ("kind", "tags", "move_to"):
            return where == "cards" and self.current_card_key() is not None
        if action == "take_suggestion":
            panel = self.query_one(CardPanel).shown
            return where == "cards" and isinstance(panel, CardShown) and panel.rewrite is not None
        if action == "shift":
            if where == "cards":
                return self.current_card_key() is not None
            return where in ("levels", "landing")
        if action == "find":
            return where == "cards"
        if action == "undo":
            return self.draft.can_undo
        if action == "redo":
            return self.draft.can_redo
        return True

    # --- card actions --------------------------------------------------------------------

    def action_add(self) -> None:
        where = self.context()
        if where == "levels":
            self.add_level()
        elif where == "tags":
            self.add_tag()
        elif where == "landing":
            self.add_landing()
        elif where == "cards":
            self.add_card()

    def add_card(self) -> None:
        draft = self.draft
        if not draft.levels:
            self.notify("Add a level first (Levels, F3).", markup=False)
            return
        row = self.query_one(CardList).row
        if row is None:
            level_key = self.filter.level or draft.levels[0].key
            index = None
        else:
            level_index, card_index, what = row
            level_key = draft.levels[level_index].key
            index = card_index + 1 if what == CARD else 0
        if self.filter.active:
            self.clear_filter()
        card, edit = draft.add_card(level_key, index)
        self._added = edit
        self.after_edit(edit)
        self.show_rows(focus=("card", card.key))
        # Shown now, not when the list's message comes round: a hidden text area (the list was
        # on a level's heading) cannot take the focus, and the first letters would be lost.
        self.show_card()
        self.query_one(CardPanel).text_area.focus()
        self.say("A new card. Write it, then press escape.")

    def _drop_added_if_empty(self) -> None:
        """A card added and left without text is taken away again, as if never added."""
        edit, self._added = self._added, None
        if edit is None:
            return
        key = next(iter(edit.cards()))
        empty = self.draft.has_card(key) and not self.draft.card(key).text.strip()
        if empty and self.draft.take_back(edit):
            self.after_edit(edit)
            self.say("The empty card was left out.")

    def action_delete(self) -> None:
        where = self.context()
        if where == "cards":
            key = self.current_card_key()
            if key is not None:
                self._added = None
                self.after_edit(self.draft.delete_card(key))
                self.say("Card deleted. ctrl+z brings it back.")
        elif where == "levels":
            self.delete_level()
        elif where == "tags":
            self.remove_tag()
        elif where == "landing":
            self.delete_landing()

    @work(exclusive=True, group="dialog")
    async def action_kind(self) -> None:
        key = self.current_card_key()
        if key is None:
            return
        card = self.draft.card(key)
        options = [
            (f"{kind.value}:{effect.value if effect else ''}", words)
            for kind, effect, words in KINDS
        ]
        current = f"{card.kind.value}:{card.effect.value if card.effect else ''}"
        chosen = await self.app.push_screen_wait(
            ChooseDialog("What kind of card is this?", "", options, current)
        )
        if chosen is None or not self.draft.has_card(key):
            return
        kind, _, effect = chosen.partition(":")
        self.after_edit(
            self.draft.set_card_kind(key, Kind(kind), Effect(effect) if effect else None)
        )

    @work(exclusive=True, group="dialog")
    async def action_tags(self) -> None:
        key = self.current_card_key()
        if key is None:
            return
        card = self.draft.card(key)
        answer = await self.app.push_screen_wait(
            CardTagsDialog(self.draft.details.tags, card.tags, literal_line(card.text))
        )
        if answer is None or not self.draft.has_card(key):
            return
        tags, declare = answer
        self.after_edit(self.draft.set_card_tags(key, tags, declare))
        self.show_filters()

    @work(exclusive=True, group="dialog")
    async def action_move_to(self) -> None:
        key = self.current_card_key()
        if key is None:
            return
        here = self.draft.level_of(key).key
        options = [
            (str(level.key), Content.assemble(f"{number}  ", literal_line(level.name)))
            for number, level in enumerate(self.draft.levels, start=1)
        ]
        chosen = await self.app.push_screen_wait(
            ChooseDialog("Move this card to which level?", "", options, str(here))
        )
        if chosen is None or not self.draft.has_card(key):
            return
        level_key = int(chosen)
        edit = self.draft.move_card(key, level_key)
        self.after_edit(edit)
        if edit is not None:
            name = self.draft.level(level_key).name
            self.say(f"Moved to the end of {name}.")

    def action_take_suggestion(self) -> None:
        shown = self.query_one(CardPanel).shown
        if isinstance(shown, CardShown) and shown.rewrite is not None:
            edit = self.draft.set_card_text(shown.card.key, shown.rewrite, typing=False)
            self.after_edit(edit)
            self.say("The doctor's wording is in. ctrl+z takes it back.")

    def action_shift(self, step: int) -> None:
        where = self.context()
        if where == "cards":
            self.shift_card(step)
        elif where == "levels" and self._level_key is not None:
            index = self.draft.level_index(self._level_key)
            self.after_edit(self.draft.move_level(self._level_key, index + step))
            self.query_one(LevelsPane).highlight(self._level_key)
        elif where == "landing":
            self.shift_landing(step)

    def shift_card(self, step: int) -> None:
        key = self.current_card_key()
        if key is None:
            return
        draft = self.draft
        level_index, card_index = draft.position(key)
        level = draft.levels[level_index]
        target = card_index + step
        if 0 <= target < len(level.cards):
            edit = draft.move_card(key, level.key, target)
        elif step < 0 and level_index > 0:
            edit = draft.move_card(key, draft.levels[level_index - 1].key)
        elif step > 0 and level_index + 1 < len(draft.levels):
            edit = draft.move_card(key, draft.levels[level_index + 1].key, 0)
        else:
            return
        self.after_edit(edit)

    def action_find(self) -> None:
        self.query_one("#find", Input).focus()

    def clear_filter(self) -> None:
        self.filter = Filter()
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#find", Input).value = ""
            for select in self.query(Select):
                select.clear()
        self.show_rows()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    # --- levels, tags, landing cards -----------------------------------------------------

    def action_edit(self) -> None:
        where = self.context()
        if where == "levels":
            self.edit_level()
        elif where == "tags":
            self.edit_tag()
        elif where == "landing":
            self.edit_landing()

    @work(exclusive=True, group="dialog")
    async def add_level(self) -> None:
        draft = self.draft
        if len(draft.levels) >= MAX_LEVELS:
            self.notify(f"A deck has at most {MAX_LEVELS} levels.", markup=False)
            return
        index = (
            draft.level_index(self._level_key) + 1
            if self._level_key is not None
            else len(draft.levels)
        )
        form = await self.app.push_screen_wait(
            LevelDialog(
                index + 1, LevelForm("", "", None, None), self._usual_unlock(index), DEFAULT_SETTLE
            )
        )
        if form is None:
            return
        level = draft.add_level(
            form.name, index, description=form.description, unlock=form.unlock, settle=form.settle
        )
        self._level_key = level.key
        self.after_edit(draft.next_undo)
        self.query_one(LevelsPane).highlight(level.key)

    def _usual_unlock(self, index: int) -> int:
        unlocks = self.draft.unlocks()
        previous = unlocks[index - 1] if 0 < index <= len(unlocks) else 0
        return 0 if index == 0 else previous + 3 * index

    @work(exclusive=True, group="dialog")
    async def edit_level(self) -> None:
        key = self._level_key
        if key is None:
            return
        index = self.draft.level_index(key)
        level = self.draft.levels[index]
        form = await self.app.push_screen_wait(
            LevelDialog(
                index + 1,
                LevelForm(level.name, level.description, level.unlock, level.settle),
                self._usual_unlock(index),
                DEFAULT_SETTLE,
            )
        )
        if form is None:
            return
        self.after_edit(
            self.draft.update_level(
                key,
                name=form.name,
                description=form.description,
                unlock=form.unlock,
                settle=form.settle,
            )
        )

    @work(exclusive=True, group="dialog")
    async def delete_level(self) -> None:
        key = self._level_key
        if key is None:
            return
        level = self.draft.level(key)
        if level.cards:
            answer = await self.app.push_screen_wait(
                ConfirmDialog(
                    Content.assemble("Delete ", literal_line(level.name), "?"),
                    f"It holds {count(len(level.cards), 'card')}; they go with it. "
                    "ctrl+z brings them back.",
                    [
                        Answer("delete", "Delete the level and its cards"),
                        Answer("keep", "Keep it", True),
                    ],
                )
            )
            if answer != "delete":
                return
        self.after_edit(self.draft.delete_level(key))
        self._level_key = self.query_one(LevelsPane).highlighted_key
        self.say("Level deleted. ctrl+z brings it back.")

    @work(exclusive=True, group="dialog")
    async def add_tag(self) -> None:
        answer = await self.app.push_screen_wait(
            TagDialog("A new tag", taken=self.draft.declared_tags())
        )
        if answer is not None:
            self.after_edit(self.draft.set_tags((*self.draft.details.tags, answer)))
            self.show_filters()

    @work(exclusive=True, group="dialog")
    async def edit_tag(self) -> None:
        tag = self._tag
        labels = dict(self.draft.details.tags)
        if tag is None or tag not in labels:
            return
        answer = await self.app.push_screen_wait(
            TagDialog("Change a tag", tag, labels[tag], taken=self.draft.declared_tags())
        )
        if answer is not None:
            self.after_edit(self.draft.rename_tag(tag, *answer))
            self._tag = answer[0]
            self.show_filters()

    @work(exclusive=True, group="dialog")
    async def remove_tag(self) -> None:
        tag = self._tag
        if tag is None or tag not in self.draft.declared_tags():
            return
        uses = self.draft.tag_uses().get(tag, 0)
        if uses:
            answer = await self.app.push_screen_wait(
                ConfirmDialog(
                    Content.assemble("Remove the tag ", literal_line(tag), "?"),
                    f"{count(uses, 'card')} carry it; it comes off them too. "
                    "ctrl+z brings it back.",
                    [Answer("remove", "Remove it"), Answer("keep", "Keep it", True)],
                )
            )
            if answer != "remove":
                return
        self.after_edit(self.draft.remove_tag(tag))
        self._tag = self.query_one(DetailsPane).highlighted_tag
        self.show_filters()

    @work(exclusive=True, group="dialog")
    async def add_landing(self) -> None:
        text = await self.app.push_screen_wait(
            TextDialog(
                "A landing card", placeholder="What is one small thing you are looking forward to?"
            )
        )
        if text is None:
            return
        landing = list(self.draft.ending.landing)
        index = self.query_one(EndingPane).highlighted_landing
        where = len(landing) if index is None else index + 1
        landing.insert(where, text)
        self.after_edit(self.draft.set_landing(tuple(landing)))
        self.query_one(EndingPane).highlight(where)

    @work(exclusive=True, group="dialog")
    async def edit_landing(self) -> None:
        index = self.query_one(EndingPane).highlighted_landing
        landing = list(self.draft.ending.landing)
        if index is None or index >= len(landing):
            return
        text = await self.app.push_screen_wait(TextDialog("A landing card", landing[index]))
        if text is None:
            return
        landing[index] = text
        self.after_edit(self.draft.set_landing(tuple(landing)))

    def delete_landing(self) -> None:
        index = self.query_one(EndingPane).highlighted_landing
        landing = list(self.draft.ending.landing)
        if index is None or index >= len(landing):
            return
        del landing[index]
        self.after_edit(self.draft.set_landing(tuple(landing)))
        self.say("Landing card deleted. ctrl+z brings it back.")

    def shift_landing(self, step: int) -> None:
        index = self.query_one(EndingPane).highlighted_landing
        landing = list(self.draft.ending.landing)
        if index is None or not 0 <= index + step < len(landing):
            return
        landing.insert(index + step, landing.pop(index))
        self.after_edit(self.draft.set_landing(tuple(landing)))
        self.query_one(EndingPane).highlight(index + step)

    # --- undo and redo -------------------------------------------------------------------

    def action_undo(self) -> None:
        self._added = None
        edit = self.draft.undo()
        if edit is not None:
            self.after_edit(edit)
            self.go_to(edit.focus())
            self.say(f"Undone: {edit.label.lower()}. ctrl+y makes it again.")

    def action_redo(self) -> None:
        edit = self.draft.redo()
        if edit is not None:
            self.after_edit(edit)
            self.go_to(edit.focus())
            self.say(f"Made again: {edit.label.lower()}.")

    def go_to(self, target: tuple[str, Any] | Target | None) -> None:
        """Show the thing an edit (or a problem) is about, in its tab."""
        if target is None:
            return
        kind, what = target
        tabs = self.query_one(TabbedContent)
        if kind == "card":
            tabs.active = "cards"
            if self.draft.has_card(what):
                cursor = row_of_card(self.rows, self.draft, what)
                if cursor is None:
                    self.clear_filter()
                    cursor = row_of_card(self.rows, self.draft, what)
                if cursor is not None:
                    self.query_one(CardList).cursor = cursor
        elif kind in ("level", "level-at"):
            tabs.active = "levels"
            self.show_levels()
            if kind == "level-at" and what < len(self.draft.levels):
                what = self.draft.levels[what].key
            self.query_one(LevelsPane).highlight(what)
            self._level_key = what
        elif kind == "deck":
            tabs.active = "levels" if what == "" else "details"
        elif kind in ("ending", "landing"):
            tabs.active = "ending"

    # --- leaving, saving, trying, exporting ----------------------------------------------

    def action_leave(self) -> None:
        if self.context() in ("typing", "choosing"):
            self._drop_added_if_empty()
            self._focus_tab()
            return
        self.leave()

    @work(exclusive=True, group="dialog")
    async def leave(self) -> None:
        if await self.settle_unsaved("Save your changes before you go?", "Leave without saving"):
            self.dismiss()

    def ask_before_quitting(self) -> bool:
        """Quitting: ask first when there are unsaved changes; True when asking.

        After the answer (saved, or the changes let go of) the studio asks the app to quit
        again, and lets it.
        """
        if self._let_go or not self.draft.dirty:
            return False
        self.quit_after_asking()
        return True

    @work(exclusive=True, group="dialog")
    async def quit_after_asking(self) -> None:
        if await self.settle_unsaved("Save your changes before you quit?", "Quit without saving"):
            self._let_go = True
            await self.app.action_quit()

    async def settle_unsaved(self, question: str, let_go: str) -> bool:
        """True when it is fine to close the studio: nothing unsaved, saved, or let go of."""
        self._drop_added_if_empty()
        if not self.draft.dirty:
            return True
        answer = await self.app.push_screen_wait(
            ConfirmDialog(
                question,
                Content.assemble(
                    "You changed ",
                    literal_line(self.draft.details.name),
                    " since you last saved it.",
                ),
                [
                    Answer("save", "Save", True),
                    Answer("drop", let_go),
                    Answer("stay", "Keep editing"),
                ],
            )
        )
        if answer == "drop":
            return True
        if answer == "save":
            return await self.save()
        return False

    def action_save(self) -> None:
        self.save_now()

    @work(exclusive=True, group="dialog")
    async def save_now(self) -> None:
        await self.save()

    def valid_deck(self, doing: str) -> Deck | None:
        """The deck as it is now when it has no errors; else None, showing the first error."""
        self._drop_added_if_empty()
        self.draft.seal()
        check = check_whole(Snapshot.of(self.draft, self.source), lint=False)
        if check.deck is not None:
            return check.deck
        changed = [key for key, version in self._changed_cards.items() if version > check.version]
        self.book.take_whole(check, changed)
        self.show_rows()
        self.show_pane()
        self.show_status()
        first = check.error_list[0]
        self.go_to(check.first_error)
        errors = len(check.error_list)
        self.notify(
            f"Fix {'this error' if errors == 1 else f'these {errors} errors'} before you {doing}: "
            f"{first.message}",
            severity="warning",
            markup=False,
        )
        return None

    async def save(self) -> bool:
        """Save the deck (asking first if its file changed on disk); True when it is saved."""
        deck = self.valid_deck("save")
        if deck is None:
            return False
        path = self.path or files.free_path(files.user_decks(), deck.name)
        disk = self.disk or DiskCopy.of(path)
        if disk.changed():
            answer = await self.app.push_screen_wait(
                ConfirmDialog(
                    "This deck changed on disk",
                    Content.assemble(
                        "Since you opened it here, something else saved ",
                        literal_line(str(path)),
                        " (another program, perhaps a text editor). Saving now would replace "
                        "that version with yours.",
                    ),
                    [
                        Answer("keep", "Save mine over it"),
                        Answer("reload", "Open theirs (drop my changes)"),
                        Answer("cancel", "Cancel", True),
                    ],
                )
            )
            if answer == "reload":
                self.reload()
                return False
            if answer != "keep":
                return False
        elif not self._warned_comments and _has_comments(disk.data):
            answer = await self.app.push_screen_wait(
                ConfirmDialog(
                    "Comments in the file",
                    "The file has comments (lines starting with #). The studio saves decks in "
                    "the standard layout, which has none: saving leaves them out.",
                    [Answer("save", "Save without them"), Answer("cancel", "Cancel", True)],
                )
            )
            if answer != "save":
                return False
            self._warned_comments = True  # asked once, answered: not again in this sitting
        try:
            self.disk = files.write_atomically(path, deck_to_toml(deck))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.notify(
                f"Could not save to {path}: {reason}. Export a copy with F9.",
                severity="error",
                markup=False,
            )
            return False
        self.path = path
        self.draft.mark_saved()
        self.say(f"Saved to {path}.")
        self.show_status()
        self.refresh_bindings()
        return True

    def reload(self) -> None:
        """Take the file as it is on disk now, dropping the changes made here."""
        assert self.path is not None
        try:
            deck, disk = files.read_deck(self.path)
        except Exception as error:  # DeckError or OSError: the file is not a deck right now
            self.notify(
                f"The file on disk can't be opened as a deck now: {error}. Your changes are "
                "still here.",
                severity="error",
                markup=False,
            )
            return
        self.draft = Draft.from_deck(deck)
        self.disk = disk
        self._changed_cards.clear()
        self.book = ProblemBook()
        self.check_everything()
        self.clear_filter()
        self.show_filters()
        self.show_pane(reload=True)
        self.show_status()
        self.say("Opened the version on disk.")

    def action_try_it(self) -> None:
        deck = self.valid_deck("try it")
        if deck is not None:
            self.post_message(self.TryDeck(self, deck))

    @work(exclusive=True, group="dialog")
    async def action_export(self) -> None:
        deck = self.valid_deck("export it")
        if deck is None:
            return
        choice = await self.app.push_screen_wait(
            ChooseDialog(
                "Export",
                "A copy of the deck as it is now, saved or not.",
                [
                    ("csv", "A spreadsheet (CSV), to edit in a spreadsheet program"),
                    ("a4", "A page of cards to print and cut out, A4 paper"),
                    ("letter", "A page of cards to print and cut out, US Letter paper"),
                ],
            )
        )
        if choice is None:
            return
        csv_path, cards_path = files.export_paths(self.path, deck.name)
        default = csv_path if choice == "csv" else cards_path
        typed = await self.app.push_screen_wait(
            PathDialog("Export to which file?", "", str(default), "Export")
        )
        if typed is None:
            return
        path = Path(typed).expanduser()
        if path.exists():
            answer = await self.app.push_screen_wait(
                ConfirmDialog(
                    "That file exists",
                    Content.assemble(literal_line(str(path)), " is there already. Replace it?"),
                    [Answer("replace", "Replace it"), Answer("cancel", "Cancel", True)],
                )
            )
            if answer != "replace":
                return
        try:
            if choice == "csv":
                files.export_csv(deck, path)
            else:
                files.export_cards(deck, path, Paper(choice))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.notify(f"Could not write {path}: {reason}.", severity="error", markup=False)
            return
        self.say(f"Wrote {path}.")


def _has_comments(data: bytes | None) -> bool:
    if not data:
        return False
    text = data.decode("utf-8", errors="replace")
    return any(line.lstrip().startswith("#") for line in text.splitlines())
