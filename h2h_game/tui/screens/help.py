"""Provides `HelpScreen`: the rules in plain words and the key map, from help.md."""

from __future__ import annotations

from importlib.resources import files
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Markdown

from h2h_game.tui.screens.base import H2HModal


def help_text() -> str:
    return files("h2h_game.tui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(H2HModal):
    """How to play, over whatever screen asked for it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text(), open_links=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#help-body").focus()
