"""Provides a quick look at TOML text before it is parsed, refusing shapes no deck ever has.

`tomli` (and `tomllib`, the standard library's copy of it) takes time and memory that grow with
the square of a dotted key's length: one 200 KB line `a.a.a…a = 1` of 100,000 parts takes
minutes and about 8 GB. Deck folders are scanned automatically, so one such shared file would
freeze `h2h deck list` and the new-game screen.
`check_shape` walks the text once, skipping strings and comments as TOML does, and refuses:

- a line with more than MAX_KEY_PARTS dotted-key parts (decks use two: `[[levels.cards]]`);
- arrays and inline tables nested more than MAX_NESTING deep (decks use three);
- more than MAX_ITEMS keys, values, brackets and (weighing three) dots in all; a deck of 20,000
  cards, the most a deck may hold, has about 300,000.

Within these bounds every file up to the 5 MB cap parses in about a second and well under 200 MB.

The walk looks at every string in Python, which for a 10,000-card deck took a quarter of the time
tomli needs; `check_shape` first bounds all three counts from above with a few C-level passes
(strings and comments blanked out at once) and walks only when a bound says it might matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_KEY_PARTS = 16
MAX_NESTING = 32
MAX_ITEMS = 400_000
DOT_WEIGHT = 3
"""A dotted part makes a table: it costs tomli about three plain values' time and memory."""

# TOML's strings and comments, in the order TOML tries them; everything between is code.
# Possessive quantifiers (*+, ++) keep no backtracking state: a 5 MB string costs no memory.
_SKIPPED = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"{3,5}'  # multi-line basic string
    r"|'''(?:[^']++|'(?!''))*+'{3,5}"  # multi-line literal string
    r'|"(?:[^"\\\n]++|\\.)*+"'  # basic string
    r"|'[^'\n]*+'"  # literal string
    r"|#[^\n]*+"  # comment
)
_TOO_MANY_DOTS = re.compile(r"\.(?:[^\n.]*+\.)" + f"{{{MAX_KEY_PARTS - 1}}}")
"""MAX_KEY_PARTS dots on one line: one part more than allowed. Matching starts only at a dot and
stops at a newline, so a search is linear in the text."""


@dataclass(frozen=True)
class ShapeProblem:
    """Why the text cannot be a deck, and the line where that shows."""

    message: str
    line: int


_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_AS_PARENTHESES = str.maketrans("[{]}", "(())")


def check_shape(text: str) -> ShapeProblem | None:
    """Why `text` cannot be a deck whatever it holds, or None when it may be parsed."""
    if _surely_fine(text):
        return None
    return _walk(text)


def _surely_fine(text: str) -> bool:
    """Whether no limit can be passed, by bounds that are never lower than what `_walk` counts.

    With every string and comment blanked to a space, the code left is exactly what the walk
    counts in; the bounds only ever count more: every blanked stretch (comments too) as an item,
    and the lines a multi-line string separated as one line.
    """
    code, skipped = _SKIPPED.subn(" ", text)
    opens = code.count("[") + code.count("{")
    items = code.count("=") + code.count(",") + opens + DOT_WEIGHT * code.count(".") + skipped
    if items > MAX_ITEMS or _TOO_MANY_DOTS.search(code):
        return False
    if opens <= MAX_NESTING:
        return True
    return _deepest_bound(_NOT_BRACKET.sub("", code).translate(_AS_PARENTHESES)) <= MAX_NESTING


def _deepest_bound(brackets: str) -> int:
    """At least the deepest nesting of `brackets`, written as parentheses, as the walk counts it.

    Each pass takes away every innermost pair, so matched pairs nest as deep as the passes that
    empty them. What is left is closing brackets (which the walk ignores at depth 0) before
    opening ones that never close, each of which may add one to the depth.
    """
    passes = 0
    while "()" in brackets and passes <= MAX_NESTING:
        brackets = brackets.replace("()", "")
        passes += 1
    return passes + brackets.count("(")


def _walk(text: str) -> ShapeProblem | None:
    """The exact check: where the first limit is passed, walking the code between strings."""
    items = depth = line_dots = 0
    position = 0
    matches = _SKIPPED.finditer(text)
    while True:
        match = next(matches, None)
        end = match.start() if match else len(text)
        code = text[position:end]
        if code:
            dots = code.count(".")
            opens = code.count("[") + code.count("{")
            items += code.count("=") + code.count(",") + opens + DOT_WEIGHT * dots
            if items > MAX_ITEMS:
                return _too_many(text, position)
            if "\n" in code:
                first, _, rest = code.partition("\n")
                middle, _, last = rest.rpartition("\n")
                if line_dots + first.count(".") >= MAX_KEY_PARTS:
                    return _long_key(text, position)
                if found := _TOO_MANY_DOTS.search(middle):
                    return _long_key(text, position + len(first) + 1 + found.start())
                line_dots = last.count(".")
            else:
                line_dots += dots
            if line_dots >= MAX_KEY_PARTS:
                return _long_key(text, end)
            depth, deepest_at = _nesting(code, depth, opens)
            if deepest_at is not None:
                return ShapeProblem(
                    f"arrays and tables are nested too deeply (more than {MAX_NESTING} levels): "
                    "no deck is built like that",
                    _line_of(text, position + deepest_at),
                )
        if match is None:
            return None
        if not match.group().startswith("#"):
            items += 1
        if "\n" in match.group():
            line_dots = 0  # a multi-line string: what follows it is on another line
        position = match.end()


def _nesting(code: str, depth: int, opens: int) -> tuple[int, int | None]:
    """The nesting after `code`, and where in it the limit was passed (None if it was not)."""
    if depth + opens <= MAX_NESTING:
        closes = code.count("]") + code.count("}")
        return max(0, depth + opens - closes), None
    for index, char in enumerate(code):
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return depth, index
        elif char in "]}":
            depth = max(0, depth - 1)
    return depth, None


def _long_key(text: str, offset: int) -> ShapeProblem:
    return ShapeProblem(
        f"a key of more than {MAX_KEY_PARTS} dotted parts (like a.b.c…): no deck has one, and "
        "reading it would take minutes",
        _line_of(text, offset),
    )


def _too_many(text: str, offset: int) -> ShapeProblem:
    return ShapeProblem(
        f"more than {MAX_ITEMS:,} keys and values: far more than a deck of 20,000 cards holds",
        _line_of(text, offset),
    )


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, min(offset, len(text))) + 1
