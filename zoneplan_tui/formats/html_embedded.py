"""Articles a web page carries inside a script instead of its visible body.

Some government platforms (Guangdong's 政府信息公开 pages among them) send an empty page
and the article as a string in a script, which the browser renders:
`window._CONFIG = {… DETAIL: {title: "…", content: "<p>…</p>"}}`, `var content = "…"`,
JSON with `"content"`, `"body"` or `"htmlContent"` keys. When the visible body has next to no
text, `embedded_article` finds the string literal in the page's scripts that holds the most
Chinese text — a JavaScript or JSON string, escapes decoded — and the title beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A string literal in double or single quotes (escapes inside), long enough to hold an article.
_STRING_RE = re.compile(
    r""""((?:[^"\\\n]|\\.){80,})"|'((?:[^'\\\n]|\\.){80,})'|`((?:[^`\\]|\\.){80,})`""", re.S
)
# A short string after a title-like key: `title: "…"`, `"docTitle":"…"`, `TITLE = '…'`.
_TITLE_RE = re.compile(
    r"""["']?(?:title|TITLE|Title|docTitle|doctitle|articleTitle|subject)["']?\s*[:=]\s*"""
    r"""(?:"((?:[^"\\\n]|\\.){2,200})"|'((?:[^'\\\n]|\\.){2,200})')"""
)
_ESCAPE_RE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "", "f": "", "v": "", "0": ""}
_NOT_CJK_RE = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")
_TAG_RE = re.compile(r"<[^>]{0,500}>")
_MIN_CHINESE = 100  # an article has at least this much Chinese text
_SCRIPT_CHARS = 8_000_000  # scripts read at most, all together


@dataclass(frozen=True, slots=True)
class Embedded:
    html: str  # the article, as HTML (plain text is HTML too)
    title: str | None


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] == "u":
            digits = esc[2:-1] if esc[1:2] == "{" else esc[1:]
            code = int(digits, 16)
            return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""
        if esc[0] == "x":
            return chr(int(esc[1:], 16))
        return _SIMPLE.get(esc, esc)

    text = _ESCAPE_RE.sub(one, text)
    # a surrogate pair written as two \\u escapes was dropped above; nothing else is lost
    return text


def _chinese(text: str) -> int:
    return len(_NOT_CJK_RE.sub("", _TAG_RE.sub("", text)))


def embedded_article(scripts: list[str]) -> Embedded | None:
    """The article held in one of `scripts`, or None when none holds one."""
    best: tuple[int, str, str] | None = None  # (Chinese characters, text, the script)
    budget = _SCRIPT_CHARS
    for script in scripts:
        if budget <= 0:
            break
        script = script[:budget]
        budget -= len(script)
        for m in _STRING_RE.finditer(script):
            raw = next(g for g in m.groups() if g is not None)
            if len(_NOT_CJK_RE.sub("", raw)) < _MIN_CHINESE // 4 and "\\u" not in raw:
                continue  # cheap check before decoding: little Chinese, no escapes
            text = _unescape(raw)
            n = _chinese(text)
            if n >= _MIN_CHINESE and (best is None or n > best[0]):
                best = (n, text, script)
    if best is None:
        return None
    _, text, script = best
    return Embedded(text, _title_in(script, text))


def _title_in(script: str, article: str) -> str | None:
    """The title given beside the article in its script, if any (whether the article repeats
    it is the caller's question)."""
    for m in _TITLE_RE.finditer(script):
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        title = " ".join(_TAG_RE.sub("", _unescape(raw)).split())
        if _chinese(title) >= 4 and title != article:
            return title
    return None
