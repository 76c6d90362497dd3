"""The web page export in a real browser (Debian's chromium, headless, over DevTools: tests/cdp.py):
it loads nothing but itself, its table of contents jumps, each note sits level with its passage
in the margin, the tag filter hides the others, print hides the navigation, and it draws.
Skipped only when no chromium is installed (.ci/run installs it)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.cdp import Page, chromium_page, find_chromium
from zoneplan_tui.cli.command import main

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

FILLER = "坚持稳中求进工作总基调，统筹推进各项工作，确保各项任务落到实处，不断提高工作质量和效率。"


def long_plan() -> str:
    """Three chapters of long paragraphs (several lines each, whatever the font): a page several
    screens high, the last chapter alone taller than the window, figures in every paragraph."""
    out = ["某区2021年工作要点", ""]
    for c, chapter in enumerate(("一、总体要求", "二、重点任务", "三、保障措施")):
        out += [chapter, ""]
        for k in range(10):
            out += [
                f"{FILLER * 6}全年完成投资{10 + k + c}亿元，增长{5 + k}%，新建项目{k + 2}个。",
                "",
            ]
    return "\n".join(out)


def add(plan: Path, quote: str, note: str, *tags: str) -> None:
    argv = ["notes", "add", str(plan), "--quote", quote, "--note", note]
    for t in tags:
        argv += ["--tag", t]
    assert main(argv) == 0


@pytest.fixture
def page(tmp_path, capsys) -> Path:
    plan = tmp_path / "plan.txt"
    plan.write_text(long_plan(), encoding="utf-8")
    # passages deep inside their paragraphs (lines below its top), two on one paragraph,
    # one in each chapter
    add(plan, "全年完成投资12亿元", "投资口径？", "投资")
    add(plan, "增长7%", "偏低", "投资", "指标")
    add(plan, "新建项目5个", "名单", "项目")
    add(plan, "全年完成投资17亿元", "第三章", "指标")
    out = tmp_path / "plan.html"
    assert main(["export", str(plan), "--format", "html", "-o", str(out)]) == 0
    capsys.readouterr()
    return out


@pytest.fixture
async def browser() -> AsyncIterator[Page]:
    assert CHROMIUM is not None
    async with chromium_page(CHROMIUM, width=1400, height=900) as b:
        yield b


async def test_the_page_loads_nothing_but_itself(browser, page):
    browser.requests.clear()  # only what opening the page asks for
    await browser.open(page.as_uri())
    await asyncio.sleep(0.3)
    assert browser.requests == [page.as_uri()]


async def test_a_toc_link_scrolls_to_its_heading(browser, page):
    await browser.open(page.as_uri())
    assert await browser.evaluate("window.scrollY") == 0
    link = await browser.evaluate(
        "(() => { const a = [...document.querySelectorAll('nav.toc a')].pop();"
        " const r = a.getBoundingClientRect();"
        " return {x: r.left + r.width / 2, y: r.top + r.height / 2, href: a.hash}; })()"
    )
    assert link["href"].startswith("#l")
    await browser.click(link["x"], link["y"])
    for _ in range(50):
        if await browser.evaluate("window.scrollY") > 0:
            break
        await asyncio.sleep(0.05)
    assert await browser.evaluate("window.scrollY") > 300
    top = await browser.evaluate(
        f"document.querySelector('{link['href']}').getBoundingClientRect().top"
    )
    assert -2 <= top <= 40  # the heading is at the top of the window
    assert await browser.evaluate("location.hash") == link["href"]


NOTE_GEOMETRY = """
[...document.querySelectorAll('main .note')].map(n => {
  const seg = document.querySelector('.seg[data-n~="' + n.dataset.k + '"]');
  const text = n.closest('.row').querySelector('.text');
  const first = n.parentElement.firstElementChild === n;
  return {k: n.dataset.k, first: first, top: n.getBoundingClientRect().top,
          left: n.getBoundingClientRect().left, passage: seg.getBoundingClientRect().top,
          textRight: text.getBoundingClientRect().right,
          paragraphTop: text.getBoundingClientRect().top};
})
"""


async def test_each_note_sits_in_the_margin_level_with_its_passage(browser, page):
    await browser.open(page.as_uri())
    notes = await browser.evaluate(NOTE_GEOMETRY)
    assert len(notes) == 4
    for n in notes:
        assert n["left"] >= n["textRight"], n  # in the margin, beside the text
        if n["first"]:
            assert abs(n["top"] - n["passage"]) <= 2, n  # level with its passage …
        else:
            assert n["top"] >= n["passage"] - 2, n  # … or just below the note before it
    # the passages lie lines below their paragraph's top: the notes were moved to them
    assert any(n["passage"] - n["paragraphTop"] > 40 for n in notes)


async def test_the_tag_filter_shows_only_the_notes_of_a_tag(browser, page):
    await browser.open(page.as_uri())
    button = await browser.evaluate(
        "(() => { const b = document.querySelector('button[data-tag=\"指标\"]');"
        " const r = b.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];"
        " })()"
    )
    await browser.click(*button)
    shown = await browser.evaluate(
        "[...document.querySelectorAll('.note')].filter(n => !n.hidden)"
        ".map(n => n.querySelector('.body').textContent)"
    )
    assert sorted(shown) == ["偏低", "第三章"]
    assert await browser.evaluate("document.querySelectorAll('.seg.noted.dim').length") >= 2
    # the notes left are still level with their passages
    for n in await browser.evaluate(NOTE_GEOMETRY):
        if n["k"] in ("2", "4") and n["first"]:
            assert abs(n["top"] - n["passage"]) <= 2, n


async def test_print_hides_the_navigation_and_keeps_the_notes(browser, page):
    await browser.open(page.as_uri())
    await browser.send("Emulation.setEmulatedMedia", media="print")
    display = "getComputedStyle(document.querySelector('{}')).display"
    assert await browser.evaluate(display.format("nav.toc")) == "none"
    assert await browser.evaluate(display.format("#tag-filter")) == "none"
    assert await browser.evaluate(display.format(".note")) != "none"


async def test_a_screenshot_is_not_blank(browser, page):
    from PIL import Image, ImageStat

    await browser.open(page.as_uri())
    image = Image.open(io.BytesIO(await browser.screenshot())).convert("RGB")
    assert image.width >= 800 and image.height >= 600
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, figure tints, notes: not one flat colour
    assert max(ImageStat.Stat(image).stddev) > 10
