"""The board in a browser: textual-serve with a page of ours, local fonts and a token at the door.

textual-serve starts one board-mode process (`linkdesk board`) per browser that connects and
relays its terminal over a websocket; it has no authentication of its own. So `check_host`
refuses a host other than loopback unless a token is given, and the `guard` middleware then
refuses every request that does not carry it: on the page's URL (`?token=…`), which also sets a
cookie the page's own requests (fonts, script, websocket) carry. The page links nothing outside
(`templates/board_index.html`).

textual-serve never waits for a board process it has told to quit, so the process's transport was
left open when the server stopped and asyncio printed a traceback at exit ("Event loop is
closed"). `BoardSession` waits for it (and kills one that does not quit), and the websocket
handler below is textual-serve's own with that session in place of its `AppService`.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from pylopdf_fonts_zh_cn import sans_path
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

from model.errors import LinkdeskError
from model.text import _, language

TEMPLATES = Path(__file__).with_name("templates")
COOKIE = "linkdesk_board"
TOKEN_MIN_LENGTH = 16
CJK_FONT_PATH = "/fonts/noto-sans-sc.otf"
WEBSOCKET_PATH = "/ws"


def is_loopback(host: str) -> bool:
    """True for localhost and every loopback address (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, token: str | None) -> None:
    """Refuse what would put the board where anyone could read it: another host without a token, or a weak token."""
    if token is not None and len(token) < TOKEN_MIN_LENGTH:
        raise LinkdeskError(_("the token must be at least {count} characters long (for example from "
                              "`python -c \"import secrets; print(secrets.token_urlsafe())\"`)").format(
            count=TOKEN_MIN_LENGTH))
    if token is None and not is_loopback(host):
        raise LinkdeskError(_("the board would be open to anyone who can reach {host}: give --token, then open "
                              "it as http://HOST:PORT/?token=TOKEN").format(host=host))


def board_command(ledger_path: Path | str, lang: str) -> str:
    """The shell command textual-serve runs for each browser: this Python, board mode, on this ledger
    (a file, or the libpq URI of a ledger on a PostgreSQL server)."""
    return shlex.join([sys.executable, "-m", "console", "--db", str(ledger_path), "--lang", lang, "board"])


QUIT_SECONDS = 5.0
"""How long a board process is given to quit before it is killed."""


class BoardSession(AppService):
    """One browser's board process, waited for when it stops, so nothing of it outlives the server."""

    async def stop(self) -> None:
        await super().stop()
        process = self._process
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()


class BoardServer(Server):
    """textual-serve's server, with the guard, our page and the Chinese font."""

    def __init__(self, command: str, *, host: str, port: int, token: str | None) -> None:
        super().__init__(command, host=host, port=port, title=_("Situation board"), templates_path=TEMPLATES)
        self.token = token

    def allowed(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        offered = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(offered.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self.allowed(request):
            raise web.HTTPForbidden(text=_("This board needs its token: open it as /?token=TOKEN") + "\n")
        response: web.StreamResponse = await handler(request)
        if self.token is not None and request.query.get("token") and not response.prepared:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.router.add_get(CJK_FONT_PATH, self.handle_font)
        return app

    async def handle_font(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(sans_path(), headers={"Content-Type": "font/otf", "Cache-Control": "max-age=86400"})

    async def handle_index(self, request: web.Request) -> web.Response:
        """Our page, every address on it relative to the one the browser used."""
        try:
            font_size = int(request.query.get("fontsize", "16"))
        except ValueError:
            font_size = 16
        context = {"lang": "zh-CN" if language() == "zh" else "en", "title": self.title, "static_url": "/static/",
                   "cjk_font_url": CJK_FONT_PATH, "cjk_sample": "应急", "websocket_path": WEBSOCKET_PATH,
                   "font_size": max(8, min(font_size, 64)), "closed_text": _("The board has closed; reload the page.")}
        return aiohttp_jinja2.render_template("board_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler (a board process per browser, relayed over the websocket), its
        process stopped and waited for whichever way the websocket ends."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        board: BoardSession | None = None
        try:
            await websocket.prepare(request)
            board = BoardSession(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                   close=websocket.close, download_manager=self.download_manager, debug=self.debug)
            await board.start(width, height)
            await self._process_messages(websocket, board)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's failure ends its session, not the server
            log.error("%s", error)
        finally:
            if board is not None:
                await board.stop()
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        where = f"http://{self.host}:{self.port}/" + ("?token=…" if self.token else "")
        self.console.print(_("linkdesk: serving the situation board on {where} (Ctrl+C stops)").format(where=where),
                           highlight=False, markup=False)
