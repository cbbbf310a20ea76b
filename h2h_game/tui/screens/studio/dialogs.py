"""Provides the studio's small windows: questions, choices, and forms that return an answer.

Each is a `ModalScreen` that dismisses with its answer, or None when the person goes back
(escape). Deck text in them is shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from h2h_game.decks.studio.files import slug
from h2h_game.engine.deck import Deck
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.screens.base import H2HModal

Words = str | Content


def _content(words: Words) -> Content:
    return words if isinstance(words, Content) else Content(words)


class StudioDialog(H2HModal):
    """A window over the studio that asks for something and dismisses with the answer."""

    # Read when the studio first opens: the title and the table never wait for these rules.
    CSS_PATH = "studio.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", tooltip="Close this without changing anything")
    ]

    def __init__(self, title: Words, body: Words = "") -> None:
        super().__init__(classes="studio-dialog -wide-only")
        self.title_words = _content(title)
        self.body_words = _content(body)

    def compose(self) -> ComposeResult:
        with Vertical(classes="studio-box"):
            yield Static(self.title_words, classes="studio-box-title")
            if self.body_words.plain:
                yield Static(self.body_words, classes="studio-box-body")
            yield from self.compose_body()
            with Horizontal(classes="studio-buttons"):
                yield from self.compose_buttons()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def compose_buttons(self) -> ComposeResult:
        yield from ()


@dataclass(frozen=True)
class Answer:
    key: str
    label: str
    primary: bool = False


class ConfirmDialog(StudioDialog):
    """A question with a few answers as buttons; dismisses with the answer's key."""

    def __init__(self, title: Words, body: Words, answers: Sequence[Answer]) -> None:
        super().__init__(title, body)
        self.answers = answers

    def compose_buttons(self) -> ComposeResult:
        for answer in self.answers:
            yield Button(
                Content(answer.label),
                id=f"answer-{answer.key}",
                name=answer.key,
                compact=True,
                variant="primary" if answer.primary else "default",
            )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.name)


class ProblemsDialog(StudioDialog):
    """Every problem found in a file, one per line, to read before going back."""

    def __init__(self, title: Words, body: Words, problems: Sequence[str]) -> None:
        super().__init__(title, body)
        self.problems = problems

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="studio-problems"):
            yield Static(Content("\n").join(literal(line) for line in self.problems))

    def compose_buttons(self) -> ComposeResult:
        yield Button(Content("Close"), id="close", compact=True, variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def close(self) -> None:
        self.dismiss(None)


class ChooseDialog(StudioDialog):
    """A list to choose one thing from; dismisses with the chosen option's id."""

    def __init__(
        self,
        title: Words,
        body: Words,
        options: Sequence[tuple[str, Words]],
        highlighted: str | None = None,
    ) -> None:
        super().__init__(title, body)
        self.options = options
        self.highlighted = highlighted

    def compose_body(self) -> ComposeResult:
        yield OptionList(
            *(Option(_content(words), id=key) for key, words in self.options),
            id="choices",
        )

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        keys = [key for key, _ in self.options]
        if self.highlighted in keys:
            choices.highlighted = keys.index(self.highlighted)
        choices.focus()

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class FormDialog(StudioDialog):
    """Fields to fill in; enter in a field or the Done button submits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "done", "Done", tooltip="Done: keep what you wrote")
    ]
    DONE = "Done"

    def compose_buttons(self) -> ComposeResult:
        yield Button(Content("Back  esc"), id="back", compact=True)
        yield Button(Content(f"{self.DONE}  ctrl+s"), id="done", compact=True, variant="primary")

    def on_mount(self) -> None:
        for button in self.query(".studio-buttons Button"):
            button.can_focus = False
        first = self.query("Input, TextArea, SelectionList").first()
        first.focus()

    def error(self, words: Words) -> None:
        self.query_one("#form-error", Static).update(_content(words))

    def compose_error(self) -> ComposeResult:
        yield Static(id="form-error", classes="field-problems")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done()

    @on(Button.Pressed, "#done")
    def done_pressed(self) -> None:
        self.action_done()

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        answer = self.answer()
        if answer is not None:
            self.dismiss(answer)

    def answer(self) -> Any:
        """What the form dismisses with, or None (with an error shown) when it is not ready."""
        raise NotImplementedError

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value


@dataclass(frozen=True)
class NewDeck:
    name: str
    description: str = ""
    audience: str = ""
    author: str = ""
    language: str = ""


class NewDeckDialog(FormDialog):
    """A deck from nothing: its name and a few words about it (all but the name can wait)."""

    DONE = "Make the deck"

    def __init__(self, name: str = "") -> None:
        super().__init__(
            "A new deck",
            "Give it a name; the rest can wait. It starts with three empty levels to fill.",
        )
        self.start_name = name

    def compose_body(self) -> ComposeResult:
        for key, label, placeholder in (
            ("name", "Name", "Road trip"),
            ("description", "Description", "For the long drive home."),
            ("audience", "Who it is for", "two friends who go way back"),
            ("author", "Author", "your name, if you like"),
            ("language", "Language", "en"),
        ):
            yield Static(label, classes="field-label", markup=False)
            yield Input(
                self.start_name if key == "name" else "",
                placeholder=placeholder,
                id=f"new-{key}",
                compact=True,
            )
        yield from self.compose_error()

    def answer(self) -> NewDeck | None:
        name = self.value("new-name").strip()
        if not name:
            self.error("A deck needs a name.")
            self.query_one("#new-name", Input).focus()
            return None
        return NewDeck(
            name,
            self.value("new-description").strip(),
            self.value("new-audience").strip(),
            self.value("new-author").strip(),
            self.value("new-language").strip(),
        )


class PathDialog(FormDialog):
    """A file to read or write, typed as a path."""

    def __init__(self, title: Words, body: Words, path: str = "", done: str = "Done") -> None:
        super().__init__(title, body)
        self.path = path
        self.DONE = done

    def compose_body(self) -> ComposeResult:
        yield Input(self.path, placeholder="~/Documents/questions.csv", id="path", compact=True)
        yield from self.compose_error()

    def answer(self) -> str | None:
        path = self.value("path").strip()
        if not path:
            self.error("Type the file's path first.")
            return None
        return path


@dataclass(frozen=True)
class LevelForm:
    name: str
    description: str
    unlock: int | None
    settle: int | None


class LevelDialog(FormDialog):
    """A level's name, description, and when it opens (empty means the usual)."""

    def __init__(self, number: int, form: LevelForm, usual_unlock: int, usual_settle: int) -> None:
        super().__init__(f"Level {number}")
        self.number = number
        self.form = form
        self.usual_unlock = usual_unlock
        self.usual_settle = usual_settle

    def compose_body(self) -> ComposeResult:
        form = self.form
        yield Static("Name", classes="field-label", markup=False)
        yield Input(form.name, id="level-name", compact=True, placeholder="Getting real")
        yield Static("Description", classes="field-label", markup=False)
        yield Input(form.description, id="level-description", compact=True)
        if self.number > 1:
            yield Static(
                "Trust tokens to open it (empty for the usual)", classes="field-label", markup=False
            )
            yield Input(
                "" if form.unlock is None else str(form.unlock),
                id="level-unlock",
                compact=True,
                type="integer",
                placeholder=f"{self.usual_unlock}",
            )
            yield Static(
                "Cards answered at the level below before it opens (empty for the usual)",
                classes="field-label",
                markup=False,
            )
            yield Input(
                "" if form.settle is None else str(form.settle),
                id="level-settle",
                compact=True,
                type="integer",
                placeholder=f"{self.usual_settle}",
            )
        yield from self.compose_error()

    def answer(self) -> LevelForm | None:
        name = self.value("level-name").strip()
        if not name:
            self.error("A level needs a name.")
            return None
        unlock = settle = None
        if self.number > 1:
            unlock = _number(self.value("level-unlock"))
            settle = _number(self.value("level-settle"))
        return LevelForm(name, self.value("level-description").strip(), unlock, settle)


def _number(text: str) -> int | None:
    text = text.strip()
    try:
        return int(text) if text else None
    except ValueError:
        return None


class TagDialog(FormDialog):
    """A tag for the deck: the label players see, and the short name cards use in the file."""

    def __init__(
        self, title: str, tag: str = "", label: str = "", taken: Sequence[str] = ()
    ) -> None:
        super().__init__(title, "Players see the label when they leave topics out before a game.")
        self.tag = tag
        self.label = label
        self.taken = [other for other in taken if other != tag]
        self._named = bool(tag)

    def compose_body(self) -> ComposeResult:
        yield Static("Label", classes="field-label", markup=False)
        yield Input(self.label, id="tag-label", compact=True, placeholder="Loss and grief")
        yield Static("Name in the file", classes="field-label", markup=False)
        yield Input(self.tag, id="tag-name", compact=True, placeholder="loss")
        yield from self.compose_error()

    @on(Input.Changed, "#tag-label")
    def labelled(self, event: Input.Changed) -> None:
        if not self._named:
            self.query_one("#tag-name", Input).value = slug(event.value) if event.value else ""

    @on(Input.Changed, "#tag-name")
    def named(self, event: Input.Changed) -> None:
        if self.focused is event.input:
            self._named = True

    def answer(self) -> tuple[str, str] | None:
        tag = self.value("tag-name").strip()
        label = self.value("tag-label").strip()
        if not tag:
            self.error("The tag needs a name in the file.")
            return None
        if tag in self.taken:
            self.error(Content.assemble("The deck already has the tag ", literal_line(tag), "."))
            return None
        return tag, label


class CardTagsDialog(FormDialog):
    """Which of the deck's tags a card carries; a new tag can be declared on the spot."""

    def __init__(
        self, declared: Sequence[tuple[str, str]], current: Sequence[str], label: Content
    ) -> None:
        super().__init__("Tags for this card", label)
        self.declared = list(declared)
        self.current = list(current)
        self.new_tags: list[tuple[str, str]] = []

    def compose_body(self) -> ComposeResult:
        known = [tag for tag, _ in self.declared]
        choices = [
            Selection(literal_line(label or tag), tag, tag in self.current)
            for tag, label in self.declared
        ]
        choices += [
            Selection(literal_line(f"{tag} (not declared)"), tag, True)
            for tag in self.current
            if tag not in known
        ]
        yield SelectionList[str](*choices, id="card-tags")
        yield Static("A new tag (enter adds it)", classes="field-label", markup=False)
        yield Input(id="new-tag", compact=True, placeholder="Loss and grief")
        yield from self.compose_error()

    @on(Input.Submitted, "#new-tag")
    def add_tag(self, event: Input.Submitted) -> None:
        event.stop()
        label = event.value.strip()
        if not label:
            self.action_done()
            return
        tag = slug(label)
        selection = self.query_one("#card-tags", SelectionList)
        known = [tag for tag, _ in self.declared] + [tag for tag, _ in self.new_tags]
        if tag in known:
            selection.select(tag)
        else:
            self.new_tags.append((tag, label))
            selection.add_option(Selection(literal_line(label), tag, True))
        event.input.value = ""
        self.error("")

    def answer(self) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        selected = self.query_one("#card-tags", SelectionList).selected
        order = [tag for tag, _ in self.declared] + [tag for tag, _ in self.new_tags]
        order += [tag for tag in self.current if tag not in order]
        tags = tuple(tag for tag in order if tag in selected)
        declare = tuple((tag, label) for tag, label in self.new_tags if tag in selected)
        return tags, declare


class TextDialog(FormDialog):
    """A piece of text to write, such as a landing card."""

    def __init__(self, title: Words, text: str = "", placeholder: str = "") -> None:
        super().__init__(title)
        self.text = text
        self.placeholder = placeholder

    def compose_body(self) -> ComposeResult:
        yield TextArea(
            self.text,
            id="dialog-text",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=self.placeholder,
        )
        yield from self.compose_error()

    def on_mount(self) -> None:
        area = self.query_one("#dialog-text", TextArea)
        area.move_cursor(area.document.end)  # most often a card is finished, not begun

    def answer(self) -> str | None:
        text = self.query_one("#dialog-text", TextArea).text
        if not text.strip():
            self.error("Write something first, or press escape to go back.")
            return None
        return text


class HiddenCardsDialog(FormDialog):
    """The cards hidden from new games with one deck, to tick and bring back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "tick_all", "Tick all", tooltip="Tick every hidden card")
    ]
    DONE = "Bring back"

    def __init__(self, deck: Deck, hidden: Sequence[str]) -> None:
        super().__init__(
            Content.assemble("Hidden cards of ", literal_line(deck.name)),
            "Cards removed in a game and then hidden stay out of every new game with this deck. "
            "Tick the ones to bring back (space ticks, a ticks them all).",
        )
        self.deck = deck
        self.hidden = sorted(hidden)

    def compose_body(self) -> ComposeResult:
        choices = []
        for card_id in self.hidden:
            try:
                words = literal_line(self.deck.card(card_id).text)
            except KeyError:
                # Edited or deleted since it was hidden: its id is all that is left of it.
                words = Content.assemble((f"{card_id}  ", "dim"), ("no longer in this deck", "dim"))
            choices.append(Selection(words, card_id, False))
        yield SelectionList[str](*choices, id="hidden-cards")
        yield from self.compose_error()

    def action_tick_all(self) -> None:
        self.query_one("#hidden-cards", SelectionList).select_all()

    def answer(self) -> tuple[str, ...] | None:
        ticked = self.query_one("#hidden-cards", SelectionList).selected
        if not ticked:
            self.error("Tick the cards to bring back (space), or press esc to leave them hidden.")
            return None
        return tuple(card_id for card_id in self.hidden if card_id in ticked)
