"""A player for the crash test: plays random games into a saves folder, saying what it saves.

`python -m tests.store.crash_player FOLDER SEED` resumes the most recent unfinished game (or
starts one) and then plays and saves random legal actions until it is killed, starting a new
game whenever one ends. Each line it prints is flushed at once:

    ready                      imports done; the test starts its clock to the kill
    creating DIGEST            about to save a new game in this state (its id is not known yet)
    created ID DIGEST          the new game is saved
    resumed ID DIGEST          an unfinished game was opened, in this state
    pending ID DIGEST          about to save this state
    saved ID DIGEST            the state is saved
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from h2h_game.store import OpenGame, SaveStore
from tests.store.helpers import START, digest, fresh_game, next_step


def say(*words: str) -> None:
    print(*words, flush=True)


def new(store: SaveStore, rng: random.Random, clock: float) -> OpenGame:
    state = fresh_game(seed=rng.randrange(2**32), names=("Maya", "Sam"), at=clock)
    say("creating", digest(state))
    game = store.create(state, clock)
    say("created", game.id, digest(game.state))
    return game


def main(folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    say("ready")
    store = SaveStore(folder)
    latest = store.most_recent_unfinished()
    if latest is None:
        game = new(store, rng, START)
    else:
        game = store.open(latest.id)
        say("resumed", game.id, digest(game.state))
    clock = game.updated
    while True:
        if game.state.is_over:
            game.close()
            game = new(store, rng, clock)
        clock += rng.uniform(1, 120)
        state, entry = next_step(game.state, rng, clock)
        say("pending", game.id, digest(state))
        game.save(state, entry, clock)
        say("saved", game.id, digest(state))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
