"""Provides `Browser`: headless Debian Chromium driven by selenium, reading and tapping the game.

Textual draws into xterm.js on a canvas, so there is no text in the page to find. A script
installed before the page's own keeps every xterm `Terminal` it creates, whose buffer holds the
screen as text; a button is found by its label and tapped at the centre of its cells.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPRESS_GAP = 0.5
"""Seconds between two taps on one spot. A Textual Button ignores presses while it still shows
the last one (0.2 s from when the game handled it), and the wizard's Next is one button."""
WAIT_LIMIT = 20.0
"""Seconds to wait for something to appear on screen: a ceiling, never a measurement."""

# textual.js assigns `this.terminal = new Terminal(…)` in its constructor: a setter on
# Object.prototype sees that assignment, keeps the terminal and then steps out of the way.
KEEP_TERMINALS = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active) window.__terminals.push(value);
  },
});
"""

READ_SCREEN = """
const t = (window.__terminals || [])[0];
if (!t) return null;
const lines = [];
for (let y = 0; y < t.rows; y++) lines.push(t.buffer.active.getLine(y).translateToString(true));
const box = t.element.querySelector(".xterm-screen").getBoundingClientRect();
return {cols: t.cols, rows: t.rows, lines: lines,
        left: box.left, top: box.top, width: box.width, height: box.height};
"""

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
)


def find_chromium() -> tuple[str, str] | None:
    """Debian's chromium and chromium-driver, if both are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@dataclass(frozen=True)
class Screen:
    """The terminal's text, and where its cells are in the page."""

    cols: int
    rows: int
    lines: list[str]
    left: float
    top: float
    width: float
    height: float

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def find(self, label: str) -> tuple[int, int] | None:
        """(column, row) where `label` first stands as whole words, or None.

        Whole words, so that a card saying "Passing is free" is not taken for "Pass".
        """
        pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)")
        for row, line in enumerate(self.lines):
            if match := pattern.search(line):
                return match.start(), row
        return None

    def centre(self, column: int, row: int, span: int = 1) -> tuple[float, float]:
        """Page coordinates of the middle of `span` cells from (column, row)."""
        cell_width, cell_height = self.width / self.cols, self.height / self.rows
        return (
            self.left + (column + span / 2) * cell_width,
            self.top + (row + 0.5) * cell_height,
        )


class Browser:
    """One headless Chromium window showing the game's page at a given viewport size."""

    def __init__(self, chromium: tuple[str, str], profile: Path) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = chromium[0]
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        # Every request the page makes, for the test that nothing leaves this computer.
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(chromium[1]))
        self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINALS})
        self._last_tap = (-1.0, -1.0, 0.0)

    def new_tab(self) -> str:
        """Open and switch to a new tab (the script that keeps terminals is per tab)."""
        self.driver.switch_to.new_window("tab")
        self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINALS})
        return self.driver.current_window_handle

    def cdp(self, command: str, params: dict[str, Any] | None = None) -> Any:
        return self.driver.execute_cdp_cmd(command, params or {})

    def viewport(self, width: int, height: int, *, touch: bool = True) -> None:
        """Behave like a tablet or phone of this size (CSS pixels), with a touch screen."""
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": touch},
        )
        self.cdp("Emulation.setTouchEmulationEnabled", {"enabled": touch, "maxTouchPoints": 5})

    def open(self, url: str) -> None:
        self.driver.get(url)

    def screen(self) -> Screen | None:
        found = self.driver.execute_script(READ_SCREEN)
        return Screen(**found) if found else None

    def wait_for(self, *labels: str, limit: float = WAIT_LIMIT) -> Screen:
        """The screen once every one of `labels` is on it."""
        return self.wait_until(lambda s: all(s.find(label) for label in labels), labels, limit)

    def wait_until(
        self, ready: Callable[[Screen], bool], what: object, limit: float = WAIT_LIMIT
    ) -> Screen:
        deadline = time.monotonic() + limit
        screen = None
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen is not None and ready(screen):
                return screen
            time.sleep(0.1)
        shown = screen.text if screen else "(no terminal)"
        raise AssertionError(f"never saw {what!r} on screen; it showed:\n{shown}")

    def tap(self, label: str, limit: float = WAIT_LIMIT) -> Screen:
        """Tap the middle of `label` with a finger, as on a tablet; returns the screen before."""
        screen = self.wait_for(label, limit=limit)
        position = screen.find(label)
        assert position is not None
        x, y = screen.centre(*position, span=len(label))
        last_x, last_y, last_time = self._last_tap
        if (x, y) == (last_x, last_y):
            time.sleep(max(0.0, last_time + REPRESS_GAP - time.monotonic()))
        self._last_tap = (x, y, time.monotonic())
        # A bare touch start and end, as a finger makes: the browser turns it into the mouse
        # press and release that xterm.js passes on to the game.
        self.cdp(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
        )
        self.cdp("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        return screen

    def tap_first_of(self, *labels: str, limit: float = WAIT_LIMIT) -> str:
        """Tap whichever of `labels` comes first in that list among those on screen."""
        screen = self.wait_until(lambda s: any(s.find(label) for label in labels), labels, limit)
        label = next(label for label in labels if screen.find(label))
        self.tap(label)
        return label

    def screenshot(self, path: Path) -> Path:
        self.driver.save_screenshot(str(path))
        return path

    def page_source(self) -> str:
        return self.driver.page_source

    def quit(self) -> None:
        self.driver.quit()
