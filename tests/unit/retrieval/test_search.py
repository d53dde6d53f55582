"""Hybrid ranking: weighted reciprocal-rank fusion, the name/number and title boosts, the
dense-similarity floor, deduplication; and the Passage JSON the answers store."""

import json

import pytest

from retrieval.search import (
    Candidates,
    Passage,
    Weights,
    default_weights,
    is_cjk_query,
    rank,
    salient_terms,
    statement_match,
    title_match,
)
from retrieval.store import ChunkRow

# Distinct words, none inside another, none a likely question word.
TEXTS = {1: "alpha", 2: "bravo", 3: "charlie", 4: "delta", 5: "echo", 6: "foxtrot"}
ENGLISH = "zzz unrelated question"
CHINESE = "宁德新能源的净利润是多少"
PLAIN = Weights(salient=0.0, title=0.0)  # fusion alone


def row(chunk_id: int, text: str | None = None, title: str = "", path: str = "") -> ChunkRow:
    text = TEXTS[chunk_id] if text is None else text
    return ChunkRow(chunk_id, chunk_id, path or f"/docs/{chunk_id}.pdf", text, {"page": 1}, title)


def found(question=ENGLISH, dense=(), keyword=(), rows=None) -> Candidates:
    """Candidates with a stored row for every id in either list unless rows are given."""
    dense, keyword = list(dense), list(keyword)
    if rows is None:
        rows = {i: row(i) for i, _ in dense + keyword}
    return Candidates(question, dense, keyword, rows)


def ids(passages: list[Passage]) -> list[int]:
    return [p.chunk_id for p in passages]


def test_no_candidates_give_no_passages():
    assert rank(found(), 5, Weights()) == []
    assert rank(found(CHINESE), 5, Weights()) == []


def test_candidates_without_a_stored_row_are_left_out():
    candidates = found(dense=[(1, 0.9), (2, 0.8)], keyword=[(3, 4.0)], rows={2: row(2)})
    assert ids(rank(candidates, 5, Weights())) == [2]


def test_the_fused_score_is_the_weighted_reciprocal_rank_sum():
    weights = Weights(dense=2.0, keyword=1.0, rrf_k=10, salient=0.0, title=0.0)
    candidates = found(dense=[(1, 0.9), (2, 0.8)], keyword=[(2, 5.0), (3, 4.0)])
    passages = rank(candidates, 5, weights)
    assert ids(passages) == [2, 1, 3]
    two, one, three = passages
    assert two.score == pytest.approx(2 / 12 + 1 / 11)
    assert one.score == pytest.approx(2 / 11)
    assert three.score == pytest.approx(1 / 12)
    assert two.scores["fused"] == pytest.approx(two.score)
    assert (two.scores["dense"], two.scores["keyword"]) == (0.8, 5.0)
    assert "keyword" not in one.scores and "dense" not in three.scores


def test_a_chunk_both_retrievers_found_outranks_chunks_found_by_one():
    candidates = found(dense=[(1, 0.9), (2, 0.8)], keyword=[(3, 9.0), (2, 8.0)])
    assert ids(rank(candidates, 5, PLAIN))[0] == 2


@pytest.mark.parametrize(
    ("weights", "order"),
    [
        (Weights(dense=1.0, keyword=0.5, salient=0.0, title=0.0), [1, 2]),
        (Weights(dense=0.5, keyword=1.0, salient=0.0, title=0.0), [2, 1]),
    ],
)
def test_the_heavier_list_decides_when_the_two_disagree(weights, order):
    candidates = found(dense=[(1, 0.9), (2, 0.8)], keyword=[(2, 5.0), (1, 4.0)])
    assert ids(rank(candidates, 5, weights)) == order


@pytest.mark.parametrize(("question", "order"), [(ENGLISH, [1, 2]), (CHINESE, [2, 1])])
def test_a_chinese_question_uses_the_cjk_weights(question, order):
    weights = Weights(dense=1.0, keyword=0.5, dense_cjk=0.5, keyword_cjk=1.0, salient=0, title=0)
    candidates = found(question, dense=[(1, 0.9), (2, 0.8)], keyword=[(2, 5.0), (1, 4.0)])
    assert ids(rank(candidates, 5, weights)) == order


def test_a_list_weighted_zero_still_fills_the_places_left_in_its_order():
    # The default weights give dense hits no weight for a Chinese question.
    candidates = found(CHINESE, dense=[(1, 0.9), (2, 0.8)], keyword=[(3, 5.0)])
    passages = rank(candidates, 5, Weights())
    assert ids(passages) == [3, 1, 2]
    assert passages[1].score > passages[2].score > 0


def test_a_dense_hit_no_keyword_matches_must_be_similar_enough():
    weights = Weights(min_dense=0.3)
    candidates = found(dense=[(1, 0.9), (2, 0.3), (3, 0.29)])
    assert ids(rank(candidates, 5, weights)) == [1, 2]
    # A shared word is enough, however far the meaning.
    candidates = found(dense=[(3, 0.05)], keyword=[(3, 1.0)])
    assert ids(rank(candidates, 5, weights)) == [3]


def test_with_nothing_close_the_nearest_come_back_marked_weak():
    weights = Weights(min_dense=0.3)
    passages = rank(found(dense=[(2, 0.1), (1, 0.2)]), 5, weights)
    assert ids(passages) == [1, 2] and all(p.weak for p in passages)
    assert [p.rank for p in passages] == [1, 2]
    # one passage close enough: the far ones are left out, nothing is weak
    passages = rank(found(dense=[(1, 0.5), (2, 0.1)]), 5, weights)
    assert ids(passages) == [1] and not passages[0].weak


def test_weak_is_in_the_json_only_when_true():
    weak = Passage(1, 0.1, "/a.pdf", {"page": 2}, "text", 7, {"dense": 0.1}, weak=True)
    assert weak.to_json()["weak"] is True
    assert Passage.from_json(weak.to_json()) == weak
    assert "weak" not in Passage(1, 0.1, "/a.pdf", {}, "", 7).to_json()


def test_a_passage_holding_the_questions_names_and_numbers_moves_up():
    question = "Acme gross margin in 2025"
    rows = {
        1: row(1, "Acme revenue grew strongly."),
        2: row(2, "At Acme the gross margin was 41.7 percent in 2025."),
    }
    passages = rank(found(question, keyword=[(1, 9.0), (2, 8.0)], rows=rows), 5, Weights())
    assert ids(passages) == [2, 1]
    assert passages[0].scores["match"] == 1.0
    assert passages[1].scores["match"] == 0.25  # acme of acme, gross, margin, 2025


def test_the_title_counts_as_part_of_the_passage_for_names():
    question = "Acme gross margin"
    rows = {1: row(1, "The gross margin was 41.7 percent.", title="Acme Robotics annual report")}
    [passage] = rank(found(question, keyword=[(1, 3.0)], rows=rows), 5, Weights())
    assert passage.scores["match"] == 1.0


def test_a_title_naming_more_than_the_question_asks_counts_less():
    question = "Acme Robotics revenue"
    rows = {
        1: row(1, "Revenue rose 5 percent.", title="Acme Robotics Asia"),
        2: row(2, "Revenue rose 6 percent.", title="Acme Robotics"),
    }
    passages = rank(found(question, keyword=[(1, 9.0), (2, 8.0)], rows=rows), 5, Weights())
    assert ids(passages) == [2, 1]
    assert passages[0].scores["title"] == 1.0
    assert passages[1].scores["title"] == pytest.approx(2 / 3)


def test_the_score_adds_the_weighted_boosts_to_the_fused_score():
    weights = Weights(salient=0.5, title=0.25, rrf_k=60)
    question = "Acme margin"
    rows = {1: row(1, "The margin held.", title="Acme Robotics")}
    [passage] = rank(found(question, keyword=[(1, 2.0)], rows=rows), 5, weights)
    assert passage.scores["match"] == 1.0 and passage.scores["title"] == 0.5
    assert passage.score == pytest.approx(1 / 61 + 0.5 * 1.0 + 0.25 * 0.5)


@pytest.mark.parametrize(("dense", "keyword"), [(1, 2), (2, 1)])
def test_equal_scores_keep_the_order_the_candidates_were_found(dense, keyword):
    candidates = found(dense=[(dense, 0.9)], keyword=[(keyword, 3.0)])
    passages = rank(candidates, 5, Weights())
    assert passages[0].score == passages[1].score
    assert ids(passages) == [dense, keyword]  # dense hits first, each list in its order


def test_text_inside_a_better_passage_is_dropped_and_ranks_stay_consecutive():
    rows = {
        1: row(1, "Gross margin rose to 41.7 percent in fiscal 2025."),
        2: row(2, "margin rose to\n41.7   percent"),  # the same words, wrapped differently
        3: row(3, "Operating profit was 298 million dollars."),
        4: row(4, "Gross margin rose to 41.7 percent in fiscal 2025.", path="/docs/copy.pdf"),
    }
    candidates = found(keyword=[(1, 9.0), (2, 8.0), (3, 7.0), (4, 6.0)], rows=rows)
    passages = rank(candidates, 5, PLAIN)
    assert ids(passages) == [1, 3]
    assert [p.rank for p in passages] == [1, 2]


def test_k_counts_the_passages_kept_after_deduplication():
    rows = {1: row(1, "alpha bravo"), 2: row(2, "bravo"), 3: row(3), 4: row(4)}
    candidates = found(keyword=[(1, 9.0), (2, 8.0), (3, 7.0), (4, 6.0)], rows=rows)
    assert ids(rank(candidates, 2, PLAIN)) == [1, 3]
    assert ids(rank(candidates, 1, PLAIN)) == [1]


def test_a_passage_carries_its_rows_file_location_and_text():
    stored = ChunkRow(7, 3, "/docs/report.pdf", "Dividend of 0.45 dollars.", {"page": 3}, "")
    [passage] = rank(found(keyword=[(7, 2.0)], rows={7: stored}), 5, Weights())
    assert (passage.rank, passage.chunk_id, passage.file) == (1, 7, "/docs/report.pdf")
    assert (passage.location, passage.text) == ({"page": 3}, "Dividend of 0.45 dollars.")
    assert set(passage.scores) == {"fused", "keyword", "match", "title"}


@pytest.mark.parametrize(
    ("model", "dense_cjk"),
    [
        ("all-MiniLM-L6-v2", 0.0),
        ("BAAI/bge-small-zh-v1.5", 1.0),
        ("paraphrase-multilingual-MiniLM-L12-v2", 1.0),
        ("bge-m3", 1.0),
    ],
)
def test_a_chinese_or_multilingual_embedder_counts_for_chinese_questions(model, dense_cjk):
    weights = default_weights(model)
    assert weights.dense_cjk == dense_cjk
    assert weights.dense == Weights().dense and weights.keyword_cjk == Weights().keyword_cjk


@pytest.mark.parametrize(
    ("question", "cjk"),
    [
        ("宁德新能源的净利润是多少", True),
        ("台積電2025年營收", True),  # 6 Han characters of 10
        ("净利", True),
        ("净", False),  # one character is not enough
        ("What was Acme's net profit?", False),
        ("What was 净利润 in 2025 for Acme Robotics?", False),  # a Chinese word in English
        ("", False),
    ],
)
def test_is_cjk_query(question, cjk):
    assert is_cjk_query(question) is cjk


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("What was the gross margin of Acme in 2025?", ["gross", "margin", "acme", "2025"]),
        ("margin, MARGIN and margin", ["margin"]),  # once each, lower-cased
        ("How did FY Q3 EPS do?", ["q3"]),  # short words only with a digit
        ("Revenue of 1,234,567 units", ["revenue", "1,234,567", "1234567", "units"]),
        ("what is the", []),
    ],
)
def test_salient_terms_are_numbers_names_and_longer_words(question, terms):
    assert salient_terms(question) == terms


def test_salient_terms_of_a_chinese_question_are_its_words_not_stop_words():
    terms = salient_terms("宁德新能源的净利润是多少")
    assert "净利润" in terms
    assert not {"的", "是", "多少"} & set(terms)
    assert all(len(t) >= 2 for t in terms)


@pytest.mark.parametrize(
    ("title", "asked", "share"),
    [
        ("Acme Robotics", {"acme", "robotics", "revenue"}, 1.0),
        ("Acme Robotics Asia", {"acme", "robotics"}, 2 / 3),
        ("Annual report 2025\nAcme Robotics", {"acme", "robotics"}, 1.0),  # the best line
        ("Beichen Semiconductor", {"acme"}, 0.0),
        ("", {"acme"}, 0.0),
    ],
)
def test_title_match_is_the_best_share_of_a_title_lines_words_asked(title, asked, share):
    assert title_match(title, asked) == pytest.approx(share)


def test_a_passage_survives_the_json_round_trip():
    passage = Passage(
        2,
        0.0312,
        "/docs/report_zh.pdf",
        {"page_start": 2, "page_end": 3},
        "宁德新能源净利润增长",
        17,
        {"fused": 0.0312, "dense": 0.8125},
    )
    data = json.loads(json.dumps(passage.to_json(), ensure_ascii=False))
    assert Passage.from_json(data) == passage


def test_to_json_rounds_the_scores_to_four_places():
    passage = Passage(1, 0.123456, "a.pdf", {"page": 1}, "t", 3, {"dense": 0.987654})
    data = passage.to_json()
    assert data["score"] == 0.1235 and data["scores"] == {"dense": 0.9877}
    assert set(data) == {"rank", "score", "file", "location", "text", "chunk_id", "scores"}


def test_from_json_needs_only_the_file():
    assert Passage.from_json({"file": "a.pdf"}) == Passage(0, 0.0, "a.pdf", {}, "", 0, {})


def on_page(chunk_id: int, document: int, page: int, text: str) -> ChunkRow:
    return ChunkRow(chunk_id, document, f"/docs/{document}.pdf", text, {"page": page}, "")


def test_each_page_gives_its_best_passage_before_any_page_gives_a_second():
    rows = {
        1: on_page(1, 1, 4, "alpha"),
        2: on_page(2, 1, 4, "bravo"),  # the same page as 1
        3: on_page(3, 1, 5, "charlie"),
    }
    candidates = found(dense=[(1, 0.9), (2, 0.8), (3, 0.7)], rows=rows)
    assert ids(rank(candidates, 5, PLAIN)) == [1, 3, 2]


def test_a_page_holding_the_whole_question_outranks_a_chunk_holding_part_of_it():
    question = "capital expenditures in fiscal 2019"
    rows = {
        1: on_page(1, 1, 7, "capital expenditures rose"),
        2: on_page(2, 1, 9, "capital expenditures (812) (745)"),
    }
    candidates = found(question, dense=[(1, 0.9), (2, 0.8)], rows=rows)
    candidates.pages = {
        (1, 7): "capital expenditures rose",
        (1, 9): "statements of cash flows fiscal 2019 2018\ncapital expenditures (812) (745)",
    }
    weights = Weights(salient=0.0, title=0.0, statement=0.0, page_terms=0.05)
    passages = rank(candidates, 5, weights)
    assert ids(passages) == [2, 1]
    assert passages[0].scores["page"] == 1.0


def test_the_statement_a_question_needs_is_preferred():
    question = "What was the capex? Use the cash flow statement."
    rows = {1: on_page(1, 1, 3, "capex plans"), 2: on_page(2, 1, 60, "purchases of property")}
    candidates = found(question, dense=[(1, 0.9), (2, 0.8)], rows=rows)
    candidates.pages = {
        (1, 3): "Our capex plans for the year ahead.",
        (1, 60): "ACME CONSOLIDATED STATEMENTS OF CASH FLOWS\npurchases of property (812)",
    }
    weights = Weights(salient=0.0, title=0.0, page_terms=0.0, statement=0.05)
    passages = rank(candidates, 5, weights)
    assert ids(passages) == [2, 1] and passages[0].scores["statement"] == 1.0


def test_pages_are_read_only_for_the_leading_pages_and_once():
    read = []

    def read_pages(chosen):
        read.append(sorted(r.id for r in chosen))
        return {(r.document_id, r.location["page"]): r.text for r in chosen}

    rows = {i: on_page(i, 1, i, TEXTS[i]) for i in range(1, 4)}
    candidates = found(dense=[(1, 0.9), (2, 0.8), (3, 0.7)], rows=rows)
    candidates.read_pages = read_pages
    rank(candidates, 5, PLAIN)
    rank(candidates, 5, PLAIN)
    assert read == [[1, 2, 3]]


def test_the_documents_prior_lifts_its_passages():
    rows = {1: on_page(1, 1, 1, "alpha"), 2: on_page(2, 2, 1, "bravo")}
    candidates = found(dense=[(1, 0.9), (2, 0.8)], rows=rows)
    candidates.prior = {2: 1.0}
    passages = rank(candidates, 5, Weights(salient=0.0, title=0.0, document=0.05))
    assert ids(passages) == [2, 1] and passages[0].scores["document"] == 1.0


def test_the_lists_searched_inside_the_named_documents_count_too():
    rows = {1: on_page(1, 1, 1, "alpha"), 2: on_page(2, 2, 1, "bravo")}
    candidates = found(dense=[(1, 0.9)], rows=rows)
    candidates.scoped_keyword = [(2, 3.0)]
    candidates.scoped_dense = [(2, 0.7)]
    assert ids(rank(candidates, 5, PLAIN)) == [2, 1]


def test_a_needed_statements_headings_are_searched_as_phrases():
    match = statement_match("What is the FY2019 capex for Acme?")
    assert '"statements of cash flows"' in match and '"balance sheet"' not in match
    assert statement_match("Who is Acme's chief executive?") is None


def test_chunks_under_a_needed_statements_heading_count_as_a_list():
    question = "What was the capex?"
    rows = {1: row(1), 2: row(2)}
    candidates = Candidates(question, [], [(1, 2.0)], rows, headings=[(2, 1.0)])
    weights = Weights(salient=0.0, title=0.0, document=0.0, statement=0.0, headings=2.0)
    passages = rank(candidates, 5, weights)
    assert ids(passages) == [2, 1]
    assert passages[0].scores["heading"] == 1.0
    assert passages[0].score == pytest.approx(2.0 / 61)
