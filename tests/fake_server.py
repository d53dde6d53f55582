"""A scripted OpenAI-compatible model server on 127.0.0.1 in a thread, for unit tests of the
endpoint backend: each chat request streams the next scripted list of SSE events."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def chunk(content=None, reasoning=None, finish=None, usage=None) -> dict[str, Any]:
    """One chat.completion.chunk event."""
    delta = {}
    if content is not None:
        delta["content"] = content
    if reasoning is not None:
        delta["reasoning_content"] = reasoning
    event: dict[str, Any] = {
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage is not None:
        event = {"object": "chat.completion.chunk", "choices": [], "usage": usage}
    return event


def pieces(*texts, reasoning=False, finish="stop") -> list[dict[str, Any]]:
    """A stream of content (or reasoning_content) chunks, the last one with finish_reason."""
    events = [chunk(reasoning=t) if reasoning else chunk(content=t) for t in texts]
    return [*events, chunk(finish=finish)]


class FakeServer:
    """kind says which routes answer: "llama.cpp" (/props, /tokenize), "vllm" (/version,
    /tokenize), "llama-cpp-python" (/extras/tokenize) or "openai" (chat and models only)."""

    def __init__(self, kind: str = "openai", model: str = "DeepSeek-R1-Distill-Qwen-7B"):
        self.kind = kind
        self.models = [model]
        self.streams: list[list[Any]] = []  # one list of events per chat request
        self.requests: list[dict[str, Any]] = []  # the chat request bodies
        self.headers: list[dict[str, str]] = []  # of the chat requests
        self.request_headers: list[dict[str, str]] = []  # of every request
        self.status = 200  # for chat requests
        self.error: Any = None  # the JSON body sent with a status other than 200
        self.models_status = 200
        self.delay = 0.0  # seconds between events
        self.written: list[int] = []  # events written per chat request
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                fake.request_headers.append(dict(self.headers))
                if self.path == "/v1/models":
                    body = {"object": "list", "data": [{"id": m} for m in fake.models]}
                    self._json(fake.models_status, body)
                elif self.path == "/props" and fake.kind == "llama.cpp":
                    self._json(200, {"default_generation_settings": {}})
                elif self.path == "/version" and fake.kind == "vllm":
                    self._json(200, {"version": "0.9.0"})
                else:
                    self._json(404, {"detail": "Not Found"})

            def do_POST(self):
                fake.request_headers.append(dict(self.headers))
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path == "/v1/chat/completions":
                    self._chat(body)
                elif self.path == "/extras/tokenize" and fake.kind == "llama-cpp-python":
                    self._json(200, {"tokens": list(range(len(body["input"].split())))})
                elif self.path == "/tokenize" and fake.kind in ("llama.cpp", "vllm"):
                    text = body.get("content") or body.get("prompt") or ""
                    self._json(200, {"tokens": list(range(len(text.split())))})
                else:
                    self._json(404, {"detail": "Not Found"})

            def _chat(self, body):
                fake.requests.append(body)
                fake.headers.append(dict(self.headers))
                if fake.status != 200:
                    self._json(fake.status, fake.error)
                    return
                events = fake.streams.pop(0) if fake.streams else pieces("ok")
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                written = 0
                fake.written.append(0)
                try:
                    for event in events:
                        line = event if isinstance(event, str) else json.dumps(event)
                        self.wfile.write(f"data: {line}\r\n\r\n".encode())
                        self.wfile.flush()
                        written += 1
                        fake.written[-1] = written
                        time.sleep(fake.delay)
                    self.wfile.write(b"data: [DONE]\r\n\r\n")
                except OSError:
                    pass  # the client closed the stream

        return Handler
