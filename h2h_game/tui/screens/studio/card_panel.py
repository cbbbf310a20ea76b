"""Provides `CardPanel`: the card the list is on, to write in, with what the doctor says of it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, TextArea

from h2h_game.decks.problems import Problem
from h2h_game.decks.studio.draft import CardDraft
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.screens.studio.shown import put
from h2h_game.tui.screens.studio.words import kind_words, problem_lines


@dataclass(frozen=True)
class CardShown:
    """A card as the panel shows it."""

    card: CardDraft
    level_name: str
    level_number: int
    position: int
    """1-based, within its level."""
    count: int
    tag_labels: tuple[str, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    rewrite: str | None
    """The doctor's better wording of the whole card, to take with one key."""
    reload: bool = False
    """The text changed other than by typing here (undo, a suggestion taken): show it anew."""


@dataclass(frozen=True)
class LevelShown:
    """A level's heading (or its empty note), as the panel shows it."""

    name: str
    number: int
    count: int
    description: str
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


class CardPanel(Vertical):
    """The card being edited: its text, its kind and tags, and its problems beside it."""

    shown: reactive[CardShown | LevelShown | None] = reactive(None, always_update=True)

    class TextChanged(Message):
        """The person typed into a card's text."""

        def __init__(self, key: int, text: str) -> None:
            super().__init__()
            self.key = key
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="card-where")
        yield TextArea(
            id="card-text",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="Write the question here.",
        )
        yield Static(id="card-meta")
        yield Static(id="card-problems")

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#card-text", TextArea)

    def watch_shown(self, shown: CardShown | LevelShown | None) -> None:
        where = self.query_one("#card-where", Static)
        meta = self.query_one("#card-meta", Static)
        problems = self.query_one("#card-problems", Static)
        area = self.text_area
        if not isinstance(shown, CardShown):
            self._key = None
            if area.display:
                area.display = False
                meta.display = False
            if shown is None:
                put(where, Content("No card matches what you are looking for."), fixed=True)
                put(problems, Content(""))
                return
            noun = "card" if shown.count == 1 else "cards"
            put(
                where,
                Content.assemble(
                    (f"Level {shown.number} · ", "dim"),
                    literal_line(shown.name).stylize("bold"),
                    (f" · {shown.count} {noun}", "dim"),
                ),
                fixed=True,
            )
            notes: list[Content | str] = []
            if shown.description:
                notes += [literal(shown.description).stylize("italic"), "\n\n"]
            notes.append(
                Content("Press a to add a card here, or go to Levels (F3) to rename it.").stylize(
                    "dim"
                )
            )
            if shown.errors or shown.warnings:
                notes += ["\n\n", problem_lines(shown.errors, shown.warnings)]
            put(problems, Content.assemble(*notes))
            return
        card = shown.card
        # While the same card is typed into, the notes box keeps its size (it fills the rest of
        # the panel): redrawing it is enough, and a layout of the whole screen is not needed.
        same_card = card.key == self._key
        # Typing stays in the text area's hands: what comes back from a check made a moment
        # ago must not overwrite what was typed since (or the selection, or the cursor).
        if (card.key != self._key or shown.reload) and area.text != card.text:
            area.load_text(card.text)
            area.move_cursor(area.document.end)
        self._key = card.key
        if not area.display:
            area.display = True
            meta.display = True
        put(
            where,
            Content.assemble(
                (f"Level {shown.level_number} · ", "dim"),
                literal_line(shown.level_name).stylize("bold"),
                (f" · card {shown.position} of {shown.count}", "dim"),
            ),
            fixed=True,
        )
        tags = (
            Content.assemble("tags: ", literal_line(", ".join(shown.tag_labels)))
            if shown.tag_labels
            else Content("no tags")
        )
        put(
            meta,
            Content.assemble(
                (kind_words(card.kind, card.effect), "bold"),
                " · ",
                tags,
                ("\nk kind · t tags · m level · shift+↑↓ order", "dim"),
            ),
        )
        # Errors first (they stop the deck being saved), then the doctor's own wording to take,
        # then his warnings: the small screen shows what matters most.
        parts: list[Content | str] = []
        if shown.errors:
            parts += [problem_lines(shown.errors, ()), "\n\n"]
        if shown.rewrite:
            parts += [
                Content.styled("Try instead: ", "bold"),
                literal(shown.rewrite).stylize("$success"),
                Content.styled("  y to use it", "dim"),
                "\n\n",
            ]
        if shown.warnings:
            parts.append(problem_lines((), shown.warnings))
        elif not shown.errors:
            parts.append(Content.styled("Nothing here for the doctor.", "dim"))
        put(problems, Content.assemble(*parts), fixed=same_card)

    @on(TextArea.Changed, "#card-text")
    def typed(self, event: TextArea.Changed) -> None:
        event.stop()
        shown = self.shown
        if isinstance(shown, CardShown) and event.text_area.text != shown.card.text:
            self.post_message(self.TextChanged(shown.card.key, event.text_area.text))
