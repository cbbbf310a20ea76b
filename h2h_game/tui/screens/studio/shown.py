"""Provides `put`: new content for a Static only when it differs, and without a layout when the
Static's size is fixed.

A key press in the studio may touch a handful of lines; each `Static.update` asks for a layout
of the whole screen, which costs more than the edit itself. Updating only what changed keeps a
key press to a repaint of a few lines.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

_LAST = "_studio_last_content"


def put(static: Static, content: Content, *, fixed: bool = False) -> None:
    """Show `content` in `static` if it is not already shown; `fixed`: its size cannot change."""
    if getattr(static, _LAST, None) == content:
        return
    setattr(static, _LAST, content)
    static.update(content, layout=not fixed)
