"""The bounded JSON reader refuses, by itself, what Python's json would let through or crash on."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from h2h_game import jsonsafe
from h2h_game.jsonsafe import MAX_DEPTH, JSONDamage, loads


def nested(depth: int) -> bytes:
    return b'{"a":' * depth + b"[1]" + b"}" * depth


def test_nesting_is_bounded_below_where_json_itself_would_recurse() -> None:
    assert loads(nested(MAX_DEPTH - 1))["a"]
    with pytest.raises(JSONDamage) as caught:
        loads(nested(MAX_DEPTH))  # well within what json.loads would parse
    assert caught.value.reason == "it is nested too deeply to be ours"
    with pytest.raises(JSONDamage):
        loads(b"[" * 100_000 + b"]" * 100_000)


def test_brackets_inside_strings_are_text() -> None:
    text = '{"a": "' + "[{" * 10_000 + '\\"]}"}'
    assert loads(text) == {"a": "[{" * 10_000 + '"]}'}


def test_a_file_cut_short_is_reported_as_such_not_as_too_deep() -> None:
    with pytest.raises(JSONDamage) as caught:
        loads(b'{"save": {"1": {"log": [{"action": {"type": "pass"}, "at": 1.5')
    assert caught.value.reason == "it is not valid JSON (it may be cut short)"


@pytest.mark.parametrize(
    "literal", [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e309", b"1e16", b"9" * 21]
)
def test_numbers_no_save_holds_are_refused(literal: bytes) -> None:
    with pytest.raises(JSONDamage):
        loads(b"[" + literal + b"]")


@pytest.mark.parametrize("literal", [b"1764000000.25", b"-3", b"0.0", b"18446744073709551615"])
def test_the_numbers_h2h_writes_are_read(literal: bytes) -> None:
    assert loads(b"[" + literal + b"]")[0] == (float if b"." in literal else int)(literal)


def test_what_dumps_writes_loads_reads() -> None:
    data = {"name": "Zoë ✨", "times": [1764000000.5, 0], "nested": [[[]]], "ok": True}
    assert loads(jsonsafe.dumps(data)) == data
    with pytest.raises(ValueError):
        jsonsafe.dumps({"x": float("nan")})


def reference(text: str) -> object:
    """What `loads` makes of `text`, through `json.loads` itself with the same bounds."""
    try:
        return json.loads(
            text,
            parse_constant=jsonsafe._no_constant,
            parse_int=jsonsafe._bounded_int,
            parse_float=jsonsafe._bounded_float,
        )
    except JSONDamage as damage:
        return str(damage)
    except ValueError as error:
        return str(JSONDamage("it is not valid JSON (it may be cut short)", str(error)))


def outcome(text: str) -> object:
    try:
        return loads(text)
    except JSONDamage as damage:
        return str(damage)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(JSON_VALUES, st.sampled_from(["", " ", "\n\t ", "\r\n"]))
def test_loads_reads_what_json_reads(value: object, space: str) -> None:
    text = space + json.dumps(value) + space
    assert outcome(text) == reference(text)


@given(st.text(alphabet=' \t\n\r\x0c"\\[]{}:,.-+0123456789eEtrufalsnNIy\ufeffé\x00', max_size=30))
@example('"abc')
@example('{"a" 1}')
@example("[1] x")
@example("\ufeff[1]")
@example('"\x01"')
@example("[1]\x0c")
@example("[9999999999999999999999]")
@example("[1e999]")
def test_loads_refuses_what_json_refuses_for_the_same_reason(text: str) -> None:
    assert outcome(text) == reference(text)


@given(st.text(alphabet='"\\[]{} ,:1e-tnxé\n', max_size=40) | JSON_VALUES.map(json.dumps))
def test_the_brackets_outside_strings_are_found_as_the_patterns_find_them(text: str) -> None:
    string, not_bracket, _ = jsonsafe._patterns()
    expected = not_bracket.sub("", string.sub("", text))
    assert jsonsafe._brackets(text, string, not_bracket) == expected
