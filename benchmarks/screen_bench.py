"""Provides the real-terminal rows: launch, `h2h new`, key → frame in play, peak memory, saves list.

    python -m benchmarks.screen_bench [--quick]

Each app runs in its own fresh tmux server (100×30), started directly from the venv (`h2h`, or
`python benchmarks/bare_app.py` for the baseline), and the screen is polled until the text that
proves the frame is there shows up (see `benchmarks/terminal.py`). h2h and the bare app take
turns, launch by launch and key by key, so whatever else the machine is doing slows both. Keys
are also played in a bare app shaped like the table (`benchmarks/bare_table.py`), to tell what
Textual costs to repaint the parts a move changes from what h2h adds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import bare_app, bare_table, terminal
from benchmarks.harness import (
    ROOT,
    Context,
    Result,
    Target,
    interleaved,
    median,
    percentile,
    skipped,
    spread,
)
from benchmarks.terminal import Terminal

BARE = ROOT / "benchmarks" / "bare_app.py"
BARE_TABLE = ROOT / "benchmarks" / "bare_table.py"
PLAYERS = ("Ann", "Bob")
# What proves a frame is complete: text from the top, the middle and the footer of each screen.
BARE_READY = (bare_app.READY, "t Thanks")
BARE_TABLE_READY = (bare_table.READY, "· speaking", "a Answered")
TITLE_READY = ("Heart to Heart", "Decks", "l Load game")
TABLE_READY = ("WARM UP", "· speaking", "a Answered")
LIST_READY = ("Saved games", "Maya & Sam", "in progress")
WORDS = ("morning", "kitchen", "window", "summer", "river", "letter", "garden", "promise")


def write_play_deck(path: Path, first_level: int) -> Path:
    """A deck with no wild cards, so answer/thank-you can go round for `first_level` cards."""
    levels = []
    for number, (name, count) in enumerate(
        (("Warm up", first_level), ("Closer", 30), ("Deep", 30)), start=1
    ):
        cards = [
            f"Question {number}-{i}: what does the word {WORDS[i % len(WORDS)]} bring back for "
            "you, and who was there?"
            for i in range(count)
        ]
        body = ",\n".join(f'  "{text}"' for text in cards)
        levels.append(f'[[levels]]\nname = "{name}"\ncards = [\n{body},\n]\n')
    path.write_text('format = 1\n\n[deck]\nname = "Bench"\n\n' + "\n".join(levels))
    return path


def play_deck(ctx: Context) -> Path:
    if "play_deck" not in ctx.cache:
        # Enough first-level cards for every key of the loop (two keys a card) and the warm-up.
        cards = ctx.settings.keys // 2 + 20
        ctx.cache["play_deck"] = write_play_deck(ctx.folder("deck") / "bench.toml", cards)
    return ctx.cache["play_deck"]


def new_game_argv(ctx: Context, saves: Path) -> list[str]:
    deck = str(play_deck(ctx))
    return [
        str(ctx.h2h),
        "new",
        "--deck",
        deck,
        "--players",
        *PLAYERS,
        "--length",
        "open",
        "--seed",
        "1",
        "--saves",
        str(saves),
    ]


def bare_argv(ctx: Context, app: Path = BARE) -> list[str]:
    return [str(ctx.python), str(app)]


def terminal_for(ctx: Context, interval: float | None = None) -> Terminal:
    every = ctx.settings.interval if interval is None else interval
    return Terminal(env=ctx.env, cwd=ROOT, interval=every)


# --- launch ---------------------------------------------------------------------------------------


def launch_rows(ctx: Context) -> list[Result]:
    """Launch → first complete frame: the bare app, h2h's title, `h2h new`, interleaved."""
    settled: dict[str, list[float]] = {}

    def launch(
        name: str, argv: Callable[[], list[str]], ready: Sequence[str]
    ) -> Callable[[], float]:
        def measure() -> float:
            with terminal_for(ctx) as term:
                began = term.start(argv(), cwd=ROOT)
                seen = term.wait_for(began, ready)
                _, last = term.quiet(seen.screen, began + seen.after)
            settled.setdefault(name, []).append(last - began)
            return seen.after

        return measure

    def h2h_title() -> list[str]:
        return [str(ctx.h2h), "--saves", str(ctx.folder("saves"))]

    times = interleaved(
        ctx.settings.launches,
        {
            "bare": launch("bare", lambda: bare_argv(ctx), BARE_READY),
            "title": launch("title", h2h_title, TITLE_READY),
            "new": launch("new", lambda: new_game_argv(ctx, ctx.folder("saves")), TABLE_READY),
        },
    )
    for name in list(settled):
        settled[name] = settled[name][1:]  # the warm-up round
    bare = median(times["bare"]) * 1000
    how = (
        "tmux 100x30, a fresh server each launch; time from respawn-pane to the first poll "
        "showing the frame's markers (top, middle and footer); median of interleaved launches "
        "after one untimed round; empty saves folder; `new` reads the deck through a warm cache"
    )

    def details(name: str) -> dict[str, object]:
        return {
            "how": how,
            "runs": ctx.settings.launches,
            "h2h": spread(times[name]),
            "bare": spread(times["bare"]),
            "last_redraw": spread(settled[name]),
            "bare_last_redraw": spread(settled["bare"]),
        }

    return [
        Result(
            "launch.title",
            "launch → title visible",
            value=median(times["title"]) * 1000,
            baseline=bare,
            baseline_name="bare app",
            target=Target(ratio=1.15),
            details=details("title"),
        ),
        Result(
            "launch.new",
            "`h2h new --deck … --players …` → first card",
            value=median(times["new"]) * 1000,
            baseline=bare,
            baseline_name="bare app",
            target=Target(ratio=1.3),
            details=details("new"),
        ),
    ]


# --- keys during play ----------------------------------------------------------------------------


@dataclass
class Player:
    """One app being played key by key: its terminal, its screen, and what each key should show."""

    term: Terminal
    screen: str
    expect: Callable[[str], Sequence[str]]
    first: list[float] = field(default_factory=list)
    effect: list[float] = field(default_factory=list)
    last: list[float] = field(default_factory=list)

    def press(self, key: str, *, timed: bool = True) -> None:
        """Press `key`, wait for the frame showing its effect, then for the redraws to end."""
        before, ready = self.screen, self.expect(key)
        began = self.term.press(key)
        first = self.term.wait(began, lambda screen: screen != before, timeout=10)
        effect = first
        if not all(marker in first.screen for marker in ready):
            effect = self.term.wait_for(began, ready, timeout=10)
        self.screen, last = self.term.quiet(effect.screen, began + effect.after)
        if timed:
            self.first.append(first.after)
            self.effect.append(effect.after)
            self.last.append(last - began)


def table_expectations(screen: str) -> Callable[[str], Sequence[str]]:
    """What the table shows after each `a` (answered) and `t` (thank you), from the first screen.

    After `a` the listener's seat is lit and the footer offers Thanks; after `t` the listener
    becomes the speaker, a new card is drawn and the footer offers Answered again.
    """
    speaker, listener = PLAYERS if f"▸ {PLAYERS[0]} · speaking" in screen else PLAYERS[::-1]
    roles = [speaker, listener]

    def expect(key: str) -> Sequence[str]:
        if key == "a":
            return (f"▸ {roles[1]} · listening", "t Thanks")
        roles.reverse()
        return (f"▸ {roles[0]} · speaking", "a Answered")

    return expect


def bare_expectations(
    pressed: Callable[[str, int], str] = bare_app.pressed,
) -> Callable[[str], Sequence[str]]:
    count = 0

    def expect(key: str) -> Sequence[str]:
        nonlocal count
        count += 1
        return (pressed(key, count),)

    return expect


def peak_rss(pid: int) -> float | None:
    """The peak resident memory of a process in MiB (Linux's VmHWM), None where unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as file:
            for line in file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def key_rows(ctx: Context) -> list[Result]:
    """Key → frame during play: `a`, `t`, `a`, `t` … in h2h and the bare app, key by key."""
    keys = ctx.settings.keys
    every = ctx.settings.key_interval
    with (
        terminal_for(ctx, every) as h2h_term,
        terminal_for(ctx, every) as bare_term,
        terminal_for(ctx, every) as table_term,
    ):
        began = h2h_term.start(new_game_argv(ctx, ctx.folder("play-saves")), cwd=ROOT)
        seen = h2h_term.wait_for(began, TABLE_READY)
        screen, _ = h2h_term.quiet(seen.screen, began + seen.after)
        h2h = Player(h2h_term, screen, table_expectations(screen))
        began = bare_term.start(bare_argv(ctx), cwd=ROOT)
        seen = bare_term.wait_for(began, BARE_READY)
        screen, _ = bare_term.quiet(seen.screen, began + seen.after)
        bare = Player(bare_term, screen, bare_expectations())
        began = table_term.start(bare_argv(ctx, BARE_TABLE), cwd=ROOT)
        seen = table_term.wait_for(began, BARE_TABLE_READY)
        screen, _ = table_term.quiet(seen.screen, began + seen.after)
        table = Player(table_term, screen, bare_expectations(bare_table.said))
        players = (h2h, bare, table)
        for number in range(4):  # untimed: the first moves import and build what later ones reuse
            for player in players:
                player.press("at"[number % 2], timed=False)
        for number in range(keys):
            key = "at"[number % 2]
            # Each app goes first, second and last in turn.
            for player in players[number % 3 :] + players[: number % 3]:
                player.press(key)
        memory = peak_rss(h2h_term.pid()), peak_rss(bare_term.pid())
    how = (
        f"tmux 100x30, keys a, t, a, t … ({keys} each, interleaved key by key with the bare "
        "app and the bare table), time from send-keys to the first poll showing the move's "
        "effect (the lit seat and the footer's new moves; the bare app's Label; the bare "
        f"table's line under the hint), polling every {every * 1000:g} ms"
    )
    details = {
        "how": how,
        "keys": keys,
        "h2h": {
            "first_change": spread(h2h.first),
            "effect": spread(h2h.effect),
            "last_redraw": spread(h2h.last),
            # Key by key, to see whether a move gets slower as the game grows.
            "effect_ms": [round(value * 1000, 1) for value in h2h.effect],
            "first_change_ms": [round(value * 1000, 1) for value in h2h.first],
        },
        "bare": {
            "first_change": spread(bare.first),
            "effect": spread(bare.effect),
            "last_redraw": spread(bare.last),
        },
        "bare_table": {
            "first_change": spread(table.first),
            "effect": spread(table.effect),
            "last_redraw": spread(table.last),
        },
    }
    p50, bare50 = median(h2h.effect) * 1000, median(bare.effect) * 1000
    p95, bare95 = percentile(h2h.effect, 0.95) * 1000, percentile(bare.effect, 0.95) * 1000
    results = [
        Result(
            "keys.p50",
            "key → frame in play, p50",
            value=p50,
            baseline=bare50,
            baseline_name="bare app",
            target=Target(ratio=1.2, most=17),
            details=details,
        ),
        Result(
            "keys.p95",
            "key → frame in play, p95",
            value=p95,
            baseline=bare95,
            baseline_name="bare app",
            target=Target(most=33),
        ),
        Result(
            "keys.p50_table",
            "  the same, against a bare table",
            value=p50,
            baseline=median(table.effect) * 1000,
            baseline_name="bare table",
        ),
        Result(
            "keys.first_change",
            "key → first changed frame, p50",
            value=median(h2h.first) * 1000,
            baseline=median(bare.first) * 1000,
            baseline_name="bare app",
        ),
        Result(
            "keys.last_redraw",
            "key → last redraw, p50",
            value=median(h2h.last) * 1000,
            baseline=median(bare.last) * 1000,
            baseline_name="bare app",
        ),
    ]
    h2h_peak, bare_peak = memory
    if h2h_peak is None or bare_peak is None:
        results.append(
            skipped("memory.peak", "peak memory", "no /proc/PID/status here (Linux only)")
        )
    else:
        results.append(
            Result(
                "memory.peak",
                f"peak memory, a game of {keys + 4} actions",
                unit="MiB",
                value=h2h_peak,
                baseline=bare_peak,
                baseline_name=f"bare app, {keys + 4} keys",
                target=Target(ratio=1.3),
                details={"how": "VmHWM (peak resident set) of each app at the end of the key loop"},
            )
        )
    return results


# --- the saves list ------------------------------------------------------------------------------


def list_rows(ctx: Context) -> list[Result]:
    """Title → `l` → the list of saved games on screen, with the index and with it deleted."""
    from benchmarks.store_bench import filled
    from h2h_game.store.index import INDEX_NAME

    games = ctx.settings.games
    folder = filled(ctx, games)

    def load(with_index: bool) -> Callable[[], float]:
        def measure() -> float:
            with terminal_for(ctx) as term:
                began = term.start([str(ctx.h2h), "--saves", str(folder)], cwd=ROOT)
                seen = term.wait_for(began, (*TITLE_READY, "Continue"), timeout=60)
                term.quiet(seen.screen, began + seen.after)
                if not with_index:
                    (folder / INDEX_NAME).unlink(missing_ok=True)
                began = term.press("l")
                return term.wait_for(began, LIST_READY, timeout=60).after

        return measure

    times = interleaved(ctx.settings.list_runs, {"index": load(True), "no index": load(False)})
    how = (
        f"tmux 100x30, h2h on the title with {games} saved games; time from `l` to the list's "
        "rows on screen; 'no index': .index.json deleted just before the key"
    )
    return [
        Result(
            "list.index",
            f"saves list, {games} games, key → list",
            value=median(times["index"]) * 1000,
            target=Target(most=150),
            details={"how": how, "times": spread(times["index"])},
        ),
        Result(
            "list.no_index",
            f"saves list, {games} games, index deleted",
            value=median(times["no index"]) * 1000,
            target=Target(most=1000),
            details={"how": how, "times": spread(times["no index"])},
        ),
    ]


def poll_row(ctx: Context) -> Result:
    cost = terminal.poll_cost() * 1000
    return Result(
        "terminal.poll",
        "one screen poll (capture-pane), resolution",
        value=cost,
        details={
            "interval_ms": ctx.settings.interval * 1000,
            "how": "median time of one capture-pane through the tmux control client; polls run "
            "every interval, so a time is late by at most interval + this",
        },
    )


SECTIONS: list[tuple[str, str, Callable[[Context], list[Result]]]] = [
    ("terminal.poll", "screen poll", lambda ctx: [poll_row(ctx)]),
    ("launch", "launch → title / first card", launch_rows),
    ("keys", "key → frame in play", key_rows),
    ("list", "saves list", list_rows),
]
"""(key, name, measure) of each part; all of them need tmux."""


def main(argv: Sequence[str] | None = None) -> None:
    from benchmarks.__main__ import run_standalone

    run_standalone(SECTIONS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
