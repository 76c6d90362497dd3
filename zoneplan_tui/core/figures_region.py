"""Where a document comes from, as far as its figures care: the currency of a bare 元 and whether
a two- or three-digit 年 counts from 1912 (民國).

`document_region(folded_text)` weighs three kinds of cue (the text is `numerals.fold`ed, so 臺
reads 台, 門 reads 门 and 國 reads 国):

- the issuing body and the institutions a text names (人民政府, 国务院 for the mainland;
  香港特别行政区 for Hong Kong; 澳门特别行政区 for Macau; 行政院, 台北市, 新北市 for Taiwan):
  3 points a mention;
- explicit currency words (人民币; 港元/港币; 澳门元/澳门币; 新台币): 1 point a mention, since a
  text also names other places' money (a mainland plan's 亿港元 of investment);
- the script: 2 points to the mainland for Simplified text, 1 to Taiwan for Traditional, so
  that cues decide and the script only breaks ties. Traditional text with no cue at all is read
  as Taiwan's: Hong Kong and Macau texts name their own place, Taiwanese ones often do not.

The region with most points wins. Its currency replaces `figures_units.LOCAL`; a currency named
at the figure (`港元`, `新臺幣3億元`, `人民币`) always wins over the region's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # CN, HK, TW, MO
    currency: str  # ISO 4217 code of a bare 元 there

    @property
    def roc_years(self) -> bool:
        """Years are counted from 1912 (民國) here: 90年 is 2001."""
        return self.code == "TW"


CN, HK = Region("CN", "CNY"), Region("HK", "HKD")
TW, MO = Region("TW", "TWD"), Region("MO", "MOP")

# (region, cue regex, points a mention) over folded text; 華 and 灣 are not folded.
_CUES: tuple[tuple[Region, re.Pattern[str], int], ...] = (
    (CN, re.compile("人民政府|国务院|中共|人民代表大会|党委|省委|市委|县委"), 3),
    (CN, re.compile("人民币"), 1),
    (HK, re.compile("香港特别行政区|香港特区|香港政府|港府|财政司司长"), 3),
    (HK, re.compile("港元|港币"), 1),
    (MO, re.compile("澳门特别行政区|澳门特区|澳门政府"), 3),
    (MO, re.compile("澳门元|澳门币|葡币"), 1),
    (TW, re.compile("行政院|立法院|监察院|考试院|民国|台北市|新北市|桃园市|高雄市"), 3),
    (TW, re.compile("新台币"), 1),
)
_TRADITIONAL_HINTS = re.compile("[國與為會發區業這們對於劃開資經濟產計畫個項場]")
_SIMPLIFIED_HINTS = re.compile("[国与为会发区业这们对于划开资经济产计画个项场]")
# Cues are counted in the head of a long document: the issuing body is named there, and a
# budget book of megabytes does not need to be read twice to know its currency.
_HEAD = 200_000


def is_traditional(text: str) -> bool:
    """Traditional script: its hint characters outnumber the Simplified ones two to one."""
    t = len(_TRADITIONAL_HINTS.findall(text))
    if t == 0:
        return False
    # Simplified hints are counted only as far as deciding needs, (t + 1) // 2 of them: in a
    # Simplified plan they are thousands, and listing them all was most of this function's time.
    enough = (t + 1) // 2
    return _SIMPLIFIED_HINTS.subn("", text, count=enough)[1] < enough


def document_region(text: str, folded: str) -> Region:
    """The region of a document: `text` as written (for its script), `folded` for the cues."""
    head = folded[:_HEAD]
    score = {CN: 0, HK: 0, TW: 0, MO: 0}
    if is_traditional(text[:_HEAD]):
        score[TW] += 1
    else:
        score[CN] += 2
    for region, cue, points in _CUES:
        score[region] += points * len(cue.findall(head))
    return max(score, key=score.__getitem__)  # ties: the order above (mainland first)


__all__ = ["CN", "HK", "MO", "TW", "Region", "document_region", "is_traditional"]
