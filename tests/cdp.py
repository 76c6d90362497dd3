"""The tests' one Chrome DevTools Protocol client, on aiohttp's websocket client (aiohttp comes
with textual-serve, a test dependency): start Debian's headless Chromium (no browser download,
no network), open a page, evaluate in it, click, press keys, take a screenshot, and collect what
it requested and what its websockets received. Enough for the tests of `zoneplan serve` and of
the web page export, nothing more.

    async with chromium_page(find_chromium()) as page:
        await page.open(path.as_uri())
        await page.evaluate("window.scrollY")
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


# DevTools key descriptions: what keyDown needs for xterm.js to see the key as typed.
_SPECIAL = {
    "enter": ("Enter", "Enter", 13, "\r"),
    "escape": ("Escape", "Escape", 27, ""),
    "tab": ("Tab", "Tab", 9, "\t"),
    "down": ("ArrowDown", "ArrowDown", 40, ""),
    "up": ("ArrowUp", "ArrowUp", 38, ""),
}
_MODIFIERS = {"alt": 1, "ctrl": 2, "meta": 4, "shift": 8}


class Page:
    """One page target, over its own DevTools websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.frames = bytearray()  # what the page's websockets received (binary frames)
        self.requests: list[str] = []  # every URL the page asked for
        self.responses: dict[str, int] = {}  # URL → status
        self._awaited: dict[str, list[asyncio.Future[dict[str, Any]]]] = {}  # event → waiters
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = message.json()
            if "id" in data:
                future = self._pending.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
                continue
            method, params = data.get("method"), data.get("params", {})
            for waiter in self._awaited.pop(method, []):
                if not waiter.done():
                    waiter.set_result(params)
            if method == "Network.webSocketFrameReceived":
                response = params["response"]
                if response["opcode"] == 2:
                    self.frames += base64.b64decode(response["payloadData"])
            elif method == "Network.requestWillBeSent":
                self.requests.append(params["request"]["url"])
            elif method == "Network.webSocketCreated":
                self.requests.append(params["url"])
            elif method == "Network.responseReceived":
                self.responses[params["response"]["url"]] = params["response"]["status"]

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[call_id] = future
        await self.ws.send_json({"id": call_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def expect(self, event: str) -> asyncio.Future[dict[str, Any]]:
        """A future for the next `event`'s params: ask before the call that causes it, so the
        event cannot slip by in between."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._awaited.setdefault(event, []).append(future)
        return future

    async def open(self, url: str) -> None:
        """Navigate to `url` and wait until it has loaded (its `load` event)."""
        loaded = self.expect("Page.loadEventFired")
        await self.send("Page.navigate", url=url)
        await asyncio.wait_for(loaded, 30)

    async def evaluate(self, expression: str) -> Any:
        reply = await self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply.get("result", {}).get("value")

    async def click(self, x: float, y: float) -> None:
        """A real mouse click at (x, y) in the viewport, as a reader's."""
        await self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            await self.send(
                "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
            )

    async def screenshot(self) -> bytes:
        """The viewport as PNG."""
        reply = await self.send("Page.captureScreenshot", format="png")
        return base64.b64decode(reply["data"])

    async def press(self, key: str) -> None:
        """A key as zoneplan's bindings write it: `n`, `enter`, `ctrl+s`."""
        *mods, name = key.split("+")
        modifiers = sum(_MODIFIERS[m] for m in mods)
        if name in _SPECIAL:
            dom_key, code, vk, text = _SPECIAL[name]
        else:
            dom_key, code, vk = name, f"Key{name.upper()}", ord(name.upper())
            text = "" if modifiers & (_MODIFIERS["ctrl"] | _MODIFIERS["alt"]) else name
        event = {
            "key": dom_key,
            "code": code,
            "windowsVirtualKeyCode": vk,
            "modifiers": modifiers,
        }
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **event)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **event)

    async def type_text(self, text: str) -> None:
        await self.send("Input.insertText", text=text)


@contextlib.asynccontextmanager
async def chromium_page(
    executable: str, *, offline: bool = True, width: int = 1280, height: int = 800
) -> AsyncIterator[Page]:
    """Headless Chromium with one blank page, its window `width`×`height`. `offline`: every host
    name but 127.0.0.1 fails to resolve, as with the network unplugged."""
    profile = Path(tempfile.mkdtemp(prefix="zoneplan-chromium-"))
    argv = [
        executable,
        "--headless=new",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-gpu",
        "--disable-extensions",
        "--disable-background-networking",
        f"--window-size={width},{height}",
    ]
    if os.geteuid() == 0:
        argv.append("--no-sandbox")  # Chromium refuses root without it (CI containers)
    if offline:
        argv.append("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")
    process = await asyncio.create_subprocess_exec(
        *argv, "about:blank", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    drain: asyncio.Task[None] | None = None
    try:
        endpoint = await _devtools_endpoint(process)
        drain = asyncio.create_task(_drain(process))  # a full pipe would stall Chromium
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://{endpoint}/json/list") as listing:
                targets = await listing.json()
            page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
            async with session.ws_connect(page_ws, max_msg_size=0) as ws:
                page = Page(ws)
                await page.send("Network.enable")
                await page.send("Page.enable")
                yield page
    finally:
        if drain is not None:
            drain.cancel()
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()
        shutil.rmtree(profile, ignore_errors=True)


async def _devtools_endpoint(process: asyncio.subprocess.Process) -> str:
    """host:port from Chromium's `DevTools listening on ws://host:port/devtools/browser/…`."""
    assert process.stderr is not None
    while True:
        line = await asyncio.wait_for(process.stderr.readline(), 60)
        if not line:
            raise RuntimeError("Chromium ended before it listened for DevTools")
        text = line.decode("utf-8", "replace")
        if "DevTools listening on ws://" in text:
            return text.split("ws://", 1)[1].split("/", 1)[0]


async def _drain(process: asyncio.subprocess.Process) -> None:
    assert process.stderr is not None
    while await process.stderr.read(65536):
        pass
