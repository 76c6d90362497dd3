"""Figure cases written from the rules of `../shared/gold/NUMBERS.md`, not from the samples.

Each positive case is a sentence in the style of a 工作要点/政府工作报告 and the one figure the
rules call for: its span, kind, normalised value, unit and comparator. Each negative case names a
span that no figure may overlap.
"""

from __future__ import annotations

import pytest

from tests.general_cases import Value, check_figure, check_not_a_figure
from zoneplan_tui.core.figures import extract_figures

# (sentence, span, kind, value, unit, cmp)
POSITIVE: list[tuple[str, str, str, Value, str | None, str | None]] = [
    # percentages and percent points
    ("全年地区生产总值增长6.5%左右。", "6.5%左右", "percent", 0.065, "%", "~"),
    ("研发经费投入强度不低于2.5%。", "不低于2.5%", "percent", 0.025, "%", ">="),
    ("城镇化率提高到百分之六十。", "百分之六十", "percent", 0.6, "%", None),
    ("居民收入增长百分之七点五。", "百分之七点五", "percent", 0.075, "%", None),
    ("单位生产总值能耗下降3个百分点。", "3个百分点", "percent", 3, "pp", None),
    ("失业率下降零点五个百分点。", "零点五个百分点", "percent", 0.5, "pp", None),
    ("失业率下降一个百分点。", "一个百分点", "percent", 1, "pp", None),
    ("比重提高两个百分点。", "两个百分点", "percent", 2, "pp", None),
    ("规上工业增加值增长１５．６％。", "１５．６％", "percent", 0.156, "%", None),
    ("新增债务率控制在5%以内。", "5%以内", "percent", 0.05, "%", "<="),
    ("财政支出增长超过10%。", "超过10%", "percent", 0.1, "%", ">"),
    ("出生人口性别比控制在3.5‰。", "3.5‰", "percent", 0.0035, "%", None),
    ("约占全市的三分之一。", "三分之一", "percent", 1 / 3, "%", None),
    # money, with multipliers and thousands separators
    ("固定资产投资完成1,234.5亿元。", "1,234.5亿元", "money", 1.2345e11, "CNY", None),
    ("招商引资到位资金１２０亿元。", "１２０亿元", "money", 1.2e10, "CNY", None),
    ("投资50,000元购置设备。", "50,000元", "money", 50000.0, "CNY", None),
    ("总投资二十亿元。", "二十亿元", "money", 2e9, "CNY", None),
    ("完成三点五亿元投资。", "三点五亿元", "money", 3.5e8, "CNY", None),
    ("人均可支配收入达到4.2万元。", "4.2万元", "money", 42000.0, "CNY", None),
    ("新增贷款1.2亿美元。", "1.2亿美元", "money", 1.2e8, "USD", None),
    ("实际利用外资3亿美元以上。", "3亿美元以上", "money", 3e8, "USD", ">="),
    ("争取上级资金5亿余元。", "5亿余元", "money", 5e8, "CNY", ">"),
    ("完成投资近50亿元。", "近50亿元", "money", 5e9, "CNY", "~"),
    ("引进亿元以上项目。", "亿元以上", "money", 1e8, "CNY", ">="),
    ("新签约超亿元项目30个。", "超亿元", "money", 1e8, "CNY", ">"),
    ("全年落地超亿元以上项目。", "超亿元以上", "money", 1e8, "CNY", ">"),
    ("逾千亿元的产业集群。", "逾千亿元", "money", 1e11, "CNY", ">"),
    ("单个项目补助不超过500万元。", "不超过500万元", "money", 5e6, "CNY", "<="),
    ("民國103年度預算編列3億元。", "3億元", "money", 3e8, "TWD", None),  # a Taiwanese 元
    ("預算編列新臺幣3億元。", "3億元", "money", 3e8, "TWD", None),
    ("引进外资美金500万元。", "500万元", "money", 5e6, "USD", None),
    # areas
    ("新增耕地约2.3万亩。", "约2.3万亩", "area", 23000.0, "亩", "~"),
    ("建成区面积达到35.6平方公里。", "35.6平方公里", "area", 3.56e7, "m2", None),
    ("流转土地800公顷。", "800公顷", "area", 8e6, "m2", None),
    ("建成标准厂房8.5万平米。", "8.5万平米", "area", 85000.0, "m2", None),
    ("建设面积１，２００平方米。", "１，２００平方米", "area", 1200.0, "m2", None),
    ("建设两万亩高标准农田。", "两万亩", "area", 20000.0, "亩", None),
    # PDF text: a Kangxi radical (U+2F17 十) and a compatibility ideograph (U+F9D1 六)
    ("投资\u2f17亿元。", "\u2f17亿元", "money", 1e9, "CNY", None),
    ("新建\uf9d1个项目。", "\uf9d1个", "count", 6, "个", None),
    # counts
    ("培育规上企业50家以上。", "50家以上", "count", 50, "家", ">="),
    ("全县有各类企业三千二百家。", "三千二百家", "count", 3200, "家", None),
    ("逾300家企业入驻。", "逾300家", "count", 300, "家", ">"),
    ("新增城镇就业1.1万人以上。", "1.1万人以上", "count", 11000, "人", ">="),
    ("全年接待游客1200万人次。", "1200万人次", "count", 12000000, "人次", None),
    ("新建学校三所。", "三所", "count", 3, "所", None),
    ("新入库项目10余家。", "10余家", "count", 10, "家", ">"),
    ("培育80多个特色村。", "80多个", "count", 80, "个", ">"),
    ("吸引近千家企业参展。", "近千家", "count", 1000, "家", "~"),
    ("建成一百零五个服务站。", "一百零五个", "count", 105, "个", None),
    # ranges
    ("引进投资额1000至3000万元的项目。", "1000至3000万元", "range", [1e7, 3e7], "CNY", None),
    ("奖励5000至1亿元不等。", "5000至1亿元", "range", [5e7, 1e8], "CNY", None),
    ("建设标准厂房10-20万平方米。", "10-20万平方米", "range", [1e5, 2e5], "m2", None),
    ("新增就业5000～8000人。", "5000～8000人", "range", [5000, 8000], "人", None),
    ("每村配备一至二个网格员。", "一至二个", "range", [1, 2], "个", None),
    ("完成造林一至二万亩。", "一至二万亩", "range", [1e4, 2e4], "亩", None),
    ("单户补助三至五万元。", "三至五万元", "range", [3e4, 5e4], "CNY", None),
    ("编制2020-2025年行动计划。", "2020-2025年", "range", [2020, 2025], "year", None),
    ("保持6%-7%的增速。", "6%-7%", "range", [0.06, 0.07], "%", None),
    ("投资1.5万-2万元。", "1.5万-2万元", "range", [15000.0, 20000.0], "CNY", None),
    ("2019年至2021年集中攻坚。", "2019年至2021年", "range", [2019, 2021], "year", None),
    # dates
    ("2019年2月27日印发。", "2019年2月27日", "date", "2019-02-27", "date", None),
    ("到2025年基本建成。", "2025年", "date", 2025, "year", None),
    ("9月份完成验收。", "9月份", "date", "--09", "month", None),
    ("项目于2019年底前全部开工。", "2019年", "date", 2019, "year", None),
    ("于2023年12月底前完成。", "2023年12月", "date", "2023-12", "month", None),
    ("二〇二四年三月五日", "二〇二四年三月五日", "date", "2024-03-05", "date", None),
    ("发布：2020-03-02 10:10", "2020-03-02 10:10", "date", "2020-03-02T10:10", "datetime", None),
    ("民國103年度預算編列。", "民國103年度", "date", 2014, "year", None),
    ("113年度預算編列。", "113年度", "date", 2024, "year", None),
    ("五月中旬完成招标。", "五月", "date", "--05", "month", None),
    ("十月份开工建设。", "十月份", "date", "--10", "month", None),
    ("十二月底前完成。", "十二月", "date", "--12", "month", None),
    ("十月一日起实施。", "十月一日", "date", "--10-01", "date", None),
    ("3月上旬启动。", "3月", "date", "--03", "month", None),
    ("截至2023年末。", "2023年", "date", 2023, "year", None),
    ("二〇一九年十二月", "二〇一九年十二月", "date", "2019-12", "month", None),
    ("2024/03/05发布。", "2024/03/05", "date", "2024-03-05", "date", None),
    ("民國八十七年度預算。", "民國八十七年度", "date", 1998, "year", None),
    # placeholders
    ("新建xx家企业。", "xx家", "placeholder", None, "家", None),
    ("增长XX%以上。", "XX%以上", "placeholder", None, "%", ">="),
    ("投资xx.x亿元。", "xx.x亿元", "placeholder", None, "CNY", None),
    ("完成投资×××万元。", "×××万元", "placeholder", None, "CNY", None),
    ("于××××年×月××日签约。", "××××年×月××日", "placeholder", None, "date", None),
    ("新建×家企业。", "×家", "placeholder", None, "家", None),
    ("于xxxx年x月xx日签约。", "xxxx年x月xx日", "placeholder", None, "date", None),
    ("x-xx月完成。", "x-xx月", "placeholder", None, "month-range", None),
    # other measures
    ("PM2.5浓度控制在45微克/立方米以内。", "45微克/立方米以内", "other", 45, "微克/立方米", "<="),
    ("产值增长一点五倍。", "一点五倍", "other", 1.5, "倍", None),
    ("产值增长一倍。", "一倍", "other", 1, "倍", None),
    ("建设2×35万千瓦机组。", "35万千瓦", "other", 350000, "千瓦", None),
    ("粮食产量稳定在20亿斤以上。", "20亿斤以上", "other", 2e9, "斤", ">="),
    ("完成污水处理2.5万吨。", "2.5万吨", "other", 25000, "吨", None),
]

# more money, counts and ranges
POSITIVE += [
    ("总量突破1.5万亿元。", "1.5万亿元", "money", 1.5e12, "CNY", None),
    ("营收两千亿元。", "两千亿元", "money", 2e11, "CNY", None),
    ("引进外资3000万美元。", "3000万美元", "money", 3e7, "USD", None),
    ("新增就业1万余人。", "1万余人", "count", 10000, "人", ">"),
    ("投资约3至5亿元。", "约3至5亿元", "range", [3e8, 5e8], "CNY", "~"),
    ("吸纳约1.2万—1.5万人。", "约1.2万—1.5万人", "range", [12000, 15000], "人", "~"),
    ("力争达到30%以上。", "30%以上", "percent", 0.3, "%", ">="),
    ("培育企业20家左右。", "20家左右", "count", 20, "家", "~"),
    ("工作经验3年以上。", "3年以上", "count", 3, "年", ">="),
]

# (sentence, a span no figure may overlap)
NEGATIVE: list[tuple[str, str]] = [
    ("编制十三五规划。", "十三五"),
    ("谋划十四五时期发展。", "十四五"),
    ("到“十四五”末。", "十四五"),
    ("深入学习十九大精神。", "十九大"),
    ("贯彻党的十九届四中全会精神。", "十九届四中全会"),
    ("省委五届九次全会。", "五届九次"),
    ("第十九次全国代表大会。", "第十九次"),
    ("坚持一三五十发展思路。", "一三五十"),
    ("落实大气十条。", "大气十条"),
    ("落实水十条。", "水十条"),
    ("推进两新建设。", "两新"),
    ("建设五园一城。", "五园一城"),
    ("开展两学一做学习教育。", "两学一做"),
    ("一是加强领导。", "一是"),
    ("一要强化责任。", "一要"),
    ("（一）加强组织领导", "（一）"),
    ("1.加强组织领导", "1."),
    ("8、加强组织领导", "8、"),
    ("第一章 总则", "第一章"),
    ("第三条 本办法", "第三条"),
    ("1.1 总体要求", "1.1"),
    ("发展是第一要务。", "第一要务"),
    ("建设一批重点项目。", "一批"),
    ("一期工程投产。", "一期"),
    ("二期工程开工。", "二期"),
    ("推进长三角一体化。", "一体化"),
    ("深入生产一线。", "一线"),
    ("推动工业用地二次开发。", "二次开发"),
    ("千方百计稳就业。", "千方百计"),
    ("进一步统一思想。", "进一步"),
    ("一般性支出压减。", "一般"),
    ("三十铺镇开展试点。", "三十铺镇"),
    ("六安市开展试点。", "六安"),
    ("一本精工落户。", "一本精工"),
    ("xx工业园区管委会。", "xx"),
    ("×××同志主持会议。", "×××"),
    ("国发〔2019〕4号", "〔2019〕4号"),
    ("打造千亿级产业集群。", "千亿级"),
    ("培育十大产业链。", "十大"),
    ("PM2.5浓度持续下降。", "PM2.5"),
    ("破除城乡二元结构。", "二元"),
    ("实施一亩一策。", "一亩"),
    ("新建一所学校。", "一所"),
    ("建设5G网络。", "5G"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "unit", "cmp"), POSITIVE)
def test_figure(text: str, span: str, kind: str, value: Value, unit: str | None, cmp: str | None):
    check_figure(text, span, kind, value, unit, cmp)


@pytest.mark.parametrize(("text", "span"), NEGATIVE)
def test_not_a_figure(text: str, span: str):
    check_not_a_figure(text, span)


def test_core_excludes_the_comparators():
    text = "实际利用外资不低于3亿美元以上。"
    (f,) = extract_figures(text)
    assert text[f.core_start : f.core_end] == "3亿美元"
