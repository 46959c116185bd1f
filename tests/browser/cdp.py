"""Driving Debian's chromium through the DevTools protocol: open a page, read its websocket, take a screenshot.

Only the browser the machine has (`chromium` from Debian, which .ci/run installs), headless, with a
fresh profile and every background fetch off, so the page is the only thing it loads.
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium() -> str:
    found = shutil.which("chromium")
    assert found is not None, "Debian's chromium is missing: apt-get install -y chromium (.ci/run does it)"
    return found


@dataclass
class Page:
    """One tab: what it requested and what its websocket received, as it arrives."""

    socket: aiohttp.ClientWebSocketResponse
    requested: list[str] = field(default_factory=list)
    received: bytearray = field(default_factory=bytearray)
    """What the terminal's websocket brought in binary frames: the app's output, escape sequences and all."""
    replies: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 0

    async def call(self, method: str, timeout: float = 10, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        wanted = self.next_id
        await self.socket.send_json({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while wanted not in self.replies:
            await self._read(deadline)
        return self.replies.pop(wanted)

    async def _read(self, deadline: float) -> None:
        message = await self.socket.receive(timeout=max(0.01, deadline - time.monotonic()))
        data = json.loads(message.data)
        if "id" in data:
            self.replies[data["id"]] = data.get("result", data)
        elif data.get("method") == "Network.requestWillBeSent":
            self.requested.append(data["params"]["request"]["url"])
        elif data.get("method") == "Network.webSocketFrameReceived":
            response = data["params"]["response"]
            if response["opcode"] == 2:
                self.received += base64.b64decode(response["payloadData"])

    async def wait_for_text(self, *needles: str, timeout: float) -> str:
        """Read events until the terminal stream holds every needle; the stream so far."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.received.decode("utf-8", errors="replace")
            if all(needle in seen for needle in needles):
                return seen
            if time.monotonic() > deadline:
                missing = [needle for needle in needles if needle not in seen]
                raise AssertionError(f"the page never received {missing!r} of {needles!r}; it got {len(seen)} "
                                     "characters")
            try:
                await self._read(deadline)
            except TimeoutError:
                continue

    async def evaluate(self, expression: str) -> Any:
        reply = await self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        return reply["result"].get("value")

    async def screenshot(self, path: Path) -> None:
        reply = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(reply["data"]))


@asynccontextmanager
async def browser(profile: Path, width: int = 1600, height: int = 1000) -> AsyncIterator[Page]:
    """A headless chromium with one blank tab, reached through DevTools on a port it picks itself."""
    process = subprocess.Popen([chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                                "--remote-debugging-port=0", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            await asyncio.sleep(0.05)
        port = int(port_file.read_text().splitlines()[0])
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as listing:
                targets = await listing.json()
            target = next(item for item in targets if item["type"] == "page")
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as socket:
                page = Page(socket)
                await page.call("Network.enable")
                await page.call("Page.enable")
                yield page
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
