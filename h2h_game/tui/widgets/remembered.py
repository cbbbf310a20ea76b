"""Provides `Remembered`: a widget that keeps its last few renders, for parts of the table that
go back and forth between a few looks.

At the table most parts change on every key, but only between a handful of looks: a seat is lit
or not, the key bar offers one turn's moves or the other's, a slot shows "Answered" or "Thanks".
Textual turns a widget's content into lines of styled cells each time it is refreshed, which was
about half of a move's repaint. A `Remembered` widget looks those lines up by everything they
are made from (the text and its styles, the size, the colours and the alignment rules) before
making them again.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, ClassVar

from textual.content import Content
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.strip import Strip
    from textual.widget import Widget

    _Mixin = Widget
else:
    # A plain mixin: Textual follows a widget's first DOM base for its CSS type names, so a
    # widget base here would hide the widget's own (Static's rules would stop applying).
    _Mixin = object


class Remembered(_Mixin):
    """Mixed into a widget (before its Textual base) whose content lines are reused when it
    shows again what it showed before."""

    REMEMBER: ClassVar[int] = 8
    """Renders kept per widget: more than any part of the table cycles through in a turn."""

    def _render_content(self) -> None:
        visual = self._render()
        key = self._render_key(visual)
        renders: OrderedDict[tuple[Any, ...], list[Strip]] = self.__dict__.setdefault(
            "_remembered", OrderedDict()
        )
        strips = None if key is None else renders.get(key)
        if key is not None and strips is not None:
            renders.move_to_end(key)
        else:
            # As Widget._render_content makes them, from the visual already in hand: some
            # widgets (the key bar) build theirs afresh on each call.
            width, height = self.size
            strips = Visual.to_strips(self, visual, width, height, self.visual_style)
            if key is not None:
                renders[key] = strips
                if len(renders) > self.REMEMBER:
                    renders.popitem(last=False)
        self._render_cache = type(self._render_cache)(self.size, strips)
        self._dirty_regions.clear()

    def _render_key(self, visual: Visual) -> tuple[Any, ...] | None:
        """Everything the content's lines are made from; None when they cannot be reused (a
        selection is being drawn, or the content is not plain `Content`)."""
        if not isinstance(visual, Content) or self.text_selection is not None:
            return None
        if self.screen._selecting:
            return None
        styles = self.styles
        return (
            visual.plain,
            tuple(visual.spans),
            self.size,
            self.visual_style,
            self.app.theme,
            self.app.current_theme.dark,
            styles.text_align,
            styles.content_align,
            styles.text_wrap,
            styles.text_overflow,
            styles.line_pad,
            self.auto_links,
            # What `link_style` is made of, short of the background, which `visual_style`
            # holds: building the style itself cost more than the rest of the key.
            styles.link_color,
            styles.link_background,
            styles.auto_link_color,
            styles.link_style,
        )
