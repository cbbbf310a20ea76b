"""Provides reading JSON anyone may have written, bounded in depth and in the size of numbers.

Python's `json` turns a document nested 100,000 deep into a RecursionError, `Infinity` and `NaN`
into floats no save holds, `1e400` into infinity, and a 400-digit integer into a number that
overflows the first `float()` it meets. Every file h2h reads back (saves, the index, hidden
cards, the deck cache, settings) goes through `loads`, which refuses all of these up front with
a `JSONDamage` whose `reason` is a plain clause ("it is nested too deeply to be ours").
"""

from __future__ import annotations

import json
import re

TYPE_CHECKING = False  # `h2h saves list` reads the index through here without typing
if TYPE_CHECKING:
    from typing import Any

MAX_DEPTH = 64
"""Arrays and objects inside each other; h2h's own files stay under 16."""
MAX_DIGITS = 20
"""Digits in an integer: 64-bit seeds and nanosecond times fit, 400-digit numbers do not."""
MAX_FLOAT = 1e15
"""The largest float magnitude accepted: times in seconds are about 2e9."""

# Unrolled ("normal* (special normal*)*"): five times faster than an alternation per character.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")


class JSONDamage(ValueError):
    """The text is not JSON h2h will read; `reason` says why as a clause after "because"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason


def loads(raw: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value in `raw` (UTF-8 bytes or text); JSONDamage for anything else.

    Refused: text that is not UTF-8, not JSON, nested deeper than `max_depth`, with `NaN` or
    `Infinity`, an integer of more than MAX_DIGITS digits, or a float beyond ±MAX_FLOAT.
    """
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise JSONDamage("it is not text (not UTF-8)", str(error)) from None
    else:
        text = raw
    _check_depth(text, max_depth)
    try:
        return json.loads(
            text,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
        )
    except JSONDamage:
        raise
    except (ValueError, RecursionError) as error:
        raise JSONDamage("it is not valid JSON (it may be cut short)", str(error)) from None


def _check_depth(text: str, max_depth: int) -> None:
    """Refuse nesting deeper than `max_depth` without recursing (or calling json at all)."""
    if text.count("[") + text.count("{") <= max_depth:
        return
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    # Each pass removes the innermost pairs: after `max_depth` passes a pair is left only where
    # the nesting is deeper than that.
    for _ in range(max_depth):
        shorter = _PAIR.sub("", brackets)
        if shorter == brackets:
            break
        brackets = shorter
    # Unpaired brackets are a file cut short, which json reports as such, unless there are so
    # many that they could nest too deeply themselves.
    if _PAIR.search(brackets) or len(brackets) > max_depth:
        raise JSONDamage("it is nested too deeply to be ours", f"over {max_depth} levels")


def _no_constant(name: str) -> Any:
    raise JSONDamage("it holds NaN or Infinity where a number belongs", name)


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise JSONDamage("it holds a number too large to be real", f"{len(digits)} digits")
    return int(digits)


def _bounded_float(literal: str) -> float:
    value = float(literal)
    if not abs(value) <= MAX_FLOAT:  # also false for NaN and the infinities
        raise JSONDamage("it holds a number too large to be real", literal[:40])
    return value


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and infinities are refused rather than written as invalid JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
