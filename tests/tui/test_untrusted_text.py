"""Card text, deck, level and player names are shown literally: never markup, never escapes."""

from __future__ import annotations

import html

from h2h_game.engine import Card, Deck, Effect, Kind, Level, card_id
from h2h_game.tui.screens.table import TableScreen
from tests.tui.conftest import table_app
from tests.tui.helpers import panel, table_of

NASTY = [
    "[@click=app.quit]Quit now[/]?",
    "[bold red]Shouting[/] and a stray [/] closer?",
    "[link=https://example.com]a link[/link]?",
    "\x1b[31mred\x1b[0m and \x1b]0;title\x07 and \x9b2J?",
    "Right-to-left \u202eoverride\u202c inside?",
    "Wide 漢字 and emoji 🫶 that must wrap " + "word " * 40 + "?",
]


def nasty_deck() -> Deck:
    def card(level: int, text: str) -> Card:
        return Card(card_id(level, text), level, text)

    wild_text = "[b]Both[/b] of you: [@click=app.bell]?"
    return Deck(
        name="[@click=app.quit]Deck[/]",
        description="[red]description[/red]",
        levels=(
            Level(1, "[reverse]Light[/]", 0, tuple(card(1, t) for t in NASTY), settle=0),
            Level(
                2,
                "\x1b[5mDeep\x1b[0m [/]",
                2,
                (
                    card(2, "Deep [i]one[/i]?"),
                    Card(card_id(2, wild_text), 2, wild_text, (), Kind.WILD, Effect.BOTH_ANSWER),
                ),
                settle=0,
            ),
        ),
    )


def screen_text(app) -> str:
    """What the screen shows, as the SVG screenshot's text (entities decoded)."""
    return html.unescape(app.export_screenshot()).replace("\u00a0", " ")


async def test_a_deck_full_of_markup_and_escapes_plays_through_literally(services):
    app = table_app(services, nasty_deck(), names=("[b]Maya[/b]", "Sam [/]"))
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen
        assert isinstance(table, TableScreen)
        seen = set()
        for _ in range(len(NASTY) - 1):
            card = table.state.card
            if card is None or table.state.moment.offer is not None:
                break
            seen.add(card.text)
            text = screen_text(app)
            assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
            await pilot.click("#card")  # a [@click] in the text must not quit
            await pilot.press("p", "c")
            assert app.is_running
        assert "[b]Maya[/b]" in screen_text(app)
        assert "[@click=app.quit]Deck[/]" in screen_text(app)
        await pilot.press("w", "w", "k")
        assert panel(table) == "summary-panel"
        assert "[reverse]Light[/]" in screen_text(app)
    assert len(seen) == len(NASTY) - 1


async def test_level_names_in_the_offer_are_literal(services):
    app = table_app(services, nasty_deck())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "m", "a", "m")
        table = table_of(app)
        assert panel(table) == "offer-panel"
        title = str(table.query_one("#offer-title").render())
        # The ESC bytes are gone; what remains is harmless, literal text.
        assert "Deep[0m [/]" in title and "\x1b" not in title
