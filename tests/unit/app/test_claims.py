"""The claim check: each sentence of an answer held against the passages it cites."""

from app.answer import Answer
from app.claims import PARTIAL, SUPPORTED, UNCITED, UNSUPPORTED, check, verdict
from retrieval.search import Passage

MARGIN = (
    "Acme Corp results.\nGross margin was 41.2% in fiscal 2025, up from 39.8%. "
    "Revenue was $1,577 million."
)


def passages() -> list[Passage]:
    return [
        Passage(1, 1.0, "/docs/acme_2025.pdf", {"page": 3}, MARGIN, 1),
        Passage(2, 0.9, "/docs/other.pdf", {"page": 4}, "Operating expenses rose to 300.", 2),
        Passage(3, 0.8, "/docs/年报.docx", {"heading": "经营"}, "本年度营业收入为12.5亿元。", 3),
    ]


def test_a_sentence_whose_figures_and_words_are_in_its_passage_is_supported_with_its_span():
    answer = "Acme reported a gross margin of 41.2% for fiscal 2025 [1]."
    (claim,) = check(answer, passages())
    assert claim.status == SUPPORTED and claim.cited == [1] and not claim.missing
    (span,) = claim.spans
    assert span.n == 1 and MARGIN[span.start : span.end] == span.text
    assert span.text.startswith("Gross margin was 41.2%")
    assert (claim.start, claim.end) == (0, len(answer))


def test_units_and_formats_are_normalised():
    for said in ["Revenue was $1.577 billion [1].", "Revenue was 1577 million [1]."]:
        (claim,) = check(said, passages())
        assert claim.status == SUPPORTED, claim


def test_a_figure_not_in_the_cited_passage_is_unsupported_and_named():
    (claim,) = check("The gross margin was 48.0% [2].", passages())
    assert claim.status == UNSUPPORTED
    assert "48.0% is not in [2]" in claim.missing


def test_one_right_figure_and_one_wrong_is_partial():
    (claim,) = check("Gross margin was 41.2%, up from 35.1% [1].", passages())
    assert claim.status == PARTIAL
    assert claim.missing == ["35.1% is not in [1]"]


def test_a_sentence_citing_nothing_is_uncited_and_the_answer_too():
    claims = check("The gross margin was 41.2%.", passages())
    assert [c.status for c in claims] == [UNCITED]
    assert verdict(claims) == "uncited"
    answer = Answer("q", "The gross margin was 41.2%.", "", passages(), [], [], "m")
    assert answer.unsupported and answer.verdict == "uncited"


def test_markers_on_a_line_of_their_own_cite_for_the_sentence_before():
    claims = check("Gross margin was 41.2%.\n[1]", passages())
    assert len(claims) == 1 and claims[0].cited == [1] and claims[0].status == SUPPORTED


def test_chinese_sentences_are_checked():
    (claim,) = check("营业收入为12.5亿元【3】。", passages())
    assert claim.status == SUPPORTED, claim
    (wrong,) = check("营业收入为15亿元[3]。", passages())
    assert wrong.status == UNSUPPORTED


def test_words_absent_from_the_cited_passage_make_a_sentence_unsupported():
    (claim,) = check("The company appointed a new chief financial officer [2].", passages())
    assert claim.status == UNSUPPORTED
    assert claim.missing and claim.missing[0].endswith("not in [2]")


def test_the_verdict_counts_only_sentences_that_state_something():
    answer = "Gross margin was 41.2% [1]. I hope this helps."
    assert verdict(check(answer, passages())) == SUPPORTED
    mixed = "Gross margin was 41.2% [1]. Operating expenses were 999 [2]."
    assert verdict(check(mixed, passages())) == PARTIAL
    wrong = "Operating expenses were 999 [2]."
    assert verdict(check(wrong, passages())) == UNSUPPORTED
    assert verdict(check("", passages())) == "empty"


def test_ask_json_carries_claims_and_verdict():
    answer = Answer("q", "Gross margin was 41.2% [1].", "", passages(), [1], [], "m")
    data = answer.to_json()
    assert data["verdict"] == SUPPORTED and data["unsupported"] is False
    (claim,) = data["claims"]
    assert claim["cited"] == [1] and claim["status"] == SUPPORTED
    assert claim["spans"][0]["n"] == 1
    assert Answer.from_json(data).verdict == SUPPORTED


def test_dates_are_compared_as_dates_not_as_loose_numbers():
    text = "S61於2025年10月3日正式發表，售價95,810元，12款產品。"
    shown = [Passage(1, 1.0, "/d/n.docx", {"heading": "產品"}, text, 1)]
    (right,) = check("S61於2025年10月3日發表，售價95,810元[1]。", shown)
    assert right.status == SUPPORTED, right
    (wrong,) = check("S61於2025年12月3日發表，售價95,810元[1]。", shown)
    assert wrong.status == PARTIAL and wrong.missing == ["2025年12月3日 is not in [1]"]
    (month,) = check("S61 was launched in 2025年10月 [1].", shown)
    assert month.status != UNSUPPORTED and not any("2025" in m for m in month.missing)
