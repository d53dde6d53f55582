"""The prompt evaluated in steps sized by the pace of the one before: 64 tokens first, then
about PREFILL_STEP_S each, never more than llama.cpp's n_batch; the cached prefix reused."""

from types import SimpleNamespace

from models import llama_backend
from models.llama_backend import PREFILL_BATCH, PREFILL_MAX, LlamaGeneration


class FakeLlama:
    """Evaluates a token in `per_token` seconds of a fake clock; remembers each call."""

    def __init__(self, clock: list[float], per_token: float, cached: list[int]) -> None:
        self.clock, self.per_token = clock, per_token
        self.input_ids, self.n_tokens = list(cached), len(cached)
        self.calls: list[int] = []

    def set_seed(self, seed: int) -> None:
        pass

    def _init_sampler(self, **_: object) -> object:
        return object()

    def eval(self, tokens: list[int]) -> None:
        self.calls.append(len(tokens))
        self.clock[0] += len(tokens) * self.per_token
        self.input_ids = self.input_ids[: self.n_tokens] + list(tokens)
        self.n_tokens += len(tokens)


def _steps(monkeypatch, per_token: float, prompt: int, cached: list[int] | None = None):
    clock = [0.0]
    monkeypatch.setattr(llama_backend.time, "perf_counter", lambda: clock[0])
    llm = FakeLlama(clock, per_token, cached or [])
    backend = SimpleNamespace(llm=llm, n_ctx=100_000)
    params = SimpleNamespace(seed=0, top_k=40, top_p=0.9, temperature=0.6, repeat_penalty=1.1)
    generation = LlamaGeneration(backend, list(range(prompt)), params)  # type: ignore[arg-type]
    reports = list(generation.prefill())
    return llm.calls, reports, generation.reused


def test_a_fast_model_takes_steps_up_to_n_batch(monkeypatch):
    calls, reports, _ = _steps(monkeypatch, per_token=1 / 1000, prompt=2000)  # 1,000 tokens/s
    assert calls[0] == PREFILL_BATCH
    assert max(calls) == PREFILL_MAX and sum(calls) == 2000
    assert reports[-1] == (2000, 2000)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


def test_a_slower_model_reports_about_every_step_s(monkeypatch):
    calls, _, _ = _steps(monkeypatch, per_token=1 / 100, prompt=600)  # 100 tokens/s
    assert calls[0] == PREFILL_BATCH
    assert all(99 <= c <= 100 for c in calls[1:-1]) and calls[-1] <= 100  # a second each


def test_a_very_slow_model_still_takes_the_first_steps_size(monkeypatch):
    calls, _, _ = _steps(monkeypatch, per_token=1 / 20, prompt=300)  # 20 tokens/s
    assert calls[:-1] == [PREFILL_BATCH] * (len(calls) - 1)


def test_the_cached_prefix_is_not_evaluated_again(monkeypatch):
    calls, reports, reused = _steps(monkeypatch, 1 / 1000, prompt=300, cached=list(range(250)))
    assert reused == 250 and sum(calls) == 50 and reports == [(300, 300)]
