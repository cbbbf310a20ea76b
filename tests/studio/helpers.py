"""Provides helpers for the studio's pilot tests: open the studio, wait for it, read it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from h2h_game.services import Services
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.screens.studio.browser import StudioBrowser
from h2h_game.tui.screens.studio.dialogs import StudioDialog
from h2h_game.tui.screens.studio.editor import StudioScreen


def studio_app(services: Services, deck: str | Path = "") -> H2HApp:
    """The app opened on the studio, on a deck file if one is given."""
    return H2HApp(services, Launch(studio=str(deck)))


async def until(pilot: Pilot[object], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for what the app does in its own time (a worker, a check), not a fixed sleep."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the app never got there")
        await pilot.pause(0.01)


async def in_editor(pilot: Pilot[object]) -> StudioScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, StudioScreen))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StudioScreen)
    return screen


async def in_browser(pilot: Pilot[object]) -> StudioBrowser:
    await until(pilot, lambda: isinstance(pilot.app.screen, StudioBrowser))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StudioBrowser)
    return screen


async def in_dialog(pilot: Pilot[object], kind: type[StudioDialog] = StudioDialog) -> StudioDialog:
    await until(pilot, lambda: isinstance(pilot.app.screen, kind))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


async def settled(pilot: Pilot[object], editor: StudioScreen) -> None:
    """Wait until the whole-deck check has caught up with the last edit."""
    await until(pilot, lambda: editor.checks_settled)
    await pilot.pause()


async def write(pilot: Pilot[object], text: str) -> None:
    """Type text the way a keyboard would (spaces and punctuation included)."""
    await pilot.press(*text)


def card_texts(editor: StudioScreen) -> list[list[str]]:
    return [[card.text for card in level.cards] for level in editor.draft.levels]
