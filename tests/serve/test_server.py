"""`zoneplan serve` over HTTP and its websocket, without a browser: the token on every request,
the offline page, the warning for other machines, the app started without a shell."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import SAMPLES
from tests.serve.helpers import Served, build_index, screen_text, serving
from zoneplan_tui.serve.token import token_matches


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> Path:
    """Two sample plans in a folder whose name a shell would act on."""
    folder = tmp_path_factory.mktemp("served") / "plans $(touch PWNED) ; `touch PWNED2`"
    folder.mkdir()
    for name in ("wuqing-2019-work-points.txt", "haimen-2017-work-plan.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


@pytest.fixture
def server(plans, tmp_path) -> Iterator[Served]:
    index = tmp_path / "index.sqlite"
    build_index(plans, index)
    with serving([plans], "--index", str(index)) as served:
        yield served


async def status(url: str, **kwargs) -> int:
    async with (
        aiohttp.ClientSession(**kwargs) as session,
        session.get(url, allow_redirects=False) as response,
    ):
        return response.status


async def test_every_request_without_the_token_is_refused(server):
    base, token = server.base, server.token
    assert server.url == f"{base}/?token={token}"
    for path in ("/", "/static/js/textual.js", "/static/", "/download/x", "/ws", "/nowhere"):
        assert await status(base + path) == 403, path
        assert await status(f"{base}{path}?token=wrong") == 403, path
        assert await status(f"{base}{path}?token={token[:-1]}") == 403, path
    assert await status(f"{base}/?token={token}") == 200
    assert await status(f"{base}/static/js/textual.js?token={token}") == 200
    assert await status(f"{base}/static/?token={token}") in (403, 404)  # no folder listing
    # The websocket refuses too, before any app process starts.
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{base}/ws")
        assert refused.value.status == 403
    assert server.app_pids() == []


async def test_the_page_sets_a_cookie_that_its_own_requests_carry(server):
    base, token = server.base, server.token
    jar = aiohttp.CookieJar(unsafe=True)  # unsafe: cookies for an IP address host
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        async with session.get(f"{base}/?token={token}") as response:
            assert response.status == 200
            cookie = response.cookies[f"zoneplan_token_{server.port}"]
            assert cookie.value == token
            assert cookie["httponly"] and cookie["samesite"] == "Strict"
        async with session.get(f"{base}/static/css/xterm.css") as response:
            assert response.status == 200
    # Another server's cookie (another port) is not this one's.
    other = {f"zoneplan_token_{server.port + 1}": token}
    assert await status(f"{base}/static/css/xterm.css", cookies=other) == 403


async def test_a_websocket_from_another_site_is_refused(server):
    cookies = {f"zoneplan_token_{server.port}": server.token}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{server.base}/ws", origin="http://evil.example")
        assert refused.value.status == 403


async def test_the_page_loads_nothing_from_the_internet(server):
    """Offline: the page, its script and its stylesheet name no other host; the fonts the page
    asks for are served here."""
    base, token = server.base, server.token
    async with aiohttp.ClientSession(cookies={f"zoneplan_token_{server.port}": token}) as s:
        page = await (await s.get(f"{base}/?token={token}")).text()
        assert not re.search(r"(https?:)?//(?!127\.0\.0\.1)[\w.-]+\.[a-z]{2,}", page), page
        refs = re.findall(r'(?:src|href)="([^"]+)"|url\("([^"]+)"\)', page)
        urls = [a or b for a, b in refs]
        assert any(u.endswith("textual.js") for u in urls)
        assert any(u.endswith(".ttf") for u in urls)
        for url in urls:
            assert url.startswith("/static/"), url
            assert (await s.get(base + url)).status == 200, url
        css = await (await s.get(f"{base}/static/css/xterm.css")).text()
        assert "//" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        script = await (await s.get(f"{base}/static/js/textual.js")).text()
        # The one URL pattern in the script is xterm's link detector, which fetches nothing.
        assert not re.search(r"""["'`](https?:)?//[\w.-]+""", script)


async def test_a_session_shows_the_library_and_no_shell_reads_the_folder_name(server, plans):
    cookies = {f"zoneplan_token_{server.port}": server.token}
    stream = b""
    async with (
        aiohttp.ClientSession(cookies=cookies) as session,
        session.ws_connect(f"{server.base}/ws?width=120&height=30") as ws,
    ):

        async def read() -> None:
            nonlocal stream
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    stream += message.data

        reader = asyncio.create_task(read())
        for _ in range(300):
            if "武清开发区" in screen_text(stream) and "2017年工作计划" in screen_text(stream):
                break
            await asyncio.sleep(0.2)
        reader.cancel()
    text = screen_text(stream)
    assert "中共武清开发区工委2019年工作要点" in text and "2017年工作计划" in text, text[-2000:]
    assert not list(plans.parent.rglob("PWNED*")) and not list(Path.cwd().glob("PWNED*"))


def test_a_host_other_than_loopback_is_warned_about(plans):
    with serving([plans], "--host", "0.0.0.0") as served:
        assert "/?token=" in served.url
        line = served.warnings()
        assert "warning" in line and "other machines" in line


def test_loopback_hosts_are_not_warned_about():
    from zoneplan_tui.serve.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.5.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
    assert not is_loopback("example.org") and not is_loopback("::")


def test_tokens():
    from zoneplan_tui.serve.token import new_token

    a, b = new_token(), new_token()
    assert a != b and len(a) >= 40 and re.fullmatch(r"[\w-]+", a)
    assert token_matches(a, a) and not token_matches(b, a)
    assert not token_matches("", a) and not token_matches(None, a)
    assert not token_matches(a[:-1], a) and not token_matches(a + "x", a)


def test_serve_refuses_what_it_cannot_serve(tmp_path):
    def serve(*args: str) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "zoneplan_tui", "serve", *args]
        return subprocess.run(argv, capture_output=True, text=True, timeout=60)

    empty = tmp_path / "empty"
    empty.mkdir()
    for args in ([str(empty)], [str(tmp_path / "missing")], ["--port", "0"], ["--port", "70000"]):
        done = serve(*args)
        assert done.returncode == 2, args
        assert done.stderr.startswith("zoneplan: "), done.stderr


def test_a_remap_to_keys_the_browser_keeps_is_warned_about(plans, tmp_path):
    settings = tmp_path / "config.toml"
    settings.write_text(
        '[keys]\n"reader.next-section" = "ctrl+tab,f5"\n"reader.prev-section" = "ctrl+w,["\n',
        encoding="utf-8",
    )
    env = dict(os.environ, ZONEPLAN_CONFIG=str(settings))
    with serving([plans], env=env) as served:
        line = served.warnings()
    assert "reader.next-section" in line and "browser keeps" in line
    assert "prev-section" not in line  # `[` still reaches the app


def test_a_loopback_server_warns_about_nothing(plans):
    with serving([plans]) as served:
        assert served.warnings() == ""


async def test_the_page_escapes_the_host_it_quotes(server):
    headers = {"Host": 'x"><script>alert(1)</script>'}
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{server.base}/?token={server.token}", headers=headers) as response,
    ):
        page = await response.text()
        assert response.status == 200
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_the_plans_are_indexed_once_before_the_first_tab(tmp_path):
    """Confined as the sessions are: a link leading out of the folder is not indexed."""
    from zoneplan_tui.library.index import SearchIndex

    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SAMPLES / "haimen-2017-work-plan.txt", folder / "plan.txt")
    (folder / "link.txt").symlink_to(SAMPLES / "wuqing-2019-work-points.txt")
    index = tmp_path / "index.sqlite"
    with serving([folder], "--index", str(index)):
        searched = SearchIndex.open(index)
        try:
            assert searched.sha_of(folder / "plan.txt") is not None
            assert searched.sha_of(folder / "link.txt") is None
            assert searched.sha_of(SAMPLES / "wuqing-2019-work-points.txt") is None
        finally:
            searched.close()
