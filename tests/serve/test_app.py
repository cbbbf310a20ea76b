"""`h2h serve`'s web application run in this process, so coverage sees it: the key, the page,
the cap on games, the game socket and how games end. Each game is `fake_game.py`, which speaks
textual-serve's protocol and starts in milliseconds; `test_server.py` runs the real thing."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.test_utils import TestClient, TestServer

from h2h_game.cli import main
from h2h_game.serve import server as server_module
from h2h_game.serve.server import GameProcess, GameServer

FAKE_GAME = Path(__file__).with_name("fake_game.py")
LIMIT = 30.0
"""Seconds to wait for a game's words: a ceiling for a slow machine, never a measurement."""


@dataclass
class Served:
    """A GameServer's application on a loopback test server, and what it printed."""

    server: GameServer
    client: TestClient[Any, Any]
    started: Path
    processes: list[GameProcess] = field(default_factory=list)

    @property
    def said(self) -> list[str]:
        out = self.server.out
        assert isinstance(out, io.StringIO)
        return out.getvalue().splitlines()

    def path(self, rest: str = "") -> str:
        return f"/{self.server.key}/{rest}"

    def games_started(self) -> list[str]:
        """The modes of every game process that ever started."""
        return [entry.read_text() for entry in self.started.iterdir()]

    async def open_game(self, **options: Any) -> aiohttp.ClientWebSocketResponse:
        """A game's socket as the page opens it, once the game has greeted."""
        websocket = await self.client.ws_connect(self.path("ws"), **options)
        assert await text_of(websocket) == "size 80x24"
        return websocket


async def text_of(websocket: aiohttp.ClientWebSocketResponse) -> str:
    """The next screen the game sent, as text (what the fake game writes is words)."""
    message = await websocket.receive(timeout=LIMIT)
    assert message.type == WSMsgType.BINARY, message
    return bytes(message.data).decode()


async def end_of(websocket: aiohttp.ClientWebSocketResponse) -> aiohttp.WSMessage:
    """The message that ends `websocket`, once whatever the game still sent is read."""
    while True:
        message = await websocket.receive(timeout=LIMIT)
        if message.type not in (WSMsgType.BINARY, WSMsgType.TEXT):
            return message


Serve = Callable[..., Awaitable[Served]]


@pytest.fixture
async def serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Serve]:
    """Starts a GameServer's application whose games are `fake_game.py MODE`."""
    made: list[Served] = []
    processes: list[GameProcess] = []

    class Recorded(GameProcess):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            processes.append(self)

    monkeypatch.setattr(server_module, "GameProcess", Recorded)

    async def start(
        mode: str = "polite", *, max_games: int = 4, argv: list[str] | None = None
    ) -> Served:
        started = tmp_path / f"started-{len(made)}"
        started.mkdir()
        game = [sys.executable, "-S", str(FAKE_GAME), mode, str(started)]
        server = GameServer(argv or game, max_games=max_games, out=io.StringIO())
        client = TestClient(TestServer(await server._make_app(), host="127.0.0.1"))
        await client.start_server()
        served = Served(server, client, started, processes)
        made.append(served)
        return served

    yield start
    for served in made:
        await served.client.close()
    for process in processes:
        await process.end()


# --- the key -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/ws", "/static/js/textual.js", "/notthekey/", "/favicon.ico", "//"]
)
async def test_without_the_key_nothing_is_served(serve: Serve, path: str) -> None:
    served = await serve()
    response = await served.client.get(path, allow_redirects=False)
    assert response.status == 403
    assert "This link is not complete" in await response.text()
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.client.ws_connect("/ws")
    assert refused.value.status == 403
    assert served.games_started() == []
    assert served.server.games == set()


async def test_a_key_almost_right_is_wrong(serve: Serve) -> None:
    served = await serve()
    key = served.server.key
    for wrong in (key.upper(), key[:-1], key + "x", key[1:] + key[0]):
        response = await served.client.get(f"/{wrong}/")
        assert response.status == 403, wrong
        response = await served.client.get(f"/{wrong}/static/js/textual.js")
        assert response.status == 403, wrong


async def test_refusals_are_reported_once_per_address_and_never_with_the_key(
    serve: Serve,
) -> None:
    served = await serve()
    for _ in range(3):
        await served.client.get("/wrong/")
    await served.client.get(served.path())
    assert served.said == ["Refused a request without the key from 127.0.0.1."]


async def test_the_key_alone_leads_to_its_page(serve: Serve) -> None:
    served = await serve()
    response = await served.client.get(f"/{served.server.key}", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == served.path()
    assert response.headers["Referrer-Policy"] == "no-referrer"


# --- the page and its assets -------------------------------------------------------------------


async def test_the_page_points_at_this_server_only_and_is_never_cached(serve: Serve) -> None:
    served = await serve()
    response = await served.client.get(served.path())
    assert response.status == 200
    page = await response.text()
    host = f"127.0.0.1:{served.client.port}"
    socket_url = f"ws://{host}/{served.server.key}/ws"
    assert f'data-session-websocket-url="{socket_url}"' in page
    assert f'src="/{served.server.key}/static/js/textual.js"' in page
    assert "<title>Heart to Heart</title>" in page
    assert response.headers["Cache-Control"] == "no-store"
    policy = response.headers["Content-Security-Policy"]
    assert f"connect-src 'self' {socket_url};" in policy
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert served.games_started() == []  # a page is not a game


@pytest.mark.parametrize(
    ("asked", "given"), [("20", 20), ("6", 6), ("48", 48), ("5", 16), ("500", 16), ("big", 16)]
)
async def test_the_font_size_a_page_may_ask_for(serve: Serve, asked: str, given: int) -> None:
    served = await serve()
    page = await (await served.client.get(served.path(f"?fontsize={asked}"))).text()
    assert f'data-font-size="{given}"' in page


async def test_assets_come_from_behind_the_key(serve: Serve) -> None:
    served = await serve()
    response = await served.client.get(served.path("static/js/textual.js"))
    assert response.status == 200
    assert len(await response.read()) > 1000
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    missing = await served.client.get(served.path("static/js/nothing-here.js"))
    assert missing.status == 404
    escape = await served.client.get(served.path("static/../../server.py"))
    assert escape.status in (403, 404)


# --- the game socket -----------------------------------------------------------------------------


async def test_a_socket_from_another_site_starts_no_game(serve: Serve) -> None:
    served = await serve()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.client.ws_connect(served.path("ws"), origin="http://elsewhere.example")
    assert refused.value.status == 403
    assert served.games_started() == []
    # The game's own page names this very server as its origin: that one is let in.
    own = f"http://127.0.0.1:{served.client.port}"
    websocket = await served.open_game(origin=own)
    await websocket.close()


async def test_a_plain_request_for_the_socket_starts_nothing(serve: Serve) -> None:
    served = await serve()
    response = await served.client.get(served.path("ws"))
    assert response.status == 400
    assert "for the game's page only" in await response.text()
    assert served.games_started() == []
    assert served.server.games == set()


@pytest.mark.parametrize(
    ("query", "size"),
    [
        ("?width=100&height=30", "size 100x30"),
        ("?width=0&height=-5", "size 1x1"),
        ("?width=99999&height=abc", "size 1000x24"),
        ("", "size 80x24"),
    ],
)
async def test_the_game_starts_at_the_size_asked_within_bounds(
    serve: Serve, query: str, size: str
) -> None:
    served = await serve()
    websocket = await served.client.ws_connect(served.path(f"ws{query}"))
    assert await text_of(websocket) == size
    await websocket.close()


async def test_a_game_hears_the_browser_and_ends_when_its_tab_closes(serve: Serve) -> None:
    served = await serve(max_games=3)
    websocket = await served.open_game()
    assert served.said == ["A game opened in a browser (1 of 3 open)."]
    await websocket.send_str(json.dumps(["stdin", "y"]))
    assert await text_of(websocket) == "typed y"
    await websocket.send_str(json.dumps(["resize", {"width": 90, "height": 40}]))
    assert json.loads(await text_of(websocket)) == {"height": 40, "type": "resize", "width": 90}
    await websocket.send_str(json.dumps(["ping", "now"]))
    assert json.loads((await websocket.receive(timeout=LIMIT)).data) == ["pong", "now"]
    await websocket.close()
    (game,) = served.processes
    await game.end()
    assert game._process is not None and game._process.returncode == 0  # it quit when asked
    assert served.said[-1] == "A game closed (0 of 3 open)."
    assert served.server.games == set() and served.server.sockets == set()


async def test_each_tab_is_a_game_up_to_the_limit_then_a_page_that_says_so(
    serve: Serve,
) -> None:
    served = await serve(max_games=2)
    first = await served.open_game()
    second = await served.open_game()
    page = await served.client.get(served.path())
    assert page.status == 503
    assert "All 2 games are open" in await page.text()
    assert page.headers["Retry-After"] == "10"
    assert page.headers["Cache-Control"] == "no-store"
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.client.ws_connect(served.path("ws"))
    assert refused.value.status == 503
    assert len(served.games_started()) == 2
    await first.close()
    await served.processes[0].end()
    assert (await served.client.get(served.path())).status == 200
    third = await served.open_game()
    assert len(served.games_started()) == 3
    await second.close()
    await third.close()


async def test_a_game_that_asks_to_close_closes_its_tab(serve: Serve) -> None:
    served = await serve("leaves")
    websocket = await served.open_game()
    assert (await end_of(websocket)).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    (game,) = served.processes
    await game.end()
    assert game._process is not None and game._process.returncode == 0


async def test_a_game_that_ended_by_itself_is_left_as_it_ended(serve: Serve) -> None:
    served = await serve("ends")
    websocket = await served.open_game()
    (game,) = served.processes
    assert game._process is not None
    assert await game._process.wait() == 3
    await websocket.close()
    await game.end()
    assert game._process.returncode == 3  # not asked to quit, not signalled
    assert served.said[-1] == "A game closed (0 of 4 open)."


async def test_a_browser_sending_nonsense_ends_its_own_game_only(serve: Serve) -> None:
    served = await serve()
    other = await served.open_game()
    websocket = await served.open_game()
    await websocket.send_str("this is not JSON")
    assert (await end_of(websocket)).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    broken = served.processes[1]
    await broken.end()
    assert broken._process is not None and broken._process.returncode == 0
    assert "A game's connection failed: JSONDecodeError." in served.said
    assert served.server.games == {served.processes[0]}
    await other.send_str(json.dumps(["stdin", "still here"]))
    assert await text_of(other) == "typed still here"
    await other.close()


async def test_a_game_that_cannot_start_is_reported_and_frees_its_place(serve: Serve) -> None:
    served = await serve(max_games=1, argv=[str(Path(sys.executable).with_name("no-such-python"))])
    websocket = await served.client.ws_connect(served.path("ws"))
    assert (await end_of(websocket)).type in (WSMsgType.CLOSE, WSMsgType.CLOSED)
    assert served.said == ["A game's connection failed: FileNotFoundError."]
    assert served.server.games == set()
    assert (await served.client.get(served.path())).status == 200


# --- ending games ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "ended_by"),
    [("polite", 0), ("deaf", -signal.SIGTERM), ("stubborn", -signal.SIGKILL)],
)
async def test_a_game_that_will_not_quit_is_ended_anyway(
    serve: Serve, monkeypatch: pytest.MonkeyPatch, mode: str, ended_by: int
) -> None:
    # Each step waits this long for the game before insisting; the outcome does not depend on it.
    monkeypatch.setattr(server_module, "QUIT_GRACE", 0.2)
    served = await serve(mode)
    websocket = await served.open_game()
    await websocket.close()
    (game,) = served.processes
    await game.end()
    assert game._process is not None and game._process.returncode == ended_by
    assert game.pid is not None
    with pytest.raises(ProcessLookupError):
        os.kill(game.pid, 0)  # ended and collected: no zombie left
    assert served.server.games == set()


async def test_stopping_the_server_ends_every_game_and_says_why(serve: Serve) -> None:
    served = await serve(max_games=3)
    sockets = [await served.open_game() for _ in range(2)]
    await served.client.server.close()
    for websocket in sockets:
        ending = await end_of(websocket)
        assert ending.type == WSMsgType.CLOSE
        assert ending.data == WSCloseCode.GOING_AWAY
        assert ending.extra == "The server stopped."
    assert all(
        game._process is not None and game._process.returncode == 0 for game in served.processes
    )
    assert served.server.games == set() and served.server.sockets == set()


async def test_ending_a_game_that_never_started_does_nothing() -> None:
    async def nothing(*_: Any) -> None:
        return None

    game = GameProcess(
        ["nothing"], write_bytes=nothing, write_str=nothing, close=nothing, download_manager=None
    )
    await game.end()
    assert game.pid is None


# --- running --------------------------------------------------------------------------------------


class StopsAfterBanner(io.StringIO):
    """An output that sends this process SIGTERM once the server has printed its banner, as a
    player pressing Ctrl+C would (the server listens for both)."""

    def write(self, text: str) -> int:
        if "Press Ctrl+C to stop" in text:
            import asyncio

            # Run once the server waits for signals: its handler is in place by then.
            asyncio.get_running_loop().call_soon(os.kill, os.getpid(), signal.SIGTERM)
        return super().write(text)


@pytest.fixture
def own_sigterm() -> Any:
    """Whatever handled SIGTERM before the test handles it after."""
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_h2h_serve_runs_until_stopped_and_says_so(
    own_sigterm: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = StopsAfterBanner()
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["serve", "--port", "0", "--max-games", "3", "--saves", str(tmp_path / "saves")])
    monkeypatch.undo()
    assert code == 0
    text = out.getvalue()
    assert "Open this link in a browser on this computer:" in text
    assert "up to 3 can be open at once" in text
    assert text.endswith("Stopping: closing the games…\nStopped. Every game is saved.\n")
    assert signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None)


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("127.0.0.1", "Address already in use"),
        # TEST-NET-1: an address no computer has, so none can listen on it.
        ("192.0.2.1", "Cannot assign requested address"),
    ],
)
async def test_an_address_it_cannot_listen_on_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], host: str, why: str
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = GameServer(["nothing"], host=host, port=port, out=io.StringIO())
        assert await server.run() == 1
    assert capsys.readouterr().err == f"h2h serve: cannot listen on {host} port {port}: {why}.\n"
    assert isinstance(server.out, io.StringIO) and server.out.getvalue() == ""


async def test_a_host_name_that_does_not_resolve_is_named_as_such(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Unresolved(web.TCPSite):
        # What aiohttp raises for a name no resolver knows; no lookup is made in this test.
        async def start(self) -> None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(server_module.web, "TCPSite", Unresolved)
    server = GameServer(["nothing"], host="tablet.invalid", port=8000, out=io.StringIO())
    assert await server.run() == 1
    assert capsys.readouterr().err == (
        "h2h serve: cannot listen on tablet.invalid port 8000: Name or service not known.\n"
    )
