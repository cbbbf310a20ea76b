"""Provides a second baseline for key → frame: a bare Textual app shaped like h2h's table.

    .venv/bin/python benchmarks/bare_table.py

The bare app (`bare_app.py`) changes one Label per key. A move at the table changes about ten
parts of the screen: both seats, the hint, the line under it, the four move slots, the key bar,
the card count, and on every other key the card. This app has the table's layout (the same
containers, a bordered card, two-line seats and key bar) built from Textual's own widgets, and
each key changes the same parts, so what Textual costs to repaint such a screen is measured
apart from what h2h does on top (the rules, the save, working out what each part shows).

It imports nothing but Textual. Its keys are `a` and `t`, like the table's in the benchmark.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Rule, Static

READY = "Bare table"
"""The deck title's text: on screen means the first frame is."""

SLOTS = 4


def said(key: str, count: int) -> str:
    """The line under the hint after the `count`-th key press, `key` being the last one."""
    return f"pressed {key} · {count}"


class BareTable(App[None]):
    """The table's parts, each changed by every key as a move changes them."""

    CSS = """
    #table { height: 1fr; }
    #table-top, #seats { height: auto; }
    #play { height: 1fr; }
    #header { height: 1; padding: 0 1; }
    #deck-title { width: 1fr; }
    #where { width: 52; text-align: right; color: $text-muted; }
    Rule { margin: 0; color: $panel; }
    #jar, #ladder { padding: 0 2; height: 1; }
    #card-row { height: 1fr; align: center middle; }
    #card {
        width: 64; max-width: 90%; height: auto; min-height: 7; padding: 1 3;
        border: round $primary; border-title-color: $primary; border-title-style: bold;
        background: $surface; text-style: bold; content-align: left middle;
    }
    #hint { height: 2; padding: 0 2; text-align: center; color: $secondary; }
    #said { height: 1; padding: 0 2; text-align: center; color: $text-muted; }
    #seats { padding: 1 2 0 2; }
    .seat { width: 1fr; height: 2; }
    #seat-1 { text-align: right; }
    #moves { height: 2; align: center middle; padding: 1 0 0 0; }
    .slot {
        width: 1fr; max-width: 24; margin: 0 1; height: 1; text-align: center;
        text-style: bold; background: $surface;
    }
    #keys { height: 2; padding: 0 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("a", "press('a')", "Answered"),
        Binding("t", "press('t')", "Thanks"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="table"):
            with Vertical(id="table-top"):
                with Horizontal(id="header"):
                    yield Static(READY, id="deck-title")
                    yield Static("", id="where")
                yield Rule(line_style="heavy")
                yield Static("Trust 0", id="jar")
                yield Static("light · warm · deep", id="ladder")
            with Vertical(id="play"):
                with Center(id="card-row"):
                    yield Static("", id="card")
                yield Static("", id="hint")
                with Horizontal(id="seats"):
                    yield Static("", id="seat-0", classes="seat")
                    yield Static("", id="seat-1", classes="seat")
                with Horizontal(id="moves"):
                    for slot in range(SLOTS):
                        yield Static("", id=f"slot-{slot}", classes="slot")
        yield Static("", id="said")
        yield Static("", id="keys")

    def on_mount(self) -> None:
        # Found once, and updated without a layout where the size is fixed, as the table does:
        # the baseline is Textual repainting these parts, done as well as Textual allows.
        self.parts = {part.id: part for part in self.query(Static) if part.id}
        self.show("t")

    def put(self, part: str, text: str) -> None:
        self.parts[part].update(text, layout=False)

    def action_press(self, key: str) -> None:
        self.count += 1
        self.show(key)

    def show(self, key: str) -> None:
        """Change each part as a move at the table does (`a`: answered; `t`: thanked, so the
        turn passes and a new card is drawn)."""
        count, answered = self.count, key == "a"
        speaker = (count // 2) % 2
        lit = 1 - speaker if answered else speaker
        put = self.put

        put("where", f"card {count // 2 + 1} · {500 - count // 2} left")
        if not answered:
            # Every card here takes one line, so (as at the table) a new one needs no layout.
            put("card", f"Question {count // 2 + 1}: what would you like to be asked?")
            self.parts["card"].border_title = f"light · {count // 2 + 1}"
        for seat in range(2):
            role = ("listening" if answered else "speaking") if seat == lit else "waiting"
            mark = "▸ " if seat == lit else "  "
            put(f"seat-{seat}", f"{mark}Player {seat + 1} · {role}\n{count}")
        put("hint", "Thank them." if answered else "Read the card aloud, then answer.")
        put("said", said(key, count))
        moves = ("Thanks", "Pass", "Lighter", "Undo") if answered else ("Answered", "Pass", "Lead")
        for slot in range(SLOTS):
            put(f"slot-{slot}", moves[slot] if slot < len(moves) else "")
        keys = "   ".join(f"{move[0].lower()} {move}" for move in moves)
        put("keys", f"{keys}\n? help   ctrl+q quit · {count}")


if __name__ == "__main__":
    BareTable().run()
