"""The labelled questions: report, answering fact and the question as an analyst asks it."""

# {placeholders} in a question are filled from the report's facts (product names, cities).

from __future__ import annotations

QUESTIONS: list[tuple[str, str, str]] = [
    # Acme Robotics, annual report FY2025 (PDF, English)
    (
        "acme_robotics_fy2025_annual_report",
        "gm",
        "What was Acme Robotics' FY2025 gross margin (%)?",
    ),
    (
        "acme_robotics_fy2025_annual_report",
        "headcount",
        "How many people did Acme Robotics employ at the end of fiscal 2025?",
    ),
    (
        "acme_robotics_fy2025_annual_report",
        "product0_date",
        "When did Acme Robotics launch the R1:70B picking controller?",
    ),
    (
        "acme_robotics_fy2025_annual_report",
        "product2_price",
        "What list price did Acme Robotics put on the Cortex-9.4 vision kit?",
    ),
    (
        "acme_robotics_fy2025_annual_report",
        "plant1_city",
        "Where is the Acme Robotics plant that builds autonomous mobile robots (FY2025 report)?",
    ),
    (
        "acme_robotics_fy2025_annual_report",
        "guide_lo",
        "What revenue growth range is Acme Robotics guiding to for FY2026?",
    ),
    # 华东新能源 2024 年度报告 (PDF, Simplified)
    ("huadong_xinnengyuan_2024_annual_report", "revenue", "华东新能源2024年营收规模有多大？"),
    ("huadong_xinnengyuan_2024_annual_report", "gm", "华东新能源2024年的综合毛利率（%）是多少？"),
    (
        "huadong_xinnengyuan_2024_annual_report",
        "plant0_cap",
        "华东新能源{plant0_city}基地一年能生产多少套动力电芯？",
    ),
    (
        "huadong_xinnengyuan_2024_annual_report",
        "dps",
        "华东新能源2024年度分红方案：每股派多少现金？",
    ),
    (
        "huadong_xinnengyuan_2024_annual_report",
        "backlog",
        "2024年底华东新能源手里还有多少订单没交付？",
    ),
    # 聯華光電 2025 年報 (PDF, Traditional)
    ("lianhua_guangdian_2025_annual_report", "om", "聯華光電2025年的營業利益率是多少？"),
    ("lianhua_guangdian_2025_annual_report", "cfo", "聯華光電2025年報中的財務長是哪位？"),
    (
        "lianhua_guangdian_2025_annual_report",
        "product1_date",
        "聯華光電的{product1_name}是哪一天推出的？",
    ),
    ("lianhua_guangdian_2025_annual_report", "rd", "聯華光電2025年研發支出占營收幾成？"),
    # Northwind Biologics, research note FY2024 (Word, English)
    (
        "northwind_biologics_fy2024_research_note",
        "ceo",
        "Who was running Northwind Biologics as CEO in FY2024?",
    ),
    (
        "northwind_biologics_fy2024_research_note",
        "cust",
        "How dependent was Northwind Biologics on its biggest customer in FY2024 (% of sales)?",
    ),
    (
        "northwind_biologics_fy2024_research_note",
        "seg1_rev",
        "What revenue did Northwind Biologics' Diagnostics segment book in FY2024?",
    ),
    (
        "northwind_biologics_fy2024_research_note",
        "q3_orders",
        "Northwind Biologics: orders received in Q3 FY2024, USD m?",
    ),
    (
        "northwind_biologics_fy2024_research_note",
        "patents",
        "How many patent applications did Northwind Biologics file in fiscal 2024?",
    ),
    (
        "northwind_biologics_fy2024_research_note",
        "capex",
        "What's Northwind Biologics' FY2024 capex in USD millions?",
    ),
    # 江南智造 2025 年度业绩点评 (Word, Simplified)
    ("jiangnan_zhizao_2025_research_note", "net_profit", "江南智造2025年归母净利润多少亿元？"),
    ("jiangnan_zhizao_2025_research_note", "seg2_margin", "江南智造智能物流业务的毛利率有多高？"),
    ("jiangnan_zhizao_2025_research_note", "q4_rev", "江南智造2025年Q4单季收入是多少？"),
    (
        "jiangnan_zhizao_2025_research_note",
        "product0_price",
        "江南智造{product0_name}卖多少钱一台？",
    ),
    # 宏達精密 2024 年度營運分析報告 (Word, Traditional)
    ("hongda_jingmi_2024_research_note", "growth", "宏達精密2024年營收年增率為何？"),
    (
        "hongda_jingmi_2024_research_note",
        "plant2_cap",
        "宏達精密{plant2_city}廠每年可以產出多少組？",
    ),
    ("hongda_jingmi_2024_research_note", "seg0_rev", "宏達精密傳動元件部門2024年營收多少？"),
    ("hongda_jingmi_2024_research_note", "capex", "宏達精密2024年花了多少錢在資本支出上？"),
    # Helios Grid Storage, investor presentation FY2025 (PowerPoint, English)
    (
        "helios_grid_storage_fy2025_investor_deck",
        "revenue",
        "Helios Grid Storage FY2025 revenue (USD m)?",
    ),
    (
        "helios_grid_storage_fy2025_investor_deck",
        "cfo",
        "Who is the CFO of Helios Grid Storage, per the FY2025 investor day?",
    ),
    (
        "helios_grid_storage_fy2025_investor_deck",
        "backlog",
        "How big was Helios Grid Storage's order book at the end of FY2025?",
    ),
    (
        "helios_grid_storage_fy2025_investor_deck",
        "seg0_margin",
        "What margin did Helios Grid Storage earn on utility-scale storage in FY2025?",
    ),
    (
        "helios_grid_storage_fy2025_investor_deck",
        "product0_date",
        "When did Helios Grid Storage start selling the HG-450:2C rack?",
    ),
    (
        "helios_grid_storage_fy2025_investor_deck",
        "dps",
        "What dividend per share did Helios Grid Storage's board propose for FY2025?",
    ),
    # 北辰半导体 2025 年投资者交流会 (PowerPoint, Simplified)
    ("beichen_semiconductor_2025_investor_deck", "growth", "北辰半导体2025年收入增速是多少？"),
    ("beichen_semiconductor_2025_investor_deck", "cfo", "北辰半导体现任首席财务官是谁？（2025年）"),
    ("beichen_semiconductor_2025_investor_deck", "rd", "北辰半导体2025年研发费用率是多少？"),
    (
        "beichen_semiconductor_2025_investor_deck",
        "seg1_rev",
        "北辰半导体薄膜沉积业务2025年收入多少亿元？",
    ),
    (
        "beichen_semiconductor_2025_investor_deck",
        "plant1_cap",
        "北辰半导体{plant1_city}基地的年产能是多少台？",
    ),
    ("beichen_semiconductor_2025_investor_deck", "patents", "北辰半导体2025年申请了多少项专利？"),
    # Bluewater Logistics, data pack FY2025 (Excel, English)
    (
        "bluewater_logistics_fy2025_data_pack",
        "gm@2024",
        "What was Bluewater Logistics' gross margin in FY2024?",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "inv_days@2025",
        "Bluewater Logistics inventory days, FY2025?",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "site3_util",
        "How busy was Bluewater Logistics' {site3_city} site in FY2025 (utilisation %)?",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "site17_staff",
        "How many staff work at Bluewater Logistics' {site17_city} facility?",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "prod5_date",
        "When did Bluewater Logistics launch {prod5_name}?",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "prod12_units",
        "How many units of {prod12_name} did Bluewater Logistics sell in FY2025?",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "btb@2023",
        "What was Bluewater Logistics' book-to-bill ratio in FY2023?",
    ),
    # 中科锂电 2024 年数据包 (Excel, Simplified)
    ("zhongke_lidian_2024_data_pack", "np@2024", "中科锂电2024年净利润是多少？"),
    ("zhongke_lidian_2024_data_pack", "recv_days@2023", "中科锂电2023年应收账款周转天数是多少？"),
    ("zhongke_lidian_2024_data_pack", "site8_util", "中科锂电{site8_city}基地的产能利用率有多高？"),
    ("zhongke_lidian_2024_data_pack", "site20_cap", "中科锂电{site20_city}基地年产能多大？"),
    ("zhongke_lidian_2024_data_pack", "prod3_date", "中科锂电的{prod3_name}是什么时候上市的？"),
    ("zhongke_lidian_2024_data_pack", "prod15_price", "中科锂电{prod15_name}标价多少元？"),
]
