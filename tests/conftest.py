"""Shared test configuration: hypothesis profiles and the --thorough option."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# CI runs on 2 cores in under 5 minutes; `make thorough` runs far more examples.
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--thorough",
        action="store_true",
        default=False,
        help="run the long versions of slow tests (e.g. 500 crash kills instead of 30)",
    )


@pytest.fixture(autouse=True)
def nothing_outside_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real user folders: data, cache, config, logs, decks, saves."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("H2H_LOGS", raising=False)
    monkeypatch.delenv("H2H_CONFIG", raising=False)
    monkeypatch.setenv("H2H_CACHE", str(home / "cache" / "h2h"))
    monkeypatch.delenv("H2H_DECKS", raising=False)
    monkeypatch.delenv("H2H_SAVES", raising=False)


@pytest.fixture
def thorough(request: pytest.FixtureRequest) -> bool:
    """True when the run asked for the long versions of slow tests."""
    return bool(request.config.getoption("--thorough"))
