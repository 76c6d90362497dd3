"""Figures in a plan's text: targets, amounts, counts, areas, percentages, dates, placeholders.

What counts as a figure, its span and its normalised value follow `tests/gold/NUMBERS.md`:

    [prefix comparator] numeric core [multiplier 千/万/亿] [unit or measure word] [suffix cmp]

Design (docs/figures-design.md has the whole of it). The text is first folded one character for
one (full-width digits to ASCII, 萬 to 万, …; see `numerals.fold`), so every offset found in the
folded text is an offset in the original. A cheap candidate regex finds where a figure may
start; an anchored master regex (`figures_grammar`) then reads the whole grammar at that point
in C, and a little Python per match (`figures_scan`) validates and normalises it. Characters
that cannot start a figure are skipped by the regex engine, which is what makes a megabyte take
a fraction of a second. Table rows are read apart (`figures_tables`): there a bare number is a
figure, in the unit its row or column header gives.

Most non-figures are kept out by the grammar itself rather than by word lists: a figure needs a
unit (so 十三五, 合六, (一), 一是 never match), a Chinese numeral must be well formed (一三五十 is
not), 第X is consumed as an ordinal (第一章, 第一要务), 届 swallows meeting ordinals (五届九次),
a lone 一 or 二 with a measure word is an article or a prefix (一批, 一支, 二次开发) unless it
counts events in a frequency (每年一次), a placeholder with no unit is a redacted name
(xx工业园区), a duration that names a plan is a name (五年规划), and Chinese numerals inside
short quotes or 《》 are slogans and titles (“七大战役”, “大气十条”). The remaining lexicalised
phrases are in `figures_grammar.LEXICON`.

Chinese numerals take a decimal read digit by digit after 点 (三点五亿元, 百分之七点五,
零点五个百分点), and in a Chinese range the high bound's own 万/亿 is shared with the low bound
(一至二万亩 is [1e4, 2e4]) as 1000至3000万元 shares its 万. The redaction mark ××× (and a lone
× away from digits, ×月 ×家) is read like xxx; see `numerals.fold`. A currency named at the
number (新臺幣3億元, 港元) sets the unit; a bare 元 is the currency of the document's region
(`figures_region`: 元 in a Hong Kong budget is HKD). A three-digit 年度 (113年度) is a ROC year
in any script, and in a Taiwanese text so is a bare 103年 and a 90年 with a time word (自90年以後).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zoneplan_tui.core.figures_format import (
    CMP_SIGN,
    QUIET_UNITS,
    percent_of,
    plain_number,
    value_text,
)
from zoneplan_tui.core.figures_model import KINDS, Figure, Value
from zoneplan_tui.core.figures_scan import scan

_TARGET_CUES = ("增长", "力争", "确保", "达到", "新增", "完成", "引进", "突破", "实现")
# One regex call each (any cue in the clause; the clause's last end): a plan asks is_target of
# every figure, and a generator over the cues and a list of every end cost three times as much.
_CUE_RE = re.compile("|".join(_TARGET_CUES))
_LAST_CLAUSE_END = re.compile(r"[。；;！？!?\n][^。；;！？!?\n]*\Z")


def extract_figures(text: str, tables: Iterable[tuple[int, int]] = ()) -> list[Figure]:
    """All figures in `text`, sorted and non-overlapping. `tables`: the 1-based (first, last)
    line ranges a converter flattened from tables (`Document.tables`); tab-separated rows are
    found without them.

    A match the grammar turns down is skipped and scanning goes on. Any other error is a bug in
    a rule and propagates: caught, it would read as "no figures here"."""
    return scan(text, tables)


# --- for the reader ---------------------------------------------------------------------------
def is_target(fig: Figure, text: str) -> bool:
    """A target: a comparator, or a cue verb (增长, 力争, 确保…) shortly before, same clause."""
    if fig.cmp is not None:
        return True
    window = text[max(0, fig.start - 24) : fig.start]
    if (end := _LAST_CLAUSE_END.search(window)) is not None:
        window = window[end.start() + 1 :]
    return _CUE_RE.search(window) is not None


def describe(fig: Figure) -> str:
    """One line for the status bar: `100亿元以上 → ≥ 10,000,000,000 CNY`, `8% → 0.08 (8%)`."""
    head = f"{fig.text} → "
    v = fig.value
    if fig.kind == "placeholder" or v is None:
        return head + "to be filled"
    sign = CMP_SIGN.get(fig.cmp or "", "")
    unit = f" {fig.unit}" if fig.unit and fig.unit not in QUIET_UNITS else ""
    if isinstance(v, str) or fig.kind == "date":
        return head + sign + str(v)
    if isinstance(v, list):
        lo, hi = (value_text(b, fig.unit) for b in v)
        if fig.unit == "%":
            pct = "–".join(plain_number(percent_of(b)) for b in v)
            return head + f"{sign}{lo}–{hi} ({pct}%)"
        return head + f"{sign}{lo}–{hi}{unit}"
    if fig.unit == "%":
        return head + f"{sign}{plain_number(v)} ({plain_number(percent_of(v))}%)"
    return head + f"{sign}{plain_number(v)}{unit}"


__all__ = ["KINDS", "Figure", "Value", "describe", "extract_figures", "is_target", "value_text"]
