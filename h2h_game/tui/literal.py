"""Provides `literal()`: untrusted text as Textual content that is never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from h2h_game.untrusted import display_text, terminal_safe


def literal(text: str, style: str = "") -> Content:
    """Untrusted text (a card, a deck, level or player name) as inert content.

    Brackets stay brackets, `[@click=…]` stays text, and control characters never reach the
    terminal. Always pass user text through here, never into a markup string.
    """
    content = Content(display_text(text))
    return content.stylize(style) if style else content


def literal_line(text: str, style: str = "") -> Content:
    """Like `literal`, on a single line (for names in buttons, lists and titles)."""
    content = Content(terminal_safe(text))
    return content.stylize(style) if style else content
