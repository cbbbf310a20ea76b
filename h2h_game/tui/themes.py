"""Provides the game's themes: a warm default, and a high-contrast one for tired eyes."""

from __future__ import annotations

from textual.theme import Theme

WARM = Theme(
    name="h2h-warm",
    primary="#E8967A",
    secondary="#7CC0B4",
    accent="#F2C57C",
    foreground="#F3E7DE",
    background="#201917",
    surface="#2A211E",
    panel="#3A2E2A",
    warning="#E9B872",
    error="#D9675B",
    success="#9CC59A",
    dark=True,
    variables={
        "player-coral": "#F0997B",
        "player-teal": "#7CC4B8",
        "card-background": "#2F2522",
        "calm-background": "#1A1413",
    },
)

HIGH_CONTRAST = Theme(
    name="h2h-high-contrast",
    primary="#FFB000",
    secondary="#00D7FF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    warning="#FFD700",
    error="#FF5F5F",
    success="#5FFF5F",
    dark=True,
    variables={
        "player-coral": "#FFB000",
        "player-teal": "#00D7FF",
        "card-background": "#000000",
        "calm-background": "#000000",
    },
)

THEMES = (WARM, HIGH_CONTRAST)

VARIABLE_DEFAULTS = {
    # Textual's own themes stay usable from the palette: they fall back to these.
    "player-coral": "#F0997B",
    "player-teal": "#7CC4B8",
    "card-background": "#2F2522",
    "calm-background": "#1A1413",
}
