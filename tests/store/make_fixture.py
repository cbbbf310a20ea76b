"""Writes a save fixture of the current schema: `python -m tests.store.make_fixture [PATH]`.

Run it once per schema version, before that version changes, and commit the file it writes as
`tests/store/fixtures/save-v<N>.json` (see `h2h_game/store/migrations.py`). Never regenerate a
committed fixture: it stands for the saves players already have.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from pathlib import Path

from h2h_game.engine import (
    Card,
    Deck,
    Effect,
    GameState,
    GoLighter,
    Kind,
    Length,
    Level,
    LogEntry,
    Pause,
    QuietMoment,
    Remove,
    Resume,
    Setup,
    Undo,
    WrapUp,
    apply,
    card_id,
    deal_game,
    legal_actions,
)
from h2h_game.store import SAVE_SCHEMA, SaveStore
from tests.store.helpers import START

SIDE_STEPS = (Pause, Resume, Undo, WrapUp, GoLighter, QuietMoment, Remove)
"""Actions a real evening takes now and then, not at every other turn."""

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_deck() -> Deck:
    """Three levels with tags and every wild effect: a save that exercises the whole format."""
    levels = []
    for number, (name, unlock) in enumerate(
        [("Warm up", 0), ("Getting closer", 3), ("Heart to heart", 8)], start=1
    ):
        cards = [
            Card(card_id(number, text), number, text, tags)
            for text, tags in [
                (f"What made you smile this week? ({number})", ()),
                (f"What do you miss about being a child? ({number})", ("family",)),
                (f"When did you last feel really proud? ({number})", ()),
                (f"What are you still learning about yourself? ({number})", ("self",)),
                (f"What would you tell your younger self? ({number})", ()),
            ]
        ]
        for effect in list(Effect)[number - 1 :: 3]:
            text = f"Wild card: {effect} ({number})"
            cards.append(Card(card_id(number, text), number, text, (), Kind.WILD, effect))
        levels.append(
            Level(number, name, unlock, tuple(cards), f"Level {number} of three.", settle=2)
        )
    return Deck(
        "Fixture deck",
        tuple(levels),
        description="A deck made for the save fixture.",
        author="The Heart to Heart team",
        tags=(("family", "Family"), ("self", "Yourself")),
        audience="Anyone who keeps a save fixture",
        landing=("What are you looking forward to tomorrow?",),
        closing="Each of you: one thing you will keep from tonight.",
    )


def next_step(state: GameState, rng: random.Random, clock: float) -> tuple[GameState, LogEntry]:
    actions = legal_actions(state)
    playing = [action for action in actions if not isinstance(action, SIDE_STEPS)]
    if any(isinstance(action, Resume) for action in actions):
        playing = [Resume()]
    action = rng.choice(playing if playing and rng.random() < 0.85 else actions)
    return apply(state, action, clock), LogEntry(action, clock)


def write_fixture(target: Path, actions: int = 60, seed: int = 5) -> Path:
    setup = Setup(
        fixture_deck(),
        names=("Maya", "Sam"),
        colours=("coral", "teal"),
        lines=frozenset({"family"}),
        length=Length.EVENING,
        seed=seed,
        first=0,
    )
    rng = random.Random(seed)
    clock = START
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        with store.create(deal_game(setup, at=clock), clock) as game:
            for _ in range(actions):
                if game.state.is_over:
                    break
                clock += rng.uniform(5, 240)
                state, entry = next_step(game.state, rng, clock)
                if state.is_over or isinstance(entry.action, WrapUp):
                    break  # keep the fixture a game that can be continued
                game.save(state, entry, clock)
        shutil.copyfile(game.path, target)
    return target


if __name__ == "__main__":
    default = FIXTURES / f"save-v{SAVE_SCHEMA}.json"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    print(write_fixture(path))
