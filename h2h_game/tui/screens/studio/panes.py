"""Provides the studio's other tabs: the levels, the deck's details and tags, and the ending.

Each pane shows what it is given (a reactive set by the editor) and says what the person did
with messages; the editor makes the edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from h2h_game.decks.problems import Problem
from h2h_game.decks.studio.draft import DETAIL_FIELDS
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.screens.studio.words import count, problem_lines

# --- levels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelLine:
    """One level as the levels tab shows it."""

    key: int
    number: int
    name: str
    description: str
    unlock: int
    unlock_set: bool
    """False when the file leaves unlock out and the default applies."""
    settle: int
    settle_set: bool
    cards: int
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


def opening_words(line: LevelLine) -> str:
    """When a level opens, in words."""
    if line.number == 1:
        return "open from the start"
    unlock = f"opens at {count(line.unlock, 'trust token')}"
    settle = f"after {count(line.settle, 'card')} answered at the level below"
    return (
        f"{unlock}{'' if line.unlock_set else ' (the usual)'}, "
        f"{settle}{'' if line.settle_set else ' (the usual)'}"
    )


class LevelsPane(Vertical):
    """The deck's levels, lightest first, with when each opens and how many cards it holds."""

    levels: reactive[tuple[LevelLine, ...]] = reactive((), always_update=True)

    class Highlighted(Message):
        def __init__(self, key: int | None) -> None:
            super().__init__()
            self.key = key

    def compose(self) -> ComposeResult:
        yield Static(
            "Levels go from light to deep. Players open the next one with the trust tokens they "
            "earn together.",
            classes="studio-intro",
            markup=False,
        )
        yield OptionList(id="level-list")

    @property
    def highlighted_key(self) -> int | None:
        option = self.query_one("#level-list", OptionList).highlighted_option
        return int(option.id) if option is not None and option.id else None

    def watch_levels(self, levels: tuple[LevelLine, ...]) -> None:
        options = self.query_one("#level-list", OptionList)
        keep = self.highlighted_key
        highlighted = options.highlighted
        options.clear_options()
        for line in levels:
            parts: list[Content | str | tuple[str, str]] = [
                (f"{line.number}  ", "dim"),
                literal_line(line.name).stylize("bold"),
                (f"  {count(line.cards, 'card')}", "dim"),
                ("\n   " + opening_words(line), "dim"),
            ]
            if line.description:
                parts += ["\n   ", literal_line(line.description).stylize("italic")]
            if line.errors or line.warnings:
                parts += ["\n", problem_lines(line.errors, line.warnings)]
            options.add_option(Option(Content.assemble(*parts), id=str(line.key)))
        keys = [line.key for line in levels]
        if keep in keys:
            options.highlighted = keys.index(keep)
        elif levels:
            options.highlighted = min(highlighted or 0, len(levels) - 1)

    def highlight(self, key: int) -> None:
        options = self.query_one("#level-list", OptionList)
        keys = [line.key for line in self.levels]
        if key in keys:
            options.highlighted = keys.index(key)

    @on(OptionList.OptionHighlighted, "#level-list")
    def moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(int(event.option.id or 0) or None))


# --- details -----------------------------------------------------------------------------

DETAIL_LABELS = {
    "name": ("Name", "The deck's name, 1 to 60 characters"),
    "description": ("Description", "What the deck is about and what it is like to play"),
    "audience": ("Who it is for", "couples who live together, ages 12 and up…"),
    "author": ("Author", "Your name, if you like"),
    "language": ("Language", "en, nl, pt-BR… (empty means English)"),
    "how_to_play": ("How to play", "One line of advice shown before a game"),
}


@dataclass(frozen=True)
class TagLine:
    tag: str
    label: str
    uses: int


@dataclass(frozen=True)
class DetailsShown:
    """The `[deck]` table as the details tab shows it."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    tags: tuple[TagLine, ...] = ()
    tag_problems: tuple[Problem, ...] = ()
    tag_warnings: tuple[Problem, ...] = ()
    reload: bool = False
    """True when an edit made other than by typing there (undo, redo) changed a field: it is
    shown even in the field being typed in, which otherwise keeps what was typed."""


class DetailsPane(VerticalScroll):
    """The deck's name, description, audience, author, language, advice, and its tags."""

    shown: reactive[DetailsShown] = reactive(DetailsShown, always_update=True)

    class FieldChanged(Message):
        def __init__(self, name: str, value: str) -> None:
            super().__init__()
            self.name = name
            self.value = value

    class TagHighlighted(Message):
        def __init__(self, tag: str | None) -> None:
            super().__init__()
            self.tag = tag

    def compose(self) -> ComposeResult:
        for name in DETAIL_FIELDS:
            label, placeholder = DETAIL_LABELS[name]
            yield Static(label, classes="field-label", markup=False)
            if name == "description":
                yield TextArea(
                    id="detail-description",
                    soft_wrap=True,
                    tab_behavior="focus",
                    placeholder=placeholder,
                )
            else:
                yield Input(
                    placeholder=placeholder,
                    id=f"detail-{name}",
                    compact=True,
                    select_on_focus=False,
                )
            yield Static(id=f"detail-{name}-problems", classes="field-problems")
        yield Static("Tags", classes="field-label", markup=False)
        yield Static(
            "Topics your cards may carry. Players can leave a topic out before a game.",
            classes="studio-intro",
            markup=False,
        )
        yield OptionList(id="tag-list")
        yield Static(id="tag-problems", classes="field-problems")

    @property
    def highlighted_tag(self) -> str | None:
        option = self.query_one("#tag-list", OptionList).highlighted_option
        return option.id if option is not None else None

    def watch_shown(self, shown: DetailsShown) -> None:
        for name in DETAIL_FIELDS:
            value = shown.values.get(name, "")
            if name == "description":
                area = self.query_one("#detail-description", TextArea)
                if area.text != value and (shown.reload or not area.has_focus):
                    area.load_text(value)
            else:
                field_input = self.query_one(f"#detail-{name}", Input)
                if field_input.value != value and (shown.reload or not field_input.has_focus):
                    field_input.value = value
            problems = self.query_one(f"#detail-{name}-problems", Static)
            errors = shown.errors.get(name, ())
            problems.display = bool(errors)
            problems.update(problem_lines(errors, ()))
        self._show_tags(shown)

    def _show_tags(self, shown: DetailsShown) -> None:
        options = self.query_one("#tag-list", OptionList)
        keep = self.highlighted_tag
        options.clear_options()
        for line in shown.tags:
            options.add_option(
                Option(
                    Content.assemble(
                        literal_line(line.label or line.tag).stylize("bold"),
                        ("  ", ""),
                        literal_line(line.tag).stylize("dim"),
                        (f" · {count(line.uses, 'card')}", "dim"),
                    ),
                    id=line.tag,
                )
            )
        if not shown.tags:
            options.add_option(
                Option(
                    Content.styled("No tags yet: press a here to add one.", "dim"), disabled=True
                )
            )
        tags = [line.tag for line in shown.tags]
        if keep in tags:
            options.highlighted = tags.index(keep)
        problems = self.query_one("#tag-problems", Static)
        problems.display = bool(shown.tag_problems or shown.tag_warnings)
        problems.update(problem_lines(shown.tag_problems, shown.tag_warnings))

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        name = (event.input.id or "").removeprefix("detail-")
        if name in DETAIL_FIELDS and event.value != self.shown.values.get(name, ""):
            self.post_message(self.FieldChanged(name, event.value))

    @on(TextArea.Changed, "#detail-description")
    def described(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area.text != self.shown.values.get("description", ""):
            self.post_message(self.FieldChanged("description", event.text_area.text))

    @on(OptionList.OptionHighlighted, "#tag-list")
    def tag_moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.TagHighlighted(event.option.id))


# --- ending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EndingShown:
    landing: tuple[str, ...] = ()
    landing_problems: tuple[tuple[tuple[Problem, ...], tuple[Problem, ...]], ...] = ()
    """(errors, warnings) of each landing card."""
    closing: str = ""
    closing_errors: tuple[Problem, ...] = ()
    ending_errors: tuple[Problem, ...] = ()
    reload: bool = False
    """As for the details: True when an undo or a redo changed the closing card."""


class EndingPane(VerticalScroll):
    """An ending of the deck's own: light landing cards, then a closing card in its words."""

    shown: reactive[EndingShown] = reactive(EndingShown, always_update=True)

    class ClosingChanged(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield Static(
            "Optional. Landing cards are light questions for coming back up before the end; "
            "the closing card, in your words, replaces stars and wishes.",
            classes="studio-intro",
            markup=False,
        )
        yield Static("Landing cards", classes="field-label", markup=False)
        yield OptionList(id="landing-list")
        yield Static("Closing card", classes="field-label", markup=False)
        yield TextArea(
            id="closing-text",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder="Leave this empty for stars and wishes.",
        )
        yield Static(id="ending-problems", classes="field-problems")

    @property
    def highlighted_landing(self) -> int | None:
        options = self.query_one("#landing-list", OptionList)
        if options.highlighted is None or not self.shown.landing:
            return None
        return options.highlighted

    def watch_shown(self, shown: EndingShown) -> None:
        options = self.query_one("#landing-list", OptionList)
        keep = options.highlighted
        options.clear_options()
        for index, text in enumerate(shown.landing):
            errors, warnings = (
                shown.landing_problems[index] if index < len(shown.landing_problems) else ((), ())
            )
            parts: list[Content | str] = [literal(text)]
            if errors or warnings:
                parts += ["\n", problem_lines(errors, warnings)]
            options.add_option(Option(Content.assemble(*parts), id=str(index)))
        if not shown.landing:
            options.add_option(
                Option(Content.styled("None yet: press a here to add one.", "dim"), disabled=True)
            )
        elif keep is not None:
            options.highlighted = min(keep, len(shown.landing) - 1)
        area = self.query_one("#closing-text", TextArea)
        if area.text != shown.closing and (shown.reload or not area.has_focus):
            area.load_text(shown.closing)
        problems = self.query_one("#ending-problems", Static)
        errors = (*shown.closing_errors, *shown.ending_errors)
        problems.display = bool(errors)
        problems.update(problem_lines(errors, ()))

    def highlight(self, index: int) -> None:
        if 0 <= index < len(self.shown.landing):
            self.query_one("#landing-list", OptionList).highlighted = index

    @on(TextArea.Changed, "#closing-text")
    def typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area.text != self.shown.closing:
            self.post_message(self.ClosingChanged(event.text_area.text))
