"""Local answering speed with the bundled GGUF, product vs raw llama-cpp-python, side by side:
model load s, prefill s, first token s and generation tokens/s, each measured in a fresh
process (so loads are cold in the same way and no prompt cache carries over), interleaved,
median of --repeat rounds.

- raw: llama_cpp.Llama with the same file, n_threads, n_ctx and sampler (top-k, top-p, min-p,
  temperature and the repeat penalty of the product's preset), evaluating the product's prompt
  tokens in one call and generating as many tokens as the product did;
- product: Application.ask, the path `thinkdesk ask` takes (the thinking budget and the repeat
  penalty in place), timed by the timings it reports; also a whole `thinkdesk ask --json`
  process, wall clock, against a whole raw process.

Both run with OpenMP's default wait policy (threads spin a while before they sleep), as
llama-cpp-python comes; raw is also run with OMP_WAIT_POLICY=passive (threads sleep at once:
2.4x slower generation with a model this small on idle cores) and with one generation thread.
The product worker counts embedding engines loaded and embeddings computed while the
model generates (they should be 1 and 0). --home DIR: a library holding the corpus in kb
"bench" (copied to a scratch folder first); else tests/retrieval/corpus is indexed.

    python -m bench.llm_speed [--repeat 3] [--home DIR] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).parents[1] / "tests" / "retrieval" / "corpus"
QUESTION = "What was Acme Robotics' FY2025 gross margin, and what drove it?"
KB, K, N_CTX = "bench", 8, 4096


def raw_worker(prompt: list[int], tokens: int, threads: int, gen_threads: int) -> dict[str, Any]:
    """Load, prefill the prompt in one eval, sample `tokens` tokens with the product's preset."""
    from models.discovery import bundled_llm_path
    from models.presets import sampling

    started = time.perf_counter()
    from llama_cpp import Llama

    imported = time.perf_counter()
    llm = Llama(
        model_path=str(bundled_llm_path()),
        n_ctx=N_CTX,
        n_threads=gen_threads,
        n_threads_batch=threads,
        verbose=False,
    )
    loaded = time.perf_counter()
    params = sampling("default")
    llm.set_seed(params.seed)
    llm._sampler = llm._init_sampler(
        top_k=params.top_k,
        top_p=params.top_p,
        min_p=0.05,
        temp=params.temperature,
        repeat_penalty=params.repeat_penalty,
    )
    llm.eval(prompt)
    prefilled = time.perf_counter()
    token = llm.sample()
    first = time.perf_counter()
    for _ in range(tokens - 1):
        llm.eval([token])
        token = llm.sample()
    done = time.perf_counter()
    return {
        # The product's load_s also imports llama_cpp (its first use of it): so does this one.
        "load_s": loaded - started,
        "construct_s": loaded - imported,  # Llama() alone
        "prefill_s": prefilled - loaded,
        "first_token_s": first - started,  # load + prefill + one sample
        "generation_tok_s": tokens / (done - prefilled),
        "tokens": tokens,
    }


def product_worker(home: Path, threads: int, prompt_file: Path | None) -> dict[str, Any]:
    """One Application.ask in this fresh process, as `thinkdesk ask` runs it; its timings."""
    started = time.perf_counter()
    from app.application import Application, AskOptions
    from app.events import Done
    from app.settings import Settings

    imported = time.perf_counter()
    loads, during = _watch_embedder()
    settings = Settings(threads=threads, context_size=N_CTX)
    app = Application(home, settings)
    answer = None
    for event in app.ask(KB, QUESTION, AskOptions(k=K), record=False):
        if isinstance(event, Done):
            answer = event.answer
        elif type(event).__name__ in ("ThinkingDelta", "AnswerDelta"):
            during["generating"] = True
    during["generating"] = False
    assert answer is not None
    t = answer.timings
    if prompt_file is not None:  # the prompt the raw workers evaluate
        llm: Any = app.backend().llm  # type: ignore[attr-defined]
        bos = int(bool(llm._model.add_bos_token()))  # LlamaCppBackend.start added one
        prompt_file.write_text(json.dumps(llm.input_ids[: t["prompt_tokens"] + bos].tolist()))
    app.close()
    sampled = t["reasoning_tokens"] + t["answer_tokens"]
    generation_s = t["total_s"] - t["retrieve_s"] - t["load_s"] - t["prefill_s"]
    return {
        "import_s": imported - started,
        "retrieve_s": t["retrieve_s"],
        "load_s": t["load_s"],
        "prefill_s": t["prefill_s"],
        "first_token_s": t["load_s"] + t["first_token_s"] - t["retrieve_s"],
        "first_token_with_retrieval_s": t["load_s"] + t["first_token_s"],
        "generation_tok_s": sampled / max(generation_s, 1e-9),
        "tokens": sampled,
        "prompt_tokens": t["prompt_tokens"],
        "embedder_loads": loads["count"],
        "embeddings_while_generating": during["count"],
    }


def _watch_embedder() -> tuple[dict[str, int], dict[str, Any]]:
    """Counters: embedding engines made, and embeddings computed while tokens stream."""
    from retrieval import embeddings

    loads = {"count": 0}
    during: dict[str, Any] = {"count": 0, "generating": False}
    for cls in (embeddings.OnnxEngine, embeddings.SentenceTransformerEmbedder):
        init = cls.__init__

        def counted(self: Any, *args: Any, _init: Any = init, **kwargs: Any) -> None:
            loads["count"] += 1
            _init(self, *args, **kwargs)

        cls.__init__ = counted  # type: ignore[method-assign]
    embed = embeddings.LocalEmbedder._embed

    def watched(self: Any, engine: str, texts: Any) -> Any:
        during["count"] += int(during["generating"])
        return embed(self, engine, texts)

    embeddings.LocalEmbedder._embed = watched  # type: ignore[method-assign]
    return loads, during


def _run(argv: list[str], wait_policy: str | None = None) -> tuple[dict[str, Any], float]:
    """A worker (or the CLI) in a fresh process: its JSON and its wall-clock seconds.
    wait_policy: OMP_WAIT_POLICY for it ("" unsets it: OpenMP's default)."""
    env = dict(os.environ)
    if wait_policy is not None:
        env.pop("OMP_WAIT_POLICY", None)
        env.update({"OMP_WAIT_POLICY": wait_policy} if wait_policy else {})
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{argv[:4]} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout), wall


def _worker(kind: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "bench.llm_speed", "--worker", kind, *args]


def main(argv: list[str] | None = None) -> int:
    """Print the measurements as Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--home", type=Path, help="a library with the corpus in kb 'bench'")
    parser.add_argument("--worker", choices=["raw", "product"], help=argparse.SUPPRESS)
    parser.add_argument("--prompt", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tokens", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--gen-threads", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "raw":
        prompt = json.loads(args.prompt.read_text())
        gen = args.gen_threads or args.threads
        print(json.dumps(raw_worker(prompt, args.tokens, args.threads, gen)))
        return 0
    if args.worker == "product":
        print(json.dumps(product_worker(args.home, args.threads, args.prompt)))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        if args.home is None:
            _index(home)
        else:
            shutil.copytree(args.home, home)
        (home / "settings.json").write_text(
            json.dumps({"threads": args.threads, "context_size": N_CTX})
        )
        runs = _measure(home, Path(scratch) / "prompt.json", args)
    _report(runs, args)
    return 0


def _cli(home: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "thinkdesk"), "--home", str(home), "--kb", KB]


def _index(home: Path) -> None:
    subprocess.run([*_cli(home), "ingest", str(DATA), "--json"], check=True, capture_output=True)


def _measure(home: Path, prompt: Path, args: argparse.Namespace) -> dict[str, list[Any]]:
    threads = str(args.threads)
    product = _worker("product", "--home", str(home), "--threads", threads)
    warm, _ = _run([*product, "--prompt", str(prompt)])  # the prompt and the token count
    tokens = str(warm["tokens"])
    raw = _worker("raw", "--prompt", str(prompt), "--threads", threads)
    cli = [*_cli(home), "ask", QUESTION, "-k", str(K), "--json", "--no-history"]
    runs: dict[str, list[Any]] = {k: [] for k in ("raw", "raw_passive", "raw_1", "product", "cli")}
    for _ in range(args.repeat):  # OpenMP's default wait policy, as llama-cpp-python comes
        runs["raw"].append(_run([*raw, "--tokens", tokens], ""))
        runs["product"].append(_run(product, ""))
        runs["cli"].append(_run(cli, ""))
        runs["raw_1"].append(_run([*raw, "--tokens", tokens, "--gen-threads", "1"], ""))
        runs["raw_passive"].append(_run([*raw, "--tokens", tokens], "passive"))
    runs["prompt_tokens"] = [warm["prompt_tokens"]]
    return runs


def _median(runs: list[Any], key: str) -> float:
    return statistics.median(r[0][key] for r in runs)


def _report(runs: dict[str, list[Any]], args: argparse.Namespace) -> None:
    raw, product = runs["raw"], runs["product"]
    n = runs["prompt_tokens"][0]
    print(
        f"prompt: {n} tokens ({K} passages + instructions), {args.threads} threads, "
        f"{product[0][0]['tokens']} tokens generated, fresh process per run, "
        f"median of {args.repeat} interleaved rounds\n"
    )
    print("| measure | raw llama-cpp-python | thinkdesk (Application.ask) | ratio |")
    print("|---|---|---|---|")
    rows = [
        ("model load s (import llama_cpp + load)", "load_s", "<= 1.5"),
        ("prefill s", "prefill_s", ""),
        ("first token s (load + prefill + 1 token)", "first_token_s", "<= 1.1"),
        ("generation tokens/s", "generation_tok_s", ">= 0.9"),
    ]
    for label, key, target in rows:
        a, b = _median(raw, key), _median(product, key)
        ratio = b / a if a else float("nan")
        goal = f" (target {target})" if target else ""
        print(f"| {label} | {a:.2f} | {b:.2f} | {ratio:.2f}{goal} |")
    retrieval = _median(product, "retrieve_s")
    construct = _median(raw, "construct_s")
    print(
        f"| model load s, raw `Llama()` alone (llama_cpp imported before) | {construct:.2f} | | |"
    )
    print(f"| retrieval s (product only; first query embeds) | | {retrieval:.2f} | |")
    with_retrieval = _median(product, "first_token_with_retrieval_s")
    print(f"| first token s, retrieval included | | {with_retrieval:.2f} | |")
    loads = [r[0]["embedder_loads"] for r in product]
    during = [r[0]["embeddings_while_generating"] for r in product]
    print(f"\nembedder engines loaded per ask: {loads}; embeddings while generating: {during}")
    print("\n| whole process | wall s (median) |\n|---|---|")
    print(f"| raw worker (import, load, prefill, generate) | {_wall(raw):.2f} |")
    print(f"| `thinkdesk ask --json` | {_wall(runs['cli']):.2f} |")
    cli = runs["cli"][0][0]["timings"]
    print(f"\n`thinkdesk ask --json` timings (first run): {json.dumps(cli)}")
    print("\n| raw generation tokens/s, same prompt | median |\n|---|---|")
    default = _median(raw, "generation_tok_s")
    print(f"| {args.threads} threads, OpenMP's default wait policy | {default:.1f} |")
    passive = _median(runs["raw_passive"], "generation_tok_s")
    print(f"| {args.threads} threads, OMP_WAIT_POLICY=passive | {passive:.1f} |")
    one = _median(runs["raw_1"], "generation_tok_s")
    print(f"| 1 generation thread ({args.threads} for prefill) | {one:.1f} |")


def _wall(runs: list[Any]) -> float:
    return statistics.median(r[1] for r in runs)


if __name__ == "__main__":
    sys.exit(main())
