"""Saved web page (.html/.htm) → plan text: the article body, one block per line.

(Besides the text, the lines of `h1`–`h6` elements are reported with their level as their
typographic rank. Share, print and close widgets are dropped (html_widgets.py); a label and
its value in one small box (`<dd><label>索引号：</label><div>…</div></dd>`) read as one line;
an article the page carries in a script (html_embedded.py) is read when the visible body has
next to no text; and the article's title line, which sits above the body, is kept whether or
not the page also lists related articles — see `_with_title`.)

Government sites wrap a plan in menus, breadcrumbs, related-link lists and footers. The page is
parsed into a small tree (stdlib html.parser, which accepts the broken markup such sites serve);
scripts, styles, forms' controls, <nav>, <aside> and page-level <header>/<footer> are dropped.
The article is then the deepest element holding most (85 %) of the page's Chinese text outside
links, so link-heavy chrome never counts; from there we climb to parents that add only a little
non-link text (≤ 15 %: the title and the 发布时间/来源 line beside the body), and stop at the
first one that adds menus. Inside it, link lists (more Chinese text in links than outside) are
left out. Block elements, <br> and table rows end lines; the cells of a row are joined by " | "
and reported as a table range. Encoding: a BOM, else the meta charset (GB2312 and GBK are read as
their superset GB18030), else the same detection as for .txt plans.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from html.parser import HTMLParser

from zoneplan_tui.core.decode import decode_bytes, text_encoding
from zoneplan_tui.core.errors import DocumentError
from zoneplan_tui.formats import Converted, limits, lines_to_converted
from zoneplan_tui.formats.html_embedded import embedded_article
from zoneplan_tui.formats.html_widgets import strip_widgets

CELL_SEPARATOR = " | "
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "canvas",
        "object",
        "nav",
        "aside",
        "select",
        "button",
        "textarea",
        "input",
        "option",
        "head",
    }
)
_PAGE_CHROME = frozenset(("header", "footer"))  # dropped unless inside an <article>/<main>
_VOID = frozenset(
    {
        "br",
        "img",
        "hr",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "center",
        "hr",
        "address",
        "figure",
        "figcaption",
        "caption",
        "form",
        "fieldset",
        "legend",
        "title",
        "header",
        "footer",
        "br",
    }
)
# What is left of a text once this is removed are its Chinese characters: counting them so
# is twice as fast as listing them with findall.
_NOT_CJK_RE = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")
_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
_WIDE = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# A source line break between two Chinese characters is markup layout, not a space.
_CJK_BREAK_RE = re.compile(rf"(?<=[{_WIDE}])[ \t\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_NONE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_GB = frozenset(("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "csgb2312", "gb18030"))
_LIST_BLOCKS = frozenset({"ul", "ol", "div", "table", "dl", "tr"})
_LAYOUT_INSIDE = frozenset({"table", "p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5"})
_CELL_MAX = 300  # Chinese characters in a row beyond which it is page layout, not data
_P_ONLY = frozenset({"p"})
# start tag -> open elements it closes (within the nearest scope element)
_IMPLIED_BY = {
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "option": frozenset({"option"}),
}
_SCOPES = frozenset({"table", "ul", "ol", "dl", "div", "td", "th", "body", "html", "article"})
_CLIMB = 0.15
_MOST = 0.85
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LABEL_END = ("：", ":")
_LABEL_MAX = 12  # characters of a label (`索 引 号：`)
_PAIR_MAX = 80  # characters of a label and its value together
_SCRIPT_BUDGET = 8_000_000  # characters of script kept for an article carried in a script
_THIN = 100  # a visible body with fewer Chinese characters than this may be a script's
_TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜]|--|——| - | — )\s*")


class _El:
    __slots__ = ("children", "link", "parent", "tag", "text_cjk")

    def __init__(self, tag: str, parent: _El | None) -> None:
        self.tag = tag
        self.parent = parent
        self.children: list[_El | str] = []
        self.text_cjk = 0  # Chinese characters outside links, this element and below
        self.link = 0  # Chinese characters inside links, this element and below


def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """Hidden on the page (share widgets, templates): not part of what the reader sees."""
    for name, value in attrs:
        if name == "hidden" or (name == "style" and value and _NONE_RE.search(value)):
            return True
    return False


class _OpenElements:
    """The stack of open elements, indexed by tag and by scope, so that every question the
    tree builder asks of it (is an <article> open, which element does this end tag close,
    which do the optional end tags close) costs the elements it closes, not the depth."""

    def __init__(self, root: _El) -> None:
        self.stack = [root]
        self.at: dict[str, list[int]] = {}  # tag -> stack indices of its open elements
        self.scopes: list[int] = []  # stack indices of the open scope elements (_SCOPES)

    @property
    def top(self) -> _El:
        return self.stack[-1]

    def push(self, el: _El) -> None:
        i = len(self.stack)
        self.at.setdefault(el.tag, []).append(i)
        if el.tag in _SCOPES:
            self.scopes.append(i)
        self.stack.append(el)

    def is_open(self, tag: str) -> bool:
        return bool(self.at.get(tag))

    def close_from(self, i: int) -> None:
        """Close the element at index `i` and every element inside it."""
        stack, at, scopes = self.stack, self.at, self.scopes
        while len(stack) > i:
            at[stack.pop().tag].pop()
        while scopes and scopes[-1] >= i:
            scopes.pop()

    def last(self, tag: str) -> int:
        """Index of the innermost open `tag`, 0 (the root) when none is open."""
        found = self.at.get(tag)
        return found[-1] if found else 0

    def scope_floor(self, closes: frozenset[str]) -> int:
        """Index of the innermost open scope element whose tag is not in `closes` (0: none).
        Only <td>/<th> are scopes a tag also closes, and they never nest directly."""
        for i in reversed(self.scopes):
            if self.stack[i].tag not in closes:
                return i
        return 0

    def first_above(self, tag: str, floor: int) -> int | None:
        """Index of the outermost open `tag` inside the element at `floor`."""
        found = self.at.get(tag)
        if not found or found[-1] <= floor:
            return None
        return found[bisect_right(found, floor)]


class _TreeBuilder(HTMLParser):
    def __init__(self, deadline: limits.Deadline) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _El("#root", None)
        self.open = _OpenElements(self.root)
        self.skipping = 0  # depth inside a dropped element
        self.skip_tag = ""  # the dropped element's tag
        self.deadline = deadline
        self.events = 0
        self.current = ""  # the last start tag: html.parser hands a script's text right after
        self.page_title: list[str] = []
        self.scripts: list[str] = []
        self.script_chars = 0

    def _check_time(self) -> None:
        # Called every 256 start tags and texts, inline in their handlers (a method call per
        # event costs 2 % of a page). End tags and empty tags cost O(1) each and are capped
        # with the tags; a slow path of html.parser shows in the texts it hands over.
        self.deadline.check(lambda: f"stopped after {self.events:,} tags and texts")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events += 1
        if not self.events & 255:
            self._check_time()
        self.current = tag
        if tag == "body" and self.skipping and self.skip_tag == "head":
            self.skipping = 0  # a page that never closes its <head>
        if self.skipping:
            if tag not in _VOID:
                self.skipping += 1
            return
        chrome = tag in _PAGE_CHROME and not (
            self.open.is_open("article") or self.open.is_open("main")
        )
        if tag in _SKIP or chrome or _hidden(attrs):
            if tag not in _VOID:
                self.skipping, self.skip_tag = 1, tag
            return
        self._close_implied(tag)
        el = _El(tag, self.open.top)
        self.open.top.children.append(el)
        # Past the depth cap elements are flattened into their ancestor: the tree walks recurse.
        if tag not in _VOID and len(self.open.stack) < limits.MAX_HTML_DEPTH:
            self.open.push(el)

    def _close_implied(self, tag: str) -> None:
        """HTML's optional end tags: old pages write `<p>…<p>…` and `<li>…<li>…` unclosed, which
        would otherwise nest one inside the other, thousands deep. The tag closes the outermost
        open element it implies the end of, inside the innermost scope element (a table, list,
        div …) that it does not close itself: `<tr>` after `<td>` closes the cell and the row."""
        closes = _IMPLIED_BY.get(tag)
        if closes is None and tag in _BLOCK:
            closes = _P_ONLY
        if not closes or not any(self.open.is_open(tag) for tag in closes):
            return
        floor = self.open.scope_floor(closes)
        found = [i for c in closes if (i := self.open.first_above(c, floor)) is not None]
        if found:
            self.open.close_from(min(found))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in _SKIP:
            self.open.top.children.append(_El(tag, self.open.top))

    def handle_endtag(self, tag: str) -> None:
        self.current = ""
        if self.skipping:
            if tag not in _VOID:
                self.skipping -= 1
            return
        # Close up to the matching open tag; a stray end tag closes nothing.
        i = self.open.last(tag)
        if i:
            self.open.close_from(i)

    def handle_data(self, data: str) -> None:
        self.events += 1
        if not self.events & 255:
            self._check_time()
        if not self.skipping:
            self.open.top.children.append(data)
        elif self.current == "title":
            self.page_title.append(data)
        elif self.current == "script" and self.script_chars < _SCRIPT_BUDGET:
            self.scripts.append(data[: _SCRIPT_BUDGET - self.script_chars])
            self.script_chars += len(self.scripts[-1])


def _count(el: _El, in_link: bool = False) -> None:
    link = in_link or el.tag == "a"
    for child in el.children:
        if isinstance(child, str):
            n = len(_NOT_CJK_RE.sub("", child))
            if link:
                el.link += n
            else:
                el.text_cjk += n
        else:
            _count(child, link)
            el.text_cjk += child.text_cjk
            el.link += child.link


def _article(root: _El) -> _El:
    total = root.text_cjk
    best = root
    while True:  # descend while one child still holds most of the text
        nxt = next(
            (c for c in best.children if isinstance(c, _El) and c.text_cjk >= _MOST * total), None
        )
        if nxt is None:
            break
        best = nxt
    while best.parent is not None:  # climb to take the title and metadata beside the body
        parent = best.parent
        extra_text = parent.text_cjk - best.text_cjk
        extra_link = parent.link - best.link
        if extra_text > _CLIMB * best.text_cjk or extra_link > max(extra_text, 20):
            break
        best = parent
    return best


def _layout_row(tr: _El) -> bool:
    """A row of a layout table (old sites put the whole page in nested tables): its cells hold
    blocks or long text, so they are rendered as blocks, not joined into one line."""
    if tr.text_cjk + tr.link > _CELL_MAX:
        return True
    stack = [c for c in tr.children if isinstance(c, _El)]
    while stack:
        el = stack.pop()
        if el.tag in _LAYOUT_INSIDE:
            return True
        stack.extend(c for c in el.children if isinstance(c, _El))
    return False


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: list[tuple[int, int]] = []
        self.ranks: dict[int, int] = {}  # 1-based line -> the level of its h1–h6
        self.heading = 0  # the level of the heading element being walked, 0 outside one
        self.buf: list[str] = []

    def flush(self) -> None:
        line = _SPACE_RE.sub(" ", _CJK_BREAK_RE.sub("", "".join(self.buf))).strip()
        self.buf = []
        line = strip_widgets(line)
        if line:
            self.lines.append(line)
            if self.heading:
                self.ranks[len(self.lines)] = self.heading

    def inline_text(self, el: _El) -> str:
        sub = _Renderer()
        sub.walk(el)
        sub.flush()
        return " ".join(sub.lines)

    def walk(self, el: _El) -> None:
        for child in el.children:
            if isinstance(child, str):
                self.buf.append(child)
                continue
            if child.link > child.text_cjk and child.tag in _LIST_BLOCKS:
                continue  # a related-links or menu list inside the article
            if child.tag == "tr" and not _layout_row(child):
                self.row(child)
            elif child.tag == "pre":
                self.flush()
                self.lines.extend(line.rstrip() for line in self.inline_pre(child).split("\n"))
            elif child.tag in _HEADINGS:
                self.flush()
                outer, self.heading = self.heading, _HEADINGS[child.tag]
                self.walk(child)
                self.flush()
                self.heading = outer
            elif child.tag in _BLOCK or child.tag in ("td", "th"):
                self.flush()
                pair = _label_and_value(child)
                if pair is not None:
                    self.buf.append(pair)
                else:
                    self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def inline_pre(self, el: _El) -> str:
        return "".join(c if isinstance(c, str) else self.inline_pre(c) for c in el.children)

    def row(self, tr: _El) -> None:
        self.flush()
        cells = [
            self.inline_text(c) for c in tr.children if isinstance(c, _El) and c.tag in ("td", "th")
        ]
        line = CELL_SEPARATOR.join(cells).strip(" |")
        if not line.strip():
            return
        self.lines.append(line)
        n = len(self.lines)
        if self.tables and self.tables[-1][1] == n - 1:
            self.tables[-1] = (self.tables[-1][0], n)
        else:
            self.tables.append((n, n))


def _label_and_value(el: _El) -> str | None:
    """A small box holding a label and its value as two blocks (`<dd><label>索 引 号：</label>
    <div>014742224A/2023-0043406</div></dd>`): one line, as the page shows it."""
    parts = [c for c in el.children if isinstance(c, _El) or c.strip()]
    if len(parts) < 2 or len(parts) > 3 or el.text_cjk + el.link > _PAIR_MAX:
        return None
    first = parts[0]
    if not isinstance(first, _El) or any(isinstance(c, _El) and c.tag == "tr" for c in parts):
        return None
    texts = [_Renderer().inline_text(p) if isinstance(p, _El) else p.strip() for p in parts]
    label = texts[0]
    if not label.endswith(_LABEL_END) or len(label) > _LABEL_MAX:
        return None
    return " ".join(t for t in texts if t)


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a web page: BOM, then meta charset, then detection."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    m = _META_CHARSET_RE.search(data[:8192])
    declared = None
    if m is not None:
        name = m.group(1).decode("ascii").lower()
        declared = "gb18030" if name in _GB else text_encoding(name)
    # A Latin-1 label on a Chinese page is a common server default: detect first in that case.
    if declared and declared not in ("latin-1", "iso8859-1", "cp1252", "ascii"):
        try:
            return data.decode(declared), declared
        except UnicodeError:
            pass  # pages lie about their charset; fall through to detection
    try:
        return decode_bytes(data)
    except DocumentError:
        if declared:
            return data.decode(declared, errors="replace"), declared
        raise


_TAG_RE = re.compile(r"<[A-Za-z/!?]")


def _check_tags(data: bytes, text: str) -> None:
    """Refuse a page of more than limits.MAX_HTML_TAGS tags before parsing it. Counting "<" in the
    bytes costs nothing and is enough for real pages; only above the limit are tags counted
    properly (a "<" followed by a letter, "/", "!" or "?")."""
    cap = limits.MAX_HTML_TAGS
    if data.count(b"<") <= cap:
        return
    tags = _TAG_RE.subn("", text)[1]
    if tags > cap:
        raise DocumentError(f"a web page of {tags:,} tags, over the limit of {cap:,}")


def _inert_tail(text: str) -> str:
    """No markup can end after the page's last ">", and html.parser treats what follows as
    text anyway, but it gets there by rescanning from every "<" to the end of the page
    (200 KB of `<x<x…` takes minutes). Escaping those "<" gives it the same text at once."""
    tail = text.rfind(">") + 1
    if text.find("<", tail) == -1:
        return text
    return text[:tail] + text[tail:].replace("<", "&lt;")


def convert(data: bytes) -> Converted:
    deadline = limits.Deadline(limits.HTML_SECONDS, "a web page")
    text, encoding = decode_html(data)
    _check_tags(data, text)
    builder = _parse(text, deadline)
    root = builder.root
    article = _article(root) if root.text_cjk else root
    renderer = _Renderer()
    if root.text_cjk < _THIN:
        # next to nothing visible: the article may come in a script (html_embedded.py)
        embedded = embedded_article(builder.scripts)
        if embedded is not None:
            inner = _parse(embedded.html, deadline).root
            if embedded.title:
                renderer.buf.append(embedded.title)
                renderer.flush()
            article = inner
    renderer.walk(article)
    renderer.flush()
    _with_title(renderer, root, article, "".join(builder.page_title))
    if not renderer.lines:
        raise DocumentError("a web page with no text in it")
    limits.check_text(sum(len(line) for line in renderer.lines))
    return lines_to_converted(renderer.lines, f"html:{encoding}", renderer.tables, renderer.ranks)


def _parse(text: str, deadline: limits.Deadline) -> _TreeBuilder:
    builder = _TreeBuilder(deadline)
    builder.feed(_inert_tail(text.replace("\r\n", "\n").replace("\r", "\n")))
    builder.close()
    _count(builder.root)
    return builder


def _with_title(renderer: _Renderer, root: _El, article: _El, page_title: str) -> None:
    """Put the article's title line first when the article left it out. The article element
    is found from where the text is, and its title sits above it: whether the climb from the
    body reaches the title depends on what else is beside it (a list of related articles
    stops it), so two pages of one site could differ. The title is the page's <title> up to
    the site name (`X_某某市人民政府`), when an element of the page shows exactly that."""
    candidates = [
        part for part in _TITLE_SPLIT_RE.split(" ".join(page_title.split())) if _cjk(part) >= 4
    ]
    if not candidates:
        return
    wanted = {_compact(part) for part in candidates}
    if any(_compact(line) in wanted for line in renderer.lines[:_TITLE_LOOKAHEAD]):
        return
    shown = _find_text(root, wanted, skip=article)
    if shown is None:
        return
    renderer.lines.insert(0, shown)
    renderer.tables = [(a + 1, b + 1) for a, b in renderer.tables]
    renderer.ranks = {n + 1: rank for n, rank in renderer.ranks.items()}


_TITLE_LOOKAHEAD = 20


def _compact(text: str) -> str:
    return "".join(text.split())


def _cjk(text: str) -> int:
    return len(_NOT_CJK_RE.sub("", text))


def _find_text(root: _El, wanted: set[str], skip: _El) -> str | None:
    """The text of the first element (outside `skip`) that reads exactly as one of `wanted`."""
    stack = [root]
    while stack:
        el = stack.pop()
        if el is skip or el.link > el.text_cjk:
            continue
        if el.tag in _BLOCK or el.tag in ("td", "th", "span", "font", "strong", "b"):
            text = " ".join(_Renderer().inline_text(el).split())
            if _compact(text) in wanted:
                return text
            if el.text_cjk > 4 * max(len(w) for w in wanted):
                pass  # large: look inside
            elif _cjk(text) < 4:
                continue
        stack.extend(reversed([c for c in el.children if isinstance(c, _El)]))
    return None
