"""Provides the panels laid over the table as the state calls for them.

An offer to go deeper, a quiet moment, a pause, the landing and closing cards and the summary
are all part of the saved game state, so a game quit in any of them resumes in it. They are
panels on the table screen's top layer, not screens of their own: the table's keys, its key
bar and its messages stay in one place, and nothing is pushed or popped as the game moves on.
Buttons carry the name of the move they make (`Button.name`); the table screen handles them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Static

from h2h_game.describe import ENDINGS, story
from h2h_game.engine import GameState, Phase, summarise
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.widgets.agreement import Agreement
from h2h_game.tui.widgets.breath import Breath
from h2h_game.tui.wording import CLOSING_LINE, CLOSING_TITLE, PAUSE_LINE, QUIET_LINE

KEYS = ("f", "j")
"""Each player's own key: player 1 on the left of the keyboard, player 2 on the right."""


def which_panel(state: GameState) -> str | None:
    """The id of the panel the state calls for, if any; the most pressing first."""
    m = state.moment
    if m.phase is Phase.OVER:
        return "summary-panel"
    if m.paused:
        return "pause-panel"
    if m.phase in (Phase.LANDING, Phase.CLOSING):
        return "ending-panel"
    if m.quiet:
        return "quiet-panel"
    if m.offer is not None:
        return "offer-panel"
    return None


def move_button(label: str, key: str, move: str, *, id: str | None = None) -> Button:
    """A button that makes a move of the table, labelled with its words and its key."""
    button = Button(Content.assemble(label, "  ", (key, "dim")), name=move, id=id, compact=True)
    button.can_focus = False
    return button


def agreement(state: GameState, player: int, done: bool, done_word: str) -> Content:
    name = literal_line(state.players[player].name).stylize("bold")
    tick = ("✓ " + done_word, "$success") if done else ("press " + KEYS[player], "dim")
    return Content.assemble(name, "\n", tick)


class Panel(Vertical):
    """A panel over the table that shows part of the state."""

    state: reactive[GameState | None] = reactive(None, layout=False, repaint=False)

    def watch_state(self, state: GameState | None) -> None:
        if state is not None and self.display:
            self.show(state)

    def show(self, state: GameState) -> None:
        """Bring what the panel shows up to date with the state."""


class OfferPanel(Panel):
    """Both players must agree, each with their own key; either can say not yet."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(id="offer-title", classes="dialog-title")
            yield Static(id="offer-description", classes="dialog-body")
            with Horizontal(classes="agreements"):
                yield Agreement(0, id="agree-0")
                yield Agreement(1, id="agree-1")
            with Center():
                yield move_button("Not yet", "esc", "not-yet")

    def show(self, state: GameState) -> None:
        offer = state.moment.offer
        if offer is None:
            return
        level = state.deck.level(offer.level)
        name = Content.assemble("“", literal_line(level.name), "”")
        if offer.asked:
            title = Content.assemble("You asked to go deeper.\nGo deeper to ", name, "?")
        elif offer.level <= state.moment.deepest:
            title = Content.assemble("Ready to go deeper again?\nBack to ", name, "?")
        else:
            title = Content.assemble("A new level has opened.\nGo deeper to ", name, "?")
        self.query_one("#offer-title", Static).update(title)
        description = self.query_one("#offer-description", Static)
        description.update(literal(level.description))
        description.display = bool(level.description.strip())
        for player in (0, 1):
            self.query_one(f"#agree-{player}", Static).update(
                agreement(state, player, offer.agreed[player], "ready")
            )


class QuietPanel(Panel):
    """A calm screen; "go on" wakes after a few seconds, and says so while it waits."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="calm"):
            yield Breath(classes="breath")
            yield Static(QUIET_LINE, id="quiet-line", classes="calm-line", markup=False)
            with Center():
                yield move_button("Go on", "enter", "go-on", id="go-on")


class PausePanel(Panel):
    """The door opened: the card is hidden until both are back."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="calm"):
            yield Breath(classes="breath")
            yield Static(PAUSE_LINE, classes="calm-line", markup=False)
            with Center():
                yield move_button("Resume", "space", "resume")


class EndingPanel(Panel):
    """The landing card (coming back up), then the closing card (stars and wishes)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog closing"):
            yield Static(id="ending-title", classes="dialog-title")
            yield Static(id="ending-text", classes="dialog-body")
            with Horizontal(classes="agreements"):
                yield Agreement(0, id="share-0")
                yield Agreement(1, id="share-1")
            with Horizontal(classes="offers"):
                yield move_button("Skip this card", "k", "skip", id="skip")
                yield move_button("Back to the table", "esc", "keep-playing", id="keep-playing")

    def show(self, state: GameState) -> None:
        m = state.moment
        landing = m.phase is Phase.LANDING
        title = "Coming back up" if landing else CLOSING_TITLE
        if landing:
            text = literal(state.deal.landing)
            word = "answered"
        else:
            text = literal(state.deck.closing) if state.deck.closing else Content(CLOSING_LINE)
            word = "shared"
            title = "To close" if state.deck.closing else title
        self.query_one("#ending-title", Static).update(Content(title))
        self.query_one("#ending-text", Static).update(text)
        for player in (0, 1):
            self.query_one(f"#share-{player}", Static).update(
                agreement(state, player, m.shared[player], word)
            )
        self.query_one("#keep-playing", Button).display = m.ending is not None and (
            m.ending.value != "cards"
        )


class SummaryPanel(Panel):
    """A short story of the evening, never the answers, and what to do next."""

    hidden_already: reactive[bool] = reactive(False)
    """The cards removed tonight are already left out of future games."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog summary"):
            yield Static("The evening", classes="dialog-title", markup=False)
            yield Static(id="story", classes="dialog-body")
            yield Static(id="hide-note", classes="dialog-note")
            with Horizontal(classes="offers"):
                yield move_button("Hide removed cards", "h", "hide", id="hide")
                yield move_button("Play again", "a", "again", id="again")
                yield move_button("Title", "q", "title", id="title")

    def show(self, state: GameState) -> None:
        summary = summarise(state)
        lines = [Content(line) for line in story(summary)]
        reached = Content.assemble("You reached “", literal_line(summary.deepest_name), "”.")
        lines.insert(2, reached)
        if summary.ending is not None:
            lines.append(Content(ENDINGS[summary.ending]))
        self.query_one("#story", Static).update(Content("\n").join(lines))
        self._show_hide(state)

    def watch_hidden_already(self) -> None:
        if self.state is not None:
            self._show_hide(self.state)

    def _show_hide(self, state: GameState) -> None:
        removed = len(state.moment.removed)
        hide = self.query_one("#hide", Button)
        note = self.query_one("#hide-note", Static)
        hide.display = bool(removed) and not self.hidden_already
        if not removed:
            note.update("")
        elif self.hidden_already:
            card = "card" if removed == 1 else "cards"
            note.update(
                Content(
                    f"The {card} you removed tonight will stay out of future games with this "
                    "deck. Bring them back from Decks, or with h2h deck unhide."
                )
            )
        else:
            them = "it" if removed == 1 else f"those {removed}"
            note.update(
                Content(
                    f"You removed {'a card' if removed == 1 else f'{removed} cards'} tonight. "
                    f"Hide removed cards (h) leaves {them} out of future games with this deck."
                )
            )
