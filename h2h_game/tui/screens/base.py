"""Provides the base screens: each carries the too-small notice, and no key acts behind it."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from h2h_game.tui.widgets.notice import TooSmall

# Moves that may still happen while the notice covers the screen: nothing else acts unseen.
_ALWAYS = frozenset({"help", "quit", "app.help", "app.quit"})


class TooSmallGuard:
    """The notice over a screen in a terminal under 80×24, and the refusal of keys behind it."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.too_small and action not in _ALWAYS)

    @property
    def too_small(self) -> bool:
        return bool(self.app.has_class("-too-small"))  # type: ignore[attr-defined]


class H2HScreen(TooSmallGuard, Screen[Any]):
    """A full screen of the game.

    Screens the players see first (the title, the table) yield `TooSmall()` in their own
    compose, which spares a mount and a layout after the first frame; others get it here.
    """

    def on_mount(self) -> None:
        if not self.query(TooSmall):
            self.mount(TooSmall())


class H2HModal(TooSmallGuard, ModalScreen[Any]):
    """A screen shown over another one."""

    # Modal screens don't see the app's own bindings; help should open from anywhere.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.help", "Help", key_display="?", show=False)
    ]

    def on_mount(self) -> None:
        if not self.query(TooSmall):
            self.mount(TooSmall())
