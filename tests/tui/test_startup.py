"""Starting does each thing once: every stylesheet is read and parsed once, the chosen theme is
in force from the first frame, and what was loaded is set aside from the garbage collector."""

from __future__ import annotations

import gc
import json

import pytest
from textual.css.stylesheet import Stylesheet

from h2h_game.commands.play import _loading
from h2h_game.services import Services
from h2h_game.tui.app import H2HApp
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.screens.title import NEXT_SCREENS, TitleScreen
from tests.tui.conftest import table_app


@pytest.fixture
def reparses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time Textual parses all the sheets again (a screen's own sheet, a theme)."""
    seen: list[str] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        seen.append("reparse")
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return seen


async def test_straight_to_the_table_parses_the_sheets_once(
    services: Services, reparses: list[str]
) -> None:
    app = table_app(services)
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, TableScreen)
    assert reparses == []


async def test_the_title_parses_the_sheets_once(services: Services, reparses: list[str]) -> None:
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)):
        assert isinstance(app.screen, TitleScreen)
    assert reparses == []


@pytest.mark.parametrize("theme", ["h2h-warm", "h2h-high-contrast", "textual-light", "nord"])
async def test_the_chosen_theme_is_in_force_from_the_first_frame(
    services: Services, theme: str
) -> None:
    services.theme = theme
    app = table_app(services)
    async with app.run_test(size=(100, 30)):
        chosen = app.available_themes[theme]
        assert app.current_theme is chosen
        assert app.has_class(f"-theme-{theme}")
        assert app.has_class("-dark-mode") == chosen.dark != app.has_class("-light-mode")
        # The sheets were parsed with the theme's colours, not the default theme's.
        assert app.screen.styles.background == chosen.to_color_system().background


def test_what_was_loaded_is_frozen_and_the_collector_runs_again() -> None:
    frozen = gc.get_freeze_count()
    try:
        with pytest.raises(RuntimeError), _loading():
            assert not gc.isenabled()
            kept = [[]]  # made while loading: set aside with the rest
            raise RuntimeError("a failure while loading still turns the collector back on")
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
        assert kept
    finally:
        gc.unfreeze()
        gc.enable()


PRELOAD_PROBE = """
import asyncio, json, sys, tempfile
from pathlib import Path
from h2h_game.services import Services
from h2h_game.tui.app import H2HApp
from h2h_game.tui.screens.title import NEXT_SCREENS, PRELOAD_AFTER

async def main():
    services = Services(saves_dir=Path(tempfile.mkdtemp()), remember=False)
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        at_first = [name for name in NEXT_SCREENS if name in sys.modules]
        await pilot.pause(PRELOAD_AFTER + 0.3)
        await app.workers.wait_for_complete()
        later = [name for name in NEXT_SCREENS if name in sys.modules]
    print(json.dumps({"first": at_first, "later": later}))

asyncio.run(main())
"""


def test_the_title_loads_the_screens_its_menu_opens_after_its_first_frames() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", PRELOAD_PROBE], capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    assert loaded["first"] == []  # nothing of theirs loads before the title is on screen
    assert loaded["later"] == list(NEXT_SCREENS)


async def test_a_resize_rebuilds_the_key_bars_only_when_keys_change(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys act only where the screen can be seen, so the key bars follow the too-small
    notice; a resize that does not move it leaves them (and the title's footer) alone."""
    from textual.screen import Screen

    refreshed: list[Screen[object]] = []
    refresh = Screen.refresh_bindings

    def counted(self: Screen[object]) -> None:
        refreshed.append(self)
        refresh(self)

    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(Screen, "refresh_bindings", counted)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert refreshed == []
        await pilot.resize_terminal(39, 24)
        await pilot.pause()
        assert app.screen in refreshed
        refreshed.clear()
        await pilot.resize_terminal(60, 30)  # narrow: not covered, but wide-only screens are
        await pilot.pause()
        assert app.screen in refreshed


def test_the_app_loads_the_title_only_when_it_shows_it() -> None:
    """`h2h new` goes straight to its table: the title's module (and the saves glance) wait."""
    import subprocess
    import sys

    probe = (
        "import sys, h2h_game.tui.app; "
        "print('h2h_game.tui.screens.title' in sys.modules, 'h2h_game.glance' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
