"""Provides the baseline for the real-terminal rows: a bare Textual app with a Label and a Footer.

    .venv/bin/python benchmarks/bare_app.py

Started directly with the venv's Python (not through a shim), like `h2h`. It imports nothing but
Textual, so its launch is what the framework itself costs. Its keys `a` and `t` (the keys the
benchmark plays at the table) each change the Label, with a count, so every press shows a frame
that differs from the one before: "pressed a · 1", "pressed t · 2" …
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Label

READY = "Bare Textual app"
"""The Label's first text: on screen means the first frame is."""


def pressed(key: str, count: int) -> str:
    """What the Label says after the `count`-th key press, `key` being the last one."""
    return f"pressed {key} · {count}"


class BareApp(App[None]):
    """One Label that each key changes, and a Footer showing the keys."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("a", "press('a')", "Answered"),
        Binding("t", "press('t')", "Thanks"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Label(READY, id="text")
        yield Footer()

    def action_press(self, key: str) -> None:
        self.count += 1
        self.query_one("#text", Label).update(pressed(key, self.count))


if __name__ == "__main__":
    BareApp().run()
