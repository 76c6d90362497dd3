"""Web and portal chrome, and the metadata of a published document, as classes of lines.

A page copied from a government portal carries, around the article, the furniture of the page:
buttons (`下载 打印 全屏 收藏 关闭`, `【字体：大 中 小】`), share widgets (`分享到 微信 微博`,
`扫一扫在手机打开当前页`), navigation (`首页 > 政务公开 > …`, `返回顶部`), counters
(`浏览次数：1632`), date-time stamps (`2026年02月10日 07时41分`), the newspaper it came from, a
crawler's section labels (`## 政策全文`), and the document's metadata table (索引号, 主题分类,
发文机关, 成文日期, 文号 … with values such as `主动公开` or `面向全社会`), one row a line as
`key：value`, or one cell a line with the value under its key, and a reporter's byline. None of
it is title, heading or body text.

The rules are classes, not word lists alone: short lines made only of interface words, metadata
keys (padded, bracketed, bulleted or set in bold), date-time stamps, navigation trails. They look
at one folded, stripped line at a time; the head pass pairs a key cell with the value under it.
"""

from __future__ import annotations

from zoneplan_tui.core.lazy_re import lazy_re

# Metadata fields of a portal page or a policy database: a key and its colon (`来源:`).
_CHROME_KEYS = (
    "来源|信息来源|文章来源|稿源|来源单位|发布时间|发布日期|发文日期|成文日期|印发日期|生成日期|"
    "发布机构|发文机关|发文单位|发文机构|联合发文单位|索引号|信息索引号|信息分类|内容分类|主题分类|"
    "组配分类|体裁分类|服务分类|文号|发文字号|文件编号|主题词|关键词|标签|生效时间|生效日期|"
    "实施日期|施行日期|废止时间|废止日期|有效性|时效性|效力状态|有效期|作者|责任编辑|编辑|审核|"
    "校对|浏览次数|阅读次数|访问次数|点击数|点击量|点击次数|累计次数|字号|字体|分享到|"
    "更新时间|更新日期|公开日期|公开方式|公开范围|公开时限|公开属性|公开目录|责任部门|责任单位|"
    "关联稿件|相关稿件|关联文件|文件来源|文件类型|公文种类|信息类别|所属主题|主题分类词|"
    "文件名称|标题|文章标题|名称|题名|当前位置|您现在的位置|您的位置|点击|浏览量|阅读量|访问量|"
    "阅读|发布人|发布者|供稿|撰稿|版权所有|主办单位|承办单位|协办单位|技术支持|网站标识码|备案号|"
    "ICP备案号|联系电话|视力保护色|原文链接|原文地址|来源链接|网址|"
    # traditional forms, as Taiwan's and Hong Kong's portals print them
    "來源|資料來源|發布日期|發布時間|發文日期|發文字號|發布單位|發布機關|更新日期|更新時間|"
    "點閱次數|瀏覽次數|瀏覽人次|機關編號|文號|關鍵字|標題|作者|編輯"
)
# Of these, the keys whose value is the document's title (`标题：`, then the title).
_TITLE_KEYS = "标题|文章标题|文件名称|名称|题名"


def _spaced(keys: str) -> str:
    """Keys padded to a common width, as metadata tables print them: `标　　题：`, `作　者：`."""
    return "|".join("[ \xa0]*".join(k) for k in keys.split("|"))


_KEYS = _spaced(_CHROME_KEYS)
CHROME_KEY_RE = lazy_re(
    rf"^(?:{_KEYS})\s*:|^(?:时间|日期|信息发布|发布)\s*:\s*\d{{4}}"
    # `[主题分类] 农业`, `【发文机关】…`: bracketed keys of a policy database
    rf"|^[\[【]\s*(?:{_KEYS})\s*[\]】]"
    # `发布时间 2024-01-05`: a date key without its colon
    r"|^(?:发布|更新|成文|发文|印发|生成|公开)(?:时间|日期)\s+\d{4}"
    # `（来源：人民日报）` closing an article
    r"|^\(\s*(?:来源|稿源|文章来源|信息来源|作者|编辑|责任编辑)\s*:"
)
# A key cell on its own line (its value in the cell on the next line): `索 引 号：`, `文号`.
KEY_CELL_RE = lazy_re(rf"^[\[【]?\s*(?:{_KEYS})\s*[\]】]?\s*:?$")
TITLE_KEY_CELL_RE = lazy_re(rf"^(?:{_spaced(_TITLE_KEYS)})\s*:?$")
# Any short label with nothing after its colon: a key cell of a metadata table when other
# metadata stands around it (`公开时限：`, `分类：`).
LABEL_CELL_RE = lazy_re(r"^[\[【]?[\u4e00-\u9fff][\u4e00-\u9fff \xa0]{0,9}[\]】]?\s*:?$")
BRACKET_KEY_RE = lazy_re(r"^[\[【][\u4e00-\u9fff]{2,8}[\]】]\s*\S")
# The page's title field, the only title some copied pages have: `标题：X`, `文件名称 | X |`.
TITLE_FIELD_RE = lazy_re(rf"^(?:{_spaced(_TITLE_KEYS)})\s*[:|]\s*([^|]+?)\s*(?:\||$)")
# Page buttons and link lists: short lines that start with one of these.
CHROME_BUTTON_RE = lazy_re(
    r"^(?:扫一扫|打印|关闭|分享|收藏|首页|上一篇|下一篇|相关链接|相关文章|相关新闻|相关阅读|"
    r"相关文件|附件下载|文件下载|政策咨询|政策解读|我要纠错|免责声明|【|上一条|下一条|返回顶部|"
    r"返回首页|网站地图|联系我们|版权所有|无障碍)"
)
CHROME_BUTTON_MAX = 60
# The label of a link list at the page end, whose entries may be numbered like sections.
LINK_LIST_RE = lazy_re(
    r"^(?:相关链接|相关文章|相关阅读|相关新闻|相关文件|相关政策|相关信息|推荐阅读|延伸阅读|"
    r"热点推荐|热门文章|猜你喜欢|附件下载|文件下载)\s*:?"
)
CHROME_ANYWHERE_RE = lazy_re(
    r"【字体|字体:?\s*[\[【]|扫一扫|阅读次数|浏览次数|累计次数|点击数:|打印本页|关闭窗口|"
    r"免责声明|分享到|我要纠错|【大\s*中\s*小】|责任编辑|瀏覽次數|點閱次數|友善列印|回上一頁"
)
SITE_NAME_RE = lazy_re(r"(?:门户网站|政府网|官方网站|政务网|网站|官网)$")
# Table-cell keys of a metadata header that lost their first characters (`号:`, `称:`) and
# rows holding two `key: value` pairs.
SHORT_KEY_RE = lazy_re(r"^[\u4e00-\u9fff]{1,2}\s*:\s")
KEY_RE = lazy_re(r"(?:^|\s)[\u4e00-\u9fff]{2,6}\s*:")

# A line made only of the page's interface words: buttons, share targets, a font-size picker.
_UI_WORDS = (
    "下载|打印|全屏|退出全屏|收藏|加入收藏|收藏本页|关闭|关闭窗口|关闭本页|分享|分享到|分享至|"
    "返回|顶部|返回顶部|返回首页|返回列表|打印本页|我要纠错|纠错|设为首页|复制链接|二维码|扫码|"
    "微信|微博|朋友圈|QQ空间|QQ好友|QQ|新浪微博|腾讯微博|豆瓣|字体|字号|朗读|语音播报|播报|"
    "无障碍|适老化|长者模式|关怀版|手机版|繁体|简体|繁體|English|登录|注册|搜索|评论|点赞|"
    "转发|TOP|Top|top|保存|导出|PDF|pdf|WORD|Word|word|全文下载|"
    "列印|友善列印|關閉|回上一頁|回上頁|回首頁|字級|分享至|下載|收藏|轉寄|無障礙"
)
_UI_SIZES = "特大|大|中|小|标准|默认|A\\+|A-|A|T"
_UI_TOKEN = rf"[\[【(<]?\s*(?:{_UI_WORDS}|{_UI_SIZES})\s*[\]】)>]?"
UI_LINE_RE = lazy_re(rf"(?:{_UI_TOKEN}[\s|/·:,、]*)+")
_UI_SIZES_ONLY_RE = lazy_re(rf"(?:[\[【(<]?\s*(?:{_UI_SIZES})\s*[\]】)>]?[\s|/·:,、]*)+")
# Navigation: `首页 > 政务公开 > 统计数据`, `当前位置：首页 » …`.
BREADCRUMB_RE = lazy_re(
    r"^(?:首页|网站首页|当前位置|您的位置|您现在的位置|位置)\s*[:>»›]"
    r"|^[^。>»›]{1,20}(?:\s*[>»›]\s*[^。>»›]{1,20}){2,}$"
)
# A date-time stamp: `2026年02月10日 07时41分`, `2017-06-14 14:40`, `2023/5/11 10:20:33`.
DATETIME_RE = lazy_re(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}\s*[:时]\s*\d{1,2}\s*分?"
)
# The newspaper or agency the article came from: `人民日报`, `《人民日报》（2026年02月10日 01 版）`.
NEWSPAPER_RE = lazy_re(
    r"^《?[\u4e00-\u9fff]{1,8}(?:日报|晚报|早报|时报|商报|青年报|法治报|经济报|导报)》?"
    r"(?:\s*\(?[^()]{0,30}版\s*\)?)?$"
    r"|^(?:新华社|新华网|人民网|中新社|中新网|中国新闻网|央视网|央视新闻|中国政府网)$"
)
# A reporter's byline under a news article's title: `本报记者　张三　李四`, `记者 王五 通讯员 赵六`.
_NAME = r"[\u4e00-\u9fff·]{2,4}"
REPORTER_RE = lazy_re(
    rf"^(?:本报|本台|本刊|新华社|央视)?(?:特约)?(?:记者|通讯员)\s*:?\s*{_NAME}"
    rf"(?:[\s、,]+(?:(?:记者|通讯员)\s*:?\s*)?{_NAME})*$"
)
# Values of the metadata table that stand on their own line: how and to whom it is published,
# whether it is in force.
META_VALUE_RE = lazy_re(
    r"^(?:主动公开|依申请公开|不予公开|免予公开|常年公开|长期公开|面向全社会|现行有效|全文有效|"
    r"有效|已失效|失效|已废止|废止|部分失效|尚未生效)$"
)
# A crawler's or a policy database's section label above the text: `## 政策全文`, `正文`.
CRAWLER_LABEL_RE = lazy_re(
    r"^(?:#{1,6}\s*)?(?:\*\*)?(?:政策全文|政策原文|文件全文|文件正文|文章正文|全文|正文|原文|"
    r"正文内容|全文内容|文件内容|基本信息|文件信息|政策信息|元数据|原文链接)(?:\*\*)?\s*:?$"
)
# A markdown bullet or bold key in front of a metadata row: `- 发文机关：…`, `**文号**：…`.
_ROW_PREFIX_RE = lazy_re(r"^(?:[-*+•]\s+)?(?:\*\*)?")


def is_chrome(s: str) -> bool:
    """Web and portal chrome or a metadata row (`s` folded and stripped)."""
    if s[:1] in "-*+•" or "**" in s[:4]:
        s = _ROW_PREFIX_RE.sub("", s, count=1).replace("**", "", 1)
        if not s:
            return False
    if CHROME_KEY_RE.match(s) or CHROME_ANYWHERE_RE.search(s):
        return True
    if len(s) <= CHROME_BUTTON_MAX and CHROME_BUTTON_RE.match(s):
        return True
    if len(s) <= 30 and (
        SITE_NAME_RE.search(s)  # the portal's name above the article: `某市人民政府门户网站`
        or META_VALUE_RE.match(s)
        or KEY_CELL_RE.match(s)
        or CRAWLER_LABEL_RE.match(s)
        or _ui_line(s)
    ):
        return True
    if SHORT_KEY_RE.match(s) or s.count("|") >= 2:
        return True  # a metadata table copied from the page, cells split by `|`
    if len(KEY_RE.findall(s)) >= 2:
        return True
    if len(s) <= 60 and "。" not in s and DATETIME_RE.search(s):
        return True  # a page's time stamp, alone or after the issuer's name
    return (
        len(s) <= 100
        and "。" not in s
        and (
            BREADCRUMB_RE.match(s) is not None
            or NEWSPAPER_RE.match(s) is not None
            or REPORTER_RE.match(s) is not None
        )
    )


def _ui_line(s: str) -> bool:
    """Only interface words: `下载 打印 全屏`, `分享到：微信 微博`; a bare size picker needs two
    sizes (`大 中 小`), since a lone `中` or `A` may be anything."""
    if UI_LINE_RE.fullmatch(s) is None:
        return False
    if _UI_SIZES_ONLY_RE.fullmatch(s) is None:
        return True
    return sum(1 for ch in s if ch in "大中小") >= 2


def key_cell(s: str) -> bool:
    """A metadata key alone on its line, its value on the next (`索 引 号：`, `[文号]`)."""
    return len(s) <= 16 and KEY_CELL_RE.match(s) is not None


def label_cell(s: str) -> bool:
    """Any short label alone on its line (`公开时限：`): a key cell when other metadata is
    around it. A salutation or an addressee (`各位代表：`) ends on a colon too; the caller
    looks at the neighbours."""
    return (s.endswith(":") or s.startswith(("[", "【"))) and LABEL_CELL_RE.match(s) is not None


def title_key_cell(s: str) -> bool:
    return TITLE_KEY_CELL_RE.match(s) is not None


def is_crawler_label(s: str) -> bool:
    return CRAWLER_LABEL_RE.match(s) is not None
