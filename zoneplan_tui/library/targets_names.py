"""Which indicator names are one indicator, and which phrases are no indicator name at all.

`group_key(name)`: names that plans write differently for one indicator get one key. The key is
the name normalised (`textnorm.normalise`: one script, full-width folded), quotes and spaces
dropped, then:

1. the synonym table below: official renamings and common short forms, replaced wherever they
   occur in the name (一般预算收入 and 一般公共预算收入 are one indicator since the 2014 budget
   law renamed it; 规上 is short for 规模以上);
2. the similarity rule: a name and the same name with a scope word in front are one indicator
   (全市地区生产总值 = 地区生产总值 = 生产总值; 全社会固定资产投资 = 固定资产投资): the scope is
   the plan's own area, which every plan of a comparison has in common.

`not_a_name(phrase)` says why a phrase cannot name an indicator: an enumerator that opens it is
cut off first (`1.`, `（二）`, `一是`), and a comparison with another place (高于全国, 快于全省)
measures a gap, not an indicator.
"""

from __future__ import annotations

import re

from zoneplan_tui.core.textnorm import normalise

# (as written, a regular expression; normalised to): applied in order, anywhere in the key.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("规模以上", "规上"),
    ("一般公共预算", "一般预算"),
    ("公共财政预算", "一般预算"),
    ("(?:实际使用|(?<!实际)利用)外资", "实际利用外资"),
    ("社会消费品零售额|社零总?额", "社会消费品零售总额"),
    ("gdp", "生产总值"),
    ("城镇新增就业", "新增城镇就业"),
    ("外贸进出口", "进出口"),
    ("固定资产投资额", "固定资产投资"),
)
_SYNONYMS = tuple((re.compile(a), b) for a, b in SYNONYMS)
# Scope words: the plan's own area or period, dropped from the front of a key.
_SCOPE = re.compile(
    "^(?:全市|全区|全县|全省|全州|全镇|全乡|全园|全社会|全年|全口径|本地|地方|地区)+"
)
_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」 \u3000")
# 1. 2) （三） 一是 ① (1): a list's enumerator, not part of a name.
_ENUMERATOR = re.compile(
    r"^(?:[0-9]{1,2}[.．、)）]|[（(][0-9一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是要]"
    r"|[①-⑳])\s*"
)
_COMPARISON = re.compile("^(?:高于|低于|快于|慢于|超出|优于|比|较|相当于|领先)")


def indicator_key(name: str) -> str:
    """The name as matched across spellings and scripts (before the synonym table)."""
    return normalise(name).translate(_QUOTES)


def group_key(name: str) -> str:
    key = indicator_key(name).lower()
    for written, norm in _SYNONYMS:
        key = written.sub(norm, key)
    return _SCOPE.sub("", key) or key


def strip_enumerator(phrase: str) -> str:
    return _ENUMERATOR.sub("", phrase, count=1)


def is_comparison(phrase: str) -> bool:
    """高于全国 8.5个百分点: the gap to another place, not a value of an indicator."""
    return _COMPARISON.match(normalise(phrase).strip()) is not None


__all__ = ["SYNONYMS", "group_key", "indicator_key", "is_comparison", "strip_enumerator"]
