"""Provides the new-game screen and its steps."""

from h2h_game.tui.screens.new_game.screen import NewGameScreen
from h2h_game.tui.screens.new_game.steps import Choices, Step

__all__ = ["Choices", "NewGameScreen", "Step"]
