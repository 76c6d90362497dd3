"""lazy_re: a pattern compiled on first use behaves as the compiled pattern, from the first call
on, and the outline rules do not compile what a plan does not use."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from zoneplan_tui.core.lazy_re import lazy_re

CASES = [
    (r"(?P<n>\d+)个", 0, "建成12个园区,新增3个"),
    (r"^[一二三四五六七八九十]+、", re.M, "一、总体要求\n二、重点任务"),
    (r"[\u4e00-\u9fff]{2,4}(?:局|委)", 0, "由市发改委、区商务局负责"),
    (r"a.b", re.S, "a\nb aXb"),
]


@pytest.mark.parametrize(("pattern", "flags", "text"), CASES)
def test_every_method_answers_as_the_compiled_pattern(pattern: str, flags: int, text: str) -> None:
    compiled = re.compile(pattern, flags)
    for first in ("search", "match", "fullmatch", "findall", "finditer", "sub", "split", "groups"):
        lazy = lazy_re(pattern, flags)  # a fresh one: each method may be the first used
        assert lazy.pattern == pattern
        got = getattr(lazy, first)
        want = getattr(compiled, first)
        if first == "groups":
            assert got == want
            continue
        args: tuple = ("-", text) if first == "sub" else (text,)
        a, b = got(*args), want(*args)
        if first == "finditer":
            a, b = [m.span() for m in a], [m.span() for m in b]
        elif first in ("search", "match", "fullmatch"):
            a, b = a and a.span(), b and b.span()
        assert a == b
    lazy = lazy_re(pattern, flags)
    lazy.search(text)
    assert lazy.flags == compiled.flags and lazy.groupindex == compiled.groupindex


def test_the_pattern_text_is_there_without_compiling() -> None:
    lazy = lazy_re(r"[\u4e00-\u9fff]+")
    assert f"(?:{lazy.pattern})+" == r"(?:[\u4e00-\u9fff]+)+"
    assert "match" not in vars(lazy)  # nothing compiled yet
    with pytest.raises(AttributeError):
        lazy.__deepcopy__  # noqa: B018  (dunder lookups are not a pattern's)


def test_a_bad_pattern_fails_where_it_is_used() -> None:
    lazy = lazy_re("(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")


def test_importing_the_outline_compiles_none_of_its_rules() -> None:
    code = (
        "import re\n"
        "compiled = []\n"
        "real = re.compile\n"
        "re.compile = lambda p, f=0: compiled.append(p) or real(p, f)\n"
        "import zoneplan_tui.core.outline as o\n"
        "mods = ('outline_rules', 'outline_chrome', 'outline_toc', 'outline_headings',\n"
        "        'outline_ranks')\n"
        "from zoneplan_tui.core import outline_rules, outline_chrome, outline_toc,"
        " outline_headings, outline_ranks\n"
        "ours = {v.pattern for m in (outline_rules, outline_chrome, outline_toc,"
        " outline_headings, outline_ranks) for v in vars(m).values()"
        " if type(v).__name__ == '_LazyPattern'}\n"
        "print(len(ours), len(ours & set(compiled)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lazy, compiled_at_import = map(int, done.stdout.split())
    assert lazy >= 50  # the rules are lazy ones
    assert compiled_at_import == 0
