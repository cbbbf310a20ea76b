"""Provides the steps of setting the table, one small widget each.

Each step knows its own title, whether it applies, how to show itself, how to take in what was
chosen (saying plainly what is missing), and posts `Step.Done` when the players finish it with
its own key. The new-game screen only moves between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from h2h_game.decks.library import DeckEntry
from h2h_game.engine import (
    DEFAULT_COLOURS,
    DEFAULT_NAMES,
    NAME_LIMIT,
    Deck,
    Length,
    SetupError,
    player_name,
    same_names,
)
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.widgets.agreement import Agreement
from h2h_game.tui.wording import HOW_A_TURN_GOES, RITUAL, plural

DEFAULT_DECK = "Heart to Heart"

LENGTHS = (
    (Length.SHORT, "Short", "about 8 cards"),
    (Length.EVENING, "Evening", "about 20 cards"),
    (Length.OPEN, "Open", "until you wrap up or run out of cards"),
)


@dataclass
class Choices:
    """What the players have chosen so far."""

    deck: Deck | None = None
    names: list[str] = field(default_factory=lambda: ["", ""])
    colours: tuple[str, str] = DEFAULT_COLOURS
    lines: list[set[str]] = field(default_factory=lambda: [set(), set()])
    length: Length = Length.EVENING
    first: int | None = None
    hints: bool = True

    def players(self) -> tuple[str, str]:
        """The names as they will be shown (the defaults for names left empty)."""
        return (
            player_name(self.names[0], DEFAULT_NAMES[0]),
            player_name(self.names[1], DEFAULT_NAMES[1]),
        )


class Step(Vertical):
    """One step of setting the table."""

    TITLE: ClassVar[str] = ""

    class Done(Message):
        """The players finished this step with its own key: move on."""

    def applies(self, choices: Choices) -> bool:
        """Whether this step is asked at all, given what was chosen before it."""
        return True

    def enter(self, choices: Choices) -> None:
        """Show the step for these choices and focus what the players will use."""

    def leave(self, choices: Choices) -> str | None:
        """Take in what this step chose; a plain sentence when it cannot be left yet ("" to
        stay on the step without a word)."""
        return None


def where_from(entry: DeckEntry) -> str:
    """Where a deck came from, in words."""
    if entry.source.value == "bundled":
        return "Comes with the game"
    return f"From {entry.folder.describe()}"


class DeckStep(Step):
    """Choose a deck: every one found, with who it is for and how deep it goes."""

    TITLE = "Choose a deck"

    def __init__(self, entries: list[DeckEntry], *, id: str) -> None:
        super().__init__(id=id)
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Horizontal(id="deck-choice"):
            yield OptionList(id="decks")
            with VerticalScroll(id="deck-details-box"):
                yield Static(id="deck-details")

    def on_mount(self) -> None:
        options = self.query_one("#decks", OptionList)
        default = None
        for index, entry in enumerate(self.entries):
            if entry.deck is None:
                label = Content.assemble(literal_line(entry.label), ("  can't be read", "$error"))
                options.add_option(Option(label, id=str(index), disabled=True))
                continue
            options.add_option(Option(literal_line(entry.label), id=str(index)))
            if default is None or (
                entry.deck.name == DEFAULT_DECK and entry.source.value == "bundled"
            ):
                default = index
        if default is not None:
            options.highlighted = default
        else:
            self.query_one("#deck-details", Static).update(
                Content("No decks were found. Try h2h deck new, or --decks DIR.")
            )

    def enter(self, choices: Choices) -> None:
        self.query_one("#decks", OptionList).focus()
        self._show_details()

    def leave(self, choices: Choices) -> str | None:
        entry = self._highlighted()
        if entry is None or entry.deck is None:
            return "Choose a deck first."
        choices.deck = entry.deck
        return None

    def _highlighted(self) -> DeckEntry | None:
        option = self.query_one("#decks", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.entries[int(option.id)]

    @on(OptionList.OptionHighlighted, "#decks")
    def _show_details(self) -> None:
        entry = self._highlighted()
        details = self.query_one("#deck-details", Static)
        if entry is None:
            return
        if entry.deck is None:
            details.update(
                Content.assemble(
                    ("This deck can't be read\n\n", "bold"), literal(entry.error or "")
                )
            )
            return
        deck = entry.deck
        parts: list[Content | str | tuple[str, str]] = [literal_line(deck.name).stylize("bold")]
        if deck.audience:
            parts += [
                "\n",
                Content.assemble("For: ", literal_line(deck.audience)).stylize("italic"),
            ]
        if deck.description:
            parts += ["\n\n", literal(deck.description)]
        if deck.how_to_play:
            parts += ["\n\n", literal(deck.how_to_play).stylize("italic")]
        parts.append("\n")
        for level in deck.levels:
            parts += [
                "\n",
                literal_line(level.name),
                (f"  {plural(len(level.cards), 'card')}", "dim"),
            ]
        parts += ["\n\n", (where_from(entry), "dim")]
        details.update(Content.assemble(*parts))

    @on(OptionList.OptionSelected, "#decks")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Done())


class NamesStep(Step):
    """Who is playing: player 1 on the left (f), player 2 on the right (j)."""

    TITLE = "Who is playing?"

    def compose(self) -> ComposeResult:
        yield Static("Player 1 sits on the left (agrees with f)", classes="field-label")
        yield Input(placeholder=DEFAULT_NAMES[0], id="name-0", max_length=NAME_LIMIT * 4)
        yield Static("Player 2 sits on the right (agrees with j)", classes="field-label")
        yield Input(placeholder=DEFAULT_NAMES[1], id="name-1", max_length=NAME_LIMIT * 4)
        yield Static(id="name-error", classes="error")

    def enter(self, choices: Choices) -> None:
        for player in (0, 1):
            field_ = self.query_one(f"#name-{player}", Input)
            if field_.value != choices.names[player]:
                field_.value = choices.names[player]
        self.query_one("#name-0", Input).focus()

    def leave(self, choices: Choices) -> str | None:
        names = [self.query_one(f"#name-{p}", Input).value for p in (0, 1)]
        shown: list[str] = []
        for player, which in ((0, "first"), (1, "second")):
            try:
                shown.append(player_name(names[player], DEFAULT_NAMES[player]))
            except SetupError as error:
                return self._refuse(f"The {which} name: {error}")
        if same_names(shown[0], shown[1]):
            return self._refuse(
                f"Both of you are called {shown[0]}: give one of you another name, so the "
                "table can tell you apart."
            )
        self.query_one("#name-error", Static).update("")
        choices.names = names
        return None

    def _refuse(self, problem: str) -> str:
        self.query_one("#name-error", Static).update(Content(problem))
        return problem

    @on(Input.Submitted, "#name-0")
    def _first_done(self, event: Input.Submitted) -> None:
        # Enter after the first name moves to the second; it never skips it.
        event.stop()
        self.query_one("#name-1", Input).focus()

    @on(Input.Submitted, "#name-1")
    def _second_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())


class LookAwayStep(Step):
    """Before a player's private lines: the other looks away."""

    TITLE = "Private lines"

    def __init__(self, player: int, *, id: str) -> None:
        super().__init__(id=id)
        self.player = player

    def compose(self) -> ComposeResult:
        yield Static(id=f"look-text-{self.player}", classes="curtain")

    def applies(self, choices: Choices) -> bool:
        return choices.deck is not None and bool(choices.deck.used_tags())

    def enter(self, choices: Choices) -> None:
        self.screen.set_focus(None)  # enter belongs to the screen here: "nobody can see"
        players = choices.players()
        self.query_one(Static).update(
            Content.assemble(
                literal_line(players[1 - self.player]).stylize("bold"),
                ", please look away for a moment.\n\n",
                literal_line(players[self.player]).stylize("bold"),
                ": you can leave out topics you don't want to come up tonight. "
                "Press enter when nobody else can see the screen.",
            )
        )


class _Topics(SelectionList[str]):
    """Topics to tick: space ticks one, enter is done."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "done", "Done", show=False)]

    def action_done(self) -> None:
        self.post_message(Step.Done())


class LinesStep(Step):
    """A player's private lines: topics to leave out tonight. Nobody sees what is ticked."""

    TITLE = "Private lines"

    def __init__(self, player: int, *, id: str) -> None:
        super().__init__(id=id)
        self.player = player

    def compose(self) -> ComposeResult:
        yield Static(id=f"lines-intro-{self.player}")
        yield _Topics(id=f"lines-list-{self.player}", classes="lines-list")
        yield Static(
            "Nobody will see what you tick, how many, or whose lines they were.",
            classes="hint",
            markup=False,
        )

    def applies(self, choices: Choices) -> bool:
        return choices.deck is not None and bool(choices.deck.used_tags())

    def enter(self, choices: Choices) -> None:
        assert choices.deck is not None
        name = literal_line(choices.players()[self.player]).stylize("bold")
        self.query_one(f"#lines-intro-{self.player}", Static).update(
            Content.assemble(name, ": tick any topic to leave out tonight (space), then enter.")
        )
        topics = self.query_one(_Topics)
        topics.clear_options()
        topics.add_options(
            Selection(
                literal_line(choices.deck.tag_label(tag)), tag, tag in choices.lines[self.player]
            )
            for tag in choices.deck.used_tags()
        )
        topics.highlighted = 0
        topics.focus()

    def leave(self, choices: Choices) -> str | None:
        topics = self.query_one(_Topics)
        choices.lines[self.player] = set(topics.selected)
        topics.clear_options()  # the next player must not see these ticks
        return None


class LengthStep(Step):
    """How long tonight: Short, Evening or Open."""

    TITLE = "How long tonight?"

    def compose(self) -> ComposeResult:
        yield Static(
            "Either of you can wrap up at any time, whatever you choose here.", classes="hint"
        )
        yield OptionList(id="lengths")

    def on_mount(self) -> None:
        lengths = self.query_one("#lengths", OptionList)
        for length, name, detail in LENGTHS:
            lengths.add_option(Option(Content.assemble((name, "bold"), f" · {detail}"), id=length))

    def enter(self, choices: Choices) -> None:
        lengths = self.query_one("#lengths", OptionList)
        lengths.highlighted = [length for length, _, _ in LENGTHS].index(choices.length)
        lengths.focus()

    def leave(self, choices: Choices) -> str | None:
        option = self.query_one("#lengths", OptionList).highlighted_option
        if option is not None and option.id is not None:
            choices.length = Length(option.id)
        return None

    @on(OptionList.OptionSelected, "#lengths")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Done())


class RitualStep(Step):
    """Set the table: how a turn goes (skippable), then the ritual, confirmed by both."""

    TITLE = "Set the table"

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("How a turn goes\n\n", "bold"),
                "\n".join(HOW_A_TURN_GOES),
                ("\n\nPress enter when you have read it, or k to skip it.", "dim"),
            ),
            id="how-a-turn-goes",
        )
        with Vertical(id="ritual-face"):
            yield Static("\n".join(f"·  {line}" for line in RITUAL), id="ritual-text", markup=False)
            with Horizontal(classes="agreements"):
                yield Agreement(0, id="ready-0")
                yield Agreement(1, id="ready-1")
        self.ready = [False, False]

    def enter(self, choices: Choices) -> None:
        self.screen.set_focus(None)  # f, j and enter belong to the screen here
        self.ready = [False, False]
        self.players = choices.players()
        self.show_how_to(choices.hints)
        self.show_ready()

    def show_how_to(self, shown: bool) -> None:
        self.query_one("#how-a-turn-goes").display = shown
        self.query_one("#ritual-face").display = not shown

    @property
    def reading(self) -> bool:
        """Still on "How a turn goes": enter or k moves on to the ritual itself."""
        return bool(self.query_one("#how-a-turn-goes").display)

    def show_ready(self) -> None:
        for player, name in enumerate(self.players):
            tick = (
                ("✓ ready", "$success")
                if self.ready[player]
                else (f"press {'fj'[player]} when ready", "dim")
            )
            self.query_one(f"#ready-{player}", Static).update(
                Content.assemble(literal_line(name).stylize("bold"), "\n", tick)
            )

    def agree(self, player: int) -> None:
        """A player is ready; when both are, the step is done."""
        if self.reading or self.ready[player]:
            return
        self.ready[player] = True
        self.show_ready()
        if all(self.ready):
            self.post_message(self.Done())

    def leave(self, choices: Choices) -> str | None:
        if self.reading:
            self.show_how_to(False)
            return ""  # on to the ritual itself, still on this step: nothing to complain of
        if not all(self.ready):
            return "Both of you confirm first: player 1 presses f, player 2 presses j."
        return None


class FirstStep(Step):
    """Who speaks first: chance, or a volunteer."""

    TITLE = "Who speaks first?"

    def compose(self) -> ComposeResult:
        yield OptionList(id="firsts")

    def enter(self, choices: Choices) -> None:
        options = self.query_one("#firsts", OptionList)
        options.clear_options()
        options.add_option(Option(Content("Let chance decide"), id="chance"))
        for player, name in enumerate(choices.players()):
            options.add_option(
                Option(Content.assemble(literal_line(name), " goes first"), id=str(player))
            )
        options.highlighted = 0
        options.focus()

    def leave(self, choices: Choices) -> str | None:
        option = self.query_one("#firsts", OptionList).highlighted_option
        choices.first = int(option.id) if option is not None and option.id in ("0", "1") else None
        return None

    @on(OptionList.OptionSelected, "#firsts")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Done())
