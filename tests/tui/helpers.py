"""Provides small helpers for pilot tests: find the table, read what it shows, wait on it."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Static

from h2h_game.tui.app import H2HApp
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.widgets.keybar import KeyBar
from h2h_game.tui.widgets.move_button import MoveButton


def table_of(app: H2HApp) -> TableScreen:
    return next(s for s in app.screen_stack if isinstance(s, TableScreen))


def shown_moves(table: TableScreen) -> list[str]:
    """The names of the moves the buttons under the card show, in order."""
    return [slot.move for slot in table.query(MoveButton).results(MoveButton) if slot.move]


def slot_of(table: TableScreen, name: str) -> str:
    """The selector of the button under the card that shows this move."""
    slot = next(s for s in table.query(MoveButton).results(MoveButton) if s.move == name)
    return f"#{slot.id}"


def bar_keys(table: TableScreen) -> list[str]:
    """The keys the key bar offers right now, in its order."""
    return [choice.move.shown for choice in table.query_one(KeyBar).choices]


def bar_text(table: TableScreen) -> str:
    return str(table.query_one(KeyBar).render())


def said(table: TableScreen) -> str:
    """What the table said after the last move."""
    return str(table.query_one("#said", Static).render())


def hint(table: TableScreen) -> str:
    """The teaching line under the card ("" when there is none)."""
    line = table.query_one("#hint", Static)
    return str(line.render()) if line.display else ""


def panel(table: TableScreen) -> str | None:
    """The id of the panel laid over the table, if any."""
    shown = [p.id for p in table.query(".panel") if p.display]
    return shown[0] if shown else None


async def until(pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 3.0) -> None:
    """Wait for something the app does in its own time (a timer, a worker), not a fixed sleep."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the app never got there")
        await pilot.pause(0.01)


def palette_options(app: H2HApp) -> list[str]:
    """The words of the command palette's options showing now."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found:
        return []
    return [str(option.prompt).split("\n")[0] for option in found.first().options]
