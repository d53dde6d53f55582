"""Budget forcing with a scripted backend: caps, extensions, end-of-sequence, counting."""

import pytest
from fakes import END, ScriptedBackend

from models.backend import SamplingParams
from models.budget import Budget, BudgetedGeneration


def run(script, budget=None, thinking_open=True, max_answer=50):
    budget = budget or Budget()
    backend = ScriptedBackend(script)
    generation = backend.start(backend.tokenize("Q"), SamplingParams())
    list(generation.prefill())
    controller = BudgetedGeneration(
        backend, generation, SamplingParams(max_answer_tokens=max_answer), budget, thinking_open
    )
    deltas = list(controller.run())
    thinking = "".join(d.text for d in deltas if d.kind == "thinking")
    answer = "".join(d.text for d in deltas if d.kind == "answer")
    context = backend.text(generation.context[1:])  # after the prompt
    return thinking, answer, controller.counts, context


def chars(text):
    return list(text)


# A trace that never repeats itself (a repeating one is closed early).
PROSE = (
    "Gross margin rose from 39.8 to 41.7 percent as component costs fell and software grew; "
    "wages rose in our plants, yet slower than revenue, so operating profit reached 298 "
    "million dollars in fiscal 2025, against 240 million a year before. Orders for Atlas arms "
    "beat every forecast, while the move to Rotterdam finished early and under its budget."
)


def test_no_budget_passes_the_trace_and_answer_through():
    thinking, answer, counts, context = run([*chars("abc"), "</think>", *chars("Yes [1]"), END])
    assert (thinking, answer) == ("abc", "Yes [1]")
    assert (counts.reasoning_tokens, counts.answer_tokens) == (3, 7)
    assert context == "abc</think>Yes [1]"


def test_max_thinking_inserts_the_delimiter_and_the_answer_follows():
    thinking, answer, counts, context = run([*chars(PROSE[:100]), END], Budget(max_thinking=32))
    assert thinking == PROSE[:32] and counts.capped and counts.trace_end == "max_thinking"
    assert counts.reasoning_tokens == 32
    assert context.startswith(PROSE[:32] + "\n</think>\n\n")
    assert answer.strip()  # the answer phase started and is not empty


def test_min_thinking_suppresses_an_early_delimiter_and_appends_wait():
    script = [*chars("ab"), "</think>", *chars("cd"), "</think>", *chars("Done"), END]
    thinking, answer, counts, context = run(script, Budget(min_thinking=8))
    assert thinking == "ab\nWaitcd"
    assert answer == "Done"
    assert counts.waits == 1
    assert counts.reasoning_tokens == 2 + len("\nWait") + 2  # Wait counted, delimiters not
    assert context == "ab\nWaitcd</think>Done"  # the first delimiter was taken back out


def test_end_of_sequence_inside_the_trace_is_an_attempt_to_end_thinking():
    below = run([*chars("ab"), END, *chars("c"), END], Budget(min_thinking=5))
    assert below[0].startswith("ab\nWait") and below[2].waits >= 1
    above = run([*chars("abcdef"), END, *chars("Ans"), END], Budget(min_thinking=3))
    assert above[0] == "abcdef" and above[1].strip() == "Ans"
    assert "\n</think>\n\n" in above[3]


def test_the_answer_is_never_empty():
    thinking, answer, counts, _ = run([*chars("ab"), "</think>", END, END], Budget())
    assert answer and counts.answer_tokens >= 1


def test_a_delimiter_split_over_several_tokens_is_recognised():
    script = [*chars("plan"), "</", "thi", "nk>", *chars("ok"), END]
    thinking, answer, counts, _ = run(script)
    assert (thinking, answer, counts.reasoning_tokens) == ("plan", "ok", 4)


def test_partial_delimiter_below_minimum_is_rewound():
    script = [*chars("ab"), "</", "think>", *chars("more"), "</think>", *chars("A"), END]
    thinking, answer, counts, context = run(script, Budget(min_thinking=6))
    assert "</" not in thinking and thinking.startswith("ab\nWait")
    assert context.count("</think>") == 1


def test_without_an_open_trace_a_plain_model_answers_directly():
    thinking, answer, counts, _ = run([*chars("Hello"), END], thinking_open=False)
    assert (thinking, answer, counts.reasoning_tokens) == ("", "Hello", 0)


def test_a_model_that_opens_a_trace_itself_is_budgeted():
    script = ["<think>", *chars(PROSE[:50]), END]
    thinking, answer, counts, _ = run(script, Budget(max_thinking=10), thinking_open=False)
    assert thinking == PROSE[:10] and counts.capped and answer


def test_max_answer_tokens_stops_the_answer():
    _, answer, counts, _ = run(["</think>", *chars("y" * 100)], max_answer=20)
    assert answer == "y" * 20 and counts.stop_reason == "max_answer_tokens"


@pytest.mark.parametrize("cap", [1, 5, 32])
def test_reasoning_tokens_stay_within_a_few_of_the_cap(cap):
    script = [*(piece for word in PROSE.split() for piece in (*word, "</")), END]
    _, _, counts, _ = run(script, Budget(max_thinking=cap))
    assert cap <= counts.reasoning_tokens <= cap + 3


def test_an_answer_repeating_a_line_is_stopped():
    line = "The margin was 48.0 percent.\n"
    _, answer, counts, _ = run(["</think>", *chars(line * 10)], max_answer=1000)
    assert counts.stop_reason == "repetition"
    assert answer.count("The margin was") == 3


def test_a_whitespace_only_answer_is_not_an_answer():
    thinking, answer, counts, _ = run([*chars("ab"), "</think>", "\n", "\n", END, END])
    assert answer.strip()


def test_a_trace_that_would_fill_the_context_is_closed_for_the_answer():
    backend_ctx = 200
    script = [*chars(PROSE * 3), END]
    from fakes import ScriptedBackend

    backend = ScriptedBackend(script, n_ctx=backend_ctx)
    generation = backend.start(backend.tokenize("Q"), SamplingParams())
    list(generation.prefill())
    params = SamplingParams(max_answer_tokens=40)
    controller = BudgetedGeneration(backend, generation, params, Budget(min_thinking=6000), True)
    deltas = list(controller.run())
    answer = "".join(d.text for d in deltas if d.kind == "answer")
    assert controller.counts.capped and answer.strip()


def test_a_half_written_delimiter_is_taken_back_before_wait_and_at_the_cap():
    below = run(
        [*chars("ab"), "</", END, *chars("cd"), "</think>", *chars("A"), END],
        Budget(min_thinking=4),
    )
    assert "</" not in below[0] and "</\n" not in below[3]
    capped = run([*chars("abc"), "</", *chars(PROSE[:20]), END], Budget(max_thinking=3))
    assert "</" not in capped[0]


class ByteBackend(ScriptedBackend):
    """Pieces written "\x00XX" are one raw byte (a Chinese character split over tokens)."""

    def token_bytes(self, token):
        piece = self._pieces[token]
        return bytes.fromhex(piece[1:]) if piece.startswith("\x00") else super().token_bytes(token)


def test_a_character_cut_by_the_thinking_cap_does_not_garble_the_answer():
    cut = "营".encode()[:2]  # two of its three bytes, then the cap
    script = ["a", "b", *(f"\x00{b:02x}" for b in cut), *"是的", END]
    backend = ByteBackend(script)
    generation = backend.start(backend.tokenize("Q"), SamplingParams())
    list(generation.prefill())
    controller = BudgetedGeneration(
        backend, generation, SamplingParams(max_answer_tokens=2), Budget(max_thinking=4), True
    )
    deltas = list(controller.run())
    answer = "".join(d.text for d in deltas if d.kind == "answer")
    thinking = "".join(d.text for d in deltas if d.kind == "thinking")
    assert thinking == "ab" and controller.counts.capped
    assert answer == "是的"


def test_bytes_the_model_never_completes_into_a_character_are_dropped():
    broken = "营".encode()[:2]  # the start of a character, then another character instead
    script = [*"说", *(f"\x00{b:02x}" for b in broken), *"明。", END]
    backend = ByteBackend(script)
    generation = backend.start(backend.tokenize("Q"), SamplingParams())
    list(generation.prefill())
    controller = BudgetedGeneration(backend, generation, SamplingParams(), Budget(), False)
    answer = "".join(d.text for d in controller.run())
    assert answer == "说明。"


@pytest.mark.parametrize(
    ("budget", "cap"),
    [
        (Budget(), None),
        (Budget(max_thinking=10), 10),
        (Budget(min_thinking=8, max_thinking=10), 10),
        (Budget(min_thinking=48), 304),  # min + 256 for a small minimum
        (Budget(min_thinking=200), 800),  # four times a large one
    ],
)
def test_a_minimum_without_a_maximum_implies_one(budget, cap):
    assert budget.cap == cap


def test_a_minimum_with_no_maximum_ends_at_the_implied_cap_and_answers():
    script = [*chars((PROSE + " ") * 2), END]  # a model that would think on and on
    thinking, answer, counts, context = run(script, Budget(min_thinking=48), max_answer=5)
    assert counts.reasoning_tokens == 304 and counts.capped
    assert counts.trace_end == "implied_max" and answer.strip()
    assert "implies a maximum of 304" in counts.note(Budget(min_thinking=48))


def test_at_most_two_waits_then_the_models_end_is_taken():
    script = [*chars("ab"), END, *chars("cd"), END, *chars("ef"), END, *chars("Done."), END]
    thinking, answer, counts, context = run(script, Budget(min_thinking=100))
    assert counts.waits == 2 and thinking == "ab\nWaitcd\nWaitef"
    assert counts.trace_end == "waits" and answer == "Done."
    assert "after 2 appended Waits" in counts.note(Budget(min_thinking=100))
    closed = run([*chars("ab"), "</think>", *chars("c"), "</think>"] * 3 + [*"A", END], Budget(64))
    assert closed[2].waits == 2 and closed[1] and closed[2].trace_end == "waits"


def test_no_wait_is_appended_when_the_model_wrote_nothing_after_the_last_one():
    script = [*chars("ab"), END, END, *chars("Answer."), END]
    thinking, answer, counts, _ = run(script, Budget(min_thinking=100))
    assert counts.waits == 1 and thinking == "ab\nWait"
    assert answer == "Answer."


def test_a_trace_repeating_itself_is_closed_and_gets_no_wait():
    script = [*chars("Please wait... " * 60), END]  # the loop a 135M model fell into
    thinking, answer, counts, _ = run(script, Budget(min_thinking=48), max_answer=5)
    assert counts.trace_end == "repetition" and counts.waits == 0
    assert counts.reasoning_tokens <= 48 and answer.strip()
    assert thinking.count("Please wait...") <= 4
    assert "repeating itself" in counts.note(Budget(min_thinking=48))


def test_a_line_written_three_times_in_a_trace_closes_it():
    lines = ["Wait for the next question!\n", "What is next?\n"]
    script = [*chars("".join(lines * 10)), END]
    thinking, answer, counts, _ = run(script, Budget(max_thinking=500), max_answer=5)
    assert counts.trace_end == "repetition"
    assert thinking.count("Wait for the next question!") == 3 and answer.strip()


def test_how_the_trace_ended_is_recorded():
    assert run([*chars("ab"), "</think>", *chars("A"), END])[2].trace_end == "end"
    assert run([*chars("abc"), END, *chars("A"), END])[2].trace_end == "end"
    assert run([*chars("Hi"), END], thinking_open=False)[2].trace_end == ""
    assert run([*chars(PROSE), END], Budget(max_thinking=5))[2].note(Budget(0, 5)) == ""
