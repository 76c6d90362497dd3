"""Outline cases, third round: text as reviewers get it from the web and from converters.

Written from the rules of `../shared/gold/GUIDE.md` and `GUIDE-MORE.md` and the classes of issue
12 (not from any one document): portal chrome copied with the article (buttons, share widgets,
counters, time stamps, the newspaper's name, navigation trails), metadata tables one row a line
or one cell a line, a crawler's section labels, red headers and 文号 lines above a title, titles
over two lines, tables of contents wherever they stand, tables flattened one cell per line,
figure and table captions, attachment lists, traditional-Chinese markers. Fields as in
`tests/general_cases.py`.
"""

from __future__ import annotations

import pytest

from tests.general_cases import Case, check_outline

CHROME: list[Case] = [
    Case(
        "portal copy: UI buttons and a font-size picker above the title are chrome",
        """下载
打印
全屏
收藏
关闭
【字体：大 中 小】
某市2024年国民经济和社会发展计划执行情况的报告
来源：某市发展和改革委员会
发布时间：2025-02-10 09:30
浏览次数：1024
一、2024年计划执行情况
全市地区生产总值增长5.5%，完成年度目标。
二、2025年主要任务
着力扩大有效需求，推动经济持续回升向好。
扫一扫在手机打开当前页""",
        title="某市2024年国民经济和社会发展计划执行情况的报告",
        title_line=7,
        body=11,
        boiler=[1, 2, 3, 4, 5, 6, 8, 9, 10, 15],
        heads=[(11, 1, "一、", "2024年计划执行情况"), (13, 1, "二、", "2025年主要任务")],
    ),
    Case(
        "buttons on one line, a newspaper's name and a time stamp are never title or heading",
        """下载 打印 全屏 收藏 关闭
人民日报
2026年02月10日 07时41分
某省2026年政府工作报告（摘要）
——2026年1月20日在某省第十四届人民代表大会第五次会议上
省长　张三
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
一、2025年工作回顾
过去一年，全省经济运行稳中有进。
二、2026年工作安排
今年全省经济社会发展的主要预期目标是地区生产总值增长5%左右。
分享到：
微信
微博
QQ空间
返回顶部
【打印本页】【关闭窗口】""",
        title="某省2026年政府工作报告（摘要）",
        title_line=4,
        body=7,
        boiler=[1, 2, 3, 5, 6, 13, 14, 15, 16, 17, 18],
        heads=[(9, 1, "一、", "2025年工作回顾"), (11, 1, "二、", "2026年工作安排")],
    ),
    Case(
        "a newspaper line with its page and date, and a share bar under the title",
        """《经济日报》（2025年03月06日　第05版）
某县推进县域商业体系建设的实施方案
分享到：微信 微博 QQ空间
为加快补齐县域商业短板，制定本方案。
一、工作目标
到2025年，建成一批县级物流配送中心。
二、重点任务
改造提升乡镇商贸中心。""",
        title="某县推进县域商业体系建设的实施方案",
        title_line=2,
        body=4,
        boiler=[1, 3],
        heads=[(5, 1, "一、", "工作目标"), (7, 1, "二、", "重点任务")],
    ),
    Case(
        "a news article: reporters' byline under the title, the source in parentheses at the end",
        """某市召开2025年优化营商环境大会
本报记者　张三　李四
2025年02月10日 07时41分
2月9日，某市召开2025年优化营商环境大会，部署全年重点任务。
一、持续深化改革
全面推行“高效办成一件事”。
二、强化法治保障
健全涉企执法监督机制。
（来源：某市日报）
责任编辑：王五""",
        title="某市召开2025年优化营商环境大会",
        title_line=1,
        body=4,
        boiler=[2, 3, 9, 10],
        heads=[(5, 1, "一、", "持续深化改革"), (7, 1, "二、", "强化法治保障")],
    ),
    Case(
        "a Taiwan portal's page: traditional keys and buttons are chrome",
        """首頁 > 政府資訊公開 > 施政計畫
友善列印　回上一頁
某縣114年度施政計畫
發布日期：2025-01-10
資料來源：某縣政府主計處
點閱次數：356
壹、施政目標
落實縣政建設，提升縣民福祉。
貳、年度施政計畫
推動地方創生與產業升級。""",
        title="某縣114年度施政計畫",
        title_line=3,
        body=7,
        boiler=[1, 2, 4, 5, 6],
        heads=[(7, 1, "壹、", "施政目標"), (9, 1, "貳、", "年度施政計畫")],
    ),
    Case(
        "a breadcrumb trail and an issuer-with-time-stamp line are chrome",
        """首页 > 政务公开 > 规划计划 > 专项规划
某区2024年工作总结
某区人民政府办公室 2024-12-30 10:15
一、主要工作
全年完成固定资产投资120亿元。
二、存在问题
产业结构仍需优化。
返回顶部""",
        title="某区2024年工作总结",
        title_line=2,
        body=4,
        boiler=[1, 3, 8],
        heads=[(4, 1, "一、", "主要工作"), (6, 1, "二、", "存在问题")],
    ),
    Case(
        "当前位置 trail, then a page whose keys are bulleted or bold (a policy database)",
        """当前位置：首页 » 政策文件
某市加快发展新质生产力的若干措施
- 发文机关：某市人民政府办公室
- 成文日期：2024-06-01
**文号**：某政办发〔2024〕12号
一、培育壮大新兴产业
支持企业建设智能工厂。
二、加快传统产业升级
推动制造业数字化转型。""",
        title="某市加快发展新质生产力的若干措施",
        title_line=2,
        body=6,
        boiler=[1, 3, 4, 5],
        heads=[(6, 1, "一、", "培育壮大新兴产业"), (8, 1, "二、", "加快传统产业升级")],
    ),
]

METADATA: list[Case] = [
    Case(
        "metadata table one cell per line: key cells, their values, then the title",
        """索 引 号：
11330000002482870P/2024-00123
主题分类：
统计公报
发文机关：
某县统计局
成文日期：
2024-03-15
公开方式：
主动公开
公开时限：
常年公开
公开范围：
面向全社会
某县2023年国民经济和社会发展统计公报
访问量：1632
某县统计局　国家统计局某县调查队
（2024年3月）
2023年，全县上下团结奋进，经济运行稳中向好。
一、综合
全年实现地区生产总值262.6亿元，比上年增长5.3%。
二、农业
全年粮食产量25.9万吨。""",
        title="某县2023年国民经济和社会发展统计公报",
        title_line=15,
        body=19,
        boiler=[*range(1, 15), 16, 17, 18],
        heads=[(20, 1, "一、", "综合"), (22, 1, "二、", "农业")],
    ),
    Case(
        "key cells without colons, and labels unknown to the parser among them",
        """索引号
0123/2024-0456
信息分类
规划计划
公开时限：
长期公开
所属专题：
乡村振兴
某镇2024年乡村振兴工作计划
一、总体目标
全面推进乡村振兴，建设宜居宜业和美乡村。
二、主要措施
发展特色产业，壮大集体经济。""",
        title="某镇2024年乡村振兴工作计划",
        title_line=9,
        body=10,
        boiler=list(range(1, 9)),
        heads=[(10, 1, "一、", "总体目标"), (12, 1, "二、", "主要措施")],
    ),
    Case(
        "a metadata value or an index number is never the title",
        """主动公开
0123456789A/2024-0001
某县2024年优化营商环境工作要点
一、深化改革
全面推行证照分离改革。
二、提升服务
推进政务服务一网通办。""",
        title="某县2024年优化营商环境工作要点",
        title_line=3,
        body=4,
        heads=[(4, 1, "一、", "深化改革"), (6, 1, "二、", "提升服务")],
    ),
    Case(
        "a related-article key cell after the title: its value repeats the title",
        """某市2023年统计公报
访问量：2487
关联稿件：
某市2023年统计公报[1]
某市统计局　国家统计局某市调查队
2024年3月28日
2023年，全市经济持续回升向好。
一、综合
全年地区生产总值增长4.7%。""",
        title="某市2023年统计公报",
        title_line=1,
        body=7,
        boiler=[2, 3, 4, 5, 6],
        heads=[(8, 1, "一、", "综合")],
    ),
    Case(
        "bracketed keys of a policy database and the 函 wrapping the plan",
        """[主题分类] 农业、林业、水利
[发文机构] 某市农业农村局
[成文日期] 2025-05-21
[发文字号] 某农函〔2025〕9号
[有效性] 现行有效
某市农业农村局关于印发《某市2025年耕地地力保护补贴实施方案》的函
某农函〔2025〕9号
各区农业农村局：
现将《某市2025年耕地地力保护补贴实施方案》印发给你们，请认真组织实施。
某市农业农村局
2025年5月21日
（此件主动公开）
某市2025年耕地地力保护补贴实施方案
为做好耕地地力保护补贴工作，制定本方案。
一、总体要求
以保障国家粮食安全为总目标。
二、补贴对象
补贴对象为拥有耕地承包权的种地农民。""",
        title="某市2025年耕地地力保护补贴实施方案",
        title_line=13,
        body=14,
        boiler=list(range(1, 13)),
        heads=[(15, 1, "一、", "总体要求"), (17, 1, "二、", "补贴对象")],
    ),
    Case(
        "a metadata table one cell per line at the page end, after the last section",
        """某县2024年优化营商环境工作方案
一、工作目标
营商环境便利度持续提升。
二、保障措施
加强组织领导，强化督查考核。
索引号：
0123/2024-0456
发文机关：
某县人民政府办公室
成文日期：
2024-03-01
主动公开""",
        title="某县2024年优化营商环境工作方案",
        boiler=[6, 7, 8, 9, 10, 11, 12],
        heads=[(2, 1, "一、", "工作目标"), (4, 1, "二、", "保障措施")],
    ),
    Case(
        "the label of a metadata table does not swallow a salutation",
        """来源：某市人民政府
各位代表：
现在，我代表市人民政府向大会报告工作，请予审议。
一、过去一年工作回顾
全市经济运行稳中向好。""",
        title=None,
        body=2,
        boiler=[1],
        heads=[(4, 1, "一、", "过去一年工作回顾")],
    ),
]

CRAWLER: list[Case] = [
    Case(
        "crawler markdown: ## 基本信息 with bulleted rows and ## 政策全文 are boilerplate",
        """# 某县关于推进数字乡村建设的实施意见
## 基本信息
- 发文机关：某县人民政府办公室
- 成文日期：2024-06-01
- 文号：某政办发〔2024〕12号
## 政策全文
各乡镇人民政府，县直各单位：
为加快推进数字乡村建设，提出如下意见。
## 一、总体要求
到2025年，数字乡村建设取得重要进展。
## 二、重点任务
### （一）加快乡村信息基础设施建设
推进光纤网络和5G网络向行政村延伸。""",
        title="某县关于推进数字乡村建设的实施意见",
        title_line=1,
        body=8,
        boiler=[2, 3, 4, 5, 6, 7],
        heads=[
            (9, 1, "## 一、", "总体要求"),
            (11, 1, "## 二、", "重点任务"),
            (12, 2, "### （一）", "加快乡村信息基础设施建设"),
        ],
    ),
    Case(
        "a lone 正文 label above the plan does not push it a level down",
        """某市2024年工作要点
发布日期：2024-01-05
正文
一、总体要求
全面贯彻党的二十大精神。
二、重点任务
推动产业转型升级。""",
        title="某市2024年工作要点",
        body=4,
        boiler=[2, 3],
        heads=[(4, 1, "一、", "总体要求"), (6, 1, "二、", "重点任务")],
    ),
    Case(
        "## 政策全文 before the title line",
        """## 政策全文
某区2024年促进消费工作方案
一、工作目标
全年社会消费品零售总额增长6%。
二、主要措施
开展促消费系列活动。""",
        title="某区2024年促进消费工作方案",
        title_line=2,
        body=3,
        boiler=[1],
        heads=[(3, 1, "一、", "工作目标"), (5, 1, "二、", "主要措施")],
    ),
    Case(
        "## 原文 in the body, after an interpretation part, is boilerplate",
        """# 某市优化营商环境条例解读
## 一、出台背景
优化营商环境是激发市场活力的重要举措。
## 二、主要内容
条例共七章六十条。
## 原文
## 一、总则
为了持续优化营商环境，制定本条例。""",
        title="某市优化营商环境条例解读",
        boiler=[6],
        not_heads=[6],
        some_heads=[(2, 1, "## 一、", "出台背景"), (7, 1, "## 一、", "总则")],
    ),
]

TITLES: list[Case] = [
    Case(
        "a 文号 line first, then the title",
        """某政发〔2024〕3号
某县人民政府关于加快推进乡村振兴的实施意见
各乡镇人民政府，县直各单位：
为全面推进乡村振兴，提出如下意见。
一、总体要求
坚持农业农村优先发展。
二、重点任务
发展乡村特色产业。""",
        title="某县人民政府关于加快推进乡村振兴的实施意见",
        title_line=2,
        body=4,
        boiler=[1, 3],
        heads=[(5, 1, "一、", "总体要求"), (7, 1, "二、", "重点任务")],
    ),
    Case(
        "a red header over two lines (issuer, letter-spaced 文 件), 文号, a wrapped notice title",
        """某市人民政府
办 公 厅 文 件
某府办〔2016〕71号
某市人民政府办公厅关于印发某市
科学技术发展“十三五”专项规划的通知
各县、区人民政府，市人民政府各部门：
《某市科学技术发展“十三五”专项规划》已经市人民政府同意，现印发给你们，请认真组织实施。
2016年11月23日
某市科学技术发展“十三五”规划
“十三五”时期，是某市实现率先发展的关键阶段。
第一章　发展基础
“十二五”期间，全市科技实力显著增强。
第二章　发展目标
到2020年，建成创新型城市。""",
        title="某市科学技术发展“十三五”规划",
        title_line=9,
        body=10,
        boiler=list(range(1, 9)),
        heads=[(11, 1, "第一章", "发展基础"), (13, 1, "第二章", "发展目标")],
    ),
    Case(
        "a one-line red header and the 文号 above a notice; the plan's own title (two lines) "
        "is the title",
        """某省农业农村厅文件
某农发〔2024〕15号
某省农业农村厅关于印发《2024—2026年某省
农机购置与应用补贴实施方案》的通知
各市县农业农村局：
现将《2024—2026年某省农机购置与应用补贴实施方案》印发给你们，请认真贯彻执行。
某省农业农村厅
2024年5月6日
2024—2026年某省
农机购置与应用补贴实施方案
为贯彻落实国家农机购置与应用补贴政策，制定本方案。
一、总体要求
坚持稳定实施、公平公开。
二、补贴范围
补贴机具种类范围见附件。""",
        title="2024—2026年某省农机购置与应用补贴实施方案",
        title_line=9,
        body=11,
        boiler=list(range(1, 9)),
        heads=[(12, 1, "一、", "总体要求"), (14, 1, "二、", "补贴范围")],
    ),
    Case(
        "an issuing body's line above the title is not the title",
        """某市人民政府
关于加快建设现代化产业体系的实施意见
各区人民政府，市政府各部门：
为加快建设现代化产业体系，提出如下意见。
一、总体要求
坚持把发展经济的着力点放在实体经济上。""",
        title="关于加快建设现代化产业体系的实施意见",
        title_line=2,
        body=4,
        boiler=[1, 3],
        heads=[(5, 1, "一、", "总体要求")],
    ),
    Case(
        "a report's title over two lines (a blank between), its byline under it",
        """决胜全面建成小康社会

夺取新时代某某事业伟大胜利

——在某某第十九次代表大会上的报告

（2017年10月18日）

同志们：
现在，我代表委员会向大会作报告。
一、过去五年的工作和历史性变革
过去五年，经济建设取得重大成就。""",
        title="决胜全面建成小康社会夺取新时代某某事业伟大胜利",
        title_line=1,
        body=9,
        boiler=[5, 7],
        heads=[(11, 1, "一、", "过去五年的工作和历史性变革")],
    ),
    Case(
        "a document that is an annex opens with its label: the title is the text after it",
        """附件肆、計畫書格式
撰寫說明
一、請以A4規格紙張直式橫書，並編頁碼。
二、表格長度如不敷使用時，請自行調整。""",
        title="計畫書格式",
        title_line=1,
        body=2,
    ),
    Case(
        "the issuing bodies under a title, side by side, are front matter",
        """某县2023年国民经济和社会发展统计公报
某县统计局　　国家统计局某县调查队
2023年，全县经济运行稳中向好。
一、综合
全年地区生产总值增长5.3%。""",
        title="某县2023年国民经济和社会发展统计公报",
        body=3,
        boiler=[2],
        heads=[(4, 1, "一、", "综合")],
    ),
    Case(
        "a cover's year-month date under the title is front matter",
        """某区工业和信息化发展“十四五”规划
2021年11月
前言
本规划是指导全区工业发展的行动纲领。
第一章　发展基础
全区工业总产值突破千亿元。""",
        title="某区工业和信息化发展“十四五”规划",
        body=3,
        boiler=[2],
        heads=[(3, 1, "", "前言"), (5, 1, "第一章", "发展基础")],
    ),
]

CONTENTS: list[Case] = [
    Case(
        "contents with page numbers on lines of their own; a 前言 it does not list is body",
        """某区工业和信息化发展“十四五”规划
目　录
第一章　发展基础
3
一、发展成就
3
第二章　主要任务
8
一、壮大主导产业
8
前　言
本规划是指导全区工业发展的行动纲领。
第一章　发展基础
一、发展成就
全区工业总产值突破千亿元。
第二章　主要任务
一、壮大主导产业
做大做强电子信息产业。""",
        title="某区工业和信息化发展“十四五”规划",
        body=11,
        boiler=list(range(2, 11)),
        heads=[
            (11, 1, "", "前　言"),
            (13, 1, "第一章", "发展基础"),
            (14, 2, "一、", "发展成就"),
            (16, 1, "第二章", "主要任务"),
            (17, 2, "一、", "壮大主导产业"),
        ],
    ),
    Case(
        "a table of contents before an annex, in the middle of the document",
        """某市“十二五”工业发展规划
一、发展基础
全市工业实力明显增强。
二、保障措施
加强组织领导。
附件
某市“十二五”工业重大项目
目　　录
1.食品工业………………………………（116）
2.石化工业………………………………（125）
3.汽车工业………………………………（132）
一、食品工业
新建一批农产品加工项目。
二、石化工业
推进炼化一体化项目。""",
        boiler=[6, 8, 9, 10, 11],
        not_heads=[8, 9, 10, 11],
        heads=[
            (2, 1, "一、", "发展基础"),
            (4, 1, "二、", "保障措施"),
            (7, 1, "", "某市“十二五”工业重大项目"),
            (12, 2, "一、", "食品工业"),
            (14, 2, "二、", "石化工业"),
        ],
    ),
    Case(
        "Traditional 目 錄 with dotted entries and page ranges",
        """某縣113年度施政計畫
目　錄
壹、施政目標……………………1
貳、年度施政計畫………………3－5
參、預算概要……………………6
壹、施政目標
落實縣政建設，提升縣民福祉。
貳、年度施政計畫
推動地方創生。
參、預算概要
本年度歲出預算計新臺幣120億元。""",
        title="某縣113年度施政計畫",
        body=6,
        boiler=[2, 3, 4, 5],
        heads=[
            (6, 1, "壹、", "施政目標"),
            (8, 1, "貳、", "年度施政計畫"),
            (10, 1, "參、", "預算概要"),
        ],
    ),
    Case(
        "a label naming what it lists (計畫書目錄) over entries with placeholder pages",
        """計畫書格式
撰寫說明
請依本格式撰寫計畫書，並編頁碼。
計畫書目錄
壹、計畫參與者介紹……○○
貳、計畫內容與實施方法……○○
參、計畫經費需求……○○
壹、計畫參與者介紹
本計畫由甲公司主導，乙公司參與。
貳、計畫內容與實施方法
說明計畫緣起與產業痛點。
參、計畫經費需求
本計畫總經費新臺幣1,000千元。""",
        boiler=[4, 5, 6, 7],
        not_heads=[5, 6, 7],
        some_heads=[(8, 1, "壹、", "計畫參與者介紹"), (12, 1, "參、", "計畫經費需求")],
    ),
    Case(
        "a list titled …目录 without page references is no table of contents",
        """某市2024年产业发展指导目录
一、鼓励类
新一代信息技术产业。
二、限制类
高耗能高排放项目。""",
        title="某市2024年产业发展指导目录",
        heads=[(2, 1, "一、", "鼓励类"), (4, 1, "二、", "限制类")],
    ),
    Case(
        "the list of headings repeated before the body, without a 目录 label",
        """某县2024年人才工作要点
一、总体要求
二、重点任务
三、保障措施
一、总体要求
坚持党管人才原则，深入实施人才强县战略。
二、重点任务
实施高层次人才引进计划。
三、保障措施
加强组织领导。""",
        title="某县2024年人才工作要点",
        body=5,
        boiler=[2, 3, 4],
        heads=[
            (5, 1, "一、", "总体要求"),
            (7, 1, "二、", "重点任务"),
            (9, 1, "三、", "保障措施"),
        ],
    ),
    Case(
        "entries with garbled page references (`1第 頁`) still end at the repeated heading",
        """某市政府主計處單位預算
目　次
一、預算總說明 1第 頁
二、主要表 7第 頁
一、預算總說明
（一）機關主要職掌
本處掌理本市歲計、會計、統計事宜。""",
        body=5,
        boiler=[2, 3, 4],
        some_heads=[(5, 1, "一、", "預算總說明")],
    ),
]

ANNEXES: list[Case] = [
    Case(
        "an appended part's title wrapped over two lines is one heading",
        """某省农机购置与应用补贴实施方案
一、实施范围
补贴范围覆盖全省。
二、保障措施
加强监管，严惩违规。
附件
2024—2026年某省
农机购置与应用补贴机具种类范围
（21大类40个小类91个品目）
1.耕整地机械
1.1 耕地机械
1.1.1 犁
1.1.2 旋耕机
2.种植施肥机械
2.1 播种机械
2.1.1 穴播机""",
        boiler=[6],
        heads=[
            (2, 1, "一、", "实施范围"),
            (4, 1, "二、", "保障措施"),
            (7, 1, "", "2024—2026年某省农机购置与应用补贴机具种类范围"),
            (10, 2, "1.", "耕整地机械"),
            (11, 3, "1.1", "耕地机械"),
            (12, 4, "1.1.1", "犁"),
            (13, 4, "1.1.2", "旋耕机"),
            (14, 2, "2.", "种植施肥机械"),
            (15, 3, "2.1", "播种机械"),
            (16, 4, "2.1.1", "穴播机"),
        ],
    ),
    Case(
        "an appended part's title followed by a 说明 part: not one title",
        """某市工业发展规划
一、发展目标
全市工业增加值年均增长8%。
附件
某市工业重大项目汇总
说明
本附件所列项目共120个，总投资500亿元。
一、投资结构
战略性新兴产业项目投资占比18%。""",
        not_heads=[4],
        some_heads=[(5, 1, "", "某市工业重大项目汇总")],
    ),
]

TABLES: list[Case] = [
    Case(
        "a flattened table whose long cells (descriptions, scoring rules) stand between short "
        "ones: the header row and the column of repeated 定量 make it a table, not parts",
        """某县2024年高质量发展综合绩效评价方案
为推动高质量发展，制定本方案。
一级指标
指标说明
指标性质
评分标准
经济发展
反映全县经济增长速度和质量效益的综合指标，按地区生产总值增速计算。
定量
增速高于全市平均水平的得满分，每低0.1个百分点扣0.5分。
创新驱动
反映全县科技创新投入水平，按研发经费支出占地区生产总值比重计算。
定量
达到年度目标值的得满分，每低0.1个百分点扣1分。
绿色发展
反映全县节能降耗成效，按单位地区生产总值能耗降低率计算。
定量
完成年度目标的得满分，未完成的不得分。
民生福祉
反映全县就业和社会保障水平，按城镇新增就业人数计算。
定性
完成年度目标任务的得满分，未完成的按比例扣分。
一、评价对象
各乡镇人民政府和县直有关单位。
二、评价方法
采用定量评价与定性评价相结合的方法。""",
        not_heads=list(range(3, 23)),
        heads=[(23, 1, "一、", "评价对象"), (25, 1, "二、", "评价方法")],
    ),
    Case(
        "indicator table one cell per line: header cells and repeated 预期性 are no headings",
        """某县国民经济和社会发展第十四个五年规划纲要
“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年。
一级指标
二级指标
指标性质
经济发展
地区生产总值年均增长（%）
预期性
人均地区生产总值（元）
预期性
民生福祉
城镇调查失业率（%）
约束性
居民人均可支配收入增长（%）
预期性
第一章　发展基础
“十三五”时期，全县经济实力显著增强。
第二章　发展目标
到2025年，综合实力迈上新台阶。""",
        not_heads=list(range(3, 16)),
        heads=[(16, 1, "第一章", "发展基础"), (18, 1, "第二章", "发展目标")],
    ),
    Case(
        "a task table whose only evidence is a value repeated down its column",
        """某市2024年重点工作任务分解方案
为抓好重点工作落实，现将任务分解如下。
推进产业升级
市发改委
定量
扩大有效投资
市发改委
定量
优化营商环境
市政务服务局
定性
加强生态保护
市生态环境局
定量
一、组织保障
各责任单位要加强组织领导，确保任务落实。
二、督查考核
市政府督查室定期通报进展。""",
        not_heads=list(range(3, 15)),
        heads=[(15, 1, "一、", "组织保障"), (17, 1, "二、", "督查考核")],
    ),
    Case(
        "a header row with units (`投资额（亿元）`) and numbered row labels inside the table",
        """某区2024年重大项目建设计划
全年安排重大项目50个，总投资300亿元。
序号
项目名称
投资额（亿元）
1.
某某产业园
12
2.
某某物流园
8
一、保障措施
加强要素保障，优化审批流程。""",
        not_heads=list(range(3, 12)),
        heads=[(12, 1, "一、", "保障措施")],
    ),
]

CAPTIONS: list[Case] = [
    Case(
        "traditional figure captions (圖 7-2 …示意圖) and an unnumbered …示意圖 are no headings",
        """某市國土空間總體規劃
第七章　綜合交通
構建一環八射的高速公路網絡。
圖 7-2 某市綜合交通規劃示意圖
第一節　對外交通
加快建設城際鐵路。
城市空間結構示意圖
第二節　城市道路
完善城市快速路網絡。""",
        not_heads=[4, 7],
        heads=[
            (2, 1, "第七章", "綜合交通"),
            (5, 2, "第一節", "對外交通"),
            (8, 2, "第二節", "城市道路"),
        ],
    ),
    Case(
        "table captions 表1-1 and 表 2 are no headings",
        """某县2023年统计公报
一、综合
全年地区生产总值增长5.3%。
表1-1　2023年主要经济指标
全年居民消费价格上涨0.5%。
二、农业
全年粮食产量25.9万吨。
表 2　2023年主要农产品产量
全年猪牛羊禽肉产量增长4.2%。""",
        not_heads=[4, 8],
        heads=[(2, 1, "一、", "综合"), (6, 1, "二、", "农业")],
    ),
]

ATTACHMENTS: list[Case] = [
    Case(
        "a closing 附件： label with full-width numbered items on their own lines",
        """某县人民政府关于加快发展数字经济的实施意见
各乡镇人民政府，县直各单位：
为加快发展数字经济，提出如下意见。
一、总体要求
到2025年，数字经济增加值占地区生产总值比重达到30%。
二、保障措施
加强组织领导，强化要素保障。
附件：
１．某县数字经济重点项目表
２．某县数字经济重点任务分工表
３．某县数字经济发展指标体系
某县人民政府
2024年3月1日""",
        boiler=[8, 9, 10, 11, 12, 13],
        heads=[(4, 1, "一、", "总体要求"), (6, 1, "二、", "保障措施")],
    ),
    Case(
        "a 附件 label without a colon, its items, then the signature and date",
        """某市2024年工作要点
一、总体要求
全面贯彻党的二十大精神。
二、保障措施
加强组织领导。
附件
1.某市2024年重点项目清单
2.某市2024年民生实事清单
某市人民政府办公室
2024年1月15日""",
        boiler=[6, 7, 8, 9, 10],
        heads=[(2, 1, "一、", "总体要求"), (4, 1, "二、", "保障措施")],
    ),
    Case(
        "an appended part (附件1 over its title and body) still opens a part",
        """某市2024年工作要点
一、总体要求
全面贯彻党的二十大精神。
附件1
某市2024年民生实事
1.新建幼儿园5所，新增学位2000个。
2.改造老旧小区30个。""",
        boiler=[4],
        heads=[
            (2, 1, "一、", "总体要求"),
            (5, 1, "", "某市2024年民生实事"),
            (6, 2, "1.", "新建幼儿园5所，新增学位2000个"),
            (7, 2, "2.", "改造老旧小区30个"),
        ],
    ),
]

TRADITIONAL: list[Case] = [
    Case(
        "traditional 第X章 > 第X條 clauses",
        """某某計畫申請須知
第一章　總則
第一條　為推動產業升級，特訂定本須知。
第二條　本須知所稱主管機關為經濟部。
第二章　申請資格
第三條　申請者應為依法設立之公司。""",
        title="某某計畫申請須知",
        heads=[
            (2, 1, "第一章", "總則"),
            (3, 2, "第一條", "為推動產業升級，特訂定本須知"),
            (4, 2, "第二條", "本須知所稱主管機關為經濟部"),
            (5, 1, "第二章", "申請資格"),
            (6, 2, "第三條", "申請者應為依法設立之公司"),
        ],
    ),
    Case(
        "a parenthesised line above the title (a cover's period) is never the title",
        """（自115年1月1日起至115年12月31日止）
某縣政府主計處單位預算
壹、預算總說明
本處掌理本縣歲計、會計、統計事宜。""",
        title="某縣政府主計處單位預算",
        title_line=2,
        body=3,
        boiler=[1],
        heads=[(3, 1, "壹、", "預算總說明")],
    ),
    Case(
        "a traditional issuer's line (…處) and a fiscal year above the title are skipped",
        """某縣政府主計處
中華民國 115 年度
某縣政府主計處單位預算
壹、預算總說明
本處掌理本縣歲計、會計、統計事宜。""",
        title="某縣政府主計處單位預算",
        title_line=3,
        body=4,
        boiler=[1, 2],
        heads=[(4, 1, "壹、", "預算總說明")],
    ),
    Case(
        "a fiscal-year line and a page code under a budget's title are front matter",
        """某市政府主計處單位預算
中華民國 115 年度
1-31
壹、預算總說明
本處掌理本市歲計、會計、統計事宜。
貳、歲入預算
本年度歲入預算1,000千元。""",
        title="某市政府主計處單位預算",
        body=4,
        boiler=[2, 3],
        heads=[(4, 1, "壹、", "預算總說明"), (6, 1, "貳、", "歲入預算")],
    ),
]

NUMBERING: list[Case] = [
    Case(
        "a statistical bulletin numbering its parts 01, 02 … glued to the title",
        """某省2022年国民经济和社会发展统计公报
2022年，全省经济运行总体平稳。
01综合
初步核算，全年地区生产总值32074.7亿元，比上年增长4.7%。
表1　2022年年末常住人口数及其构成
02农业
全年粮食产量2151.9万吨，比上年减产1.8%。
03工业和建筑业
全年全部工业增加值11770.3亿元，比上年增长5.5%。""",
        title="某省2022年国民经济和社会发展统计公报",
        heads=[
            (3, 1, "01", "综合"),
            (6, 1, "02", "农业"),
            (8, 1, "03", "工业和建筑业"),
        ],
    ),
    Case(
        "without a padded 01, a figure glued to a short line is no marker: the parts stay",
        """某区2024年民生工作报告
2024年，全区民生投入持续加大。
15分钟生活圈建设
全年新建社区服务中心12个，覆盖率达到95%。
10大民生工程
全年实施教育、医疗、养老等民生工程，完成投资50亿元。""",
        some_heads=[(3, 1, "", "15分钟生活圈建设"), (5, 1, "", "10大民生工程")],
    ),
    Case(
        "a glossary label 注解： over entries defining terms is a part; its entries sit under it",
        """某市2021年社会性别统计报告
一、人口特征
2021年末全市常住人口1768万人。
二、就业
全市城镇新增就业人员15万人。
注解：
1.人口性别比：指报告期末，男性人数与女性人数之比。
2.城镇登记失业率：指城镇登记失业人数占城镇从业人员总数的比重。""",
        heads=[
            (2, 1, "一、", "人口特征"),
            (4, 1, "二、", "就业"),
            (6, 1, "", "注解"),
            (7, 2, "1.", "人口性别比"),
            (8, 2, "2.", "城镇登记失业率"),
        ],
    ),
    Case(
        "notes under 注释： that define nothing keep 注释： a label; the notes sit under the last "
        "section",
        """某县2022年统计公报
一、综合
全年地区生产总值增长5.3%。
二、农业
全年粮食产量25.9万吨。
注释：
1.本公报中数据均为初步统计数，最后以年报核定数据为准。
2.地区生产总值按现价计算，增长速度按不变价格计算。""",
        not_heads=[6],
        heads=[
            (2, 1, "一、", "综合"),
            (4, 1, "二、", "农业"),
            (7, 2, "1.", "本公报中数据均为初步统计数，最后以年报核定数据为准"),
            (8, 2, "2.", "地区生产总值按现价计算，增长速度按不变价格计算"),
        ],
    ),
]

CASES = CHROME + METADATA + CRAWLER + TITLES + CONTENTS + ANNEXES + TABLES + CAPTIONS
CASES += ATTACHMENTS + TRADITIONAL + NUMBERING


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_realworld_case(case: Case) -> None:
    check_outline(case)
