"""Provides `NewGameScreen`: deck, names, private lines, length, the ritual, who goes first.

Every step can be skipped with Enter (its default is sensible) and `ctrl+s` starts straight
away. The lines step is private: each player ticks topics while the other looks away, and
afterwards only the number of topics left out is ever shown.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Input,
    OptionList,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from h2h_game.decks.library import DeckEntry, find_decks
from h2h_game.engine import (
    DEFAULT_COLOURS,
    DEFAULT_NAMES,
    NAME_LIMIT,
    Deck,
    Length,
    SetupError,
    player_name,
)
from h2h_game.tui.launch import Preset
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.text import literal, literal_line
from h2h_game.tui.widgets.agreement import Agreement
from h2h_game.tui.words import RITUAL

DEFAULT_DECK = "Heart to Heart"

LENGTHS = (
    (Length.SHORT, "Short", "about 8 cards"),
    (Length.EVENING, "Evening", "about 20 cards"),
    (Length.OPEN, "Open", "until you wrap up or run out of cards"),
)

STEPS = ("deck", "names", "look-0", "lines-0", "look-1", "lines-1", "length", "ritual", "first")


def where_from(entry: DeckEntry) -> str:
    """Where a deck came from, in words."""
    if entry.source.value == "bundled":
        return "Comes with the game"
    return f"From {entry.folder.describe()}"


class NewGameScreen(H2HScreen):
    """Setting the table for a new game, one short step at a time."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "next", "Next", priority=True),
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "start_now", "Start now"),
        Binding("f", "ready(0)", "Player 1 ready"),
        Binding("j", "ready(1)", "Player 2 ready"),
    ]

    def __init__(self, preset: Preset, deck: Deck | None = None) -> None:
        super().__init__()
        self.preset = preset
        self.deck: Deck | None = deck
        self.names = list(preset.names or ("", ""))
        self.colours = preset.colours or DEFAULT_COLOURS
        self.lines: list[set[str]] = [set(), set()]
        self.length = Length(preset.length) if preset.length else Length.EVENING
        self.ready = [False, False]
        self.entries: dict[str, DeckEntry] = {}
        # Choices already made are not asked again: play again starts at the private lines.
        skip = {"deck"} if deck is not None else set()
        if deck is not None and preset.names:
            skip.add("names")
        self.step = next(step for step in self._steps() if step not in skip)

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="wizard"):
            yield Static(id="step-title", classes="step-title")
            with ContentSwitcher(initial="deck", id="steps"):
                with Horizontal(id="deck"):
                    yield OptionList(id="decks")
                    with VerticalScroll(id="deck-details-box"):
                        yield Static(id="deck-details")
                with Vertical(id="names"):
                    yield Static("Player 1 sits on the left (agrees with f)", classes="field-label")
                    yield Input(placeholder=DEFAULT_NAMES[0], id="name-0", max_length=NAME_LIMIT)
                    yield Static(
                        "Player 2 sits on the right (agrees with j)", classes="field-label"
                    )
                    yield Input(placeholder=DEFAULT_NAMES[1], id="name-1", max_length=NAME_LIMIT)
                    yield Static(id="name-error", classes="error")
                with Vertical(id="look"):
                    yield Static(id="look-text", classes="curtain")
                with Vertical(id="lines"):
                    yield Static(id="lines-intro")
                    yield SelectionList[str](id="lines-list")
                    yield Static(
                        "Nobody will see what you tick, how many, or whose lines they were.",
                        classes="hint",
                        markup=False,
                    )
                with Vertical(id="length"):
                    yield Static(id="lines-count", classes="hint")
                    yield OptionList(id="lengths")
                with Vertical(id="ritual"):
                    yield Static(
                        "\n".join(f"·  {line}" for line in RITUAL),
                        id="ritual-text",
                        markup=False,
                    )
                    with Horizontal(classes="agreements"):
                        yield Agreement(0, self.action_ready, id="ready-0")
                        yield Agreement(1, self.action_ready, id="ready-1")
                with Vertical(id="first"):
                    yield OptionList(id="firsts")
            with Horizontal(id="wizard-buttons"):
                yield Button(Content("Back  esc"), id="back", compact=True)
                yield Button(Content("Next  enter"), id="next", compact=True, variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        for button in self.query("#wizard-buttons Button"):
            button.can_focus = False
        lengths = self.query_one("#lengths", OptionList)
        for length, name, detail in LENGTHS:
            lengths.add_option(Option(Content.assemble((name, "bold"), f" · {detail}"), id=length))
        lengths.highlighted = [length for length, _, _ in LENGTHS].index(self.length)
        for player in (0, 1):
            self.query_one(f"#name-{player}", Input).value = self.names[player]
        self._show_step()

    def _load_decks(self) -> None:
        options = self.query_one("#decks", OptionList)
        found = find_decks(self.h2h.services.deck_dirs)
        self.entries = {str(index): entry for index, entry in enumerate(found)}
        default = None
        for key, entry in self.entries.items():
            if entry.deck is None:
                label = Content.assemble(literal_line(entry.label), ("  broken", "$error"))
                options.add_option(Option(label, id=key, disabled=True))
                continue
            options.add_option(Option(literal_line(entry.label), id=key))
            if default is None or (
                entry.deck.name == DEFAULT_DECK and entry.source.value == "bundled"
            ):
                default = key
        if default is not None:
            options.highlighted = int(default)
        else:
            self.query_one("#deck-details", Static).update(
                Content("No decks were found. Try h2h deck new, or --decks DIR.")
            )

    # --- steps ---------------------------------------------------------------------------

    @property
    def _players(self) -> tuple[str, str]:
        return (
            player_name(self.names[0], DEFAULT_NAMES[0]),
            player_name(self.names[1], DEFAULT_NAMES[1]),
        )

    def _steps(self) -> list[str]:
        steps = list(STEPS)
        if self.deck is not None and not self.deck.used_tags():
            steps = [s for s in steps if not s.startswith(("look", "lines"))]
        return steps

    def _show_step(self) -> None:
        step = self.step
        switcher = self.query_one("#steps", ContentSwitcher)
        panel = step.split("-")[0]
        switcher.current = panel
        steps = self._steps()
        number = steps.index(step) + 1 if step in steps else 1
        titles = {
            "deck": "Choose a deck",
            "names": "Who is playing?",
            "look": "Private lines",
            "lines": "Private lines",
            "length": "How long tonight?",
            "ritual": "Set the table",
            "first": "Who speaks first?",
        }
        self.query_one("#step-title", Static).update(
            Content.assemble((f"{number} of {len(steps)}  ", "dim"), (titles[panel], "bold"))
        )
        if panel == "deck":
            if not self.entries:
                self._load_decks()
            self.query_one("#decks", OptionList).focus()
            self._show_deck_details()
        elif panel == "names":
            self.query_one("#name-0", Input).focus()
        elif panel == "look":
            self._show_curtain(int(step[-1]))
        elif panel == "lines":
            self._show_lines(int(step[-1]))
        elif panel == "length":
            self.query_one("#lengths", OptionList).focus()
        elif panel == "ritual":
            self._show_ready()
        elif panel == "first":
            self._show_firsts()
        self.query_one("#back", Button).label = Content(
            "Back  esc" if steps.index(step) > 0 else "Title  esc"
        )
        self.refresh_bindings()

    def _show_deck_details(self) -> None:
        options = self.query_one("#decks", OptionList)
        option = options.highlighted_option
        details = self.query_one("#deck-details", Static)
        if option is None or option.id is None:
            return
        entry = self.entries[option.id]
        if entry.deck is None:
            details.update(
                Content.assemble(
                    ("This deck can't be read\n\n", "bold"), literal(entry.error or "")
                )
            )
            return
        deck = entry.deck
        parts: list[Content | str | tuple[str, str]] = [literal_line(deck.name).stylize("bold")]
        if deck.description:
            parts += ["\n\n", literal(deck.description)]
        if deck.how_to_play:
            parts += ["\n\n", literal(deck.how_to_play).stylize("italic")]
        parts.append("\n")
        for level in deck.levels:
            parts += ["\n", literal_line(level.name), (f"  {len(level.cards)} cards", "dim")]
        parts += ["\n\n", (where_from(entry), "dim")]
        details.update(Content.assemble(*parts))

    @on(OptionList.OptionHighlighted, "#decks")
    def deck_highlighted(self) -> None:
        self._show_deck_details()

    def _show_curtain(self, player: int) -> None:
        players = self._players
        text = Content.assemble(
            literal_line(players[1 - player]).stylize("bold"),
            ", please look away for a moment.\n\n",
            literal_line(players[player]).stylize("bold"),
            ": you can leave out topics you don't want to come up tonight. "
            "Press enter when nobody else can see the screen.",
        )
        self.query_one("#look-text", Static).update(text)

    def _show_lines(self, player: int) -> None:
        assert self.deck is not None
        name = literal_line(self._players[player]).stylize("bold")
        self.query_one("#lines-intro", Static).update(
            Content.assemble(
                name, ": tick any topic to leave out tonight (space), then press enter."
            )
        )
        selection = self.query_one("#lines-list", SelectionList)
        selection.clear_options()
        selection.add_options(
            Selection(literal_line(self.deck.tag_label(tag)), tag, tag in self.lines[player])
            for tag in self.deck.used_tags()
        )
        selection.highlighted = 0
        selection.focus()

    def _all_lines(self) -> set[str]:
        return self.lines[0] | self.lines[1]

    def _show_ready(self) -> None:
        for player, name in enumerate(self._players):
            tick = (
                ("✓ ready", "$success")
                if self.ready[player]
                else (
                    f"press {'fj'[player]} when ready",
                    "dim",
                )
            )
            self.query_one(f"#ready-{player}", Static).update(
                Content.assemble(literal_line(name).stylize("bold"), "\n", tick)
            )

    def _show_firsts(self) -> None:
        options = self.query_one("#firsts", OptionList)
        options.clear_options()
        options.add_option(Option(Content("Let chance decide"), id="chance"))
        for player, name in enumerate(self._players):
            options.add_option(
                Option(Content.assemble(literal_line(name), " goes first"), id=str(player))
            )
        options.highlighted = 0
        options.focus()

    # --- moving through the steps ------------------------------------------------------

    def action_next(self) -> None:
        if not self._leave_step():
            return
        steps = self._steps()
        index = steps.index(self.step)
        if index + 1 >= len(steps):
            self._start()
            return
        self.step = steps[index + 1]
        self._show_step()

    def action_back(self) -> None:
        steps = self._steps()
        index = steps.index(self.step)
        if index == 0:
            self.dismiss()
            return
        self.step = steps[index - 1]
        if self.step.startswith("lines"):
            self.step = "look-" + self.step[-1]
        self._show_step()

    def action_start_now(self) -> None:
        if self._leave_step():
            self._start()

    def action_ready(self, player: int) -> None:
        if self.step != "ritual":
            return
        self.ready[player] = True
        self._show_ready()
        if all(self.ready):
            self.set_timer(0.6, self._ritual_done)

    def _ritual_done(self) -> None:
        if self.step == "ritual":
            self.action_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ready":
            return self.step == "ritual"
        return True

    def _leave_step(self) -> bool:
        """Take in what this step chose; False (with a message) when it can't be left yet."""
        step = self.step
        if step == "deck":
            option = self.query_one("#decks", OptionList).highlighted_option
            if option is None or option.id is None or self.entries[option.id].deck is None:
                self.notify("Choose a deck first.", severity="warning", markup=False)
                return False
            self.deck = self.entries[option.id].deck
        elif step == "names":
            names = [self.query_one(f"#name-{p}", Input).value for p in (0, 1)]
            try:
                for player, name in enumerate(names):
                    player_name(name, DEFAULT_NAMES[player])
            except SetupError as error:
                self.query_one("#name-error", Static).update(Content(str(error)))
                return False
            self.query_one("#name-error", Static).update(Content(""))
            self.names = names
        elif step.startswith("lines"):
            selection = self.query_one("#lines-list", SelectionList)
            self.lines[int(step[-1])] = set(selection.selected)
            selection.clear_options()  # the next player must not see these ticks
        elif step == "length":
            option = self.query_one("#lengths", OptionList).highlighted_option
            if option is not None and option.id is not None:
                self.length = Length(option.id)
        return True

    def _start(self) -> None:
        if self.deck is None and not self._leave_step_to_deck():
            return
        assert self.deck is not None
        first: int | None = None
        if self.step == "first":
            option = self.query_one("#firsts", OptionList).highlighted_option
            if option is not None and option.id in ("0", "1"):
                first = int(option.id)
        setup = self.h2h.setup_for(
            self.deck,
            names=(self.names[0], self.names[1]),
            colours=self.colours,
            lines=frozenset(self._all_lines()),
            length=self.length,
            seed=self.preset.seed,
            first=first,
        )
        self.h2h.start_game(setup)

    def _leave_step_to_deck(self) -> bool:
        self.step = "deck"
        return self._leave_step()

    @on(Button.Pressed, "#next")
    def next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()
