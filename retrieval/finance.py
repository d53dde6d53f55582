"""What an analyst's question asks of a filing: the periods it names, the financial statements
it needs and the line items it means, in the words filings use for them.

Analysts write "capex", "PP&E" or "cash from operations"; filings print "Purchases of property,
plant and equipment", "Property and equipment, net" and "Net cash provided by operating
activities", on a page headed "Consolidated Statements of Cash Flows". A ratio names neither:
the quick ratio is read off the balance sheet. The vocabulary here is general financial
reporting (US GAAP and IFRS statement names, Chinese statement names), not any one question's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.cjk import HAN_RUN, simplified

BALANCE, INCOME, CASH_FLOW, EQUITY = "balance sheet", "income statement", "cash flows", "equity"

# How each primary statement is headed in filings (lower case, whitespace collapsed).
STATEMENT_HEADINGS: dict[str, tuple[str, ...]] = {
    BALANCE: (
        "balance sheet",
        "statement of financial position",
        "statements of financial position",
        "statement of financial condition",
        "statements of financial condition",
        "statement of condition",
        "资产负债表",
    ),
    INCOME: (
        "statements of operations",
        "statement of operations",
        "statements of income",
        "statement of income",
        "income statement",
        "statements of earnings",
        "statement of earnings",
        "statements of consolidated operations",
        "statement of consolidated operations",
        "statements of consolidated income",
        "statement of profit or loss",
        "利润表",
        "损益表",
    ),
    CASH_FLOW: (
        "statements of cash flows",
        "statement of cash flows",
        "cash flow statement",
        "statements of consolidated cash flows",
        "statement of consolidated cash flows",
        "现金流量表",
    ),
    EQUITY: (
        "statements of shareholders' equity",
        "statements of stockholders' equity",
        "statement of shareholders' equity",
        "statement of stockholders' equity",
        "statements of changes in equity",
        "statements of equity",
        "所有者权益变动表",
    ),
}

# A statement the question names in an analyst's words.
_ASKED_STATEMENT: dict[str, tuple[str, ...]] = {
    BALANCE: ("balance sheet", "statement of financial position", "资产负债表"),
    INCOME: (
        "income statement",
        "statement of income",
        "statement of operations",
        "p&l",
        "profit and loss",
        "利润表",
        "损益表",
    ),
    CASH_FLOW: (
        "cash flow statement",
        "statement of cash flows",
        "cash flows statement",
        "现金流量表",
    ),
    EQUITY: ("statement of shareholders' equity", "statement of stockholders' equity"),
}


@dataclass(frozen=True)
class Concept:
    """A line item or ratio: the words that name it in a question, the words filings print for
    what it is computed from, and the statements those sit on."""

    asked: tuple[str, ...]
    printed: tuple[str, ...]
    statements: tuple[str, ...]


_PPE = ("property, plant and equipment", "property and equipment", "property, plant & equipment")
_OPERATING_CASH = ("net cash provided by operating activities", "operating activities")
_CAPEX = (
    "purchases of property",
    "capital expenditures",
    "additions to property",
    "payments for property",
    "capital spending",
)
_REVENUE = ("total revenues", "net revenues", "net sales", "revenues", "revenue")
_COST_OF_SALES = ("cost of sales", "cost of goods sold", "cost of revenues", "cost of revenue")
_CURRENT = ("total current assets", "total current liabilities")

CONCEPTS: tuple[Concept, ...] = (
    Concept(("capex", "capital expenditure", "capital spending"), _CAPEX, (CASH_FLOW,)),
    Concept(("free cash flow", "fcf"), _OPERATING_CASH + _CAPEX, (CASH_FLOW,)),
    Concept(
        (
            "cash from operations",
            "operating cash flow",
            "cash flow from operations",
            "cash flows from operations",
            "cash from operating activities",
            "cash provided by operating activities",
        ),
        _OPERATING_CASH,
        (CASH_FLOW,),
    ),
    Concept(("dividend",), ("dividends paid", "cash dividends", "dividends"), (CASH_FLOW, EQUITY)),
    Concept(
        ("share repurchase", "buyback", "buy back", "repurchase"),
        ("repurchases of common stock", "purchases of treasury stock", "repurchase"),
        (CASH_FLOW, EQUITY),
    ),
    Concept(
        ("depreciation and amortization", "d&a", "depreciation"),
        ("depreciation and amortization", "depreciation"),
        (CASH_FLOW, INCOME),
    ),
    Concept(
        ("ebitda",), ("operating income", "depreciation and amortization"), (INCOME, CASH_FLOW)
    ),
    Concept(("pp&e", "ppe", "fixed asset"), _PPE, (BALANCE,)),
    Concept(("working capital", "current ratio"), _CURRENT, (BALANCE,)),
    Concept(
        ("quick ratio", "acid test", "acid-test"),
        ("cash and cash equivalents", "receivable", "total current liabilities"),
        (BALANCE,),
    ),
    Concept(
        ("inventory turnover", "days inventory", "dio"),
        ("inventories", "cost of sales", "cost of goods sold"),
        (BALANCE, INCOME),
    ),
    Concept(("inventory", "inventories"), ("inventories",), (BALANCE,)),
    Concept(
        ("days payable", "dpo", "payables turnover"),
        ("accounts payable", *_COST_OF_SALES),
        (BALANCE, INCOME),
    ),
    Concept(
        ("days sales outstanding", "dso", "receivables turnover", "receivable turnover"),
        ("accounts receivable", "receivables", *_REVENUE),
        (BALANCE, INCOME),
    ),
    Concept(("accounts payable", "payables"), ("accounts payable",), (BALANCE,)),
    Concept(("accounts receivable", "receivables"), ("receivable",), (BALANCE,)),
    Concept(
        ("total assets", "return on assets", "roa", "asset turnover"), ("total assets",), (BALANCE,)
    ),
    Concept(
        (
            "total debt",
            "long-term debt",
            "debt to equity",
            "debt-to-equity",
            "leverage",
            "net debt",
            "borrowings",
        ),
        ("long-term debt", "short-term borrowings", "current portion of long-term debt"),
        (BALANCE,),
    ),
    Concept(
        (
            "shareholders' equity",
            "stockholders' equity",
            "shareholder equity",
            "book value",
            "return on equity",
            "roe",
        ),
        ("total shareholders' equity", "total stockholders' equity", "total equity"),
        (BALANCE,),
    ),
    Concept(("cash and cash equivalents",), ("cash and cash equivalents",), (BALANCE,)),
    Concept(("revenue", "net sales", "topline", "top line", "sales"), _REVENUE, (INCOME,)),
    Concept(
        ("cogs", "cost of goods sold", "cost of sales", "cost of revenue"),
        _COST_OF_SALES,
        (INCOME,),
    ),
    Concept(
        ("gross margin", "gross profit"),
        ("gross profit", "gross margin", *_COST_OF_SALES),
        (INCOME,),
    ),
    Concept(
        ("operating margin", "operating income", "operating profit", "ebit"),
        ("operating income", "income from operations", "operating profit"),
        (INCOME,),
    ),
    Concept(
        ("net income", "net profit", "net earnings", "net margin", "profit margin"),
        ("net income", "net earnings"),
        (INCOME,),
    ),
    Concept(("eps", "earnings per share"), ("per share", "earnings per share"), (INCOME,)),
    Concept(
        ("sg&a", "selling, general and administrative"),
        ("selling, general and administrative",),
        (INCOME,),
    ),
    Concept(("r&d", "research and development"), ("research and development",), (INCOME,)),
    Concept(
        ("interest expense", "interest coverage"),
        ("interest expense", "operating income"),
        (INCOME,),
    ),
    Concept(
        ("effective tax rate", "tax rate", "income tax"),
        ("provision for income taxes", "income before income taxes", "income taxes"),
        (INCOME,),
    ),
    Concept(("资本开支", "资本支出"), ("购建固定资产", "资本开支", "资本支出"), (CASH_FLOW,)),
    Concept(("经营活动现金流", "经营现金流"), ("经营活动产生的现金流量净额",), (CASH_FLOW,)),
    Concept(("营业收入", "营收", "收入"), ("营业收入", "营业总收入"), (INCOME,)),
    Concept(("净利润",), ("净利润",), (INCOME,)),
    Concept(("毛利率", "毛利"), ("营业成本", "毛利"), (INCOME,)),
    Concept(("总资产",), ("资产总计", "总资产"), (BALANCE,)),
    Concept(("流动比率", "速动比率", "营运资金"), ("流动资产合计", "流动负债合计"), (BALANCE,)),
)

_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)|(?<![a-z])fy\s*'?(\d\d)(?!\d)", re.I)
_PROSE_BEFORE = frozenset(["the", "see", "in", "our", "to", "and", "of", "from", "with"])
_QUARTER = re.compile(
    r"(?<![a-z])q([1-4])(?!\d)|\b(first|second|third|fourth)\s+(?:fiscal\s+)?quarter\b"
    r"|(?<![\w.])([1-4])q(?:\d\d)?(?![a-z\d])|第?([一二三四1-4])季度",
    re.I,
)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True)
class Reading:
    """A question as a filing would be searched for it."""

    years: tuple[int, ...]  # every fiscal year it names, in order of appearance
    quarter: int | None  # "Q2 FY2024", "second quarter"
    statements: frozenset[str]  # the statements it names or its line items sit on
    concepts: tuple[Concept, ...]
    named_statements: frozenset[str]  # only those it names ("in the balance sheet")

    def printed_terms(self) -> list[str]:
        """What filings print for the question's line items (to search for, too)."""
        return list(dict.fromkeys(t for c in self.concepts for t in c.printed))


def normalise(text: str) -> str:
    """Lower case, whitespace collapsed, Chinese folded to Simplified: the form phrases are
    looked up in."""
    text = " ".join(text.lower().replace("’", "'").split())
    return simplified(text)


def contains(haystack: str, phrase: str) -> bool:
    """Whether a normalised text holds a phrase (on word bounds for Latin words)."""
    return phrase in haystack and _phrase(phrase).search(haystack) is not None


@lru_cache(maxsize=2048)
def _phrase(phrase: str) -> re.Pattern[str]:
    escaped = re.escape(phrase)
    if HAN_RUN.search(phrase):
        return re.compile(escaped)
    return re.compile(rf"(?<![\w&]){escaped}(?:s|es)?(?![\w&])")


@lru_cache(maxsize=256)
def read(question: str) -> Reading:
    """The periods, statements and line items a question names."""
    text = normalise(question)
    years = [int(full) if full else 2000 + int(short) for full, short in _ANY_YEAR.findall(text)]
    quarter = _QUARTER.search(text)
    number = None
    if quarter:
        said = next(group for group in quarter.groups() if group)
        number = int(said) if said.isdigit() else _QUARTERS[said.lower()]
    named = frozenset(
        kind for kind, words in _ASKED_STATEMENT.items() if any(contains(text, w) for w in words)
    )
    concepts = _concepts(text)
    statements = set(named)
    if not named:
        statements.update(s for c in concepts for s in c.statements)
    return Reading(tuple(dict.fromkeys(years)), number, frozenset(statements), concepts, named)


def _concepts(text: str) -> tuple[Concept, ...]:
    """The concepts named, longest wording first: "inventory turnover" is not "inventory"."""
    found: list[Concept] = []
    claimed: list[tuple[int, int]] = []
    wordings = sorted(((w, c) for c in CONCEPTS for w in c.asked), key=lambda item: -len(item[0]))
    for wording, concept in wordings:
        for match in _phrase(wording).finditer(text):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in claimed):
                continue
            claimed.append(span)
            if concept not in found:
                found.append(concept)
    return tuple(found)


def statement_of(page_text: str) -> str | None:
    """The primary statement a page is, from its heading (its first lines), or None."""
    head = normalise(page_text[:400])
    for kind, headings in STATEMENT_HEADINGS.items():
        for heading in headings:
            at = head.find(heading)
            if at < 0:
                continue
            # "...as discussed in the Consolidated Balance Sheets" is prose, not a heading.
            before = head[max(0, at - 40) : at].split()
            if at < 200 and not (before and before[-1] in _PROSE_BEFORE):
                return kind
    return None


def years_of(text: str) -> set[int]:
    """The four-digit years (1980-2099) a text names."""
    return {int(y) for y in _FULL_YEAR.findall(text) if 1980 <= int(y) <= 2099}
