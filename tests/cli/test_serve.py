"""`linkdesk serve --board`: where it may listen, and the token at the door of every request."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from console.web.server import CJK_FONT_PATH, COOKIE, BoardServer, check_host, is_loopback
from model.errors import LinkdeskError
from tests.cli.conftest import Run

TOKEN = "k3Jd9-wQx_7LmZ2pRt5v"


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True),
                                             ("::1", True), ("[::1]", True), ("0.0.0.0", False), ("::", False),
                                             ("192.168.1.20", False), ("board.example", False)])
def test_loopback_hosts(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_another_host_needs_a_token_of_some_length() -> None:
    check_host("127.0.0.1", None)
    check_host("0.0.0.0", TOKEN)
    with pytest.raises(LinkdeskError, match="give --token"):
        check_host("0.0.0.0", None)
    with pytest.raises(LinkdeskError, match="at least 16 characters"):
        check_host("0.0.0.0", "secret")


def test_the_command_refuses_in_one_line(ledger: Path | str) -> None:
    done = subprocess.run([sys.executable, "-m", "console", "--db", str(ledger), "serve", "--board",
                           "--host", "0.0.0.0"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "linkdesk: the board would be open to anyone who can reach 0.0.0.0: give --token, then open it as "
        "http://HOST:PORT/?token=TOKEN"]


def test_serve_serves_the_board_only(run: Run) -> None:
    result = run("serve")
    assert isinstance(result.exception, LinkdeskError) and "--board" in str(result.exception)


@pytest.fixture
async def guarded() -> AsyncIterator[TestClient]:
    server = BoardServer("true", host="0.0.0.0", port=0, token=TOKEN)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    yield client
    await client.close()


async def test_without_the_token_nothing_is_served(guarded: TestClient) -> None:
    for path in ("/", "/?token=wrong-token-of-length", "/ws", CJK_FONT_PATH, "/static/js/textual.js"):
        response = await guarded.get(path)
        assert response.status == 403, path
    assert TOKEN not in await (await guarded.get("/")).text(), "a refusal does not give the token away"


async def test_the_token_on_the_url_opens_the_page_and_its_own_requests(guarded: TestClient) -> None:
    page = await guarded.get(f"/?token={TOKEN}")
    assert page.status == 200
    assert page.cookies[COOKIE].value == TOKEN and page.cookies[COOKIE]["httponly"]
    html = await page.text()
    assert "googleapis" not in html and "http://" not in html and "https://" not in html, "nothing from outside"
    font = await guarded.get(CJK_FONT_PATH)
    assert font.status == 200 and font.headers["Content-Type"] == "font/otf"
    assert len(await font.read()) > 1_000_000, "the whole Noto Sans SC"
    assert (await guarded.get("/static/js/textual.js")).status == 200
