"""Provides the table's command palette entries: every legal move, by name, level names included."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from h2h_game.engine import AskDeeper, GoLighter, legal_actions
from h2h_game.safe_text import terminal_safe
from h2h_game.tui.words import LABELS

if TYPE_CHECKING:
    from h2h_game.engine import Action
    from h2h_game.tui.screens.table import TableScreen

# Moves with a level or player argument are named in words below; these are never offered.
_NOT_IN_PALETTE = {"agree", "share-closing", "end-quiet", "resume", "not-yet"}


class TableCommands(Provider):
    """Moves at the table, for people who like to type what they want."""

    def _moves(self) -> Iterator[tuple[str, Action]]:
        from h2h_game.tui.screens.table import TableScreen

        table = self.screen
        if not isinstance(table, TableScreen) or table.session.read_only:
            return
        state = table.state
        for action in legal_actions(state):
            if action.kind in _NOT_IN_PALETTE:
                continue
            if isinstance(action, AskDeeper | GoLighter):
                # Level names are the deck author's text: never markup, never escapes.
                name = terminal_safe(state.deck.level(action.level).name)
                verb = "Go deeper to" if isinstance(action, AskDeeper) else "Go lighter to"
                yield f"{verb} {name}", action
            else:
                yield LABELS.get(action.kind, action.kind), action

    def _run(self, action: Action) -> None:
        table: TableScreen = self.screen  # type: ignore[assignment]
        table.act(action)

    async def discover(self) -> Hits:
        for words, action in self._moves():
            yield DiscoveryHit(Content(words), partial(self._run, action), text=words)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for words, action in self._moves():
            score = matcher.match(words)
            if score > 0:
                yield Hit(score, Content(words), partial(self._run, action), text=words)
