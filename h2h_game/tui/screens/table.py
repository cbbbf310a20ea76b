"""Provides `TableScreen`: the card, the seats, the jar, the moves, and what the game just said.

The screen holds the game state as a reactive; each part of the table is bound to it and draws
itself. What can be done is asked of the engine once per state (`Session.legal`) and read by
the keys, the buttons, the key bar and the command palette alike. Every move taken gets a line
saying what happened; the first time a move is possible in a game, a line says what it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Rule

from h2h_game.engine import QUIET_GO_ON_AFTER, Action, GameState, Phase
from h2h_game.session import Session, Step
from h2h_game.tui.commands import TableCommands
from h2h_game.tui.literal import literal_line
from h2h_game.tui.messages import FollowGame, HideRemoved, LeaveTable, PlayAgain, ShowHelp
from h2h_game.tui.moves import BY_NAME, MOVES, Choice, choices, keys
from h2h_game.tui.said import first_token, said
from h2h_game.tui.screens.base import H2HScreen
from h2h_game.tui.widgets.agreement import Agreement
from h2h_game.tui.widgets.card import CardView
from h2h_game.tui.widgets.jar import TrustJar
from h2h_game.tui.widgets.keybar import KeyBar
from h2h_game.tui.widgets.ladder import Ladder
from h2h_game.tui.widgets.move_button import MoveButton
from h2h_game.tui.widgets.notice import TooSmall
from h2h_game.tui.widgets.panels import (
    EndingPanel,
    OfferPanel,
    Panel,
    PausePanel,
    QuietPanel,
    SummaryPanel,
    which_panel,
)
from h2h_game.tui.widgets.seat import Seat
from h2h_game.tui.widgets.view import Line, same_look
from h2h_game.tui.wording import answer_label, meet_label

# The moves that get a button under the card; the rest are keys in the key bar (also clickable).
BUTTONS = (
    "answer",
    "pass",
    "remove",
    "lead-the-way",
    "reflect",
    "felt-heard",
    "not-quite",
    "meet",
    "thank-you",
    "draw-another",
    "hand-over",
)
# When a level's pile is empty the way on is a change of level, so those get buttons too.
EMPTY_PILE_BUTTONS = ("go-lighter", "ask-deeper", "wrap-up")
SLOTS = 4
"""Button slots under the card: no moment offers more than four moves as buttons."""
PANELS: dict[str, tuple[type[Panel], str]] = {
    "offer-panel": (OfferPanel, "panel"),
    "quiet-panel": (QuietPanel, "panel calm-panel"),
    "pause-panel": (PausePanel, "panel calm-panel"),
    "ending-panel": (EndingPanel, "panel"),
    "summary-panel": (SummaryPanel, "panel"),
}
"""The panels laid over the table, by id: what each is, and its classes."""
HINT_TURNS = 2
"""A move's hint is shown on at most this many turns, so one move never hides the others'."""
HINT_LINES = 2
"""At most this many moves are explained at once: the hint area is two fixed lines, so a new
hint never moves the rest of the table."""
FOLLOW_EVERY = 1.0
"""Seconds between looks at the save, when this window only follows a game played elsewhere."""

READ_ONLY = "This game is open in another window: this one follows along, and keys do nothing."


class TableScreen(H2HScreen):
    """The table: everything two people need, and only the moves that are possible now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, f"choose({key!r})", " / ".join(m.short for m in MOVES if m.key == key),
                show=False)
        for key in keys()
    ]  # fmt: skip

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {TableCommands}
    CSS_PATH = "table.tcss"

    state: reactive[GameState | None] = reactive(None, init=False, repaint=False)
    """The game as the players see it; each part of the table is bound to it and redraws
    itself (the screen as a whole never needs to)."""

    GO_ON_AFTER: ClassVar[float] = QUIET_GO_ON_AFTER
    """Seconds before a quiet moment's "go on" wakes (tests shorten it)."""

    def __init__(self, session: Session, *, hints: bool = True) -> None:
        super().__init__()
        self.session = session
        self.hints = hints
        self.choices: list[Choice] = []
        self._by_key: dict[str, Choice] = {}
        self._hinted: dict[str, set[int]] = {}
        self._quiet_since: float | None = None
        self._teaching: Content | None = None
        self.removed_were_hidden = False
        """The cards removed in this (finished) game are already hidden from future games."""

    def compose(self) -> ComposeResult:
        with Vertical(id="table"):
            with Vertical(id="table-top"):
                with Horizontal(id="table-header"):
                    yield Line(id="deck-title")
                    yield Line(id="where")
                yield Rule(line_style="heavy")
                yield TrustJar(id="jar").data_bind(TableScreen.state)
                yield Ladder(id="ladder").data_bind(TableScreen.state)
            with Vertical(id="play"):
                with Center(id="card-row"):
                    yield CardView(id="card").data_bind(TableScreen.state)
                yield Line(id="hint", classes="hint-line")
                with Horizontal(id="seats"):
                    yield Seat(0).data_bind(TableScreen.state)
                    yield Seat(1).data_bind(TableScreen.state)
                with Horizontal(id="moves"):
                    for slot in range(SLOTS):
                        yield MoveButton(id=f"slot-{slot}")
            # The panels laid over the table are mounted the first time the game calls for
            # one: most turns need none, and composing them all cost the first card ~15 ms.
            yield Vertical(id="over")
        yield Line(id="said", classes="said-line")
        yield KeyBar(id="keys")
        yield TooSmall()

    def on_mount(self) -> None:
        super().on_mount()
        self._slots = list(self.query(MoveButton).results(MoveButton))
        # Found once: every key updates these, and each query walks the whole screen.
        self._keys = self.query_one(KeyBar)
        self._over = self.query_one("#over", Vertical)
        self._lines = {
            selector: self.query_one(selector, Line)
            for selector in ("#deck-title", "#where", "#hint", "#said")
        }
        self.state = self.session.state
        if self.session.read_only:
            self.set_interval(FOLLOW_EVERY, self._follow)

    def on_unmount(self) -> None:
        # However the table goes (leave, play again, ctrl+q), its save's lock goes with it.
        self.session.close()

    # --- choosing a move -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            if self.too_small:
                return False  # nothing may act unseen behind the too-small notice
            key = str(parameters[0])
            return key in self._by_key or (self.session.read_only and key != "q")
        return super().check_action(action, parameters)

    def action_choose(self, key: str) -> None:
        choice = self._by_key.get(key)
        if choice is None:
            if self.session.read_only:
                self._say(Content(READ_ONLY), warning=True)
            return
        self.make(choice)

    def make(self, choice: Choice) -> None:
        """Make a move: an engine action, or one of the table's own (leave, help, …)."""
        name = choice.move.name
        if choice.action is None:
            self._table_move(name)
        elif name == "wrap-up":
            self._ask_to_wrap_up(choice.action)
        elif name == "go-on" and not self._go_on_ready():
            self._say(Content(f"Go on is ready in {self._go_on_wait()}…"))
        else:
            self.act(choice.action)

    def act(self, action: Action) -> Step:
        """Apply and save an action, and say what happened (or why nothing did)."""
        step = self.session.act(action)
        if not step.taken:
            self._say(Content(step.refused or ""), warning=True)
            return step
        self._say(said(step))
        if (token := first_token(step.before, step.after)) is not None:
            self._teaching = token
        self.state = step.after
        return step

    def _table_move(self, name: str) -> None:
        if name in ("leave", "title"):
            self.post_message(LeaveTable(self.session))
        elif name == "again":
            self.post_message(PlayAgain(self.session))
        elif name == "hide":
            self.post_message(HideRemoved(self.session))
        elif name == "help":
            self.post_message(ShowHelp())

    def _ask_to_wrap_up(self, action: Action) -> None:
        from h2h_game.tui.screens.dialogs import Choice as Answer
        from h2h_game.tui.screens.dialogs import ChoiceDialog

        def answered(choice: str | None) -> None:
            if choice == "wrap-up":
                self.act(action)
            else:
                self._say(Content("Not wrapping up: the evening goes on."))

        self.app.push_screen(
            ChoiceDialog(
                "Wrap up the evening?",
                "You can come back to the table from the closing card if you change your mind.",
                [Answer("wrap-up", "Wrap up  w"), Answer("keep", "Keep playing  esc")],
                keys={"w": "wrap-up"},
            ),
            answered,
        )

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._press((event.button.name or "").strip())

    @on(MoveButton.Pressed)
    def slot_pressed(self, event: MoveButton.Pressed) -> None:
        event.stop()
        self._press(event.move)

    def _press(self, name: str) -> None:
        choice = next((c for c in self.choices if c.move.name == name), None)
        if choice is not None:
            self.make(choice)
        elif self.session.read_only:
            self._say(Content(READ_ONLY), warning=True)

    @on(Agreement.Pressed)
    def agreement_pressed(self, event: Agreement.Pressed) -> None:
        event.stop()
        self.action_choose("fj"[event.player])

    def removed_hidden(self, problem: str | None) -> None:
        """The app's answer to `HideRemoved`: say so, and show the summary's new offer."""
        if problem is not None:
            self._say(Content(problem), warning=True)
            return
        self.removed_were_hidden = True
        for panel in self.query(SummaryPanel):
            panel.hidden_already = True
        self._say(Content("Hidden: those cards stay out of future games with this deck."))

    # --- showing -------------------------------------------------------------------------

    def watch_state(self, state: GameState | None) -> None:
        if state is None:
            return
        self.choices = choices(state, self.session.legal, read_only=self.session.read_only)
        self._by_key = {choice.move.key: choice for choice in self.choices}
        self._show_header(state)
        self._show_panel(state)
        self._show_buttons(state)
        self._show_hint(state)
        note = "read only  " if self.session.read_only else ""
        self._keys.show(self.choices, note, self._player_words(state))
        self.refresh_bindings()

    def _player_words(self, state: GameState) -> dict[str, Content]:
        """What each player's own key does now, with their name: "Maya agrees"."""
        m = state.moment
        if m.offer is not None:
            verb = " agrees"
        elif m.phase is Phase.LANDING:
            verb = " answered"
        elif m.phase is Phase.CLOSING:
            verb = " shared"
        else:
            return {}
        return {
            f"player-{player}": Content.assemble(literal_line(state.players[player].name), verb)
            for player in (0, 1)
        }

    def _show_header(self, state: GameState) -> None:
        deck = state.deck
        level = deck.level(state.moment.level)
        read_only = ("  ·  read only", "$warning") if self.session.read_only else ""
        # The deck first, as a window names its document before its program: where the level
        # and progress leave little room, it is the game's name that is cut, not the deck's.
        self._set_line(
            "#deck-title",
            Content.assemble(
                literal_line(deck.name).stylize("bold"),
                read_only,
                (" · Heart to Heart", "$text-muted"),
            ),
        )
        where: list[str | Content] = [
            f"Level {level.number} of {len(deck.levels)} · ",
            literal_line(level.name),
        ]
        target = state.deal.length.target
        if target is not None and not state.moment.extended and state.moment.phase in _PLAYING:
            where.append(f" · card {min(state.moment.answered + 1, target)} of about {target}")
        self._set_line("#where", Content.assemble(*where))

    def _set_line(self, selector: str, content: Content) -> None:
        """Update a one-line part of the table only when its text changed, without a layout."""
        line = self._lines[selector]
        if not same_look(getattr(line, "_line", None), content):
            line._line = content  # type: ignore[attr-defined]
            line.update(content, layout=False)

    def _show_panel(self, state: GameState) -> None:
        wanted = which_panel(state)
        self.set_class(wanted is not None, "-covered")
        # A quiet moment or a pause softens the whole screen: no card, no jar, no names.
        self.set_class(wanted in ("quiet-panel", "pause-panel"), "-calm")
        panels = [child for child in self._over.children if isinstance(child, Panel)]
        if wanted is not None and not any(panel.id == wanted for panel in panels):
            self._mount_panel(wanted, state)
            panels = [child for child in self._over.children if isinstance(child, Panel)]
        for panel in panels:
            shown = panel.id == wanted
            if shown != panel.display:
                panel.display = shown
            if shown and panel.is_mounted and panel.children:
                panel.show(state)
        if wanted == "quiet-panel":
            if self._quiet_since is None:
                self._quiet_since = time.monotonic()
                self._tick_quiet()
        else:
            self._quiet_since = None

    def _mount_panel(self, wanted: str, state: GameState) -> None:
        kind, classes = PANELS[wanted]
        panel = kind(id=wanted, classes=classes)
        # Set without watchers: the panel shows them from its own on_mount, once its parts exist.
        panel.set_reactive(Panel.state, state)
        if isinstance(panel, SummaryPanel):
            panel.set_reactive(SummaryPanel.hidden_already, self.removed_were_hidden)
        if kind in (OfferPanel, EndingPanel, SummaryPanel):
            panel.data_bind(TableScreen.state)
        self._over.mount(panel)

    def _show_buttons(self, state: GameState) -> None:
        empty = state.moment.phase is Phase.EMPTY
        possible = {choice.move.name for choice in self.choices}
        wanted = [
            name for name in (*BUTTONS, *(EMPTY_PILE_BUTTONS if empty else ())) if name in possible
        ][:SLOTS]
        start = (SLOTS - len(wanted)) // 2  # two moves sit in the middle slots
        for slot, button in enumerate(self._slots):
            index = slot - start
            name = wanted[index] if 0 <= index < len(wanted) else None
            words = ""
            if name == "answer":
                words = answer_label(state.card)
            elif name == "meet":
                words = meet_label(state.card)
            button.show_move(BY_NAME[name] if name else None, words)

    def _show_hint(self, state: GameState) -> None:
        line = self._lines["#hint"]
        shown = self.hints and not self.session.read_only
        if line.display != shown:
            line.display = shown
        if not shown:
            return
        teaching, self._teaching = self._teaching, None
        if teaching is None:
            teaching = Content("\n").join(self._next_hints(state))
        if not same_look(teaching, getattr(line, "_taught", None)):
            line._taught = teaching  # type: ignore[attr-defined]
            line.update(teaching, layout=False)  # two fixed lines: a repaint, not a layout

    def _next_hints(self, state: GameState) -> list[Content]:
        """The moves possible now that this game has not used yet, each explained on its first
        turns only (a game's log says what was used, so this survives quitting and resuming)."""
        turn = state.moment.turn
        found: list[Content] = []
        for choice in self.choices:
            move = choice.move
            if not move.hint or move.name in self.session.used or len(found) >= HINT_LINES:
                continue
            shown = self._hinted.setdefault(move.name, set())
            if turn not in shown and len(shown) >= HINT_TURNS:
                continue
            shown.add(turn)
            found.append(Content(move.hint))
        return found

    def _say(self, words: Content, *, warning: bool = False) -> None:
        line = self._lines["#said"]
        line.set_class(warning, "-warning")
        line.update(words, layout=False)

    # --- the quiet moment's go on ----------------------------------------------------

    def _go_on_wait(self) -> int:
        if self._quiet_since is None:
            return 0
        left = self.GO_ON_AFTER - (time.monotonic() - self._quiet_since)
        return max(0, int(left + 0.999))

    def _go_on_ready(self) -> bool:
        return self._go_on_wait() == 0

    def _tick_quiet(self) -> None:
        """Say how long until go on wakes, in words, once a second until it does."""
        if self._quiet_since is None or not self.is_mounted:
            return
        wait = self._go_on_wait()
        found = self.query("#go-on").results(Button)
        button = next(iter(found), None)
        if button is None:  # the quiet panel is still being mounted
            self.call_after_refresh(self._tick_quiet)
            return
        button.disabled = wait > 0
        button.label = Content.assemble(
            "Go on" if wait == 0 else f"Go on: ready in {wait}…", "  ", ("enter", "dim")
        )
        if wait > 0:
            self.set_timer(min(1.0, self.GO_ON_AFTER), self._tick_quiet)

    # --- following a game played elsewhere ------------------------------------------

    def _follow(self) -> None:
        self.post_message(FollowGame(self.session))

    def followed(self) -> None:
        """The app's answer to `FollowGame`: show what the other window played."""
        if self.session.state != self.state:
            self._say(Content("The other window made a move."))
            self.state = self.session.state


_PLAYING = (Phase.SPEAKING, Phase.PASSED, Phase.ANSWERED, Phase.REFLECTING, Phase.EMPTY)
