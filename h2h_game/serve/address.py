"""Provides where the server listens and the link players open: loopback or not, URL, key, QR."""

from __future__ import annotations

import ipaddress
import secrets
import socket
from collections.abc import Iterable

KEY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""Lowercase letters and digits without the look-alikes (i l o 0 1), for typing off a screen."""
KEY_LENGTH = 16
"""31**16 is about 2**79: far beyond guessing over a home network."""
UNSPECIFIED = ("0.0.0.0", "::", "")


def new_key() -> str:
    """A fresh random access key for one run of the server."""
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


def is_loopback(host: str) -> bool:
    """True when only this computer can reach `host` (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url(host: str, port: int, key: str) -> str:
    """The link to open in a browser: `http://HOST:PORT/KEY/` (IPv6 hosts in brackets)."""
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/{key}/"


def reachable_addresses(host: str) -> list[str]:
    """Addresses other devices can use to reach a server bound to `host`.

    A specific address is itself; "every interface" (0.0.0.0, ::) becomes this computer's
    addresses on its networks, best guess first. The list may be empty.
    """
    if host not in UNSPECIFIED:
        return [host]
    found = _outward_address()
    found += _hostname_addresses()
    return _usable(found)


def _usable(addresses: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified or address in seen:
            continue
        seen.append(address)
    return seen


def _hostname_addresses() -> list[str]:
    try:
        return socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        return []


def _outward_address() -> list[str]:
    """The address of the interface that holds the default route.

    `connect` on a UDP socket only asks the kernel which route it would take: nothing is sent.
    The target is a documentation-only address (TEST-NET-1) that no network uses.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return [probe.getsockname()[0]]
        except OSError:
            return []
