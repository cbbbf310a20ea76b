"""A whole evening from setup to summary, told as the story of Maya and Sam."""

from __future__ import annotations

from h2h_game.engine import (
    Agree,
    Answer,
    AskDeeper,
    Ending,
    EndQuiet,
    FeltHeard,
    GoLighter,
    HandOver,
    LeadTheWay,
    Length,
    Meet,
    NotQuite,
    NotYet,
    Pass,
    Pause,
    Phase,
    QuietMoment,
    Reflect,
    Remove,
    Resume,
    Setup,
    ShareClosing,
    ShareLanding,
    ThankYou,
    Undo,
    WrapUp,
    apply,
    deal_game,
    legal_actions,
    summarise,
)
from tests.engine.builders import plain_deck

MINUTE = 60.0


class Evening:
    """A clock and a game, so the story below reads as what the players do."""

    def __init__(self) -> None:
        self.clock = 19 * 60 * MINUTE
        self.minutes_at_the_table = 0.0
        setup = Setup(
            plain_deck(per_level=10),
            names=("Maya", "Sam"),
            lines=frozenset({"money"}),
            length=Length.EVENING,
            seed=2026,
            first=0,
        )
        self.state = deal_game(setup, at=self.clock)

    def do(self, *actions, minutes: float = 2) -> None:
        for action in actions:
            if not self.state.moment.paused:
                self.minutes_at_the_table += minutes
            self.clock += minutes * MINUTE
            self.state = apply(self.state, action, self.clock)

    @property
    def speaker(self) -> str:
        return self.state.speaker.name


def test_maya_and_sam_spend_an_evening_at_the_table():
    evening = Evening()
    assert evening.speaker == "Maya"
    assert evening.state.card.level == 1

    # Maya answers a light card; Sam reflects, misses, tries again, and she feels heard.
    evening.do(Answer(), Reflect(), NotQuite(), Reflect(), FeltHeard())
    assert evening.state.moment.jar == 1
    # Sam meets her there: his answer to the same card adds the card's level.
    evening.do(Meet())
    assert evening.state.moment.jar == 2
    assert evening.speaker == "Sam"

    # Sam isn't ready for his card: he passes and hands the turn back, no reason asked.
    evening.do(Pass())
    assert evening.state.moment.phase is Phase.PASSED
    evening.do(HandOver())
    assert evening.speaker == "Maya"

    # Maya removes a card she'd rather not see again, then leads the way to level 2.
    removed = evening.state.moment.card
    evening.do(Remove(), LeadTheWay())
    assert evening.state.card.level == 2 and evening.state.moment.level == 1
    evening.do(Answer(), QuietMoment(), EndQuiet(), Meet(), minutes=6)
    assert evening.state.moment.jar == 2 + 2 + 1  # level 2 card, plus one for her courage

    # The jar reached level 2's threshold: the game asks them both.
    assert evening.state.moment.offer.level == 2
    evening.do(Agree(1), NotYet())
    assert evening.state.moment.level == 1
    assert evening.speaker == "Sam"
    evening.do(Answer(), Meet())
    # The offer comes back after the next card they met each other on.
    assert evening.state.moment.offer.level == 2
    evening.do(Agree(0), Agree(1))
    assert evening.state.moment.level == 2 and evening.state.card.level == 2

    # Someone comes in: the card hides until they are back. Nothing is lost.
    evening.do(Pause())
    evening.do(Resume(), minutes=45)
    evening.do(Answer(), ThankYou())
    # A mistaken key press is taken back.
    jar = evening.state.moment.jar
    evening.do(Answer(), Meet(), Undo())
    assert evening.state.moment.jar == jar and evening.state.moment.phase is Phase.ANSWERED
    evening.do(Meet())

    # Deep enough for tonight: Sam steps back to level 1 on his own.
    evening.do(GoLighter(1))
    assert evening.state.moment.level == 1
    assert AskDeeper(2) in legal_actions(evening.state)

    # Maya wraps up. They went deeper tonight, so first a light card to come back up.
    evening.do(WrapUp())
    assert evening.state.moment.phase is Phase.LANDING
    evening.do(ShareLanding(1), ShareLanding(0))
    # Then they share stars and wishes.
    assert evening.state.moment.phase is Phase.CLOSING
    evening.do(ShareClosing(0), ShareClosing(1), minutes=5)
    assert evening.state.is_over

    summary = summarise(evening.state)
    assert summary.players == ("Maya", "Sam")
    assert summary.ending is Ending.WRAP_UP
    assert summary.answered == 5
    assert summary.met == 4
    assert summary.felt_heard == 1
    assert summary.deepest_name == "Level 2"
    assert summary.removed == (removed,)
    # The 45-minute pause is not time together.
    assert summary.minutes == round(evening.minutes_at_the_table)
