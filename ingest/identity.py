"""A filing's identity read from its first pages: company, form and period.

Analysts keep filings under names like "download (3).pdf", and most pages never name their
company or year, so the identity read from the cover page (an SEC form's "Exact name of
registrant" and "fiscal year ended", an earnings release's "(NYSE: JNJ)" line) is what lets a
question naming a company and "FY2019" prefer that company's FY2019 filing."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_DATE = rf"{_MONTH}\s+\d{{1,2}},?\s+(\d{{4}})"
_SKIP = r"(?:\s+\S+){0,3}?"  # "ended Commission file March 31, 2021": a column in between
_FORM = re.compile(r"\bFORM\s+(10-K|10-Q|8-K|20-F|6-K|10-KT|40-F)\b", re.IGNORECASE)
_ANNUAL = re.compile(rf"for\s+the\s+fiscal\s+year\s+ended{_SKIP}\s+({_DATE})", re.IGNORECASE)
_QUARTER = re.compile(rf"for\s+the\s+quarterly\s+period\s+ended{_SKIP}\s+({_DATE})", re.I)
_EVENT = re.compile(rf"date\s+of\s+report[^:]*:\s*({_DATE})", re.IGNORECASE)
_REGISTRANT = re.compile(r"\(\s*exact\s+name\s+of\s+registrant", re.IGNORECASE)
_FILE_NUMBER = re.compile(r"(?:file\s+(?:number|no\.?)|number)\s*:?\s*[\d-]{3,}\s*", re.I)
_TICKER = re.compile(r"\((?:NYSE|NASDAQ|Nasdaq|ASX|LSE|TSX)\s*:\s*[A-Z.]+\)")
_NAME = re.compile(r"((?:[A-Z][\w.'-]*|&)(?:,?\s+(?:[A-Z][\w.'-]*|&)){0,5})\s*$")
_ANNOUNCES = re.compile(
    r"^(?:\S+\s+){0,8}?((?:[A-Z][\w.'&-]*\s+){1,4})(?:[Rr]eports|[Aa]nnounces|[Rr]eported|[Aa]nnounced)\b"
)
_RELEASE_QUARTER = re.compile(
    r"\b(first|second|third|fourth)[\s-]*quarter(\s+and\s+full[\s-]+year)?"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(\d{4}))?",
    re.IGNORECASE,
)
_RELEASE_YEAR = re.compile(r"\bfiscal\s+(?:year\s+)?(\d{4})\s+results\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_YEAR_END = re.compile(r"\bended\s+((?:January|February)\s+(\d{1,2}),?\s+(\d{4}))", re.I)
_EARLY_JANUARY = 7  # a 52/53-week year ending by this day of January is the year before's
_LATE_YEAR_END = 10  # up to February 10: named either way (Ulta's fiscal 2022 ended
# January 28, 2023, and analysts call it FY2023 as often as FY2022)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
HEAD_CHARS = 6000  # the cover page and a little more


@dataclass(frozen=True)
class Identity:
    """What a filing is; empty strings where the first pages do not say."""

    company: str = ""
    form: str = ""  # "10-K"
    period: str = ""  # "fiscal year ended December 31, 2019 FY2019", "Q4 2022 results", ...

    def lines(self) -> list[str]:
        """Title lines: the company, then the form and period ('10-K fiscal year ended ...')."""
        what = " ".join(part for part in (self.form, self.period) if part)
        return [line for line in (self.company, what) if line]


def read_identity(text: str) -> Identity:
    """The identity the first pages' text states (an SEC cover page or an earnings release);
    line breaks do not matter (extracted text breaks lines anywhere)."""
    head = " ".join(text[:HEAD_CHARS].split())
    found = _FORM.search(head)
    form = found.group(1).upper() if found else ""
    registrant = _registrant(head)
    released = "" if registrant else _release_company(head)
    # A quarter or fiscal year named near the top is a release's period only in a release:
    # "second quarter results" in meeting notes is not what the document is.
    return Identity(registrant or released, form, _period(head, form, bool(released)))


def _registrant(head: str) -> str:
    """The words just before "(Exact name of registrant as specified in its charter)"."""
    found = _REGISTRANT.search(head)
    if not found:
        return ""
    before = head[max(0, found.start() - 200) : found.start()]
    numbers = list(_FILE_NUMBER.finditer(before))
    if numbers:  # the name follows the commission file number on the cover
        before = before[numbers[-1].end() :]
    # ... or the 8-K's "Date of Report (Date of earliest event reported): July 1, 2022 (...)"
    before = re.split(rf"\)|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}", before)[-1]
    return _tidy(" ".join(before.split()[-8:]))


def _release_company(head: str) -> str:
    """The words before "(NYSE: JNJ)" in a press release, or before "announces"/"reports"."""
    ticker = _TICKER.search(head)
    if ticker:
        prefix = re.split(r"\s[–—-]+\s|\)\s", head[max(0, ticker.start() - 120) : ticker.start()])
        name = _NAME.search(prefix[-1])
        if name:
            return _tidy(name.group(1))
    announces = _ANNOUNCES.search(head[:300])
    return _tidy(announces.group(1)) if announces else ""


def _tidy(name: str) -> str:
    return name.strip(" _-–,.:;")[:80].strip()


def _period(head: str, form: str, is_release: bool) -> str:
    annual = _ANNUAL.search(head)
    if annual:
        return f"fiscal year ended {annual.group(1)} {_fiscal_years(annual.group(1))}"
    quarter = _QUARTER.search(head)
    if quarter:
        return f"quarter ended {quarter.group(1)}"
    event = _EVENT.search(head) if form == "8-K" else None
    if event:
        return f"dated {event.group(1)}"
    if not is_release:
        return ""
    release = _RELEASE_QUARTER.search(head[:2000])
    if release:
        number = _QUARTERS[release.group(1).lower()]
        year = release.group(3) or _first_year(head[max(0, release.start() - 40) : release.end()])
        period = f"{release.group(1).lower()} quarter Q{number} {year} results"
        if release.group(2) and year:  # "fourth quarter and full year 2022": the year too
            period = f"{release.group(1).lower()} quarter Q{number} and full year FY{year} results"
        return _with_year_end(period.replace("  ", " "), head, year)
    results = _RELEASE_YEAR.search(head[:2000])
    if results:
        year = results.group(1)
        return _with_year_end(f"fiscal {year} FY{year} results", head, year)
    return ""


def _fiscal_years(date: str) -> str:
    """The fiscal year(s) a year ending on this date is called: "FY2019" for December 31,
    2019; "FY2022" for a 52/53-week year ended January 1, 2023; both "FY2022 FY2023" for a
    retailer's year ended January 28, 2023 (the two conventions are both in use)."""
    words = date.replace(",", " ").split()
    month, day, year = words[0].lower(), int(words[1]), int(words[-1])
    if month == "january" and day <= _EARLY_JANUARY:
        return f"FY{year - 1}"
    if month == "january" or (month == "february" and day <= _LATE_YEAR_END):
        return f"FY{year - 1} FY{year}"
    return f"FY{year}"


def _with_year_end(period: str, head: str, year: str) -> str:
    """A release's period with the fiscal years of the year end it states, when that falls
    in January or early February ("fifty-two-week period ended January 28, 2023")."""
    found = _YEAR_END.search(head[:2000])
    if not found or not year or abs(int(found.group(3)) - int(year)) > 1:
        return period
    extra = [y for y in _fiscal_years(found.group(1)).split() if y not in period]
    return " ".join([period, *extra])


def _first_year(text: str) -> str:
    found = _YEAR.search(text)
    return found.group(1) if found else ""
