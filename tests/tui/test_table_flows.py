"""Whole flows at the table, driven through keys and clicks like two players would."""

from __future__ import annotations

import pytest

from h2h_game.engine import Effect, Phase
from h2h_game.store import SaveStore
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.moves import BY_NAME
from h2h_game.tui.screens.dialogs import ChoiceDialog
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.screens.title import TitleScreen
from h2h_game.tui.widgets.move_button import MoveButton
from tests.tui.conftest import story_deck, table_app, wild_deck
from tests.tui.helpers import (
    bar_keys,
    palette_options,
    panel,
    said,
    shown_moves,
    slot_of,
    table_of,
    until,
)


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
        await pilot.click(slot_of(table, "answer"))
        assert shown_moves(table) == ["reflect", "meet", "thank-you"]
        # The key bar shows what the engine says is possible now, and nothing else.
        keys = bar_keys(table)
        assert {"r", "m", "t", "u", "w", "q", "F1"} <= set(keys)
        assert not {"a", "p", "x", "g", "h", "n"} & set(keys)


async def test_every_button_has_a_tooltip_in_the_words_of_the_registry(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        for keys in ("", "a", "r"):
            await pilot.press(*keys)
            for slot in table.query(MoveButton).results(MoveButton):
                if slot.move is not None:
                    assert slot.tooltip == BY_NAME[slot.move].tooltip


async def test_a_key_on_the_key_bar_is_clickable_like_the_key(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        # The first chip of the key bar is "a Answered", at its left edge.
        await pilot.click("#keys", offset=(2, 0))
        assert table.state.moment.phase is Phase.ANSWERED


async def test_going_deeper_needs_both_keys(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m")  # two met cards: jar 2 opens level 2
        assert panel(table) == "offer-panel"
        await pilot.press("f")
        assert table.state.moment.offer.agreed == (True, False)
        assert "✓ ready" in str(table.query_one("#agree-0").render())
        assert table.state.moment.level == 1
        await pilot.press("j")
        assert table.state.moment.level == 2
        assert panel(table) is None
        assert table.state.card.level == 2
        assert "Deeper: welcome to “Level 2”." in said(table)


async def test_one_key_then_not_yet_stays(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m", "j", "escape")
        assert panel(table) is None
        assert table.state.moment.level == 1 and table.state.moment.snoozed
        assert "Not yet: you stay at “Level 1”." in said(table)


async def test_going_lighter_needs_one_player_and_then_the_offer_waits(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m", "f", "j")
        assert table.state.moment.level == 2
        await pilot.press("l")
        assert table.state.moment.level == 1 and table.state.card.level == 1
        assert said(table) == "Lighter: back to “Level 1”."
        await pilot.press("a", "m")
        assert panel(table) is None  # one met card at the lighter level is not enough
        await pilot.press("a", "m")
        assert panel(table) == "offer-panel"
        title = str(table.query_one("#offer-title").render())
        assert title.startswith("Ready to go deeper again?")


async def test_leading_the_way_draws_one_level_up(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("g")
        assert table.state.card.level == 2 and table.state.moment.level == 1
        assert table.query_one("#card").has_class("-led")
        assert "The other card goes back under its pile." in said(table)
        await pilot.press("a", "m")
        assert table.state.moment.jar == 3


async def test_pause_hides_the_card_until_resumed(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("space")
        assert panel(table) == "pause-panel"
        assert not table.query_one("#play").display  # the card is nowhere to be seen
        assert not table.query_one("#table-top").display  # nor the jar or the names
        await pilot.press("a")  # nothing happens while paused
        assert table.state.moment.phase is Phase.SPEAKING
        await pilot.press("space")
        assert panel(table) is None and not table.state.moment.paused
        assert said(table) == "Welcome back."


async def test_a_quiet_moment_then_go_on(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "s")
        assert panel(table) == "quiet-panel"
        await pilot.press("enter")
        assert panel(table) is None
        assert table.state.moment.phase is Phase.ANSWERED and table.state.moment.jar == 0


async def test_go_on_says_in_words_how_long_until_it_wakes(services, monkeypatch):
    monkeypatch.setattr(TableScreen, "GO_ON_AFTER", 3.0)
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "s")
        await pilot.press("enter")
        assert table.state.moment.quiet
        assert said(table) == "Go on is ready in 3…"
        assert "ready in 3…" in str(table.query_one("#go-on").label)


async def test_wrap_up_asks_once_and_esc_keeps_playing(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("w")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        assert app.screen is table and table.state.moment.phase is Phase.SPEAKING
        assert said(table) == "Not wrapping up: the evening goes on."
        await pilot.press("w", "w")
        assert table.state.moment.phase is Phase.CLOSING


async def test_wrap_up_closing_card_and_summary(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "w", "w")
        assert panel(table) == "ending-panel"
        await pilot.press("f")
        assert table.state.moment.shared == (True, False)
        await pilot.press("j")
        assert panel(table) == "summary-panel"
        story = str(table.query_one("#story").render())
        assert "You answered one card and met each other once." in story
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, TitleScreen))
        listing = SaveStore(services.saves_dir).list()
        assert listing[0].finished


async def test_esc_on_the_closing_card_goes_back_to_the_table(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        card = table.state.moment.card
        await pilot.press("a", "w", "w")
        assert panel(table) == "ending-panel"
        await pilot.press("escape")
        assert panel(table) is None
        assert table.state.moment.phase is Phase.ANSWERED and table.state.moment.card == card
        assert said(table) == "Back to the table: the evening goes on."


async def test_skipping_the_closing_card_has_its_own_key_and_u_brings_it_back(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("w", "w")
        assert "k" in bar_keys(table)
        await pilot.press("k")
        assert panel(table) == "summary-panel"
        await pilot.press("u")
        assert panel(table) == "ending-panel" and table.state.moment.phase is Phase.CLOSING
        assert said(table) == "Undone: back to the closing card."


async def test_an_evening_that_went_deeper_lands_before_the_close(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("g", "a", "m", "w", "w")
        assert table.state.moment.phase is Phase.LANDING
        assert str(table.query_one("#ending-title").render()) == "Coming back up"
        assert table.state.deal.landing in str(table.query_one("#ending-text").render())
        await pilot.press("f", "j")
        assert table.state.moment.phase is Phase.CLOSING


async def test_summary_explains_and_hides_removed_cards_and_remembers_it(services):
    deck = story_deck()
    app = table_app(services, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        removed = table.state.moment.card
        await pilot.press("x", "w", "w", "k")
        note = str(table.query_one("#hide-note").render())
        assert "leaves it out of future games with this deck" in note
        await pilot.press("h")
        assert SaveStore(services.saves_dir).hidden_cards(deck.name) == {removed}
        assert not table.query_one("#hide").display
        game_id = table.session.id
        await pilot.press("q")
    again = H2HApp(services, Launch(resume=game_id))
    async with again.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: any(isinstance(s, TableScreen) for s in again.screen_stack))
        table = table_of(again)
        await until(pilot, lambda: panel(table) == "summary-panel")
        # Reopened, the finished game remembers that its removed cards were hidden.
        assert "will stay out of future games" in str(table.query_one("#hide-note").render())
        assert not table.query_one("#hide").display


@pytest.mark.parametrize("effect", list(Effect))
async def test_every_wild_effect_plays_through(services, effect):
    app = table_app(services, wild_deck(effect))
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        assert table.state.card.effect is effect
        await pilot.press("a")
        if effect is Effect.QUIET:
            assert panel(table) == "quiet-panel"
            await pilot.press("enter")
            assert not table.state.moment.quiet
            assert table.state.moment.turn == 2 and table.state.moment.speaker == 1
        elif effect is Effect.DEEPER:
            assert table.state.card.level == 2 and table.state.moment.led
        else:
            await pilot.press("m")
            assert table.state.moment.met == 1, effect


async def test_on_a_swap_card_the_seats_say_who_answers_first(services):
    app = table_app(services, wild_deck(Effect.SWAP), first=0)
    async with app.run_test(size=(100, 30)):
        table = table_of(app)
        assert "Maya · listens first" in str(table.query_one("#seat-0").render())
        assert "Sam · answers first" in str(table.query_one("#seat-1").render())


async def test_quit_mid_turn_and_continue_lands_on_the_same_card(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "r")
        state = table_of(app).state
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, TitleScreen))
    assert app.return_value is None  # left from the title: see the next test
    again = H2HApp(services, Launch(resume=""))
    async with again.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: any(isinstance(s, TableScreen) for s in again.screen_stack))
        table = table_of(again)
        assert table.state.moment == state.moment
        assert table.state.moment.phase is Phase.REFLECTING


async def test_quitting_returns_the_id_of_the_game_left_unfinished(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        game_id = table_of(app).session.id
        await pilot.press("a", "q")
        await until(pilot, lambda: isinstance(app.screen, TitleScreen))
        await pilot.press("q")
    assert app.return_value == game_id


async def test_quit_in_an_offer_resumes_in_the_offer(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "m", "a", "m", "f")
        await pilot.press("ctrl+q")
    assert app.return_value is not None
    again = H2HApp(services, Launch(resume=""))
    async with again.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: any(isinstance(s, TableScreen) for s in again.screen_stack))
        table = table_of(again)
        await until(pilot, lambda: panel(table) == "offer-panel")
        assert table.state.moment.offer.agreed == (True, False)


async def test_the_command_palette_offers_the_legal_moves_by_name(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m", "f", "j")  # level 2
        assert table.state.moment.level == 2
        await pilot.press("ctrl+p")
        await pilot.press(*"lighter")
        await until(pilot, lambda: any("lighter" in words for words in palette_options(app)))
        await pilot.press("enter")
        await until(pilot, lambda: table.state.moment.level == 1)


async def test_typing_contrast_in_the_palette_finds_the_high_contrast_theme(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"contrast")
        await until(pilot, lambda: "High contrast theme" in palette_options(app))
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "h2h-high-contrast")
        assert services.theme == "h2h-high-contrast"


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
        assert table.state == before  # what the players see is what a restart brings back
        assert "the disk is full" in said(table)
        assert table.query_one("#said").has_class("-warning")
        monkeypatch.setattr(OpenGame, "save", real_save)
        await pilot.press("a")
        assert table.state.moment.phase is Phase.ANSWERED


async def test_going_deeper_by_mouse_each_player_clicks_their_own_side(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m")
        await pilot.click("#agree-1")
        assert table.state.moment.offer.agreed == (False, True)
        await pilot.click("#agree-1")  # a second click changes nothing
        await pilot.click("#agree-0")
        assert table.state.moment.level == 2


async def test_every_panel_button_works_by_click(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a", "m", "a", "m")
        await pilot.click("#offer-panel Button")  # Not yet
        assert table.state.moment.offer is None and table.state.moment.snoozed
        await pilot.press("space")
        await pilot.click("#pause-panel Button")  # Resume
        assert not table.state.moment.paused
        await pilot.press("a", "s")
        await pilot.click("#go-on")
        assert not table.state.moment.quiet
        await pilot.press("w", "w")
        await pilot.click("#keep-playing")
        assert table.state.moment.phase is Phase.ANSWERED
        await pilot.press("w", "w")
        await pilot.click("#skip")
        assert panel(table) == "summary-panel"
        await pilot.click("#again")
        await until(pilot, lambda: type(app.screen).__name__ == "NewGameScreen")


async def test_a_key_press_applies_its_move_once_and_works_out_the_legal_moves_once(
    services, monkeypatch: pytest.MonkeyPatch
):
    """The footer, the buttons, the palette and check_action share one set of legal moves;
    the store saves the state it is given rather than applying the move again."""
    import h2h_game.engine.rules as rules
    import h2h_game.session as session

    applied: list[object] = []
    worked_out: list[object] = []
    real_apply, real_legal = session.apply, session.legal_actions

    def counting_apply(*args, **kwargs):
        applied.append(args[1])
        return real_apply(*args, **kwargs)

    def counting_legal(state):
        worked_out.append(state)
        return real_legal(state)

    monkeypatch.setattr(session, "apply", counting_apply)
    monkeypatch.setattr(session, "legal_actions", counting_legal)
    monkeypatch.setattr(rules, "apply", counting_apply)  # legality must not go through apply
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in ("a", "t", "a", "m"):
            applied.clear()
            worked_out.clear()
            await pilot.press(key)
            await pilot.pause()
            assert len(applied) == 1, (key, applied)
            assert len(worked_out) == 1, (key, len(worked_out))


async def test_an_empty_slot_stays_blank_under_the_pointer_and_a_move_lights_up(services):
    """A slot keeps its place when it has no move: no background, even hovered, and it comes
    back as a button when a move needs it."""
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = table_of(app)
        await pilot.press("a")
        slots = list(table.query(MoveButton).results(MoveButton))
        empty = next(slot for slot in slots if slot.move is None)
        shown = next(slot for slot in slots if slot.move is not None)
        at_rest = shown.styles.background
        assert at_rest.a > 0 and empty.styles.background.a == 0
        await pilot.hover(empty)
        await pilot.pause()
        assert empty.styles.background.a == 0
        await pilot.hover(shown)
        await pilot.pause()
        assert shown.styles.background != at_rest  # lit under the pointer
        await pilot.press("t")  # the next turn fills every slot again
        await pilot.pause()
        assert all(slot.move is not None for slot in slots)
        assert all(slot.styles.background.a > 0 for slot in slots if slot is not shown)
