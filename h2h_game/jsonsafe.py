"""Provides reading JSON anyone may have written, bounded in depth and in the size of numbers.

Python's `json` turns a document nested 100,000 deep into a RecursionError, `Infinity` and `NaN`
into floats no save holds, `1e400` into infinity, and a 400-digit integer into a number that
overflows the first `float()` it meets. Every file h2h reads back (saves, the index, hidden
cards, the deck cache, settings) goes through `loads`, which refuses all of these up front with
a `JSONDamage` whose `reason` is a plain clause ("it is nested too deeply to be ours").
"""

from __future__ import annotations

TYPE_CHECKING = False  # `h2h saves list` reads the index through here without typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from re import Pattern
    from typing import Any

MAX_DEPTH = 64
"""Arrays and objects inside each other; h2h's own files stay under 16."""
MAX_DIGITS = 20
"""Digits in an integer: 64-bit seeds and nanosecond times fit, 400-digit numbers do not."""
MAX_FLOAT = 1e15
"""The largest float magnitude accepted: times in seconds are about 2e9."""

_WHITESPACE = " \t\n\r"
"""JSON's whitespace, and only that (str.strip's default also takes form feeds and more)."""


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
    if (scan := _scanner()) is not None:
        start = len(text) - len(text.lstrip(_WHITESPACE))
        try:
            value, end = scan(text, start)
        except JSONDamage:
            raise
        except Exception:  # json itself says what is wrong, below
            pass
        else:
            if not text[end:].strip(_WHITESPACE):
                return value
    try:
        import json

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


_scan: Callable[[str, int], tuple[Any, int]] | None = None
_scan_tried = False


def _scanner() -> Callable[[str, int], tuple[Any, int]] | None:
    """json's own C scanner, without importing json: that import compiles nine regular
    expressions, a tenth of what `h2h saves list` costs beyond Python's start. It is what
    `json.loads` runs for a valid document. On anything else it raises whatever it can without
    json loaded (even SystemError), so `loads` then asks `json.loads` to say what is wrong.
    None where CPython's `_json` is missing: `loads` uses json throughout."""
    global _scan, _scan_tried
    if not _scan_tried:
        _scan_tried = True
        try:
            from _json import make_scanner
        except ImportError:  # pragma: no cover - every CPython has it
            return None
        from types import SimpleNamespace

        # What the scanner reads from the decoder it scans for: json.loads' defaults, and
        # h2h's bounds.
        decoder = SimpleNamespace(
            strict=True,
            object_hook=None,
            object_pairs_hook=None,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
        )
        _scan = make_scanner(decoder)  # type: ignore[arg-type]  # typeshed wants a JSONDecoder
    return _scan


def _check_depth(text: str, max_depth: int) -> None:
    """Refuse nesting deeper than `max_depth` without recursing (or calling json at all)."""
    if text.count("[") + text.count("{") <= max_depth:
        return
    string, not_bracket, pair = _patterns()
    brackets = _brackets(text, string, not_bracket)
    # Each pass removes the innermost pairs: after `max_depth` passes a pair is left only where
    # the nesting is deeper than that.
    for _ in range(max_depth):
        shorter = pair.sub("", brackets)
        if shorter == brackets:
            break
        brackets = shorter
    # Unpaired brackets are a file cut short, which json reports as such, unless there are so
    # many that they could nest too deeply themselves.
    if pair.search(brackets) or len(brackets) > max_depth:
        raise JSONDamage("it is nested too deeply to be ours", f"over {max_depth} levels")


_OTHER_BYTES = bytes(byte for byte in range(256) if byte not in b'"[]{}')


def _brackets(text: str, string: Pattern[str], not_bracket: Pattern[str]) -> str:
    """The brackets of `text` outside its strings, in order.

    The saves index of 1,000 games spent half its reading here with the patterns alone. Text
    without a backslash and with an even number of quotes, as h2h writes it, has its strings
    between quotes 1 and 2, 3 and 4, and so on: keeping only quotes and brackets (UTF-8 never
    uses their bytes inside another character), then dropping each two quotes side by side
    (an empty string, or the end of one and the start of the next: nothing outside either way)
    leaves few quotes to pair. Anything else takes the patterns.
    """
    if "\\" not in text and not text.count('"') % 2:
        kept = text.encode().translate(None, _OTHER_BYTES).replace(b'""', b"")
        return b"".join(kept.split(b'"')[::2]).decode("ascii")
    return not_bracket.sub("", string.sub("", text))


def _patterns() -> tuple[Pattern[str], Pattern[str], Pattern[str]]:
    """A JSON string, a run of anything but brackets, and an empty pair: compiled on the first
    document with many brackets (most files h2h reads have few)."""
    import re

    # Unrolled ("normal* (special normal*)*"): five times faster than an alternation per
    # character.
    return (
        re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL),
        re.compile(r"[^\[\]{}]+"),
        re.compile(r"\[\]|\{\}"),
    )


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
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
