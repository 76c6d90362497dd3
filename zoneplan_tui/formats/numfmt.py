"""Word's number formats (w:numFmt) for rendering list labels as Word displays them."""

from __future__ import annotations

_CN_DIGITS = "〇一二三四五六七八九"
_CN_COUNT = "零一二三四五六七八九"  # inside a count a zero is 零: 一百零五
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def chinese(n: int, digits: str = _CN_COUNT, units: str = "十百千") -> str:
    """一 … 十 … 十一 … 二十 … 一百零五 … 九千九百九十九 (Word's chineseCountingThousand)."""
    if n <= 0 or n > 9999:
        return str(n)
    out: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        # 十一, not 一十一: a leading 一 before 十 is dropped, as Word and readers do
        if not (power == 10 and d == 1 and not out and digits is _CN_COUNT):
            out.append(digits[d])
        out.append(unit)
    return "".join(out)


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    for low, high, base in ranges:
        if low <= n <= high:
            return chr(base + n - low)
    return str(n)


def _letters(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out: list[str] = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """`n` in Word number format `fmt`; unknown formats fall back to decimal, as Word does."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):  # fmt: skip
        return chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, ((1, 10, 0x3280),))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) if d.isdigit() else d for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)
