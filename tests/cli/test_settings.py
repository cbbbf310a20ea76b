"""The settings file: read like every other file h2h reads back, written privately."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from h2h_game.settings import Settings, load_settings, save_settings, settings_path


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config" / "h2h"
    monkeypatch.setenv("H2H_CONFIG", str(folder))
    return folder


def test_defaults_when_there_is_no_file() -> None:
    assert load_settings() == Settings(theme=None, hints=True)


def test_a_round_trip_in_a_private_file(config: Path) -> None:
    save_settings(Settings(theme="nord", hints=False))
    assert load_settings() == Settings(theme="nord", hints=False)
    assert stat.S_IMODE(settings_path().stat().st_mode) == 0o600
    assert stat.S_IMODE(config.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"[]",
        b"[" * 100_000,
        b'{"theme": 1e400, "hints": "yes"}',
        b'{"theme": "x\\u001b[2J", "hints": NaN}',
        b"\xff\xfe",
    ],
)
def test_a_damaged_file_gives_the_defaults(config: Path, content: bytes) -> None:
    config.mkdir(parents=True)
    settings_path().write_bytes(content)
    assert load_settings() == Settings()


def test_what_is_good_in_a_file_is_kept(config: Path) -> None:
    config.mkdir(parents=True)
    settings_path().write_text(json.dumps({"theme": "nord", "hints": "no", "extra": 1}))
    assert load_settings() == Settings(theme="nord", hints=True)


def test_a_fifo_or_a_link_is_not_read(config: Path, tmp_path: Path) -> None:
    config.mkdir(parents=True)
    os.mkfifo(settings_path())
    assert load_settings() == Settings()
    settings_path().unlink()
    target = tmp_path / "elsewhere.json"
    target.write_text('{"theme": "nord"}')
    settings_path().symlink_to(target)
    assert load_settings() == Settings()
