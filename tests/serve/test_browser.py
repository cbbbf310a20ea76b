"""End to end in headless Chromium: open the page at tablet sizes, start a game, play a turn.

Everything is done by tapping the screen where a label is drawn, as a player would with a
finger. The steps name what to tap and what should then be on screen, so a reshaped screen
means editing a line here, not the helpers. Screenshots land in the test's tmp folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.serve.browser import Browser, find_chromium
from tests.serve.server_process import ServerProcess

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium and chromium-driver are not installed "
    "(apt-get install chromium chromium-driver; .ci/run does it)",
)

NEW_GAME = [
    # (tap this, then wait until this is on screen)
    ("New game", "Choose a deck"),
    ("Next", "Who is playing?"),
    ("Next", "please look away"),
    ("Next", "tick any topic"),
    ("Next", "please look away"),
    ("Next", "tick any topic"),
    ("Next", "How long tonight?"),
    ("Next", "How a turn goes"),
    ("Next", "press f when ready"),
    ("press f when ready", "✓ ready"),
    ("press j when ready", "Who speaks first?"),
    ("Player 1 goes first", "Player 1 goes first"),
    ("Next", "Player 1 · speaking"),
]
"""From the title to the table with the bundled deck, every default kept, Player 1 first."""

OPEN_THE_SAVED_GAME = [
    # The row opens on a tap once it is highlighted, which the line about the game shows.
    ("Load game", "Reached “Warming up”"),
    ("Player 1 & Player 2", "This game is open in another window."),
    ("Follow without changing", "read only"),
]
"""From the title of a second tab to the game the first tab has open."""

SPEAKER_MOVES = ("I answered  a", "I said mine  a", "Pass  p")
LISTENER_MOVES = ("Thank you  t", "Hand over  o")
"""One turn whatever the first card is: most can be answered and thanked; any can be passed.
A move's button shows its key after its words, which the card's text and the footer do not."""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    assert CHROMIUM is not None
    browser = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = ServerProcess(tmp_path_factory.mktemp("serve"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (768, 1024)])
def test_a_tablet_starts_a_game_and_plays_a_turn_by_tapping(
    browser: Browser, served: ServerProcess, shots: Path, width: int, height: int
) -> None:
    browser.viewport(width, height)
    browser.open(served.url)
    assert browser.driver.title == "Heart to Heart"
    screen = browser.wait_for("Heart to Heart", "New game")
    assert screen.cols >= 80 and screen.rows >= 24, (screen.cols, screen.rows)
    browser.screenshot(shots / f"{width}x{height}-title.png")

    for label, then in NEW_GAME:
        browser.tap(label)
        browser.wait_for(then)
    table = browser.wait_for("Heart to Heart · Heart to Heart", "Player 2 · listening")
    browser.screenshot(shots / f"{width}x{height}-table.png")

    play_one_turn(browser)
    after = browser.wait_for("Player 1 · listening", "Player 2 · speaking")
    assert after.text != table.text
    browser.screenshot(shots / f"{width}x{height}-after-one-turn.png")

    assert local_requests_only(browser, served)


def test_a_second_tab_on_the_same_game_only_looks_and_the_first_plays_on(
    browser: Browser, tmp_path: Path, shots: Path
) -> None:
    # A server of its own, so its one saved game is the one the list offers first.
    served = ServerProcess(tmp_path)
    try:
        two_tabs_on_one_game(browser, served, shots)
    finally:
        served.stop()


def two_tabs_on_one_game(browser: Browser, served: ServerProcess, shots: Path) -> None:
    browser.viewport(1024, 768)
    browser.open(served.url)
    for label, then in NEW_GAME:
        browser.tap(label)
        browser.wait_for(then)
    first_tab = browser.driver.current_window_handle

    browser.new_tab()
    browser.viewport(1024, 768)
    browser.open(served.url)
    for label, then in OPEN_THE_SAVED_GAME:
        browser.tap(label)
        browser.wait_for(then)
    browser.screenshot(shots / "second-tab-read-only.png")
    browser.driver.close()

    browser.driver.switch_to.window(first_tab)
    play_one_turn(browser)
    browser.wait_for("Player 2 · speaking")


def play_one_turn(browser: Browser) -> None:
    """The speaker's move, then the listener's, leaving the other player to speak."""
    browser.tap_first_of(*SPEAKER_MOVES)
    browser.tap_first_of(*LISTENER_MOVES)


def local_requests_only(browser: Browser, served: ServerProcess) -> bool:
    """True when every request the page made (files, fonts, the websocket) went to the server."""
    here = urlsplit(served.base).netloc
    urls = []
    for entry in browser.driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    # The browser's own pages (chrome://…) and inline data: never touch the network.
    network = [url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")]
    assert served.url.replace("http", "ws", 1) + "ws" in {url.split("?")[0] for url in network}
    assert any(url.endswith("textual.js") for url in network)
    assert [url for url in network if urlsplit(url).netloc != here] == []
    return True
