"""Loaded at start-up by every Python process of the offline test (this folder is put on
PYTHONPATH), parse workers included: a connection or a name lookup that would leave the machine
is written to $THINKDESK_NETWORK_LOG with its address and traceback, then refused.

Each process also logs that the guard was loaded, so the test knows it was watched."""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import socket
import sys
import traceback
from typing import Any

LOG = os.environ.get("THINKDESK_NETWORK_LOG", "")


def _write(record: dict[str, Any]) -> None:
    if not LOG:
        return
    line = json.dumps({"pid": os.getpid(), "argv": sys.argv, **record}) + "\n"
    # One write per line in append mode: lines of several processes do not interleave.
    fd = os.open(LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


def _local_host(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host is None or host in ("", "localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _local_address(family: int, address: object) -> bool:
    if family == getattr(socket, "AF_UNIX", None) or family == getattr(socket, "AF_NETLINK", -1):
        return True
    if isinstance(address, tuple) and address:
        return _local_host(address[0])
    return False


def _refuse(call: str, address: object) -> None:
    stack = "".join(traceback.format_stack()[:-2])
    _write({"event": "network", "call": call, "address": repr(address), "traceback": stack})
    raise OSError(errno.ENETUNREACH, f"offline test: {call}({address!r}) refused")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_sendto = socket.socket.sendto
_getaddrinfo = socket.getaddrinfo
_gethostbyname = socket.gethostbyname
_gethostbyname_ex = socket.gethostbyname_ex


def connect(self: Any, address: Any) -> None:
    if not _local_address(self.family, address):
        _refuse("connect", address)
    return _connect(self, address)


def connect_ex(self: Any, address: Any) -> int:
    if not _local_address(self.family, address):
        _refuse("connect_ex", address)
    return _connect_ex(self, address)


def sendto(self: Any, data: Any, *rest: Any) -> int:
    address = rest[-1] if rest else None
    if not _local_address(self.family, address):
        _refuse("sendto", address)
    return _sendto(self, data, *rest)


def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _local_host(host):
        _refuse("getaddrinfo", host)
    return _getaddrinfo(host, *args, **kwargs)


def gethostbyname(host: str) -> str:
    if not _local_host(host):
        _refuse("gethostbyname", host)
    return _gethostbyname(host)


def gethostbyname_ex(host: str) -> Any:
    if not _local_host(host):
        _refuse("gethostbyname_ex", host)
    return _gethostbyname_ex(host)


socket.socket.connect = connect  # type: ignore[method-assign]
socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
socket.socket.sendto = sendto  # type: ignore[method-assign]
socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname
socket.gethostbyname_ex = gethostbyname_ex
_write({"event": "loaded"})
