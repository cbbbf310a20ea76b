"""A real `h2h serve` on loopback: local assets only, the key, the cap on games, Ctrl+C."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import aiohttp
import pytest

from tests.serve.server_process import SERVE, ServerProcess

GAME_LIMIT = 30.0
"""Seconds for a game process to draw its first screen: a ceiling, never a measurement."""

ABSOLUTE_URL = re.compile(r"\b(?:https?|wss?)://[^\s\"'`()<>]+", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)")
HTML_ASSET = re.compile(r"(?:src|href)=\"([^\"]+)\"")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def foreign_urls(text: str, server: ServerProcess) -> list[str]:
    """Absolute URLs in `text` that point anywhere but this server."""
    here = urlsplit(server.base).netloc
    return [found for found in ABSOLUTE_URL.findall(text) if urlsplit(found).netloc != here]


async def fetch(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with session.get(url, allow_redirects=False) as response:
        body = await response.read()
        return response.status, body.decode("utf-8", "replace")


async def open_game(
    session: aiohttp.ClientSession, server: ServerProcess
) -> aiohttp.ClientWebSocketResponse:
    """A websocket as the page opens it, once the game behind it has drawn something."""
    websocket = await session.ws_connect(
        f"ws://127.0.0.1:{server.port}/{server.key}/ws?width=100&height=30"
    )
    message = await websocket.receive(timeout=GAME_LIMIT)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return websocket


async def last_message(websocket: aiohttp.ClientWebSocketResponse) -> aiohttp.WSMsgType:
    """Reads what is left on `websocket`; returns the type of the message that ended it."""
    while True:
        message = await websocket.receive(timeout=GAME_LIMIT)
        if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            return message.type


async def test_the_page_and_every_asset_it_needs_come_from_this_computer(
    server: ServerProcess,
) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(server.url) as response:
            assert response.status == 200
            page = await response.text()
            policy = response.headers["Content-Security-Policy"]
        assert "<title>Heart to Heart</title>" in page
        assert foreign_urls(page, server) == []
        assert foreign_urls(policy, server) == []
        assets = [urljoin(server.url, found) for found in HTML_ASSET.findall(page)]
        assets = [asset for asset in assets if not asset.startswith("data:")]
        assert any(asset.endswith("textual.js") for asset in assets)
        assert any(asset.endswith("xterm.css") for asset in assets)
        fonts = [urljoin(server.url, found) for found in CSS_URL.findall(page)]
        assert fonts and all(font.endswith(".ttf") for font in fonts)
        for asset in assets + fonts:
            status, body = await fetch(session, asset)
            assert status == 200, asset
            if asset.endswith(".css"):
                # Comments are never fetched: xterm.css credits its authors there with links.
                body = CSS_COMMENT.sub("", body)
                assert CSS_URL.findall(body) == []
            if asset.endswith((".css", ".js")):
                assert foreign_urls(body, server) == [], asset


@pytest.mark.parametrize(
    "path",
    ["/", "/ws", "/static/js/textual.js", "/notthekey/", "/notthekey/ws", "/favicon.ico"],
)
async def test_without_the_key_every_request_is_refused(server: ServerProcess, path: str) -> None:
    async with aiohttp.ClientSession() as session:
        status, body = await fetch(session, server.base + path)
        assert status == 403
        assert "This link is not complete" in body
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(server.base.replace("http", "ws") + "/ws?width=80&height=24")
        assert refused.value.status == 403
    assert server.children() == []


async def test_a_key_of_the_wrong_case_or_length_is_refused(server: ServerProcess) -> None:
    async with aiohttp.ClientSession() as session:
        for wrong in (server.key.upper(), server.key[:-1], server.key + "x"):
            status, _ = await fetch(session, f"{server.base}/{wrong}/")
            assert status == 403


async def test_the_key_without_a_slash_leads_to_the_page(server: ServerProcess) -> None:
    async with aiohttp.ClientSession() as session:
        status, _ = await fetch(session, f"{server.base}/{server.key}")
        async with session.get(f"{server.base}/{server.key}", allow_redirects=True) as response:
            assert response.status == 200
            assert response.url.path == f"/{server.key}/"
    assert status == 302


async def test_a_websocket_from_another_site_starts_no_game(server: ServerProcess) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(
                f"ws://127.0.0.1:{server.port}/{server.key}/ws",
                headers={"Origin": "http://elsewhere.example"},
            )
        assert refused.value.status == 403
    assert server.children() == []


async def test_a_plain_request_for_the_game_socket_starts_nothing(server: ServerProcess) -> None:
    async with aiohttp.ClientSession() as session:
        status, _ = await fetch(session, f"{server.url}ws")
    assert status == 400
    assert server.children() == []


async def test_the_key_stays_out_of_the_log(start_server: Callable[..., ServerProcess]) -> None:
    server = start_server()
    async with aiohttp.ClientSession() as session:
        await fetch(session, server.url)
        await fetch(session, server.url + "static/css/xterm.css")
        await fetch(session, f"{server.base}/wrong/")
        websocket = await open_game(session, server)
        await websocket.close()
    server.interrupt()
    banner_end = next(i for i, line in enumerate(server.lines) if "Ctrl+C" in line)
    after = server.lines[banner_end + 1 :]
    assert any("Refused a request" in line for line in after)
    assert any("A game opened" in line for line in after)
    assert not any(server.key in line for line in after), after


async def test_each_tab_is_a_game_up_to_the_limit_then_a_clear_page(
    start_server: Callable[..., ServerProcess],
) -> None:
    server = start_server("--max-games", "2")
    async with aiohttp.ClientSession() as session:
        first = await open_game(session, server)
        second = await open_game(session, server)
        assert len(server.children()) == 2
        status, page = await fetch(session, server.url)
        assert status == 503
        assert "All 2 games are open" in page
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"ws://127.0.0.1:{server.port}/{server.key}/ws")
        assert refused.value.status == 503
        assert len(server.children()) == 2
        await first.close()
        # Closing a tab ends its game and frees its place.
        server.wait_for_line(re.compile(r"A game closed \(1 of 2 open\)"))
        status, _ = await fetch(session, server.url)
        assert status == 200
        await second.close()


@pytest.mark.parametrize("group", [False, True], ids=["server-alone", "whole-group"])
async def test_ctrl_c_ends_every_game_and_frees_the_port(
    start_server: Callable[..., ServerProcess], group: bool
) -> None:
    server = start_server()
    async with aiohttp.ClientSession() as session:
        games = [await open_game(session, server) for _ in range(2)]
        assert len(server.children()) == 2
        code = await asyncio.to_thread(server.interrupt, group=group)
        for game in games:
            # The server closed the connection as it went, after the game's last words.
            assert await last_message(game) in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert code == 0
    assert server.children() == []
    assert "Stopped. Every game is saved." in server.output
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", server.port))
    # Its closed connections may linger in TIME_WAIT; a new server (aiohttp sets SO_REUSEADDR,
    # as every server does) can listen on the port again at once.
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", server.port))
        again.listen()


def test_a_port_in_use_is_a_clear_error(server: ServerProcess, tmp_path: Path) -> None:
    second = subprocess.run(
        [*SERVE, "--port", str(server.port), "--saves", str(tmp_path / "saves")],
        capture_output=True,
        text=True,
        timeout=GAME_LIMIT,
        stdin=subprocess.DEVNULL,
    )
    assert second.returncode == 1
    assert f"cannot listen on 127.0.0.1 port {server.port}" in second.stderr
