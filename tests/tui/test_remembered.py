"""A widget that keeps its last renders draws exactly what a plain one draws, whatever it is shown
next: the same look again, the same words in other styles, another size, another theme."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from h2h_game.tui.themes import THEMES as OURS
from h2h_game.tui.widgets.remembered import Remembered

LOOKS = [
    Content("▸ Maya · speaking\nsay what comes"),
    Content.assemble(("▸ Maya", "bold $accent"), " · speaking\nsay what comes"),
    Content.assemble(("▸ Maya", "bold $accent"), " · listening"),
    Content("  Sam · listening\nlisten all the way"),
    Content(""),
]
THEMES = ["h2h-warm", "h2h-high-contrast", "textual-light"]
CSS = """
Static { height: 3; width: 30; }
.wide { width: 44; }
.right { text-align: right; }
"""


class RememberedStatic(Remembered, Static):
    pass


class Pair(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        yield RememberedStatic(id="remembered")
        yield Static(id="plain")

    def on_mount(self) -> None:
        for theme in OURS:
            self.register_theme(theme)


def lines(widget: Static) -> list[list[tuple[str, object]]]:
    widget.refresh()  # as the screen would after an update: draw the content again
    return [
        [(segment.text, segment.style) for segment in strip]
        for strip in widget.render_lines(widget.region.reset_offset)
    ]


async def test_a_widget_that_remembers_draws_what_a_plain_one_draws() -> None:
    chooser = random.Random(7)
    app = Pair()
    async with app.run_test(size=(60, 10)) as pilot:
        remembered = app.query_one("#remembered", RememberedStatic)
        plain = app.query_one("#plain", Static)
        reused = 0
        for _ in range(120):
            change = chooser.random()
            if change < 0.1:
                app.theme = chooser.choice(THEMES)
            elif change < 0.2:
                wide, right = chooser.random() < 0.5, chooser.random() < 0.5
                for widget in (remembered, plain):
                    widget.set_class(wide, "wide")
                    widget.set_class(right, "right")
            look = chooser.choice(LOOKS)
            remembered.update(look)
            plain.update(look)
            await pilot.pause()
            before = len(remembered.__dict__.get("_remembered", {}))
            assert lines(remembered) == lines(plain)
            reused += len(remembered.__dict__.get("_remembered", {})) == before
        assert remembered.__dict__["_remembered"]  # renders were kept…
        assert reused > 60  # …and most looks came back and were drawn from them
