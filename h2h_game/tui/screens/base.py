"""Provides the base screens: each carries the too-small notice and reaches the app's services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from h2h_game.tui.widgets.notice import TooSmall

if TYPE_CHECKING:
    from h2h_game.tui.app import H2HApp


class H2HScreen(Screen[Any]):
    """A full screen of the game."""

    @property
    def h2h(self) -> H2HApp:
        return cast("H2HApp", self.app)

    def on_mount(self) -> None:
        self.mount(TooSmall())


class H2HModal(ModalScreen[Any]):
    """A screen shown over another one."""

    # Modal screens don't see the app's own bindings; help should open from anywhere.
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("question_mark", "app.help", "Help", key_display="?", show=False)
    ]

    @property
    def h2h(self) -> H2HApp:
        return cast("H2HApp", self.app)

    def on_mount(self) -> None:
        self.mount(TooSmall())
