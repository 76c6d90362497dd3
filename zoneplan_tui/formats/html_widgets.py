"""The share, print and close widgets of a saved web page: never part of the plan.

Government pages put them beside the article and inside it: `分享到：微信 微博`,
`扫一扫在手机打开当前页`, `【打印本页】【关闭窗口】`, `【字体：大 中 小】`, `返回顶部`.
A line made of nothing else is dropped; a bracketed group of them at the end of a metadata line
(`发布时间：2023-05-11 【字体：大 中 小】【打印】`) is cut off. Words such as 打印 or 关闭 inside
a sentence stay: only a line, or a bracketed group, made of widget words alone goes.
"""

from __future__ import annotations

import re

_WORDS = (
    r"分享到|分享|扫一扫在手机(?:上)?打开(?:当前页|本页|此页)?|扫一扫|用手机扫描二维码|"
    r"打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭此页|关闭|返回顶部|返回首页|返回|"
    r"收藏本页|收藏|加入收藏|复制链接|字号|字体|默认|大|中|小|"
    r"微信|微博|朋友圈|QQ空间|QQ好友|QQ|新浪微博|腾讯微博|人人网|豆瓣"
)
_SEPARATORS = r"[\s:：|｜/·•,，、\-]*"
_ONLY_RE = re.compile(
    rf"^(?:{_SEPARATORS}[【\[(（]?{_SEPARATORS}(?:{_WORDS}){_SEPARATORS}[】\])）]?)+$"
)
_BRACKETED_RE = re.compile(rf"(?:\s*[【\[](?:{_SEPARATORS}(?:{_WORDS}))+{_SEPARATORS}[】\]])+\s*$")
# A line of widgets must hold one of these: 大 中 小 alone are words too (the font sizes).
_STRONG_RE = re.compile(
    r"分享|扫一扫|打印|关闭|返回|收藏|字体|字号|复制链接|微信|微博|大\s*中\s*小"
)


def strip_widgets(line: str) -> str:
    """`line` without the widgets in it: "" when it holds nothing else."""
    if len(line) <= 60 and _STRONG_RE.search(line) and _ONLY_RE.match(line):
        return ""
    m = _BRACKETED_RE.search(line)
    if m is not None and _STRONG_RE.search(m.group()):
        return line[: m.start()].rstrip()
    return line
