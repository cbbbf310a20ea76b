"""An error nobody expected: a crash log with the traceback, one short line naming it, exit 1."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path

import pytest
from textual.app import App

from h2h_game import cli, crash


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state" / "h2h" / "log"
    monkeypatch.setenv("H2H_LOGS", str(folder))
    return folder


def failing_command(error: BaseException) -> None:
    """Make `h2h saves list` raise `error`, as a bug anywhere under a command would."""

    def fail(args: argparse.Namespace) -> int:
        raise error

    return fail  # type: ignore[return-value]


def test_an_unexpected_error_is_logged_and_named_in_one_line(
    logs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("h2h_game.commands.saves.run_list", failing_command(KeyError("deck")))
    assert cli.main(["saves", "list"]) == 1
    out, err = capsys.readouterr()
    (log,) = logs.iterdir()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("h2h stopped because of an unexpected error (KeyError).")
    assert err.rstrip().endswith(str(log))
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "KeyError: 'deck'" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    for folder in (logs, logs.parent, logs.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_ctrl_c_exits_130(logs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("h2h_game.commands.saves.run_list", failing_command(KeyboardInterrupt()))
    assert cli.main(["saves", "list"]) == 130
    assert not logs.exists()


def test_with_nowhere_to_log_the_traceback_goes_to_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("H2H_LOGS", str(blocker / "log"))
    monkeypatch.setattr("h2h_game.commands.saves.run_list", failing_command(ValueError("x")))
    assert cli.main(["saves", "list"]) == 1
    err = capsys.readouterr().err
    assert "could not be written" in err and "ValueError: x" in err


def test_old_logs_are_pruned(logs: Path) -> None:
    logs.mkdir(parents=True)
    oldest = logs / "crash-20000101T000000-1-000000.log"
    oldest.write_text("long ago")
    written = [crash.write_log(RuntimeError("again")) for _ in range(crash.KEEP + 4)]
    assert len(list(logs.glob("crash-*.log"))) == crash.KEEP
    assert not oldest.exists() and written[-1].exists()


class Boom(crash.CrashReporting, App[None]):
    """A Textual app that fails as soon as it starts."""

    def on_mount(self) -> None:
        raise RuntimeError("boom")


def test_the_app_mixin_keeps_the_error_and_prints_no_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = Boom()
    app.run(headless=True)
    assert isinstance(app.crash, RuntimeError) and str(app.crash) == "boom"
    assert app.return_code == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "boom" not in out + err
