"""Provides the deck studio's rows: open a 10,000-card deck, filter it, edit a card, in tmux.

    python -m benchmarks.studio_bench [--quick]

Each row is timed the way the other real-terminal rows are (`benchmarks/terminal.py`): from the
moment tmux is handed a key to the first poll of the screen that shows its effect. The baseline
is the same studio doing the same thing with a deck of a bundled deck's size (100 cards), in
its own terminal, interleaved: the ratio is what the 10,000 cards cost. A few in-process rows
say where the time goes.

The big deck's cards are made of the bundled decks' own words, a dozen each at random, and
numbered ("#4217"): like a real deck, no two cards ask the same thing, so the doctor's
near-duplicate search has the work of a real deck and not of a deck of twelve words.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import tomli_w

from benchmarks.harness import ROOT, Context, Result, Target, interleaved, median, spread
from benchmarks.terminal import Terminal

SMALL = 100
"""Cards in the baseline deck: the size of a bundled deck."""
BIG_NAME = "Studio bench, big"
SMALL_NAME = "Studio bench, small"
BROWSER_READY = ("Deck studio", "n New deck")
EDITOR_READY = ("Cards F2", "no errors", "a Add")
"""The editor's tabs, its status and its keys: the keys appear once the list has the focus."""
NOT_A_QUESTION = "not a question"
NOTHING = "Nothing here for the doctor"


def vocabulary() -> list[str]:
    """The words of the bundled decks' cards: what real cards are made of."""
    from h2h_game.decks.format import load_deck
    from h2h_game.paths import bundled_decks_dir

    words: set[str] = set()
    for path in bundled_decks_dir().glob("*.toml"):
        for card in load_deck(path).cards:
            words.update(word.lower() for word in re.findall(r"[A-Za-z]+", card.text))
    return sorted(words)


def card_text(number: int, rnd: random.Random, words: Sequence[str]) -> str:
    return f"What {' '.join(rnd.choice(words) for _ in range(rnd.randint(6, 14)))} #{number}?"


def write_studio_deck(path: Path, cards: int, name: str = BIG_NAME) -> list[str]:
    """A valid three-level deck of `cards` numbered cards; the texts, in order."""
    rnd = random.Random(1)
    words = vocabulary()
    texts = [card_text(number, rnd, words) for number in range(cards)]
    third = max(1, cards // 3)
    levels = [
        {"name": f"Level {index + 1}", "cards": texts[start:end]}
        for index, (start, end) in enumerate(((0, third), (third, 2 * third), (2 * third, cards)))
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        tomli_w.dumps({"format": 1, "deck": {"name": name}, "levels": levels}), encoding="utf-8"
    )
    return texts


def queries(texts: Sequence[str], count: int) -> list[str]:
    """Card numbers to search for, each typed a key at a time: "4", "42", "421", "4217"."""
    rnd = random.Random(2)
    return [str(rnd.randrange(len(texts))) for _ in range(count)]


def found(texts: Sequence[str], prefix: str) -> int:
    folded = prefix.casefold()
    return sum(folded in text.casefold() for text in texts)


class Studio:
    """`h2h deck edit DECK` in a terminal of its own, on the editor."""

    def __init__(self, ctx: Context, deck: Path, name: str) -> None:
        self.term = Terminal(env=ctx.env, cwd=ROOT, interval=ctx.settings.interval)
        self.ctx = ctx
        self.deck = deck
        self.deck_name = name

    def open(self) -> float:
        """Start the studio's list of decks, choose the deck (the first in the list: the bench's
        own user folders are empty, and a --decks folder comes before the bundled decks);
        seconds from enter to the editor ready to use."""
        saves = self.ctx.folder("studio-saves")
        argv = [
            str(self.ctx.h2h),
            "deck",
            "edit",
            "--decks",
            str(self.deck.parent),
            "--saves",
            str(saves),
        ]
        began = self.term.start(argv, cwd=ROOT)
        seen = self.term.wait_for(began, BROWSER_READY, timeout=60)
        self.term.quiet(seen.screen, began + seen.after)
        began = self.term.press("Home")
        self.term.wait_for(began, [self.deck_name], timeout=30)
        began = self.term.press("Enter")
        seen = self.term.wait_for(began, EDITOR_READY, timeout=60)
        self.term.quiet(seen.screen, began + seen.after)
        return seen.after

    def timed(self, key: str, shown: Callable[[str], bool]) -> float:
        """Seconds from handing tmux a key to a screen that `shown` accepts."""
        began = self.term.press(key)
        return self.term.wait(began, shown, timeout=30).after

    def close(self) -> None:
        self.term.close()


def open_rows(ctx: Context, big: Path, small: Path) -> list[Result]:
    """`h2h deck edit DECK` → the editor on screen, for both decks, interleaved."""

    def opening(deck: Path) -> Callable[[], float]:
        def measure() -> float:
            studio = Studio(ctx, deck, BIG_NAME if deck == big else SMALL_NAME)
            try:
                return studio.open()
            finally:
                studio.close()

        return measure

    runs = max(1, ctx.settings.deck_runs // 2)
    times = interleaved(runs, {"big": opening(big), "small": opening(small)})
    how = (
        "tmux 100x30: the studio's list of decks (`h2h deck edit --decks FOLDER`), the deck "
        "highlighted; time from enter to the editor ready to use (its tabs, its status 'no "
        "errors' and its keys in the footer): reading, validating and showing the deck; median "
        "of interleaved runs after one untimed round"
    )
    return [
        Result(
            "studio.open",
            f"studio: open a {ctx.settings.deck_cards:,}-card deck → editor",
            value=median(times["big"]) * 1000,
            baseline=median(times["small"]) * 1000,
            baseline_name=f"{SMALL} cards",
            target=Target(most=1000),
            details={"how": how, "big": spread(times["big"]), "small": spread(times["small"])},
        )
    ]


def key_rows(ctx: Context, big: Path, small: Path, texts: dict[Path, list[str]]) -> list[Result]:
    """A filter keystroke → the list updated; a card edit → its check shown: both decks."""
    samples = max(4, ctx.settings.keys // 10)
    studios = {big: Studio(ctx, big, BIG_NAME), small: Studio(ctx, small, SMALL_NAME)}
    filtering: dict[Path, list[float]] = {big: [], small: []}
    editing: dict[Path, list[float]] = {big: [], small: []}
    try:
        for studio in studios.values():
            studio.open()
            # The find field has the focus once the list's own keys leave the footer.
            studio.timed("/", lambda screen: "a Add" not in screen)
        # Filter: type a card number a key at a time, then clear it; each key has its own count.
        asked = {path: queries(texts[path], samples) for path in studios}
        for number in range(samples):
            order = (big, small) if number % 2 == 0 else (small, big)
            for path in order:
                studio, total, query = studios[path], len(texts[path]), asked[path][number]
                shown = f"{total:,} cards"
                for end in range(1, len(query) + 1):
                    want = f"{found(texts[path], query[:end]):,} of {total:,}"
                    if want == shown:  # nothing would change on screen: nothing to time
                        studio.term.press(query[end - 1])
                        time.sleep(0.1)
                        continue
                    filtering[path].append(studio.timed(query[end - 1], _shows(want)))
                    shown = want
                for _ in query:
                    studio.term.press("BSpace")
                studio.term.wait_for(time.perf_counter(), [f"{total:,} cards"], timeout=30)
        # Edit: the first card's text selected (F7) and written over with "x"; then "?" and
        # backspace in turn: the panel says there is nothing for the doctor, then "not a
        # question" again. Each key waits for the one before it to show: a bound key (F7,
        # backspace) acts only once its event has gone round the app, so a letter typed right
        # after it could overtake it.
        for studio in studios.values():
            for key in ("Escape", "Home", "Down", "Enter", "F7"):
                studio.term.press(key)
                time.sleep(0.3)
            studio.timed("x", _shows(NOT_A_QUESTION))
        for number in range(samples):
            order = (big, small) if number % 2 == 0 else (small, big)
            for path in order:
                studio = studios[path]
                editing[path].append(studio.timed("?", _shows(NOTHING)))
                editing[path].append(studio.timed("BSpace", _shows(NOT_A_QUESTION)))
                time.sleep(0.1)  # a person's pause, in which a big deck's whole check may start
    finally:
        for studio in studios.values():
            studio.close()
    how_filter = (
        f"tmux 100x30, the editor's find field: a card number typed a key at a time ({samples} "
        "numbers: '4', '42', '421', '4217'); time from send-keys to the poll showing the new "
        "count ('12 of 10,000'), "
        "which is drawn with the filtered list"
    )
    how_edit = (
        "tmux 100x30, the first card's text made 'x', then '?' and backspace in turn; time "
        "from send-keys to the poll showing the card's own check ('Nothing here for the "
        "doctor', then 'not a question'); the whole-deck check follows in the background"
    )
    cards = f"{ctx.settings.deck_cards:,}"
    return [
        Result(
            "studio.filter",
            f"studio: filter keystroke → list, {cards} cards, p50",
            value=median(filtering[big]) * 1000,
            baseline=median(filtering[small]) * 1000,
            baseline_name=f"{SMALL} cards",
            target=Target(most=50),
            details={
                "how": how_filter,
                "big": spread(filtering[big]),
                "small": spread(filtering[small]),
            },
        ),
        Result(
            "studio.edit",
            f"studio: card edit → check shown, {cards} cards, p50",
            value=median(editing[big]) * 1000,
            baseline=median(editing[small]) * 1000,
            baseline_name=f"{SMALL} cards",
            target=Target(most=50),
            details={"how": how_edit, "big": spread(editing[big]), "small": spread(editing[small])},
        ),
    ]


def _shows(text: str) -> Callable[[str], bool]:
    return lambda screen: text in screen


def inside_rows(ctx: Context, big: Path) -> list[Result]:
    """Where the time goes, in-process: reading the deck, filtering, one card's check."""
    from h2h_game.decks.studio.checks import ProblemBook, Snapshot, check_card, check_whole
    from h2h_game.decks.studio.draft import Draft
    from h2h_game.decks.studio.files import read_deck
    from h2h_game.decks.studio.finding import Filter, find_rows

    def timed(action: Callable[[], object]) -> float:
        began = time.perf_counter()
        action()
        return time.perf_counter() - began

    deck, _ = read_deck(big)
    draft = Draft.from_deck(deck)
    book = ProblemBook()
    card = draft.levels[0].cards[0]
    runs = ctx.settings.deck_runs
    times = interleaved(
        runs,
        {
            "read": lambda: timed(lambda: Draft.from_deck(read_deck(big)[0])),
            "filter": lambda: timed(lambda: find_rows(draft, book, Filter(text="42"))),
            "card": lambda: timed(lambda: check_card(card)),
            "whole": lambda: timed(lambda: check_whole(Snapshot.of(draft, str(big)))),
        },
    )
    cards = f"{ctx.settings.deck_cards:,}"
    rows = [
        ("read", f"  of which reading {cards} cards into a draft"),
        ("filter", f"  of which finding rows in {cards} cards"),
        ("card", "  of which one card's own check"),
        ("whole", f"  the whole-deck check of {cards} cards (background)"),
    ]
    return [
        Result(
            f"studio.inside.{key}",
            metric,
            value=median(times[key]) * 1000,
            details={"how": "in-process, median of interleaved runs", "times": spread(times[key])},
        )
        for key, metric in rows
    ]


def studio_rows(ctx: Context) -> list[Result]:
    big = ctx.folder("studio-big") / "big.toml"
    small = ctx.folder("studio-small") / "small.toml"
    texts = {
        big: write_studio_deck(big, ctx.settings.deck_cards),
        small: write_studio_deck(small, SMALL, SMALL_NAME),
    }
    return [
        *open_rows(ctx, big, small),
        *key_rows(ctx, big, small, texts),
        *inside_rows(ctx, big),
    ]


SECTIONS: list[tuple[str, str, Callable[[Context], list[Result]]]] = [
    ("studio", "deck studio, 10,000 cards", studio_rows),
]
"""(key, name, measure); the rows need tmux."""


def main(argv: Sequence[str] | None = None) -> None:
    from benchmarks.__main__ import run_standalone

    run_standalone(SECTIONS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
