"""Provides `TableScreen`: the card, the two seats, the jar and the ladder, and the moves."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Provider
from textual.containers import Center, Horizontal
from textual.content import Content
from textual.widgets import Button, Footer, Rule, Static

from h2h_game.engine import Action, GameState, Phase
from h2h_game.session import Session
from h2h_game.tui.commands import TableCommands
from h2h_game.tui.intents import action_for
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.screens.overlays import sync_overlay
from h2h_game.tui.text import literal_line
from h2h_game.tui.widgets.card import CardView
from h2h_game.tui.widgets.jar import TrustJar
from h2h_game.tui.widgets.ladder import Ladder
from h2h_game.tui.widgets.seat import Seat
from h2h_game.tui.words import LABELS, answer_label, meet_label

# The moves that get a button under the card; the rest live in the footer (also clickable).
BUTTONS = (
    ("answer", "a"),
    ("pass", "p"),
    ("remove", "x"),
    ("lead-the-way", "g"),
    ("reflect", "r"),
    ("felt-heard", "h"),
    ("not-quite", "n"),
    ("meet", "m"),
    ("thank-you", "t"),
    ("draw-another", "c"),
    ("hand-over", "o"),
)
# When a level's pile is empty the way on is a change of level, so those get buttons too.
EMPTY_PILE_BUTTONS = (("go-lighter", "l"), ("ask-deeper", "d"), ("wrap-up", "w"))
BUTTON_KEYS = dict(BUTTONS)
ALL_BUTTON_KEYS = dict(BUTTONS + EMPTY_PILE_BUTTONS)


class TableScreen(H2HScreen):
    """The table: everything two people need, and only the moves that are legal now."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("a", "play('answer')", "Answered", tooltip="I answered this card"),
        Binding("p", "play('pass')", "Pass", tooltip="Pass this card: free, no reason asked"),
        Binding(
            "x", "play('remove')", "Remove", tooltip="Remove this card for the rest of the game"
        ),
        Binding("r", "play('reflect')", "Reflect", tooltip="Say back what you heard"),
        Binding("h", "play('felt-heard')", "Felt heard", tooltip="That reflection landed"),
        Binding("n", "play('not-quite')", "Not quite", tooltip="Not quite: try again"),
        Binding("m", "play('meet')", "Meet", tooltip="Meet them there: answer it too"),
        Binding("t", "play('thank-you')", "Thanks", tooltip="Thank them without answering"),
        Binding("c", "play('draw-another')", "Another", tooltip="Draw another card"),
        Binding("o", "play('hand-over')", "Hand over", tooltip="Hand the turn over"),
        Binding("g", "play('lead-the-way')", "Lead", tooltip="Draw from one level deeper"),
        Binding("d", "play('ask-deeper')", "Deeper", tooltip="Ask to go one level deeper"),
        Binding("l", "play('go-lighter')", "Lighter", tooltip="Step back to a lighter level"),
        Binding("s", "play('quiet-moment')", "Quiet", tooltip="A quiet moment together"),
        Binding("u", "play('undo')", "Undo", tooltip="Take back the last key press"),
        Binding("space", "play('pause')", "Pause", tooltip="Hide the card for a while"),
        Binding("w", "play('wrap-up')", "Wrap up", tooltip="End the game here"),
        Binding("q", "leave", "Leave", tooltip="Save and leave the table"),
    ]

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {TableCommands}

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def state(self) -> GameState:
        return self.session.state

    def compose(self) -> ComposeResult:
        with Horizontal(id="table-header"):
            yield Static(id="deck-title")
            yield Static(id="where")
        yield Rule(line_style="heavy")
        yield TrustJar(id="jar")
        yield Ladder(id="ladder")
        with Center(id="card-row"):
            yield CardView(id="card")
        with Horizontal(id="seats"):
            yield Seat(0)
            yield Seat(1)
        with Horizontal(id="moves"):
            for intent, _ in BUTTONS + EMPTY_PILE_BUTTONS:
                # Every move has its own key, so the buttons are for the mouse: keeping focus
                # off them spares a footer rebuild on every move (benchmarks/ui_bench.py).
                move = Button(name=intent, classes=f"move move-{intent}", compact=True)
                move.can_focus = False
                yield move
        # ctrl+p still opens the palette (help says so); its footer slot goes to the moves.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sync()

    def on_unmount(self) -> None:
        # However the table goes (leave, play again, ctrl+q), its save's lock goes with it.
        self.session.close()

    def on_resize(self) -> None:
        # At 80 columns every legal move, Leave and Help only fit in the compact footer.
        self.query_one(Footer).compact = self.size.width < 100

    # --- acting --------------------------------------------------------------------------

    def act(self, action: Action) -> bool:
        """Apply and save an action; tell the players plainly when it cannot be done."""
        problem = self.session.act(action)
        if problem is not None:
            self.notify(problem, severity="warning", markup=False)
            return False
        self.sync()
        return True

    def action_play(self, intent: str) -> None:
        action = action_for(self.state, intent)
        if action is not None:
            self.act(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "play":
            if self.session.read_only:
                return False
            return action_for(self.state, str(parameters[0])) is not None
        return True

    @on(Button.Pressed, "#moves Button")
    def press_move(self, event: Button.Pressed) -> None:
        event.stop()
        intent = (event.button.name or "").strip()
        self.action_play(intent)

    def action_leave(self) -> None:
        self.h2h.leave_table(self)

    # --- showing -------------------------------------------------------------------------

    def sync(self) -> None:
        """Show the current state, and the overlay it calls for (offer, quiet, pause, end)."""
        self.show()
        self.refresh_bindings()
        sync_overlay(self)

    def show(self) -> None:
        state = self.state
        deck = state.deck
        level = deck.level(state.moment.level)
        read_only = (
            ("  ·  read only: open in another window", "$warning") if self.session.read_only else ""
        )
        self.query_one("#deck-title", Static).update(
            Content.assemble(("Heart to Heart", "bold"), " · ", literal_line(deck.name), read_only)
        )
        self.query_one("#where", Static).update(
            Content.assemble(
                f"Level {level.number} of {len(deck.levels)} · ", literal_line(level.name)
            )
        )
        self.query_one(TrustJar).show(state)
        self.query_one(Ladder).show(state)
        self.query_one(CardView).show(state)
        for seat in self.query(Seat):
            seat.show(state)
        self._show_moves(state)

    def _show_moves(self, state: GameState) -> None:
        """Show a button for each move that is legal now, labelled for this card."""
        empty = state.moment.phase is Phase.EMPTY
        for button in self.query("#moves Button").results(Button):
            intent = button.name or ""
            wanted = (
                not self.session.read_only
                and (intent in BUTTON_KEYS or empty)
                and action_for(state, intent) is not None
            )
            button.display = wanted
            if wanted:
                button.label = self._label(state, intent, ALL_BUTTON_KEYS[intent])

    @staticmethod
    def _label(state: GameState, intent: str, key: str) -> Content:
        if intent == "answer":
            words = answer_label(state.card)
        elif intent == "meet":
            words = meet_label(state.card)
        else:
            words = LABELS[intent]
        return Content.assemble(words, "  ", (key, "dim"))
