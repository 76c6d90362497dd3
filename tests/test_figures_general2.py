"""Figure cases, second round, written from `../shared/gold/NUMBERS.md` (not from the code).

Sentences in the style of 政府工作报告 reviews and targets, 五年规划纲要 indicators, 区县
工作计划, 党建工作要点 and PDF-converted plans. Each positive case is one figure the rules call
for (span, kind, normalised value, unit, comparator); each negative case a span no figure may
overlap.
"""

from __future__ import annotations

import pytest

from tests.general_cases import Value, check_figure, check_not_a_figure

# (sentence, span, kind, value, unit, cmp)
POSITIVE: list[tuple[str, str, str, Value, str | None, str | None]] = [
    # 政府工作报告: review of the past year
    ("全年地区生产总值达到2856.3亿元，增长5.6%。", "2856.3亿元", "money", 2.8563e11, "CNY", None),
    ("全年地区生产总值达到2856.3亿元，增长5.6%。", "5.6%", "percent", 0.056, "%", None),
    ("一般公共预算收入完成85.6亿元，同口径增长7.2%。", "85.6亿元", "money", 8.56e9, "CNY", None),
    ("城镇新增就业1.2万人，城镇调查失业率5.1%。", "1.2万人", "count", 12000, "人", None),
    ("城镇新增就业1.2万人，城镇调查失业率5.1%。", "5.1%", "percent", 0.051, "%", None),
    ("改造老旧小区85个，惠及居民2.3万户。", "2.3万户", "count", 23000, "户", None),
    ("改造老旧小区85个，惠及居民2.3万户。", "85个", "count", 85, "个", None),
    ("全年接待游客1500万人次，实现旅游收入150亿元。", "1500万人次", "count", 1.5e7, "人次", None),
    ("全年接待游客1500万人次，实现旅游收入150亿元。", "150亿元", "money", 1.5e10, "CNY", None),
    ("新增高新技术企业100家，总数达到520家。", "520家", "count", 520, "家", None),
    ("建成5G基站1.2万个。", "1.2万个", "count", 12000, "个", None),
    ("完成造林绿化3.2万亩。", "3.2万亩", "area", 32000.0, "亩", None),
    ("实际利用外资1.2亿美元，进出口总额增长12%。", "1.2亿美元", "money", 1.2e8, "USD", None),
    (
        "——2025年1月10日在某县第十八届人民代表大会第五次会议上",
        "2025年1月10日",
        "date",
        "2025-01-10",
        "date",
        None,
    ),
    # 政府工作报告: this year's targets
    ("地区生产总值增长6%左右。", "6%左右", "percent", 0.06, "%", "~"),
    ("城镇调查失业率控制在5.5%以内。", "5.5%以内", "percent", 0.055, "%", "<="),
    ("居民消费价格涨幅3%左右。", "3%左右", "percent", 0.03, "%", "~"),
    ("粮食产量稳定在65亿斤以上。", "65亿斤以上", "other", 6.5e9, "斤", ">="),
    ("实施重点项目120个，完成投资300亿元以上。", "300亿元以上", "money", 3e10, "CNY", ">="),
    ("引进亿元以上项目30个。", "亿元以上", "money", 1e8, "CNY", ">="),
    ("引进亿元以上项目30个。", "30个", "count", 30, "个", None),
    ("城镇新增就业不少于8000人。", "不少于8000人", "count", 8000, "人", ">="),
    ("全年地区生产总值增长5.2%，高于全国0.3个百分点。", "0.3个百分点", "percent", 0.3, "pp", None),
    ("全市常住人口达到1200.5万人。", "1200.5万人", "count", 12005000, "人", None),
    ("居民人均可支配收入分别增长4.5%和6.8%。", "6.8%", "percent", 0.068, "%", None),
    ("全市生产总值增长百分之五点五。", "百分之五点五", "percent", 0.055, "%", None),
    ("1至11月，规上工业增加值增长6%。", "1至11月", "range", [1, 11], "month", None),
    # 五年规划纲要
    (
        "“十四五”时期（2021—2025年）是开启全面建设社会主义现代化国家新征程的第一个五年。",
        "2021—2025年",
        "range",
        [2021, 2025],
        "year",
        None,
    ),
    ("展望二〇三五年，基本实现社会主义现代化。", "二〇三五年", "date", 2035, "year", None),
    ("研发经费投入年均增长7%以上。", "7%以上", "percent", 0.07, "%", ">="),
    ("常住人口城镇化率提高到68%。", "68%", "percent", 0.68, "%", None),
    ("单位地区生产总值能耗降低13.5%。", "13.5%", "percent", 0.135, "%", None),
    ("森林覆盖率达到24.1%。", "24.1%", "percent", 0.241, "%", None),
    ("每万人口高价值发明专利拥有量达到12件。", "12件", "count", 12, "件", None),
    ("地区生产总值突破5000亿元。", "5000亿元", "money", 5e11, "CNY", None),
    ("新改建高速公路200公里。", "200公里", "other", 200, "公里", None),
    ("建成区面积达到120平方公里。", "120平方公里", "area", 1.2e8, "m2", None),
    ("粮食播种面积稳定在1200万亩以上。", "1200万亩以上", "area", 1.2e7, "亩", ">="),
    ("“十四五”期间累计完成投资1.5万亿元。", "1.5万亿元", "money", 1.5e12, "CNY", None),
    # 区县 工作计划
    ("全年实施重点项目80个，完成投资120亿元。", "120亿元", "money", 1.2e10, "CNY", None),
    ("新开工工业项目30个。", "30个", "count", 30, "个", None),
    ("争取专项债券20亿元。", "20亿元", "money", 2e9, "CNY", None),
    ("新建高标准农田1万亩。", "1万亩", "area", 10000.0, "亩", None),
    ("6月底前完成项目选址。", "6月", "date", "--06", "month", None),
    ("2024年10月底前全面完成。", "2024年10月", "date", "2024-10", "month", None),
    ("新增规上工业企业5家。", "5家", "count", 5, "家", None),
    # 党建工作要点
    ("全年发展党员200名。", "200名", "count", 200, "名", None),
    ("全年培训党员干部3000人次。", "3000人次", "count", 3000, "人次", None),
    ("每个党支部每月至少开展1次主题党日活动。", "1次", "count", 1, "次", None),
    ("培训基层党组织书记2000余人次。", "2000余人次", "count", 2000, "人次", ">"),
    ("新增党员1.5万名。", "1.5万名", "count", 15000, "名", None),
    # PDF text
    ("政务服务事项网上可办率达到98%以上。", "98%以上", "percent", 0.98, "%", ">="),
    ("投资\u2f17\u2f06亿元。", "\u2f17\u2f06亿元", "money", 1.2e9, "CNY", None),
    # a ROC year with a month, in simplified script too (a duration of months is 个月)
    ("103年5月完成规划修订。", "103年5月", "date", "2014-05", "month", None),
    ("112年12月31日前完成。", "112年12月31日", "date", "2023-12-31", "date", None),
    ("建设三个一万亩基地。", "一万亩", "area", 1e4, "亩", None),
    # a range of months is one span however it is written; with its year, ISO months
    ("3月至5月开展专项整治行动。", "3月至5月", "range", [3, 5], "month", None),
    ("3-5月开展专项整治行动。", "3-5月", "range", [3, 5], "month", None),
    ("1月至11月完成投资。", "1月至11月", "range", [1, 11], "month", None),
    (
        "2020年1—6月，全市完成固定资产投资。",
        "2020年1—6月",
        "range",
        ["2020-01", "2020-06"],
        "month",
        None,
    ),
    ("2024年3月至5月集中开展。", "2024年3月至5月", "range", ["2024-03", "2024-05"], "month", None),
    ("5月至3月", "5月", "date", "--05", "month", None),
    ("3月-5日", "5日", "date", "---05", "day", None),
    # per-unit rates: money per a measure, the comparator after the measure
    ("新建住宅补助标准5000元/平方米以内。", "5000元/平方米以内", "money", 5000.0, "CNY/m2", "<="),
    ("土地流转补助不低于200元/亩。", "不低于200元/亩", "money", 200.0, "CNY/亩", ">="),
    ("每亩补助1.5万元/亩。", "1.5万元/亩", "money", 15000.0, "CNY/亩", None),
    ("一次性补贴5000元/户。", "5000元/户", "money", 5000.0, "CNY/户", None),
    (
        "房价控制在8000-10000元/平方米。",
        "8000-10000元/平方米",
        "range",
        [8000.0, 10000.0],
        "CNY/m2",
        None,
    ),
    # a sign written before the number is part of the figure; a verb (下降) stays outside
    ("规上工业增加值增长-3.5%。", "-3.5%", "percent", -0.035, "%", None),
    ("规上工业增加值下降3.5%。", "3.5%", "percent", 0.035, "%", None),
    ("增速回落至-1.2个百分点。", "-1.2个百分点", "percent", -1.2, "pp", None),
]

# (sentence, a span no figure may overlap)
NEGATIVE: list[tuple[str, str]] = [
    ("某县第十八届人民代表大会第五次会议", "第十八届"),
    ("某县第十八届人民代表大会第五次会议", "第五次"),
    ("“十四五”时期经济社会发展主要指标", "十四五"),
    ("一是工业稳步增长。", "一是"),
    ("二要严守政治纪律。", "二要"),
    ("（二）城乡面貌持续改善", "（二）"),
    ("①工业项目", "①"),
    ("(1)加快重点项目推进", "(1)"),
    ("第一篇　开启全面建设社会主义现代化新征程", "第一篇"),
    ("第二节　面临形势", "第二节"),
    ("发展是第一要务。", "第一要务"),
    ("布局一批重大科技基础设施。", "一批"),
    ("推行“一网通办”。", "一网通办"),
    ("落实“三会一课”制度。", "三会一课"),
    ("驰而不息纠治“四风”。", "四风"),
    ("严格落实一岗双责。", "一岗双责"),
    ("某政办发〔2024〕5号", "〔2024〕5号"),
    ("推进长三角一体化发展。", "一体化"),
    ("开展“两学一做”学习教育。", "两学一做"),
    ("2025年是“十四五”规划收官之年。", "十四五"),
    # N个一X slogans
    ("落实“四个一”工作机制。", "四个一"),
    ("落实四个一工作机制。", "四个一"),
    ("实施三个一批项目。", "三个一批"),
    ("创建五个一工程。", "五个一"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "unit", "cmp"), POSITIVE)
def test_figure(text: str, span: str, kind: str, value: Value, unit: str | None, cmp: str | None):
    check_figure(text, span, kind, value, unit, cmp)


@pytest.mark.parametrize(("text", "span"), NEGATIVE)
def test_not_a_figure(text: str, span: str):
    check_not_a_figure(text, span)
