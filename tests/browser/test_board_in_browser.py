"""The board in a real browser: `linkdesk serve --board` on a free port, opened by Debian's chromium.

The page must load nothing from outside, start the terminal, and receive the board over its
websocket: the center's name in Chinese, the open incidents' numbers and the big figures'
captions. The Chinese face it draws with is our own (Noto Sans SC served by the board server).
The screenshot is left in the test's folder (`board.png`).
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.browser.cdp import browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(demo_ledger: Path | str) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "console", "--db", str(demo_ledger), "--lang", "zh", "serve",
                               "--board", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
        assert b"Traceback" not in output, output.decode(errors="replace")


async def until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.get(url) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            assert time.monotonic() < deadline, f"{url} never answered"
            await asyncio.sleep(0.1)


async def test_the_browser_receives_and_draws_the_board(served: str, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    async with browser(profile) as page:
        await until_up(served)
        await page.call("Page.navigate", url=served)
        stream = await page.wait_for_text("南大港管理区应急联动中心", "20261128-0001", "20261128-0004", timeout=90)
        assert "在办事件" in stream and "生效中的预警" in stream
        faces = await page.evaluate("[...document.fonts].map(face => face.family + ' ' + face.status)")
        assert faces == ["Roboto Mono loaded", "Roboto Mono loaded"], "the Latin and the Chinese face, both ours"
        assert await page.evaluate("document.body.classList.contains('-first-byte')") is True
        await asyncio.sleep(0.3)
        await page.screenshot(tmp_path / "board.png")
    assert (tmp_path / "board.png").stat().st_size > 20_000, "the screenshot is blank"
    outside = [url for url in page.requested if not url.startswith(served.rstrip("/")) and url != "about:blank"]
    assert outside == [], "the page fetched from outside"
