"""What `h2h serve` prints at start, and how it tells this computer from the network."""

from __future__ import annotations

from typing import ClassVar

import pytest

from h2h_game.serve import address
from h2h_game.serve import banner as banner_module
from h2h_game.serve.address import (
    KEY_ALPHABET,
    KEY_LENGTH,
    is_loopback,
    new_key,
    reachable_addresses,
    url,
)
from h2h_game.serve.banner import banner, qr_code


@pytest.mark.parametrize("host", ["127.0.0.1", "127.4.5.6", "::1", "localhost", "LOCALHOST"])
def test_loopback_addresses_are_this_computer_only(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "my-laptop", ""])
def test_every_other_address_reaches_the_network(host: str) -> None:
    assert not is_loopback(host)


def test_a_key_is_new_each_run_and_easy_to_type() -> None:
    keys = {new_key() for _ in range(50)}
    assert len(keys) == 50
    for key in keys:
        assert len(key) == KEY_LENGTH
        assert set(key) <= set(KEY_ALPHABET)
    assert not set("ilo01") & set(KEY_ALPHABET)


def test_the_link_carries_the_key_and_brackets_ipv6() -> None:
    assert url("127.0.0.1", 8000, "abc") == "http://127.0.0.1:8000/abc/"
    assert url("::1", 8080, "abc") == "http://[::1]:8080/abc/"


def test_on_loopback_the_link_is_printed_without_warning_or_qr_code() -> None:
    text = banner("127.0.0.1", 8000, "k3y", 4)
    assert "http://127.0.0.1:8000/k3y/" in text
    assert "WARNING" not in text
    assert "█" not in text
    assert "up to 4" in text


def test_on_a_lan_address_it_warns_and_draws_a_qr_code_of_the_link() -> None:
    text = banner("192.168.1.20", 8000, "k3y", 4)
    link = "http://192.168.1.20:8000/k3y/"
    assert "WARNING" in text
    assert "Anyone on that network can reach this port" in text
    assert "not encrypted" in text
    assert link in text
    assert qr_code(link) in text


def test_on_every_interface_it_links_to_this_computers_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(banner_module, "reachable_addresses", lambda host: ["10.1.2.3"])
    text = banner("0.0.0.0", 8000, "k3y", 2)
    assert "every network this computer is on" in text
    assert qr_code("http://10.1.2.3:8000/k3y/") in text


def test_without_a_known_address_it_says_what_to_put_in_the_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(banner_module, "reachable_addresses", lambda host: [])
    text = banner("0.0.0.0", 8000, "k3y", 2)
    assert "WARNING" in text
    assert "http://ADDRESS:8000/k3y/" in text
    assert "█" not in text


def test_different_links_draw_different_codes() -> None:
    assert qr_code("http://10.0.0.1:8000/aaaa/") != qr_code("http://10.0.0.1:8000/bbbb/")


def test_a_specific_address_is_the_one_to_reach() -> None:
    assert reachable_addresses("192.168.1.20") == ["192.168.1.20"]


def test_every_interface_offers_this_computers_own_addresses_best_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Stand-ins for the kernel's route and the host name: the tests look up no real address.
    monkeypatch.setattr(address, "_outward_address", lambda: ["192.168.1.20"])
    monkeypatch.setattr(
        address,
        "_hostname_addresses",
        lambda: ["127.0.1.1", "192.168.1.20", "169.254.3.4", "10.0.0.7", "not an address"],
    )
    assert reachable_addresses("0.0.0.0") == ["192.168.1.20", "10.0.0.7"]
    monkeypatch.setattr(address, "_outward_address", lambda: [])
    monkeypatch.setattr(address, "_hostname_addresses", lambda: ["127.0.1.1"])
    assert reachable_addresses("::") == []


def test_the_host_names_addresses_are_offered_and_a_failed_lookup_is_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(address.socket, "gethostname", lambda: "my-laptop")
    looked_up: list[str] = []

    def lookup(name: str) -> tuple[str, list[str], list[str]]:
        looked_up.append(name)
        return name, [], ["127.0.1.1", "192.168.1.20"]

    monkeypatch.setattr(address.socket, "gethostbyname_ex", lookup)
    assert address._hostname_addresses() == ["127.0.1.1", "192.168.1.20"]
    assert looked_up == ["my-laptop"]

    def no_answer(name: str) -> tuple[str, list[str], list[str]]:
        raise address.socket.gaierror(address.socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(address.socket, "gethostbyname_ex", no_answer)
    assert address._hostname_addresses() == []


class Probe:
    """A UDP socket that records what it is asked; it has no way to send anything."""

    connected: ClassVar[list[tuple[str, int]]] = []
    route: ClassVar[str | None] = "192.168.1.20"

    def __init__(self, family: int, kind: int) -> None:
        assert (family, kind) == (address.socket.AF_INET, address.socket.SOCK_DGRAM)

    def __enter__(self) -> Probe:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def connect(self, target: tuple[str, int]) -> None:
        Probe.connected.append(target)
        if Probe.route is None:
            raise OSError(101, "Network is unreachable")

    def getsockname(self) -> tuple[str, int]:
        assert Probe.route is not None
        return Probe.route, 40000


def test_the_outward_address_is_asked_of_the_kernel_without_sending_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(address.socket, "socket", Probe)
    monkeypatch.setattr(Probe, "connected", [])
    assert address._outward_address() == ["192.168.1.20"]
    # A documentation-only address: no network routes it anywhere.
    assert Probe.connected == [("192.0.2.1", 9)]
    monkeypatch.setattr(Probe, "route", None)
    assert address._outward_address() == []
