"""Provides what `h2h serve` prints at start: the link, a QR code, and the network warning."""

from __future__ import annotations

import io

import segno

from h2h_game.serve.address import is_loopback, reachable_addresses, url


def banner(host: str, port: int, key: str, max_games: int) -> str:
    """The words printed once the server listens on `host`:`port`."""
    lines = ["Heart to Heart is ready in your browser."]
    if is_loopback(host):
        lines += [
            "",
            "Open this link in a browser on this computer:",
            "",
            f"    {url(host, port, key)}",
            "",
            "Only this computer can reach it. To play on a tablet, run",
            "    h2h serve --host 0.0.0.0",
            "and open the link it prints on the tablet.",
        ]
    else:
        lines += ["", *network_warning(host)]
        addresses = reachable_addresses(host)
        if addresses:
            lines += ["", "Open this link on the tablet (or scan the code with its camera):", ""]
            lines += [f"    {url(address, port, key)}" for address in addresses]
            lines += ["", qr_code(url(addresses[0], port, key))]
        else:
            lines += [
                "",
                "Open this link on the tablet, with this computer's address on your network",
                "in place of ADDRESS:",
                "",
                f"    {url('ADDRESS', port, key)}",
            ]
    lines += [
        "",
        f"Each browser tab is its own game; up to {max_games} can be open at once.",
        "Press Ctrl+C to stop. Every move is saved the moment it is made.",
    ]
    return "\n".join(lines)


def network_warning(host: str) -> list[str]:
    """Why listening beyond this computer deserves a second thought, in plain words."""
    where = "every network this computer is on" if host in ("0.0.0.0", "::", "") else host
    return [
        f"WARNING: listening on {where}.",
        "Anyone on that network can reach this port. Only a browser that has the link",
        "below can open a game or see your saved games: its secret key is new every run.",
        "The connection is not encrypted, so use it only on a network you trust (your",
        "home Wi-Fi, not a café's), and stop the server with Ctrl+C when you are done.",
    ]


def qr_code(link: str) -> str:
    """`link` as a QR code drawn with block characters, two rows of modules per line."""
    out = io.StringIO()
    segno.make(link, error="m").terminal(out=out, compact=True)
    return out.getvalue().rstrip("\n")
