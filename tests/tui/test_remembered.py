"""How the table's parts decide what to draw again. A widget that keeps its last renders draws
exactly what a plain one draws, whatever it is shown next: the same look again, the same words
in other styles, another size, another theme. And the same words in another style are a change."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from h2h_game.tui.themes import THEMES as OURS
from h2h_game.tui.widgets.remembered import Remembered

LOOKS = [
    Content("▸ Maya · speaking\nsay what comes"),
    Content.assemble(("▸ Maya", "bold $accent"), " · speaking\nsay what comes"),
    Content.assemble(("▸ Maya", "bold $accent"), " · listening"),
    Content("  Sam · listening\nlisten all the way"),
    Content(""),
    # A clickable chip, as the key bar draws them: drawn in the link styles.
    Content.assemble(("a", "bold"), " Answered").stylize(Style.from_meta({"@click": "bell"})),
]
THEMES = ["h2h-warm", "h2h-high-contrast", "textual-light"]
CSS = """
Static { height: 3; width: 30; }
.wide { width: 44; }
.right { text-align: right; }
.linked { link-color: red; link-background: blue; link-style: italic; }
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
            elif change < 0.3:
                wide, right, linked = (chooser.random() < 0.5 for _ in range(3))
                for widget in (remembered, plain):
                    widget.set_class(wide, "wide")
                    widget.set_class(right, "right")
                    widget.set_class(linked, "linked")
            look = chooser.choice(LOOKS)
            remembered.update(look)
            plain.update(look)
            await pilot.pause()
            before = len(remembered.__dict__.get("_remembered", {}))
            assert lines(remembered) == lines(plain)
            reused += len(remembered.__dict__.get("_remembered", {})) == before
        assert remembered.__dict__["_remembered"]  # renders were kept…
        assert reused > 60  # …and most looks came back and were drawn from them


async def test_a_change_of_link_colours_alone_is_drawn() -> None:
    """Textual draws clickable text in the widget's link styles, which its own style does not
    hold: a remembered render must not outlive them."""
    app = Pair()
    async with app.run_test(size=(60, 10)) as pilot:
        remembered = app.query_one("#remembered", RememberedStatic)
        plain = app.query_one("#plain", Static)
        for linked in (False, True, False):
            for widget in (remembered, plain):
                widget.set_class(linked, "linked")
                widget.update(LOOKS[-1])
            await pilot.pause()
            assert lines(remembered) == lines(plain)


def test_the_same_words_in_another_style_are_another_look() -> None:
    """Textual's Content equality compares text alone; the table's parts compare looks."""
    from h2h_game.tui.widgets.view import same_look

    plain = Content("▸ Maya · speaking")
    lit = Content.assemble(("▸ Maya", "bold $accent"), " · speaking")
    assert plain == lit  # Textual's own equality: the text alone
    assert not same_look(plain, lit)
    assert same_look(lit, Content.assemble(("▸ Maya", "bold $accent"), " · speaking"))
    assert same_look(None, None) and not same_look(None, plain)


async def test_a_part_of_the_table_shows_a_change_of_style_alone() -> None:
    from h2h_game.engine import GameState
    from h2h_game.tui.widgets.view import StateView
    from tests.store.helpers import fresh_game

    class Lit(StateView):
        lit = False

        def show(self, state: GameState) -> Content:
            return Content.styled("Maya", "bold" if self.lit else "")

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield Lit()

    app = One()
    async with app.run_test(size=(20, 3)) as pilot:
        view = app.query_one(Lit)
        state = fresh_game()
        view.watch_state(state)
        await pilot.pause()
        before = lines(view)
        view.lit = True
        view.watch_state(state)
        await pilot.pause()
        assert lines(view) != before


async def test_a_move_that_keeps_the_card_leaves_it_undrawn(services, monkeypatch) -> None:
    """Answering keeps the card on the table: its words, level and titles stay, so nothing of
    it is drawn again (setting a border title redraws the whole card, even to the same words)."""
    from h2h_game.tui.widgets.card import CardView
    from tests.tui.conftest import table_app
    from tests.tui.helpers import table_of

    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        card = table_of(app).query_one(CardView)
        title, subtitle = card.border_title, card.border_subtitle
        refreshed: list[CardView] = []
        refresh = CardView.refresh

        def counted(self: CardView, *args: object, **kwargs: object) -> object:
            refreshed.append(self)
            return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(CardView, "refresh", counted)
        await pilot.press("a")
        await pilot.pause()
        assert "Thanks" in str(table_of(app).query_one("#keys").render())  # the move was made
        assert refreshed == []
        assert (card.border_title, card.border_subtitle) == (title, subtitle)
        assert title


async def test_the_key_bar_draws_each_set_of_keys_as_a_new_bar_would() -> None:
    """The key bar keeps the bars it made: one it shows again, or one whose words changed
    style alone, is what a bar made afresh shows."""
    from h2h_game.engine import legal_actions
    from h2h_game.tui.moves import choices
    from h2h_game.tui.widgets.keybar import KeyBar
    from tests.store.helpers import fresh_game, steps_of

    state = fresh_game()
    turns = [choices(state, legal_actions(state), read_only=False)]
    for later, _ in steps_of(state, 6, seed=3):
        turns.append(choices(later, legal_actions(later), read_only=False))
    plain = {"answer": Content("Maya answered")}
    lit = {"answer": Content.styled("Maya answered", "bold")}

    class Bars(App[None]):
        def compose(self) -> ComposeResult:
            yield KeyBar(id="kept")
            yield KeyBar(id="fresh")

    app = Bars()
    async with app.run_test(size=(60, 6)) as pilot:
        kept = app.query_one("#kept", KeyBar)
        for number, (keys, words) in enumerate([(t, plain) for t in turns] * 2 + [(turns[0], lit)]):
            kept.show(keys, words=words)
            fresh = app.query_one("#fresh", KeyBar)
            await fresh.remove()
            fresh = KeyBar(id="fresh")
            await app.mount(fresh)
            fresh.show(keys, words=words)
            await pilot.pause()
            assert lines(kept) == lines(fresh), number
        assert len(kept._made) > 1
