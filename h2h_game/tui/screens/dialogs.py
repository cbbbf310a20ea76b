"""Provides `ChoiceDialog`: a small question with a few answers, returned by `dismiss`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Button, Static

from h2h_game.tui.screens.base import H2HModal


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


class ChoiceDialog(H2HModal):
    """Asks one question, centred over the screen; dismisses with the chosen key (None: esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back")]

    def __init__(
        self,
        title: str | Content,
        body: str | Content,
        choices: list[Choice],
        *,
        keys: Mapping[str, str] | None = None,
    ) -> None:
        """`keys` maps extra keys to answers, e.g. {"w": "wrap-up"} for "Wrap up  w"."""
        super().__init__(classes="choice-dialog")
        self.title_text = title if isinstance(title, Content) else Content(title)
        self.body_text = body if isinstance(body, Content) else Content(body)
        self.choices = choices
        self.keys = dict(keys or {})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.body_text, classes="dialog-body")
            with Horizontal(classes="offers"):
                for choice in self.choices:
                    yield Button(
                        Content(choice.label),
                        name=choice.key,
                        id=f"choice-{choice.key}",
                        compact=True,
                    )

    def on_mount(self) -> None:
        super().on_mount()
        self.query(Button).first().focus()

    def on_key(self, event: Key) -> None:
        if event.key in self.keys and not self.too_small:
            event.stop()
            self.dismiss(self.keys[event.key])

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.name)
