"""Provides `GameServer`: textual-serve behind a secret link, with a cap on games and a clean stop.

textual-serve runs one child process per browser tab, speaking to it over a websocket. It has no
access control of its own, so every path here starts with the run's secret key and a middleware
refuses anything else before a route (and so a game process) is reached. Its page template
fetched a web font from the internet; ours, in `templates/`, uses the font that ships with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import signal
import sys
from asyncio.subprocess import PIPE, Process
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from h2h_game.serve.address import new_key
from h2h_game.serve.banner import banner

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_MAX_GAMES = 4
QUIT_GRACE = 3.0
"""Seconds a game gets to close by itself once asked, and again after SIGTERM, before SIGKILL."""
SHUTDOWN_TIMEOUT = 10.0
"""Seconds aiohttp waits for open connections once the games have ended (they close at once)."""
FONT_SIZES = range(6, 49)
"""The `?fontsize=` a page may ask for, in CSS pixels."""
DEFAULT_FONT_SIZE = 16
"""The largest size that still gives the table its 80 columns on a 768-pixel-wide tablet held
upright; xterm.js keeps the size it starts with, so it must also suit the tablet turned round."""
MOST_CELLS = 1000
"""Columns or rows a browser may ask for: anything beyond is a mistake or an attack."""


class GameProcess(AppService):
    """One browser tab's game: `python -m h2h_game` in a child process, started without a shell."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self._ending: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        # textual-serve hands a command line to the shell; an argument list needs no quoting.
        environment = self._build_environment(width=width, height=height)
        process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=environment
        )
        assert process.stdin is not None
        self._process, self._stdin = process, process.stdin
        return process

    async def end(self) -> None:
        """Ask the game to close, then insist; returns once the process has exited."""
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end())
        await asyncio.shield(self._ending)

    async def _end(self) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            # Nothing is lost whichever way it ends: the game saves every action as it happens.
            await self.send_meta({"type": "quit"})
            if not await _exited(process, QUIT_GRACE):
                process.terminate()
                if not await _exited(process, QUIT_GRACE):
                    process.kill()
                    await process.wait()
        if self._task is not None:
            # The reader stops at the end of the game's output, which a dead process has reached.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._task, QUIT_GRACE)
            self._task = None


async def _exited(process: Process, seconds: float) -> bool:
    try:
        await asyncio.wait_for(process.wait(), seconds)
    except TimeoutError:
        return False
    return True


class GameServer(Server):
    """Serves the game to browsers: one game process per tab, at most `max_games` at once."""

    def __init__(
        self,
        game_argv: Sequence[str],
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        max_games: int = DEFAULT_MAX_GAMES,
        key: str | None = None,
        out: TextIO | None = None,
    ) -> None:
        super().__init__(" ".join(game_argv), host=host, port=port, title="Heart to Heart")
        self.game_argv = list(game_argv)
        self.max_games = max_games
        self.key = key or new_key()
        self.out = out or sys.stdout
        self.games: set[GameProcess] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self._refused_peers: set[str] = set()

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    # The web application -------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.safe_headers, self.require_key])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        prefix = f"/{self.key}"
        app.add_routes(
            [
                web.get(f"{prefix}/", self.handle_index, name="index"),
                web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
                web.static(f"{prefix}/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def require_key(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Refuses (403) every request whose path does not start with the key."""
        parts = request.path.split("/", 2)
        given = parts[1] if len(parts) > 1 else ""
        if not hmac.compare_digest(given.encode(), self.key.encode()):
            self._report_refused(request)
            return aiohttp_jinja2.render_template("refused.html", request, {}, status=403)
        if len(parts) == 2:
            raise web.HTTPFound(f"/{self.key}/")
        return await handler(request)

    @web.middleware
    async def safe_headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        response = await handler(request)
        # The key is in every path: no page should hand it to anyone as a referrer.
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def _report_refused(self, request: web.Request) -> None:
        peer = request.remote or "?"
        if peer not in self._refused_peers:
            # Once per address: a scanner must not flood the players' terminal.
            self._refused_peers.add(peer)
            self.say(f"Refused a request without the key from {peer}.")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if len(self.games) >= self.max_games:
            return self._busy(request)
        font_size = to_int(request.query.get("fontsize", ""), DEFAULT_FONT_SIZE)
        websocket_url = f"ws://{request.host}/{self.key}/ws"
        context = {
            "font_size": font_size if font_size in FONT_SIZES else DEFAULT_FONT_SIZE,
            "app_websocket_url": websocket_url,
            "static_url": f"/{self.key}/static/",
            "title": self.title,
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            f"connect-src 'self' {websocket_url}; frame-ancestors 'none'; form-action 'none'"
        )
        return response

    def _busy(self, request: web.Request) -> web.StreamResponse:
        context = {"max_games": self.max_games}
        response = aiohttp_jinja2.render_template("busy.html", request, context, status=503)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Retry-After"] = "10"
        return response

    # textual-serve declares a WebSocketResponse; refusing with a plain page is the point here.
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if not _same_origin(request):
            return web.Response(status=403, text="This game only answers its own page.")
        if len(self.games) >= self.max_games:
            return self._busy(request)
        width = _cells(request.query.get("width", ""), 80)
        height = _cells(request.query.get("height", ""), 24)
        websocket = web.WebSocketResponse(heartbeat=15)
        if not websocket.can_prepare(request).ok:
            return web.Response(status=400, text="This address is for the game's page only.")
        game = GameProcess(
            self.game_argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        # Counted before the first await, so two tabs opening at once cannot both take the last
        # place.
        self.games.add(game)
        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            await game.start(width, height)
            self.say(f"A game opened in a browser ({self._count()}).")
            await self._process_messages(websocket, game)
        except Exception as error:
            self.say(f"A game's connection failed: {type(error).__name__}.")
        finally:
            try:
                await game.end()
            finally:
                self.games.discard(game)
                self.sockets.discard(websocket)
                if game.pid is not None:
                    self.say(f"A game closed ({self._count()}).")
        return websocket

    def _count(self) -> str:
        return f"{len(self.games)} of {self.max_games} open"

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(game.end() for game in list(self.games)), return_exceptions=True)
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"The server stopped.")

    # Running -----------------------------------------------------------------------------------

    def serve(self, debug: bool = False) -> int:  # type: ignore[override]
        """Serve until Ctrl+C or SIGTERM; returns the exit code."""
        return asyncio.run(self.run())

    async def run(self) -> int:
        runner = web.AppRunner(
            await self._make_app(),
            handle_signals=False,
            # aiohttp's access log prints each request line, and every path holds the key.
            access_log=None,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
        await runner.setup()
        try:
            try:
                site = web.TCPSite(runner, self.host, self.port)
                await site.start()
            except OSError as error:
                reason = error.strerror or str(error)
                print(
                    f"h2h serve: cannot listen on {self.host} port {self.port}: {reason}.",
                    file=sys.stderr,
                )
                return 1
            port = runner.addresses[0][1]
            self.say(banner(self.host, port, self.key, self.max_games))
            await _until_stopped()
            self.say("Stopping: closing the games…")
        finally:
            await runner.cleanup()
        self.say("Stopped. Every game is saved.")
        return 0


def _cells(text: str, default: int) -> int:
    return min(max(to_int(text, default), 1), MOST_CELLS)


def _same_origin(request: web.Request) -> bool:
    """Browsers send Origin with a websocket; one from another site must not drive a game."""
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    try:
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stop.set)
    except NotImplementedError:
        # Windows: Ctrl+C arrives as KeyboardInterrupt, which cancels this wait instead.
        pass
    try:
        await stop.wait()
    finally:
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(number)
