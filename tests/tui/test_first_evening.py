"""A couple who never read the rules plays a Short game from the title to the summary.

They choose only from what the screen shows them — the menu, the Next button, the buttons
under the card, the keys at the bottom, the lines that explain — never from knowing the keys.
The test checks that every move they made was explained before they first needed it (once,
where they were looking) and acknowledged in words after it.
"""

from __future__ import annotations

from h2h_game.engine import Phase
from h2h_game.tui.app import H2HApp
from h2h_game.tui.moves import BY_NAME, MOVES
from h2h_game.tui.screens.new_game import NewGameScreen
from h2h_game.tui.screens.table import TableScreen
from tests.tui.helpers import bar_keys, hint, panel, said, shown_moves, table_of, until

HINT_OF = {move.hint: move.name for move in MOVES if move.hint}


def key_on_screen(table: TableScreen, name: str) -> str | None:
    """The key the screen shows for a move, read from its button or the key bar."""
    move = BY_NAME[name]
    if name in shown_moves(table) or move.shown in bar_keys(table):
        return move.key
    return None


async def test_a_first_evening_needs_no_manual(services):
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.screen.query("#menu"))
        menu = app.screen.query_one("#menu")
        assert str(menu.options[0].prompt) == "New game"
        await pilot.press("enter")  # the highlighted "New game"
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        wizard = app.screen
        await pilot.press("enter")  # the deck the screen suggests
        await pilot.press(*"Ann", "enter", *"Ben", "enter")
        while wizard.step.id != "length":
            await pilot.click("#next")  # look away, tick nothing: Next each time
        await pilot.press("up", "enter")  # Short, the first of the lengths shown
        await pilot.click("#next")  # "How a turn goes": read
        text = str(wizard.query_one("#ready-0").render())
        assert "press f when ready" in text
        await pilot.press("f", "j")  # as the screen asks
        await until(pilot, lambda: wizard.step.id == "first")
        await pilot.click("#next")
        await until(pilot, lambda: isinstance(app.screen, TableScreen))
        table = table_of(app)
        assert table.state.deal.length.value == "short"

        explained: dict[str, int] = {}
        used: list[str] = []
        turn_of_hint: dict[str, set[int]] = {}
        for _ in range(200):
            for shown in hint(table).split("\n"):
                if shown not in HINT_OF:
                    continue
                name = HINT_OF[shown]
                assert name not in used, f"{name} was explained again after it was used"
                explained[name] = explained.get(name, 0) + 1
                turn_of_hint.setdefault(name, set()).add(table.state.moment.turn)
            if panel(table) == "summary-panel":
                break
            name = choose(table, used)
            key = key_on_screen(table, name)
            assert key is not None, f"{name} is not on screen"
            before = table.state
            await pilot.press(key)
            if name == "wrap-up":
                await pilot.press("w")  # the dialog asks once: "Wrap up  w"
            assert table.state != before, f"{name} did nothing"
            assert said(table), f"{name} was not acknowledged"
            used.append(name)
        assert panel(table) == "summary-panel"
        story = str(table.query_one("#story").render())
        assert "You answered" in story

    first_time = {name for name in used if BY_NAME[name].hint}
    assert {"answer", "reflect", "felt-heard", "meet", "thank-you", "pass"} <= first_time
    for name in first_time:
        assert name in explained, f"{name} was used without ever being explained"
        assert len(turn_of_hint[name]) <= 2, f"{name} was explained on too many turns"


def choose(table: TableScreen, used: list[str]) -> str:
    """What a warm couple new to the game does next, from what the screen offers."""
    state = table.state
    m = state.moment
    offered = shown_moves(table)
    if panel(table) == "offer-panel":
        return "player-0" if not m.offer.agreed[0] else "player-1"
    if panel(table) == "ending-panel":
        return "player-0" if not m.shared[0] else "player-1"
    if panel(table) == "quiet-panel":
        return "go-on"
    turns = m.turn
    if "answer" in offered:
        # Now and then they pass a card they don't fancy, or take back a slip.
        if turns == 2 and "pass" not in used:
            return "pass"
        return "answer"
    if "draw-another" in offered:
        return "draw-another"
    if m.phase is Phase.REFLECTING:
        return "felt-heard"
    if "reflect" in offered and turns % 2 == 1:
        return "reflect"
    if turns == 4:
        return "thank-you"
    return "meet"
