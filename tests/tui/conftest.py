"""Fixtures that make every UI run identical: a fixed clock and seed, no user folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from h2h_game.engine import Deck
from h2h_game.flow import Preset
from h2h_game.services import Services
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.screens.new_game import screen as new_game_screen
from h2h_game.tui.screens.table import TableScreen
from tests.engine.builders import make_deck, question, wild

START = 1_790_000_000.0  # a fixed Wednesday evening


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture(autouse=True)
def quiet_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No theme override, no animations (the root conftest keeps user folders away)."""
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    # Textual reads TEXTUAL_ANIMATIONS once, at import: patch where the app reads it.
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    # The quiet moment's "go on" wakes after 5 s for players; tests need not wait.
    monkeypatch.setattr(TableScreen, "GO_ON_AFTER", 0.0)
    # Nor for both ticks of the ritual to stay on screen.
    monkeypatch.setattr(new_game_screen, "RITUAL_PAUSE", 0.0)
    yield


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def services(saves: Path, clock: Clock) -> Services:
    return Services(saves_dir=saves, clock=clock, new_seed=lambda: 7)


def story_deck() -> Deck:
    """Three levels of plain questions, with a low first unlock so going deeper comes soon."""
    return make_deck(
        [question(1, f"What is a small thing that made you smile, number {i}?") for i in range(6)],
        [question(2, f"What are you carrying around lately, number {i}?") for i in range(6)],
        [question(3, f"What do you hope for us, number {i}?") for i in range(6)],
        unlocks=[0, 2, 6],
    )


def wild_deck(effect: object) -> Deck:
    """A deck whose only first-level card is a wild card with this effect."""
    return make_deck(
        [wild(1, f"Wild card: {effect}", effect)],  # type: ignore[arg-type]
        [question(2, f"What are you carrying around lately, number {i}?") for i in range(4)],
    )


def table_app(services: Services, deck: Deck | None = None, **preset: object) -> H2HApp:
    """An app that opens straight on a new table with Maya (left) and Sam (right)."""
    options = {"names": ("Maya", "Sam"), "length": "open", "seed": 3, **preset}
    return H2HApp(
        services,
        Launch(preset=Preset(deck=deck or story_deck(), **options), start=True),  # type: ignore[arg-type]
    )
