"""The HTTP a model server is spoken to with, standard library only: small JSON requests
and server-sent-event streams, each error a ModelError that names the URL."""

from __future__ import annotations

import contextlib
import http.client
import json
import queue
import re
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

from models.discovery import ModelError

CONNECT_TIMEOUT = 10.0  # seconds to connect and for the small JSON requests
READ_TIMEOUT = 600.0  # silence allowed in a stream (a big model reading a long prompt)
POLL_S = 0.05  # how often should_stop() is asked while the server is silent


class JsonClient:
    """JSON over http.client to one base URL, with errors that name it."""

    def __init__(self, url: str, api_key: str | None) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ModelError(f"not a server URL: {url!r} (write it like http://host:8000)")
        self.url = url
        self.https = parts.scheme == "https"
        self.host, self.port = parts.hostname, parts.port
        self.prefix = re.sub(r"/v1$", "", parts.path.rstrip("/"))
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"

    def connection(self, timeout: float) -> http.client.HTTPConnection:
        """A connected connection (ModelError naming the URL when it cannot be made)."""
        kind = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
        connection = kind(self.host, self.port, timeout=timeout)
        try:
            connection.connect()
        except OSError as err:
            connection.close()
            raise ModelError(self.unreachable(err)) from None
        return connection

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """(HTTP status, decoded JSON or None) of one small request."""
        connection = self.connection(CONNECT_TIMEOUT)
        try:
            data = json.dumps(body).encode() if body is not None else None
            connection.request(method, self.prefix + path, body=data, headers=self.headers)
            response = connection.getresponse()
            raw = response.read()
        except OSError as err:
            raise ModelError(self.unreachable(err)) from None
        finally:
            connection.close()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, None

    def unreachable(self, err: OSError) -> str:
        if isinstance(err, ConnectionRefusedError):
            reason = "connection refused"
        elif isinstance(err, TimeoutError):
            reason = "no answer in time"
        elif isinstance(err, socket.gaierror):
            reason = "unknown host"
        else:
            reason = (err.strerror or str(err)).lower()
        return f"cannot reach {self.url}: {reason}"

    def answered(self, status: int, body: Any) -> str:
        """The message for a request the server refused."""
        if isinstance(body, bytes):
            try:
                body = json.loads(body)
            except ValueError:
                body = body.decode("utf-8", "replace").strip()[:200]
        return f"{self.url} answered {status}: {error_text(body) or 'no reason given'}"


def error_text(body: Any) -> str:
    """The message of an OpenAI-style error object (or FastAPI's detail)."""
    if isinstance(body, dict):
        inner = body.get("error", body.get("detail", body.get("message", "")))
        return error_text(inner) if isinstance(inner, dict | list) else str(inner)
    if isinstance(body, list) and body:
        return error_text(body[0]) if isinstance(body[0], dict) else str(body[0])
    return str(body or "")


_END = object()


class EventStream:
    """One streamed POST read in its own thread, so should_stop() is asked while the server
    is silent (reading a long prompt) and the connection can be cut at once."""

    def __init__(self, client: JsonClient, path: str, body: dict[str, Any]) -> None:
        self._http = client
        self._queue: queue.Queue[Any] = queue.Queue()
        self._connection: http.client.HTTPConnection | None = None
        self._closed = False
        self.stopped = False
        threading.Thread(target=self._read, args=(path, body), daemon=True).start()

    def _read(self, path: str, body: dict[str, Any]) -> None:
        try:
            self._connection = connection = self._http.connection(CONNECT_TIMEOUT)
            if connection.sock is not None:
                connection.sock.settimeout(READ_TIMEOUT)
            headers = {**self._http.headers, "Accept": "text/event-stream"}
            data = json.dumps(body).encode()
            connection.request("POST", self._http.prefix + path, body=data, headers=headers)
            response = connection.getresponse()
            if response.status != 200:
                raise ModelError(self._http.answered(response.status, response.read()))
            for line in response:
                text = line.decode("utf-8", "replace").strip()
                if self._closed or text == "data: [DONE]":
                    break
                if text.startswith("data:"):
                    self._queue.put(json.loads(text[5:]))
            self._queue.put(_END)
        except ModelError as err:
            self._queue.put(err)
        except ValueError as err:
            self._queue.put(ModelError(f"{self._http.url} sent a broken event: {err}"))
        except TimeoutError:
            silence = f"{self._http.url} sent nothing for {READ_TIMEOUT:.0f} s"
            self._queue.put(None if self._closed else ModelError(silence))
        except OSError as err:
            self._queue.put(None if self._closed else ModelError(self._http.unreachable(err)))
        finally:
            if self._connection is not None:
                self._connection.close()

    def events(self, should_stop: Callable[[], bool]) -> Iterator[dict[str, Any]]:
        """The decoded events until the stream ends; stops (stopped=True) when asked to.
        The connection is closed when the events end, however they end."""
        try:
            while True:
                if should_stop():
                    self.stopped = True
                    return
                try:
                    item = self._queue.get(timeout=POLL_S)
                except queue.Empty:
                    continue
                if item is _END or item is None:
                    return
                if isinstance(item, ModelError):
                    raise item
                if isinstance(item, dict) and item.get("error"):
                    raise ModelError(f"{self._http.url}: {error_text(item)}")
                yield item
        finally:
            self.close()

    def close(self) -> None:
        """Cut the connection (the server stops generating when it notices)."""
        self._closed = True
        connection = self._connection
        sock = connection.sock if connection is not None else None
        if sock is not None:  # wakes the reading thread at once
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
