"""The web server of `zoneplan serve`: textual-serve's `Server`, made safe by default.

- Every request, page, static file, download or websocket, needs the access token: in the URL
  (`?token=…`, which the printed URL carries) or in the cookie the page sets when opened with
  it (the page's own requests for scripts, fonts and its websocket carry no query). Anything
  else is 403. A websocket from another site's page is refused by its Origin too.
- Each websocket runs one app process (`AppProcess`): an argument list, no shell, confined to
  the served folders.
- The page is this package's `templates/app_index.html`: textual-serve's without the web font
  it fetched from the internet (its own copy of Roboto Mono is served instead), so the page
  works offline.
- URLs in the page follow the Host the browser used, so one reached as `http://server:8000`
  connects its websocket there too; the access log is off, as it would record the token.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import signal
import socket
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from zoneplan_tui.serve.app_process import AppProcess, app_command, confined_env
from zoneplan_tui.serve.token import cookie_name, new_token, token_matches

log = logging.getLogger("zoneplan.serve")

TEMPLATES = Path(__file__).resolve().parent / "templates"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ZoneplanServer(Server):
    """Serve the library of `folders` (each resolved: they are the confinement's roots)."""

    def __init__(
        self,
        folders: Sequence[Path],
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        token: str | None = None,
        db: str | None = None,
        index: str | None = None,
        title: str = "zoneplan",
        max_sessions: int = 8,
    ) -> None:
        self.roots = [Path(f).expanduser().resolve() for f in folders]
        self.argv = app_command(self.roots, db=db, index=index)
        self.token = token or new_token()
        self.sessions: set[AppProcess] = set()
        # Each tab is an app process of its own (~250 MB): a bound on them is a bound on memory.
        self.max_sessions = max_sessions
        self._opening = 0  # tabs past the check, their process not started yet
        super().__init__(
            " ".join(self.argv), host=host, port=port, title=title, templates_path=TEMPLATES
        )

    # -- what the person who started it sees -------------------------------------------------

    @property
    def url(self) -> str:
        """The URL to open, with the token."""
        host = self.host
        if host in ("", "0.0.0.0", "::"):
            host = socket.gethostname()  # all interfaces: name the machine, not 0.0.0.0
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/?token={self.token}"

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its banner here, before the port is open."""

    def announce(self, *_: object) -> None:
        """The URL to open, once the server listens (aiohttp's `print`, called then)."""
        print(f"zoneplan serve: open {self.url}")
        print("  the token in the URL is the only key: give it only to people who may read")
        print("  Ctrl+C to stop", flush=True)

    # -- the web application -----------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._require_token])
        # Escaped: the page quotes the Host header the browser sent.
        aiohttp_jinja2.setup(
            app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _require_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        cookie = cookie_name(self.port)
        in_query = request.query.get("token")
        if not token_matches(in_query or request.cookies.get(cookie), self.token):
            raise web.HTTPForbidden(
                text="403: this address needs the access token that `zoneplan serve` printed\n"
            )
        origin = request.headers.get("Origin")
        if origin and request.path == "/ws" and urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden(text="403: a websocket from another site\n")
        response = await handler(request)
        if in_query and not response.prepared:
            # The page's scripts, fonts and websocket ask without the query: the cookie is
            # their token. HttpOnly: no script reads it; Strict: no other site sends it.
            response.set_cookie(cookie, self.token, httponly=True, samesite="Strict", path="/")
        return response

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        scheme = "wss" if request.secure else "ws"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's, with the app started by `AppProcess`; refused (503, before the
        upgrade) when `max_sessions` tabs are open already."""
        if len(self.sessions) + self._opening >= self.max_sessions:
            log.warning("a tab refused: %d sessions open (--max-sessions)", self.max_sessions)
            raise web.HTTPServiceUnavailable(
                text=f"503: {self.max_sessions} sessions are open already (zoneplan serve "
                "--max-sessions); close a tab and reload\n"
            )
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppProcess | None = None
        self._opening += 1
        try:
            await websocket.prepare(request)
            service = AppProcess(
                self.argv,
                confined_env(self.roots),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions.add(service)
            self._opening -= 1
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
                self.sessions.discard(service)
            else:
                self._opening -= 1
        return websocket

    # -- running -----------------------------------------------------------------------------

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C (or SIGTERM). As textual-serve's, without its banner, and without
        the access log: it would write every URL, token included."""
        self.debug = debug
        logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        except NotImplementedError:  # Windows
            pass
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            access_log=None,
            print=self.announce,
        )
