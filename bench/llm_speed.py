"""Local answering speed with the bundled GGUF on 2 threads: prefill tokens/s, first-token
latency and generation tokens/s, and `ask`'s first-token time as a ratio to raw
llama-cpp-python prefill of the same prompt (runs interleaved, prompt cache cleared each time).

    python -m bench.llm_speed [--repeat 3] [--k 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app.assistant import Assistant
from app.events import AnswerDelta, Done, Retrieved, ThinkingDelta
from app.indexing import ingest
from app.lazy import Lazy
from app.settings import Settings
from app.workspace import Workspace
from models.budget import Budget
from models.discovery import bundled_llm_path

DATA = Path(__file__).parents[1] / "tests" / "retrieval" / "corpus"
QUESTION = "What was Acme Robotics' FY2025 gross margin, and what drove it?"
THREADS = 2


def raw_first_token(llm: object, tokens: list[int]) -> tuple[float, float]:
    """(seconds to evaluate the prompt in one call, seconds to the first sampled token)."""
    llm.reset()  # type: ignore[attr-defined]
    started = time.perf_counter()
    llm.eval(tokens)  # type: ignore[attr-defined]
    prefilled = time.perf_counter()
    llm.sample(temp=0.2, top_p=0.9)  # type: ignore[attr-defined]
    return prefilled - started, time.perf_counter() - started


def ask_once(assistant: Assistant) -> dict[str, float]:
    """One `ask` through the facade, prompt cache cleared first; its timings."""
    assistant.backend().llm.reset()  # type: ignore[attr-defined]
    started = time.perf_counter()
    first = None
    tokens = 0
    for event in assistant.ask("bench", QUESTION, k=8, budget=Budget(max_thinking=0)):
        if isinstance(event, ThinkingDelta | AnswerDelta) and first is None:
            first = time.perf_counter() - started
        if isinstance(event, Done):
            timings = dict(event.answer.timings)
            tokens = timings["answer_tokens"]
        if isinstance(event, Retrieved):
            retrieved = time.perf_counter()
    finished = time.perf_counter()
    timings["ask_first_token_s"] = first or 0.0
    timings["generation_tok_s"] = tokens / max(finished - retrieved - timings["prefill_s"], 1e-9)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Print the measurements as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from app.llm import load_backend

    with tempfile.TemporaryDirectory() as home:
        settings = Settings(threads=THREADS, context_size=4096)
        workspace = Workspace(Path(home), settings)
        ingest(workspace, "bench", [str(DATA)])
        backend = Lazy(lambda: load_backend(settings))  # loaded once, its prompt cache kept
        assistant = Assistant(workspace, backend.get, lambda: backend.loaded, "bundled")
        ask_once(assistant)  # loads the models, warms the caches
        prompt = assistant.last_prompt
        from llama_cpp import Llama

        raw = Llama(
            model_path=str(bundled_llm_path()),
            n_ctx=4096,
            n_threads=THREADS,
            n_threads_batch=THREADS,
            verbose=False,
        )
        raw_runs, ask_runs = [], []
        for _ in range(args.repeat):
            raw_runs.append(raw_first_token(raw, prompt))
            ask_runs.append(ask_once(assistant))
        workspace.close()
    _report(prompt, raw_runs, ask_runs, args.repeat)
    return 0


def _report(prompt: list[int], raw_runs: list, ask_runs: list, repeat: int) -> None:
    raw_prefill = statistics.median(r[0] for r in raw_runs)
    raw_first = statistics.median(r[1] for r in raw_runs)
    ask_first = statistics.median(r["ask_first_token_s"] for r in ask_runs)
    ask_prefill = statistics.median(r["prefill_s"] for r in ask_runs)
    generation = statistics.median(r["generation_tok_s"] for r in ask_runs)
    n = len(prompt)
    print(
        f"prompt: {n} tokens (8 passages + instructions), {THREADS} threads, "
        f"median of {repeat} interleaved runs\n"
    )
    print("| measure | raw llama-cpp-python | thinkdesk ask |\n|---|---|---|")
    print(f"| prefill s | {raw_prefill:.2f} | {ask_prefill:.2f} |")
    print(f"| prefill tokens/s | {n / raw_prefill:.0f} | {n / ask_prefill:.0f} |")
    print(
        f"| first token s (ask: from the question, retrieval included) | {raw_first:.2f} | "
        f"{ask_first:.2f} |"
    )
    print(f"| generation tokens/s | | {generation:.1f} |")
    print(f"\nask first token / raw prefill = {ask_first / raw_prefill:.2f} (target <= 1.10)")


if __name__ == "__main__":
    sys.exit(main())
