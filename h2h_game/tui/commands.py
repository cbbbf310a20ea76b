"""Provides the command palette's entries: the table's moves by name, and the game's settings.

At the table, every possible move is there under the same words as its button, level names
included ("Go deeper to Opening up"). Anywhere, the themes and hints can be found by typing
what they are about ("contrast", "hints").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from h2h_game.untrusted import terminal_safe

if TYPE_CHECKING:
    pass

# Moves the palette leaves to their own keys: a player's own key, or a panel's button.
_NOT_IN_PALETTE = {"player-0", "player-1", "go-on", "resume", "help"}


class TableCommands(Provider):
    """Moves at the table, for people who like to type what they want."""

    def _moves(self) -> Iterator[tuple[str, Callable[[], object]]]:
        from h2h_game.engine import AskDeeper, GoLighter
        from h2h_game.tui.moves import BY_NAME, Choice
        from h2h_game.tui.screens.table import TableScreen

        table = self.screen
        if not isinstance(table, TableScreen) or table.session.read_only:
            return
        state = table.session.state
        for choice in table.choices:
            if choice.move.name in _NOT_IN_PALETTE:
                continue
            yield choice.move.label, partial(table.make, choice)
        # Every level the players may go to, by name, not only the nearest.
        for action in table.session.legal:
            if isinstance(action, AskDeeper | GoLighter):
                name = terminal_safe(state.deck.level(action.level).name)
                verb = "Go deeper to" if isinstance(action, AskDeeper) else "Go lighter to"
                move = "ask-deeper" if isinstance(action, AskDeeper) else "go-lighter"
                yield f"{verb} {name}", partial(table.make, Choice(BY_NAME[move], action))

    async def discover(self) -> Hits:
        for words, run in self._moves():
            yield DiscoveryHit(Content(words), run, text=words)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for words, run in self._moves():
            score = matcher.match(words)
            if score > 0:
                yield Hit(score, Content(words), run, text=words)


SETTINGS = (
    ("High contrast theme", "Strong colours, easier to read", "theme", "h2h-high-contrast"),
    ("Warm theme", "The game's own soft colours", "theme", "h2h-warm"),
    ("Hints on", "Explain each move the first time it is possible", "hints", "on"),
    ("Hints off", "No explanations: for players who know the game", "hints", "off"),
)


class SettingsCommands(Provider):
    """Themes and hints, found by what they are about ("contrast", "hints", "theme")."""

    def _settings(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = self.app
        choose = getattr(app, "choose_setting", None)
        if choose is None:
            return
        for words, help_text, setting, value in SETTINGS:
            yield words, help_text, partial(choose, setting, value)

    async def discover(self) -> Hits:
        for words, help_text, run in self._settings():
            yield DiscoveryHit(Content(words), run, text=words, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for words, help_text, run in self._settings():
            # "contrast" finds the high contrast theme by its description as well as its name.
            score = max(matcher.match(words), matcher.match(f"{words} {help_text}") * 0.9)
            if score > 0:
                yield Hit(score, Content(words), run, text=words, help=help_text)
