"""Fixtures for the studio's pilot tests: no animations, no theme, no user folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from h2h_game.services import Services
from h2h_game.tui.screens.new_game import screen as new_game_screen


@pytest.fixture(autouse=True)
def quiet_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No theme override, no animations (the root conftest keeps user folders away)."""
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(new_game_screen, "RITUAL_PAUSE", 0.0)
    yield


@pytest.fixture
def services(tmp_path: Path) -> Services:
    return Services(saves_dir=tmp_path / "saves", new_seed=lambda: 7, remember=False)
