"""The checking process: snapshots in, whole checks out, and nothing left running after."""

from __future__ import annotations

import io
import threading
import time

from h2h_game.decks.studio.checks import Snapshot, WholeCheck, check_whole
from h2h_game.decks.studio.worker import receive, send, serve
from h2h_game.tui.screens.studio.background import BackgroundCheck
from tests.studio.decks import small_draft


def test_the_worker_answers_each_snapshot_in_turn_and_stops_at_the_end_of_its_pipe():
    draft = small_draft()
    first = Snapshot.of(draft, "deck.toml")
    draft.set_card_text(draft.levels[0].cards[0].key, "")
    second = Snapshot.of(draft, "deck.toml")
    requests = io.BytesIO()
    send(requests, first)
    send(requests, second)
    requests.seek(0)
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    one, two = receive(answers), receive(answers)
    assert one.valid and one.deck is None  # the deck stays in the worker
    assert one.warning_list == check_whole(first).warning_list
    assert not two.valid and two.first_error == ("card", draft.levels[0].cards[0].key)


def test_a_worker_that_cannot_check_says_so_instead_of_going_quiet():
    requests = io.BytesIO()
    send(requests, "not a snapshot")
    requests.seek(0)
    answers = io.BytesIO()
    serve(requests, answers)
    answers.seek(0)
    assert isinstance(receive(answers), RuntimeError)


def test_a_cut_pipe_reads_as_the_end():
    stream = io.BytesIO(b"\x00\x00")
    try:
        receive(stream)
    except EOFError:
        pass
    else:
        raise AssertionError("a half-written length is the end of the pipe")


def test_the_checking_process_delivers_the_latest_snapshot_and_ends_when_stopped():
    got: list[WholeCheck] = []
    done = threading.Event()

    def deliver(check: WholeCheck) -> None:
        got.append(check)
        if check.version == last.version:
            done.set()

    draft = small_draft()
    checker = BackgroundCheck(deliver)
    try:
        checker.ask(Snapshot.of(draft, "deck.toml"))
        assert checker.busy
        for text in ("One?", "Two?", "Three?"):  # while the first runs, only the last waits
            draft.set_card_text(draft.levels[0].cards[0].key, text, typing=False)
            last = Snapshot.of(draft, "deck.toml")
            checker.ask(last)
        assert done.wait(timeout=60), "the checking process never answered"
        assert [check.version for check in got] == [0, last.version]
        deadline = time.monotonic() + 10
        while checker.busy and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not checker.busy
        process = checker._process
        assert process is not None and process.poll() is None
    finally:
        checker.stop()
    assert process.wait(timeout=10) is not None
    checker.ask(last)  # stopped: asks are ignored, no process is started again
    assert checker._process is None and not checker.busy
