"""Write questions_cross.json: English questions on the Chinese reports and the reverse."""

# Run from the repository root:  .venv/bin/python tests/retrieval/make_cross_questions.py [--check]
# The questions are asked the way an analyst in the other language would: a Chinese company by
# its romanised or translated name ("Hongda Precision" for 宏達精密), an English one by its
# English name inside a Chinese sentence. Each answer's location is read back from the corpus
# (corpus_check's readers): the one unit of the whole corpus that holds the answer, which must
# be in the question's report. --check compares the file with what would be written.

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_check import Unit, contains, read_units  # noqa: E402
from corpus_model import DOCS, build  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "questions_cross.json"

# (report, fact, question language and script, question)
QUESTIONS: list[tuple[str, str, str, str]] = [
    # English questions on the Simplified and Traditional Chinese reports
    (
        "huadong_xinnengyuan_2024_annual_report",
        "net_profit",
        "en",
        "What net profit attributable to shareholders did Huadong New Energy report for 2024?",
    ),
    (
        "huadong_xinnengyuan_2024_annual_report",
        "capex",
        "en",
        "How much did Huadong New Energy spend on capex in 2024?",
    ),
    (
        "huadong_xinnengyuan_2024_annual_report",
        "plant1_cap",
        "en",
        "What is the annual capacity of Huadong New Energy's Nantong plant?",
    ),
    (
        "huadong_xinnengyuan_2024_annual_report",
        "patents",
        "en",
        "How many patent applications did Huadong New Energy file in 2024?",
    ),
    (
        "lianhua_guangdian_2025_annual_report",
        "headcount",
        "en",
        "How many employees did Lianhua Optoelectronics have at the end of 2025?",
    ),
    (
        "lianhua_guangdian_2025_annual_report",
        "dps",
        "en",
        "What cash dividend per share has Lianhua Optoelectronics' board proposed for 2025?",
    ),
    (
        "lianhua_guangdian_2025_annual_report",
        "seg0_rev",
        "en",
        "How much revenue did Lianhua Optoelectronics' optical communication components "
        "segment generate in 2025?",
    ),
    (
        "jiangnan_zhizao_2025_research_note",
        "om",
        "en",
        "What operating margin did Jiangnan Intelligent Manufacturing report for 2025?",
    ),
    (
        "jiangnan_zhizao_2025_research_note",
        "cust",
        "en",
        "What share of Jiangnan Intelligent Manufacturing's revenue came from its largest "
        "customer?",
    ),
    (
        "jiangnan_zhizao_2025_research_note",
        "guide_lo",
        "en",
        "What revenue growth is Jiangnan Intelligent Manufacturing's management guiding to "
        "for 2026?",
    ),
    ("hongda_jingmi_2024_research_note", "ceo", "en", "Who is the CEO of Hongda Precision?"),
    (
        "hongda_jingmi_2024_research_note",
        "q3_orders",
        "en",
        "What were Hongda Precision's new orders in the third quarter of 2024?",
    ),
    (
        "hongda_jingmi_2024_research_note",
        "rd",
        "en",
        "What was Hongda Precision's R&D spending as a share of revenue in 2024?",
    ),
    (
        "beichen_semiconductor_2025_investor_deck",
        "revenue",
        "en",
        "What was Beichen Semiconductor's revenue in 2025?",
    ),
    (
        "beichen_semiconductor_2025_investor_deck",
        "backlog",
        "en",
        "How large was Beichen Semiconductor's order backlog at the end of 2025?",
    ),
    (
        "beichen_semiconductor_2025_investor_deck",
        "seg0_rev",
        "en",
        "How much revenue did Beichen Semiconductor's etching equipment business bring in "
        "during 2025?",
    ),
    (
        "beichen_semiconductor_2025_investor_deck",
        "plant2_cap",
        "en",
        "What is the annual capacity of Beichen Semiconductor's Ningbo base?",
    ),
    (
        "zhongke_lidian_2024_data_pack",
        "eps@2024",
        "en",
        "What were Zhongke Lithium Battery's earnings per share in 2024?",
    ),
    (
        "zhongke_lidian_2024_data_pack",
        "roe@2023",
        "en",
        "What return on equity did Zhongke Lithium Battery achieve in 2023?",
    ),
    (
        "zhongke_lidian_2024_data_pack",
        "site2_util",
        "en",
        "How well utilised was Zhongke Lithium Battery's Dongguan site?",
    ),
    # Chinese questions on the English reports
    (
        "acme_robotics_fy2025_annual_report",
        "net_profit",
        "hans",
        "Acme Robotics 2025财年净利润是多少？",
    ),
    (
        "acme_robotics_fy2025_annual_report",
        "capex",
        "hans",
        "Acme Robotics 2025财年的资本开支有多少？",
    ),
    ("acme_robotics_fy2025_annual_report", "cfo", "hans", "Acme Robotics的首席财务官是谁？"),
    (
        "northwind_biologics_fy2024_research_note",
        "growth",
        "hans",
        "Northwind Biologics 2024财年营收同比增长多少？",
    ),
    (
        "northwind_biologics_fy2024_research_note",
        "backlog",
        "hans",
        "Northwind Biologics年末在手订单有多少？",
    ),
    (
        "northwind_biologics_fy2024_research_note",
        "dps",
        "hant",
        "Northwind Biologics 2024年每股股利是多少？",
    ),
    (
        "helios_grid_storage_fy2025_investor_deck",
        "gm",
        "hans",
        "Helios Grid Storage 2025财年毛利率是多少？",
    ),
    (
        "helios_grid_storage_fy2025_investor_deck",
        "rd",
        "hant",
        "Helios Grid Storage的研發費用占營收比重是多少？",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "fcf@2025",
        "hans",
        "Bluewater Logistics 2025财年的自由现金流是多少？",
    ),
    (
        "bluewater_logistics_fy2025_data_pack",
        "roe@2024",
        "hans",
        "Bluewater Logistics 2024年的净资产收益率是多少？",
    ),
]
SCRIPTS = {"en": None, "hans": "simplified", "hant": "traditional"}


def questions(units: list[Unit]) -> list[dict[str, Any]]:
    """The labelled questions, each answer located in the corpus; ValueError when an answer
    is not in exactly one unit of its own report."""
    build(DOCS)
    docs = {doc.stem: doc for doc in DOCS}
    out = []
    for number, (stem, fact, lang, text) in enumerate(QUESTIONS, start=1):
        doc = docs[stem]
        answer = doc.facts[fact]
        hits = [(file, loc) for file, loc, unit in units if contains(unit, answer)]
        if len(hits) != 1 or hits[0][0] != doc.file or contains(text, answer):
            raise ValueError(f"x{number:02d}: {answer!r} is at {hits}, not once in {doc.file}")
        out.append(
            {
                "id": f"x{number:02d}",
                "lang": "en" if lang == "en" else "zh",
                "script": SCRIPTS[lang],
                "doc_lang": "en" if doc.lang == "en" else "zh",
                "question": text,
                "file": doc.file,
                "location": hits[0][1],
                "format": doc.fmt,
                "answer": answer,
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = json.dumps(questions(read_units(HERE)), ensure_ascii=False, indent=2) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("check:", "questions_cross.json is up to date" if same else "out of date")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE)}: {len(QUESTIONS)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
