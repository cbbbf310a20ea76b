"""Whole flows at the table, driven through keys and clicks like two players would."""

from __future__ import annotations

from h2h_game.engine import Effect, Phase
from h2h_game.store import SaveStore
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.screens.overlays import (
    ClosingScreen,
    GoDeeperScreen,
    PauseScreen,
    QuietScreen,
    SummaryScreen,
)
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.screens.title import TitleScreen
from tests.tui.conftest import story_deck, table_app, wild_deck


def table_of(app: H2HApp) -> TableScreen:
    return next(s for s in app.screen_stack if isinstance(s, TableScreen))


def shown_moves(table: TableScreen) -> list[str]:
    return [button.name for button in table.query("#moves Button") if button.display]


def footer_keys(app: H2HApp) -> set[str]:
    """The keys the footer shows right now."""
    return {key.key for key in app.screen.query("FooterKey")}


async def test_a_turn_answered_and_met_moves_the_jar_and_the_turn(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        speaker = table.state.moment.speaker
        await pilot.press("a")
        assert table.state.moment.phase is Phase.ANSWERED
        await pilot.press("m")
        assert table.state.moment.jar == 1
        assert table.state.moment.speaker == 1 - speaker


async def test_reflect_then_felt_heard_adds_a_token(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "r", "n", "r", "h")
        assert table.state.moment.jar == 1 and table.state.moment.felt_heard == 1
        assert table.state.moment.phase is Phase.ANSWERED


async def test_a_pass_then_draw_another_then_hand_over(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        speaker = table.state.moment.speaker
        first_card = table.state.moment.card
        await pilot.press("p")
        assert table.state.moment.phase is Phase.PASSED
        await pilot.press("c")
        assert table.state.moment.card not in (None, first_card)
        assert table.state.moment.speaker == speaker
        await pilot.press("p", "o")
        assert table.state.moment.speaker == 1 - speaker
        assert table.state.moment.jar == 0


async def test_remove_and_undo(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        before = table.state
        await pilot.press("x")
        assert table.state.moment.removed == (before.moment.card,)
        await pilot.press("u")
        assert table.state.moment == before.moment


async def test_buttons_are_clickable_and_show_only_legal_moves(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        assert shown_moves(table) == ["answer", "pass", "remove", "lead-the-way"]
        await pilot.click("#moves .move-answer")
        assert shown_moves(table) == ["reflect", "meet", "thank-you"]
        await pilot.pause()
        # The footer shows what the engine says is legal now, and nothing else.
        keys = footer_keys(app)
        assert {"r", "m", "t", "u", "w", "q"} <= keys
        assert not {"a", "p", "x", "g", "h", "n"} & keys


async def test_going_deeper_needs_both_keys(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m")  # two met cards: jar 2 opens level 2
        assert isinstance(app.screen, GoDeeperScreen)
        await pilot.press("f")
        assert table.state.moment.offer.agreed == (True, False)
        assert "✓ ready" in str(app.screen.query_one("#agree-0").render())
        assert table.state.moment.level == 1
        await pilot.press("j")
        await pilot.pause()
        assert table.state.moment.level == 2
        assert isinstance(app.screen, TableScreen)
        assert table.state.card.level == 2


async def test_one_key_then_not_yet_stays(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m", "j", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert table.state.moment.level == 1 and table.state.moment.snoozed


async def test_going_lighter_needs_one_player(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m", "f", "j")
        await pilot.pause()
        assert table.state.moment.level == 2
        await pilot.press("l")
        assert table.state.moment.level == 1 and table.state.card.level == 1


async def test_leading_the_way_draws_one_level_up(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("g")
        assert table.state.card.level == 2 and table.state.moment.level == 1
        assert table.query_one("#card").has_class("-led")
        await pilot.press("a", "m")
        assert table.state.moment.jar == 3


async def test_pause_hides_the_card_until_resumed(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        # The card text is nowhere on the pause screen.
        assert table.state.card.text not in str(app.screen.query("Static").results())
        await pilot.press("a")  # nothing happens while paused
        assert table.state.moment.phase is Phase.SPEAKING
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen) and not table.state.moment.paused


async def test_a_quiet_moment_then_go_on(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "s")
        await pilot.pause()
        assert isinstance(app.screen, QuietScreen)
        await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert table.state.moment.phase is Phase.ANSWERED and table.state.moment.jar == 0


async def test_go_on_waits_until_the_quiet_moment_wakes(services, monkeypatch):
    monkeypatch.setattr(QuietScreen, "UNLOCK_AFTER", 60.0)
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "s")
        await pilot.pause()
        await pilot.press("enter")
        assert table.state.moment.quiet
        assert app.screen.query_one("#go-on").disabled


async def test_wrap_up_closing_card_and_summary(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "w")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        await pilot.press("f")
        assert table.state.moment.shared == (True, False)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        story = str(app.screen.query_one("#story").render())
        assert "You answered one card and met each other once." in story
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        listing = SaveStore(services.saves_dir).list()
        assert listing[0].finished


async def test_summary_hides_removed_cards_from_future_games(services):
    deck = story_deck()
    app = table_app(services, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        removed = table.state.moment.card
        await pilot.press("x", "w", "escape")
        await pilot.pause()
        await pilot.press("h")
        assert SaveStore(services.saves_dir).hidden_cards(deck.name) == {removed}


async def test_every_wild_effect_plays_through(services):
    for effect in Effect:
        app = table_app(services, wild_deck(effect))
        async with app.run_test(size=(100, 30)) as pilot:
            table = table_of(app)
            assert table.state.card.effect is effect
            await pilot.press("a")
            await pilot.pause()
            if effect is Effect.QUIET:
                assert isinstance(app.screen, QuietScreen)
                await pilot.pause(0.05)
                await pilot.press("enter")
            elif effect is Effect.DEEPER:
                assert table.state.card.level == 2 and table.state.moment.led
            else:
                await pilot.press("m")
                assert table.state.moment.met == 1, effect
            await pilot.pause()


async def test_quit_mid_turn_and_continue_lands_on_the_same_card(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "r")
        state = table_of(app).state
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
    again = H2HApp(services, Launch(resume=""))
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = table_of(again)
        assert table.state.moment == state.moment
        assert table.state.moment.phase is Phase.REFLECTING


async def test_quit_in_an_offer_resumes_in_the_offer(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "m", "a", "m", "f")
        await pilot.press("ctrl+q")
    again = H2HApp(services, Launch(resume=""))
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, GoDeeperScreen)
        assert table_of(again).state.moment.offer.agreed == (True, False)


async def test_the_command_palette_offers_the_legal_moves_by_name(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m", "f", "j")  # level 2
        await pilot.pause()
        assert table.state.moment.level == 2
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"lighter")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert table.state.moment.level == 1


async def test_a_failed_save_refuses_the_move_and_the_game_goes_on_after(services, monkeypatch):
    from h2h_game.store import OpenGame, SaveError

    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        real_save = OpenGame.save

        def disk_full(self, state, entry, at):
            raise SaveError("Could not save: the disk is full.")

        monkeypatch.setattr(OpenGame, "save", disk_full)
        before = table.state
        await pilot.press("a")
        await pilot.pause()
        assert table.state == before  # what the players see is what a restart brings back
        assert any("disk is full" in str(n.message) for n in app._notifications)
        monkeypatch.setattr(OpenGame, "save", real_save)
        await pilot.press("a")
        assert table.state.moment.phase is Phase.ANSWERED


async def test_going_deeper_by_mouse_each_player_clicks_their_own_side(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m")
        await pilot.pause()
        await pilot.click("#agree-1")
        assert table.state.moment.offer.agreed == (False, True)
        await pilot.click("#agree-1")  # a second click changes nothing
        await pilot.click("#agree-0")
        await pilot.pause()
        assert table.state.moment.level == 2
