"""A small Chrome DevTools Protocol client for tests: Debian's chromium, headless, driven over
its websocket (`websockets`' synchronous client). No browser download, no network: the browser
listens on loopback only and gets a fresh profile in a temporary folder.

    with Browser.start(tmp_path) as browser:
        browser.open(page.as_uri())
        browser.evaluate("window.scrollY")
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 30.0


def find_chromium() -> str | None:
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


class Browser:
    def __init__(self, process: subprocess.Popen[bytes], url: str) -> None:
        from websockets.sync.client import connect

        self.process = process
        self._closing = contextlib.ExitStack()
        self.ws = self._closing.enter_context(connect(url, max_size=None, open_timeout=TIMEOUT))
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.send("Page.enable", session=True)
        self.send("Runtime.enable", session=True)

    @classmethod
    def start(cls, profile: Path, width: int = 1400, height: int = 900) -> Browser:
        exe = find_chromium()
        if exe is None:
            raise RuntimeError("no chromium")
        argv = [
            exe,
            "--headless=new",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            "about:blank",
        ]
        if os.geteuid() == 0:  # chromium refuses to run its sandbox as root
            argv.insert(1, "--no-sandbox")
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert process.stderr is not None
        deadline = time.monotonic() + TIMEOUT
        seen = []
        while time.monotonic() < deadline:
            line = process.stderr.readline().decode("utf-8", "replace")
            if not line and process.poll() is not None:
                break
            seen.append(line)
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                return cls(process, m.group(1))
        process.kill()
        raise RuntimeError("chromium did not start: " + "".join(seen[-5:]))

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._closing.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def send(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        """Call `method` (on the page when `session`) and return its result; events that
        arrive meanwhile are kept in `events`."""
        call_id = next(self._ids)
        message: dict[str, Any] = {"id": call_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv(timeout=TIMEOUT))
            if reply.get("id") == call_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, event: str) -> dict[str, Any]:
        for i, e in enumerate(self.events):
            if e["method"] == event:
                return self.events.pop(i)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv(timeout=TIMEOUT))
            if reply.get("method") == event:
                return dict(reply)
            if "method" in reply:
                self.events.append(reply)
        raise TimeoutError(event)

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate",
            session=True,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        """A real mouse click at (x, y) in the viewport, as a reader's."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                session=True,
                type=kind,
                x=x,
                y=y,
                button="left" if kind != "mouseMoved" else "none",
                clickCount=1 if kind != "mouseMoved" else 0,
            )

    def screenshot(self) -> bytes:
        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        return base64.b64decode(data)
