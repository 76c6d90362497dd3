"""Chinese numerals and the one-for-one character folding the figure grammar reads.

Kept apart from `figures.py` so that the grammar there reads as grammar. Pure and import-light.
"""

from __future__ import annotations

import re
import unicodedata

from zoneplan_tui.core.charmap import CharMap

DIGITS: dict[str, int] = {
    "〇": 0, "零": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "贰": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_WAN = 10_000
_YI = 100_000_000

# Every character of a Chinese numeral, after folding (traditional 萬億兩 fold to 万亿两).
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "万亿"
# A numeral starts only with a digit or 十: a bare 百/千/万 starts words (千方百计, 万里行, 百名…).
NUMERAL_STARTS = "一二三四五六七八九十两壹贰叁肆伍陆柒捌玖拾"


def parse_chinese(s: str) -> int | None:
    """Value of a Chinese numeral (`两千五百万` → 25000000), or None when `s` is not well formed.

    Strict on purpose: runs such as 一三五十 or 十三五 are slogans and plan names, not numbers, and
    rejecting them here is what keeps them out of the figure list. The colloquial abbreviation
    `一万五` (15000), `三千五` (3500) is accepted. A run of bare digits (`二〇一九`) is not a
    quantity; `digit_string` reads those for years.
    """
    total = 0  # the part already multiplied by 亿
    wan = 0  # the part already multiplied by 万
    section = 0  # the part below 万
    num: int | None = None  # a digit still waiting for its unit
    last_small = _WAN  # 千 > 百 > 十 within a section
    prev_unit = 0
    zero = False
    seen_wan = False
    for ch in s:
        d = DIGITS.get(ch)
        if d is not None:
            if d == 0:  # 零 only between a unit and a digit: 一百零五, 一万零五百
                if num is not None or zero or not prev_unit:
                    return None
                zero = True
            elif num is not None:
                return None
            else:
                num = d
            continue
        small = SMALL_UNITS.get(ch)
        if small is not None:
            if small >= last_small:
                return None
            if num is None:
                if small != 10 or section:  # 十五 = 一十五, but 百/千 need their digit
                    return None
                num = 1
            section += num * small
        elif ch == "万":
            part = section + (num or 0)
            if not part or seen_wan:
                return None
            wan, seen_wan, small = part * _WAN, True, _WAN
        elif ch == "亿":
            value = wan + section + (num or 0)
            if not value or total:
                return None
            total, wan, seen_wan, small = value * _YI, 0, False, _YI
        else:
            return None
        if small >= _WAN:
            section = 0
            last_small = _WAN
        else:
            last_small = small
        num, prev_unit, zero = None, small, False
    if zero and num is None:
        return None
    if num is not None and not zero and prev_unit >= 100:
        return total + wan + section + num * (prev_unit // 10)  # 一万五, 三千五
    if not prev_unit and num is None:
        return None
    return total + wan + section + (num or 0)


def digit_string(s: str) -> int | None:
    """`二〇一九` → 2019: a numeral written digit by digit, as years are."""
    if not s:
        return None
    out = 0
    for ch in s:
        d = DIGITS.get(ch)
        if d is None or ch == "两":
            return None
        out = out * 10 + d
    return out


# Traditional forms of the characters the grammar reads (numerals, units, comparators, the words
# around them); 民國103年 and 3億元 then match the same patterns as 民国103年 and 3亿元.
_TRADITIONAL = (
    "萬億兩貳參陸個項場條處臺張種類輛層筆塊戶棟輪歲頃畝噸級點歐幣"
    "鎊時鐘國於過內餘約週強屆號圓盞間報標簽節預製違鄰臨親貼別體學"
    "會議黨門線規權續單計辦帶開發區劃動堅綱縣鄉鎮圖頁後從額齡為歷馬"
)
_SIMPLIFIED = (
    "万亿两贰叁陆个项场条处台张种类辆层笔块户栋轮岁顷亩吨级点欧币"
    "镑时钟国于过内余约周强届号圆盏间报标签节预制违邻临亲贴别体学"
    "会议党门线规权续单计办带开发区划动坚纲县乡镇图页后从额龄为历马"
)


def _fold_table() -> dict[int, int]:
    """A one-for-one character map, so that offsets in the folded text equal those in the text.

    Full-width digits, signs and the placeholder letter become ASCII; the traditional forms of the
    characters the grammar uses become simplified; CJK compatibility ideographs and Kangxi
    radicals (PDF extraction leaves U+F9D1 for 六) become their unified form.
    """
    pairs = dict(zip("％．：－～〜ｘＸX○Ｏ／＜＞", "%.:-~~xxx〇〇/<>", strict=True))
    pairs.update(zip(_TRADITIONAL, _SIMPLIFIED, strict=True))
    table = {ord(a): ord(b) for a, b in pairs.items() if a != b}
    for c in range(0xFF10, 0xFF1A):
        table[c] = c - 0xFF10 + ord("0")
    # Kangxi radicals (U+2F00 for 一, U+2F17 for 十) come out of PDF extraction the same way.
    for c in (*range(0x2F00, 0x2FE0), *range(0xF900, 0xFB00)):
        folded = unicodedata.normalize("NFKC", chr(c))
        if len(folded) == 1 and folded != chr(c):
            table[c] = ord(pairs.get(folded, folded))
    return table


FOLD = _fold_table()
_FOLD_MAP = CharMap(FOLD)  # the figure scan folds a whole plan: see core/charmap.py


_REDACTION_RE = re.compile("×{2,}|(?<![0-9])×(?![0-9])")


def fold(text: str) -> str:
    """The text the grammar reads: same length, same offsets, one spelling per character."""
    folded = _FOLD_MAP(text)
    if "×" in folded:
        # ×××, ×家 are the redaction marks of printed documents, like xxx; 2×35万千瓦 multiplies
        folded = _REDACTION_RE.sub(lambda m: "x" * len(m.group()), folded)
    return folded
