"""Rules of the outline parser: character folding, section markers, line kinds, titles and
the conventional rank of marker styles.

The lexical rules look at one line at a time; the passes (`outline.py` lists them) decide from
the line kinds and the document's shape. All matching runs on *folded* text (see `fold`), which
has exactly the length of the original, so an offset found in the folded line slices the
original line unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from zoneplan_tui.core.charmap import CharMap
from zoneplan_tui.core.lazy_re import lazy_re
from zoneplan_tui.core.outline_chrome import is_chrome


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    # Full-width ASCII (（一） １． ：) and the ideographic space: one style however it is typed.
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = cp - 0xFEE0
    table[0x3000] = 0x20
    # En and em spaces (U+2000–U+200A) separate markers in typeset text; they are whitespace to
    # str.strip as well, so stripping the fold and the original stays aligned.
    for cp in range(0x2000, 0x200B):
        table[cp] = 0x20
    # CJK compatibility ideographs (U+F9D1 for 六) and Kangxi radicals (U+2F00 for 一) come out
    # of PDF extraction; NFKC folds them to the ordinary ideograph. Only one-to-one foldings are
    # kept so that offsets stay aligned.
    for lo, hi in ((0x2E80, 0x2FE0), (0xF900, 0xFB00)):
        for cp in range(lo, hi):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = ord(folded)
    return table


_FOLD = CharMap(_fold_table())  # a whole plan is folded once per parse: see core/charmap.py


def fold(text: str) -> str:
    """Length-preserving fold used for matching only; output always copies the original."""
    return _FOLD(text)


# --- numerals -------------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS["六"] = 6
_CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
# Capitals in simplified and traditional forms (貳 參 叄 陸 are what traditional plans write).
_CAPITALS = str.maketrans("壹贰貳叁參叄肆伍陆陸柒捌玖拾佰", "一二二三三三四五六六七八九十百")
CN = "一二三四五六七八九十百零〇两兩"
CAP = "壹贰貳叁參叄肆伍陆陸柒捌玖拾佰"


def cn_value(numeral: str) -> int:
    """Value of a Chinese numeral such as 十二 or 二十三 (capitals 壹贰 accepted)."""
    numeral = numeral.translate(_CAPITALS)
    if numeral.isdigit():
        return int(numeral)
    if all(ch in _CN_DIGITS for ch in numeral):  # positional, as in 二〇二四
        value = 0
        for ch in numeral:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    total = current = 0
    for ch in numeral:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


# --- section markers --------------------------------------------------------------------------

# One alternative per numbering style. Order matters where styles share a prefix: decimal
# `1.1` before `1.`, and `1.` refuses a following digit so `3.5亿元` is never `3.`.
MARKER_RE = lazy_re(
    rf"""
    (?P<md>\#{{1,6}})(?=[ \t])
    | 第(?P<di>[{CN}0-9]{{1,5}})(?P<unit>部分|章|节|節|条|條|篇|编|編)
    | (?P<cap>[{CAP}]{{1,3}})[、.]
    | (?P<cn>[{CN}]{{1,4}})[、.]
    | (?P<cnp>[{CN}]{{1,4}})\)
    | \((?P<pcn>[{CN}]{{1,4}})\)、?
    | (?P<pcn2>[\u3220-\u3229])
    | \((?P<pnum>[0-9]{{1,3}})\)、?
    | (?P<pnum2>[\u2474-\u2487])
    | (?P<circ>[\u2460-\u2473])
    | (?P<dec>[0-9]{{1,3}}(?:\.[0-9]{{1,3}}){{1,3}})\.?(?![0-9.%])
    | (?P<num>[0-9]{{1,3}})[.、](?![0-9])
    | (?P<num2>[\u2488-\u249b])
    | (?P<nump>[0-9]{{1,3}})\)
    | (?P<dec1>[0-9]{{1,2}})(?=[ \t\xa0]+[\u4e00-\u9fff])
    | (?P<glued>0[1-9]|[1-9][0-9])(?=[\u4e00-\u9fff])
    """,
    re.VERBOSE,
)
_SEPARATORS = " \t\xa0"

Style = tuple[str, int]  # (family, rank): ("cn", 0), ("dec", 2), ("md", 3), ("di", 2) ...
# Styles whose members nest by an intrinsic rank, whatever order the document uses them in.
RANKED_FAMILIES = frozenset({"md", "di", "dec"})
# simplified and traditional forms (第一節, 第一條 in traditional plans and regulations)
DI_RANK = {"编": 0, "編": 0, "篇": 0, "部分": 1, "章": 2, "节": 3, "節": 3, "条": 4, "條": 4}
LIST_STYLES = frozenset({"num", "nump", "pnum", "circ"})


def conventional_rank(style: Style) -> float:
    """Where a style sits in the usual order of Chinese official documents (GB/T 9704 and
    planning practice): 篇/部分 > 章 > 节 > 壹、 > 一、 > 第X条 > （一） > 1. > （1） > ①.
    Only a fallback when the document itself has not shown how two styles nest."""
    family, rank = style
    if family == "md":
        return -20 + rank
    if family == "di":
        return (-6, -5, -3, -2, 0.5)[rank]
    if family == "dec":
        return 2 + rank / 10
    ranks = {"cap": -1, "cn": 0, "pcn": 1, "cnp": 1, "num": 2, "nump": 3, "pnum": 3, "circ": 4}
    return ranks[family]


@dataclass(frozen=True, slots=True)
class Marker:
    style: Style
    number: int  # value of the numbering, 0 for markdown without numbering
    path: tuple[int, ...]  # decimal numbering as a path (1, 2, 1); (number,) otherwise
    end: int  # end of the marker in the stripped line
    text_start: int  # start of the text after the marker and its separator
    bold: int = -1  # start of a markdown bold opener `**` inside the marker span, -1 if none


def _numbered(m: re.Match[str]) -> tuple[Style, int, tuple[int, ...]] | None:
    kind = m.lastgroup
    if kind == "unit":
        unit = m.group("unit")
        n = cn_value(m.group("di"))
        return ("di", DI_RANK[unit]), n, (n,)
    value = m.group(kind) if kind else ""
    if kind in ("cn", "cap", "pcn", "cnp"):
        n = cn_value(value)
        return (kind, 0), n, (n,)
    if kind == "pcn2":
        n = ord(value) - 0x321F
        return ("pcn", 0), n, (n,)
    if kind in ("pnum", "nump"):
        return (kind, 0), int(value), (int(value),)
    if kind == "pnum2":
        n = ord(value) - 0x2473
        return ("pnum", 0), n, (n,)
    if kind == "circ":
        n = ord(value) - 0x245F
        return ("circ", 0), n, (n,)
    if kind == "num":
        return ("num", 0), int(value), (int(value),)
    if kind == "num2":
        n = ord(value) - 0x2487
        return ("num", 0), n, (n,)
    if kind == "dec":
        path = tuple(int(p) for p in value.split("."))
        return ("dec", len(path)), path[-1], path
    if kind in ("dec1", "glued"):  # `1　总则`, and `01综合` with the title glued on
        return ("dec", 1), int(value), (int(value),)
    return None


def _text_start(folded: str, end: int) -> int:
    """Where the text after a marker starts: past spaces, and past a colon used as the
    separator (`第一章：总则`), which would otherwise cut the title to nothing."""
    i = end
    while i < len(folded) and folded[i] in _SEPARATORS:
        i += 1
    if folded.startswith(":", i):
        i += 1
        while i < len(folded) and folded[i] in _SEPARATORS:
            i += 1
    return i


def match_marker(folded: str) -> Marker | None:
    """The section marker at the start of a stripped, folded line, if any."""
    # `**一、总体要求**`: a heading set in markdown bold; the `**` is markup, not marker
    bold = 0 if folded.startswith("**") else -1
    m = MARKER_RE.match(folded, bold + 2 if bold == 0 else 0)
    if m is None:
        return None
    if m.lastgroup == "md":
        hashes = len(m.group("md"))
        pos = hashes
        while pos < len(folded) and folded[pos] in _SEPARATORS:
            pos += 1
        # `## 壹、总体要求`: the numbering after the hashes belongs to the marker.
        bold = pos if folded.startswith("**", pos) else -1  # `## **一、总体要求**`
        inner = MARKER_RE.match(folded, pos + 2 if bold != -1 else pos)
        end = pos
        number: int = 0  # `## 总则`: markdown without numbering
        path: tuple[int, ...] = ()
        if inner is not None and inner.lastgroup != "md":
            numbered = _numbered(inner)
            if numbered is not None:
                _, number, path = numbered
                end = inner.end()
        if end == pos:
            bold = -1
        return Marker(("md", hashes), number, path, end, _text_start(folded, end), bold)
    numbered = _numbered(m)
    if numbered is None:
        return None
    style, number, path = numbered
    end = m.end()
    text = _text_start(folded, end)
    if bold != -1 and folded.startswith("**", text):  # `**一、**总体要求`
        text = _text_start(folded, text + 2)
    return Marker(style, number, path, end, text, bold)


def marker_text(stripped: str, m: Marker) -> str:
    """The marker as written, without a markdown bold opener inside it."""
    if m.bold == -1:
        return stripped[: m.end]
    return stripped[: m.bold] + stripped[m.bold + 2 : m.end]


# --- titles -----------------------------------------------------------------------------------

TITLE_LIMIT = 40


def heading_title(text: str, folded_text: str, line_length: int) -> str:
    """The heading title rule of the guides, applied to the text after the marker."""
    stop = folded_text.find("。")
    colon = folded_text.find(":")
    if colon != -1 and colon < TITLE_LIMIT and (stop == -1 or colon < stop):
        title = text[:colon]
    elif stop != -1:
        title = text[:stop]
    elif line_length <= TITLE_LIMIT:
        title = text
    else:
        cut = min(
            (i for i in (folded_text.find(":"), folded_text.find(";")) if i != -1), default=-1
        )
        title = text[:cut] if cut != -1 else text
    return title.strip().rstrip(";；").strip()


def inline_title(line: str, folded: str, start: int) -> str:
    """Inline item title, for the item whose text starts at `start`: up to 。 or ；, cut at the
    first comma when that is still over 40 characters. Works on offsets: a line may be long."""
    end = len(folded)
    for ch in ("。", ";"):
        i = folded.find(ch, start, end)
        if i != -1:
            end = i
    if end - start > TITLE_LIMIT and len(folded[start:end].strip()) > TITLE_LIMIT:
        comma = folded.find(",", start, end)
        if comma != -1:
            end = comma
    return line[start:end].strip()


# Inline ordinal items: 一是…二是…, 一要…二要…
INLINE_RE = lazy_re(r"([一二三四五六七八九十]{1,2})([是要])")
# An item marker starts a clause: after punctuation or at the start of the line, never inside a
# word such as 统一是 or 第一要务. A markdown bold lead (`**全力稳增长。**一是…`) closes with `*`.
INLINE_BOUNDARY = frozenset(" \t\xa0。;:,、!?)]}>”’\"'」』】》*")

# --- line kinds used around the body ----------------------------------------------------------

DATE_RE = lazy_re(
    # the day may be left out: a cover's `2016年11月`
    r"^(?:\d{4}\s*年\s*\d{0,2}\s*月(?:\s*\d{0,2}\s*日)?"
    r"|[〇零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{0,3}\s*月"
    r"(?:\s*[一二三四五六七八九十]{0,3}\s*日)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    # a fiscal year on its own line: `2024年度`, `中華民國 116 年度` (a budget's running head)
    r"|(?:\d{4}|(?:中華民國|中华民国)\s*\d{2,3})\s*年度)$"
)
DASHES = "—―─－-"
# A speech byline under a report title: `——2024年3月5日在…会议上`, also without the dashes.
BYLINE_RE = lazy_re(
    rf"^(?:[{DASHES}]|\(?\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*在[^。]*$)"
)
# A photo caption under a report title on a news page: `图为…`, `…（记者 张三 摄）`.
PHOTO_CAPTION_RE = lazy_re(
    r"^图为|(?:记者|通讯员|摄影|图)[\s:]*[\u4e00-\u9fff·]{2,4}(?:[\s、]+[\u4e00-\u9fff·]{2,4})*"
    r"\s*摄\)?$"
)
# The speaker's office and name under a report title: `市长　张三`, `某县县长 李四`.
SPEAKER_RE = lazy_re(
    r"^[\u4e00-\u9fff]{0,12}(?:代?[省市县区州旗镇乡]长|主任|书记|局长|主席|部长|厅长|秘书长)"
    r"[ \xa0]+[\u4e00-\u9fff·]{2,4}$"
)
BYLINE_END_RE = lazy_re(r"(?:上|讲话|报告|发言|\))$")
DOC_NUMBER_RE = lazy_re(r"[〔\[(]\d{4}[〕\])]\s*\d+\s*号$")
SALUTATION_RE = lazy_re(r"^(?:各位|同志们|女士们|朋友们|尊敬的|亲爱的)")
ADDRESSEE_END_RE = lazy_re(
    r"(?:单位|部门|政府|委员会|公司|机关|机构|局|委|办|厅|街道|乡镇|镇|园区|学校|院校|企业|"
    r"处|室|科|组|区|县|市)\s*:$"
)
ATTACHMENT_LABEL_RE = lazy_re(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*:?$")
PAGE_NUMBER_RE = lazy_re(
    r"^(?:[-—–―~]+\s*\d{1,4}\s*[-—–―~]+|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?)$"
)
# `附件1：重点项目清单`: the label and the appended part's title on one line
ATTACHMENT_TITLED_RE = lazy_re(
    r"^附\s*件\s*[0-9一二三四五六七八九十]{0,3}\s*:\s*(?P<t>[^\s0-9(].{0,29})$"
)
# A document that is itself an annex opens with its label and title: `附件肆、計畫書格式`.
ANNEX_TITLE_RE = lazy_re(rf"^附\s*件\s*[0-9{CN}{CAP}]{{0,3}}\s*[:、.]\s*(?P<t>[^\s0-9(].{{0,59}})$")
ATTACHMENT_LIST_RE = lazy_re(r"^附\s*件\s*:\s*1\s*[.、]")
ATTACHMENT_ITEM_RE = lazy_re(r"^[0-9]{1,2}\s*[.、]\s*\S.{0,58}$")
CLOSING_NOTE_RE = lazy_re(r"^\(此件.{0,12}\)$|^(?:抄送|抄报|印发|主送)\s*:")
# the imprint line of an official document: `某县委办公室　2024年2月20日印发`
IMPRINT_RE = lazy_re(
    r"^(?:\S.{0,30}?\s+)?(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,3}月"
    r"[0-9一二三四五六七八九十]{1,3}日\s*(?:印发|印制|发布)$"
)
ORG_SUFFIX_RE = lazy_re(
    r"(?:委员会|人民政府|政府|管委会|工委|党委|党组|办公室|办公厅|局|厅|委|部|中心|公司|集团|院|"
    r"协会|联合会|学会|总会|支部|调查队|调查总队|研究所|研究院|"
    r"委員會|辦公室|辦公廳|廳|處|協會|聯合會|學會|總會|調查隊)$"  # traditional forms
)
# `关于印发《X》的通知`, `…办公厅印发关于X的通知`: a cover notice handing out the plan X.
NOTICE_RE = lazy_re(
    r"(?:关于|^|[厅局委府室会部区县市省])(?:印发|转发|下发|颁发|发布|公布|下达)(?:关于)?"
    r"(.+?)的?(?:通知|通告|函)$"
)
BOOK_TITLE_RE = lazy_re(r"《([^》]+)》")
TITLE_END_RE = lazy_re(
    r"(?:通知|通告|公告|意见|要点|计划|规划|方案|报告|办法|规定|细则|条例|决定|决议|纲要|总结|"
    r"安排|批复|函|指南|措施|清单|目录|规则|标准|政策|讲话|思路|任务|白皮书|建议|公报|章程|守则|"
    r"制度|说明|预算|决算|报告书|举措|行动|工程|战略|范围|项目|名单|名录|一览表|"
    # traditional forms
    r"計畫|計劃|規劃|報告|說明|預算|決算|綱要|辦法|規定|細則|條例|決定|決議|總結|要點|意見|"
    r"計畫書|報告書|白皮書|須知|規則|標準|政策|措施|清單|名單|範圍|項目|一覽表)$"
)
# The series a volume belongs to, named on its cover above the volume's own title: a city's
# general budget (`臺北市總預算案`) is bound as one unit budget a volume (`…主計處單位預算`).
SERIES_RE = lazy_re(r"(?:总|總)(?:预算|預算|决算|決算)(?:案|书|書)?$|(?:丛书|叢書)$")
# A red-header or issuer line above a title: `XX市人民政府文件`, `XX管理委员会`.
HEADER_RE = lazy_re(r"文\s*件$")  # also letter-spaced: `办 公 厅 文 件`
_TRAILING_PARENS_RE = lazy_re(r"(?:\([^()]*\))+$")
# the label of a table of contents: `目录`, `目　　录`, `目 錄`, `目次`, `總目次`, `## 目录`
TOC_RE = lazy_re(r"^(?:#{1,6}\s*)?(?:\*\*)?(?:总|總)?目\s*(?:录|錄|次)(?:\*\*)?$")
LABEL_RE = lazy_re(r"^[^:]{1,6}:")  # `附件:` `总指挥:` `注:`: a label, never a title
SENTENCE_PUNCT = frozenset("。;:,!?")
HAN_RE = lazy_re(r"[\u3400-\u9fff\uf900-\ufaff]")
TITLE_MAX = 80


def is_issuer_line(s: str) -> bool:
    """The issuing bodies under a title, side by side: `某县统计局　国家统计局某县调查队`."""
    parts = s.split()
    return 0 < len(parts) <= 4 and all(
        len(p) <= 24 and is_clean_short(p) and ORG_SUFFIX_RE.search(p) is not None for p in parts
    )


def is_code(s: str) -> bool:
    """A line with no Chinese in it but a figure or a path: an index number
    (`014742224A/2023-0043406`), a URL, a file code. Never a title or a heading."""
    return (
        len(s) <= 80
        and HAN_RE.search(s) is None
        and any(ch.isdigit() or ch == "/" for ch in s)
        and match_marker(s) is None
    )


def is_date(s: str) -> bool:
    return DATE_RE.match(s) is not None


def is_addressee(s: str) -> bool:
    return (
        len(s) <= 80
        and "。" not in s
        and not SALUTATION_RE.match(s)
        and (s.startswith("各") or ADDRESSEE_END_RE.search(s) is not None)
        and s.endswith(":")
    )


# `（2021—2025年）` on the line under a plan title is the title's own period, not a note.
PERIOD_NOTE_RE = lazy_re(r"^\(\s*\d{4}\s*年?\s*[-—–―~至到]{1,2}\s*\d{4}\s*年?\s*\)$")


def is_parenthesised(s: str) -> bool:
    return len(s) <= 100 and s.startswith("(") and s.endswith(")")


def is_titleish(s: str) -> bool:
    """Could stand as a document title: short, no sentence punctuation at its end, no 。."""
    if not 2 <= len(s) <= TITLE_MAX or "。" in s or s[-1] in "、,:;" or LABEL_RE.match(s):
        return False
    if HAN_RE.search(s) is None:
        return False  # an index number `014742224A/2023-0043406`, a code, a stray figure
    if "," in s and len(s) > 30:
        return False  # the first line of a prose paragraph, typically a hard-wrapped one
    return not (
        is_chrome(s)
        or is_date(s)
        or BYLINE_RE.match(s)
        or DOC_NUMBER_RE.search(s)
        or ATTACHMENT_LABEL_RE.match(s)
    )


def has_title_end(s: str) -> bool:
    return TITLE_END_RE.search(_TRAILING_PARENS_RE.sub("", s).rstrip()) is not None


def notice_names(s: str) -> list[str]:
    """The documents a cover notice hands out: `关于印发《X》的通知` gives ["X"]."""
    m = NOTICE_RE.search(s)
    if m is None:
        return []
    inner = m.group(1)
    books = BOOK_TITLE_RE.findall(inner)
    return books or [inner]


def same_title(a: str, b: str) -> bool:
    """Whether a line names the plan a cover notice hands out, allowing the small differences
    between the two (`关于…发展实施方案` / `关于…发展的实施方案`, an issuer prefix)."""
    a, b = (compact(x).removeprefix("关于").replace("的", "") for x in (a, b))
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def compact(s: str) -> str:
    """Comparison key for titles: no whitespace, no book-title or quotation marks."""
    return "".join(ch for ch in s if not ch.isspace() and ch not in "《》“”\"'")


def is_clean_short(s: str, limit: int = 30) -> bool:
    """A short standalone line with no sentence punctuation: a possible unnumbered heading."""
    return (
        2 <= len(s) <= limit
        and not any(ch in SENTENCE_PUNCT for ch in s)
        and s[-1] != "、"
        and s[0] not in DASHES
        and not s.startswith(("(", "注"))
        and not is_date(s)
        and not NUMERIC_CELL_RE.match(s)
        and HAN_RE.search(s) is not None  # `1-31`, `A-2`: a page or a code, never a title
    )


# --- tables -----------------------------------------------------------------------------------

NUMERIC_CELL_RE = lazy_re(
    r"^(?:[-+±≥≤<>约]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|‰|个|家|项|亿元|万元|元|亿|万|人|公里|"
    r"平方公里|亩|吨|倍|年|月|km|m)?|[—\-/×√○●▲△…]+|[xX]+(?:\.[xX]+)?)$"
)
TABLE_HEADER_RE = lazy_re(
    r"^(?:序号|编号|项目|项目名称|名称|指标|指标名称|单位|计量单位|类别|属性|指标属性|备注|合计|"
    r"总计|小计|责任单位|牵头单位|配合单位|责任部门|牵头部门|完成时限|时间节点|时限|目标值|基期值|"
    r"年均增长|建设内容|建设规模|建设性质|总投资|计划投资|年度投资|数量|金额|地区|区域|\d{4}年"
    # a header cell named by its kind: `一级指标`, `指标性质`, `指标类型`, `预期目标值`
    r"|[一二三四五六七八九]级指标|[\u4e00-\u9fff]{0,4}(?:指标|名称|性质|类型|属性|类别|序号|权重|"
    r"分值|目标值|预期值|基期值|现状值|规划值|完成值|年份|时限)"
    # a header or row cell carrying its unit: `投资额（亿元）`, `增长（%）`
    r"|.{1,20}\((?:亿元|万元|千元|元|%|‰|万人|人|个|万吨|吨|公里|平方公里|亩|万亩|年|万千瓦|"
    r"千瓦|立方米|万立方米|平方米|万平方米|人次|万人次|件|项|家|户|万户)\))$"
)
# captions of tables, boxes and figures, in simplified and traditional forms
TABLE_CAPTION_RE = lazy_re(r"^(?:附表|表|专栏|專欄|图|圖|附图|附圖)\s*[0-9一二三四五六七八九十]")
# an unnumbered figure caption: `组织系统图`, `产业布局示意圖`
FIGURE_CAPTION_RE = lazy_re(
    r"(?:示意|分布|布局|规划|規劃|结构|結構|流程|区位|區位|位置|组织|組織|系统|系統|关系|關係|框架|"
    r"路线|路線)[图圖]$"
)
# the caption of a table proper (not of a 专栏 box or a figure): evidence even for text cells
TABLE_ONLY_CAPTION_RE = lazy_re(r"^(?:附表|表)\s*[0-9一二三四五六七八九十]")
TABLE_CELL_MAX = 25
