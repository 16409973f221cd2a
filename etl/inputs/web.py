"""Fetch a feed or page over HTTP(S), refusing addresses inside the network.

A dashboard that fetches URLs on request could otherwise be pointed at a
router, a cloud metadata service (169.254.169.254) or a local admin page. The
host is resolved and every address checked before connecting, and the address
actually connected to is checked again before the request is sent, which also
covers redirects and DNS answers that change between the two."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from etl.inputs.model import InputError

TIMEOUT_SECONDS = 10.0
MAX_FETCH_BYTES = 20_000_000
CHUNK_BYTES = 65536
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
USER_AGENT = "sanctions-alliances-etl/1.0 (python urllib)"
PRIVATE_HINT = "use --allow-private-urls to fetch from your own machine or network"


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes
    etag: str | None = None  # the validators a later conditional request sends back
    last_modified: str | None = None
    not_modified: bool = False  # a 304 answer to a conditional request: no body


class RefusedAddress(OSError):
    """Raised inside a connection so urllib aborts before sending the request."""


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def address_kind(ip: str) -> str | None:
    """Why this address is not on the public internet, or None when it is."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for kind in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(addr, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if addr.is_global else "non-global"


def check_host(url: str, allow_private: bool) -> None:
    """Resolve the URL's host and refuse it if any address is not public."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise InputError(f"{url}: invalid port") from None
    if not parts.hostname:
        raise InputError(f"{url}: no host in URL")
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise InputError(f"{url}: cannot resolve host {parts.hostname!r} ({err})") from None
    for info in infos:
        ip = str(info[4][0])
        kind = address_kind(ip)
        if kind and not allow_private:
            raise InputError(f"{url}: refused, {parts.hostname} resolves to {ip}, a {kind} address; {PRIVATE_HINT}")


def guarded(base: type[http.client.HTTPConnection], allow_private: bool) -> type[http.client.HTTPConnection]:
    class Guarded(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            ip = str(self.sock.getpeername()[0])
            kind = address_kind(ip)
            if kind and not allow_private:
                self.sock.close()
                raise RefusedAddress(f"connected to {ip}, a {kind} address; {PRIVATE_HINT}")

    return Guarded


def opener(allow_private: bool) -> urllib.request.OpenerDirector:
    """Only HTTP(S), no proxy, no file:// or ftp://: a redirect cannot leave the guard."""
    context = ssl.create_default_context()
    plain, secure = guarded(http.client.HTTPConnection, allow_private), guarded(http.client.HTTPSConnection, allow_private)

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(plain, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(secure, req, context=context)

    director = urllib.request.OpenerDirector()
    for handler in (HTTP(), HTTPS(), urllib.request.HTTPRedirectHandler(), urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):
        director.add_handler(handler)
    return director


def fetch(url: str, allow_private: bool = False, timeout: float = TIMEOUT_SECONDS,
          headers: Mapping[str, str] | None = None) -> Fetched:
    """The body of url, read within timeout seconds in all; every failure is an
    InputError. headers are added to the request (If-None-Match and
    If-Modified-Since make it conditional: a 304 comes back as not_modified)."""
    check_host(url, allow_private)
    request = urllib.request.Request(url, headers={"Accept": ACCEPT, "User-Agent": USER_AGENT, **(headers or {})})
    deadline = time.monotonic() + timeout
    try:
        with opener(allow_private).open(request, timeout=timeout) as response:
            body = read_body(response, url, deadline, timeout)
            got = response.headers
            return Fetched(response.geturl(), got.get("Content-Type", ""), body, got.get("ETag"), got.get("Last-Modified"))
    except urllib.error.HTTPError as err:
        if err.code == 304 and headers:  # urllib reports every non-2xx status as an error
            return Fetched(url, "", b"", err.headers.get("ETag"), err.headers.get("Last-Modified"), not_modified=True)
        raise InputError(f"{url}: HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise InputError(f"{url}: {describe(err.reason, timeout)}") from None
    except (OSError, http.client.HTTPException) as err:
        raise InputError(f"{url}: {describe(err, timeout)}") from None


def read_body(response: Any, url: str, deadline: float, timeout: float) -> bytes:
    """read1 returns whatever has arrived, so a server trickling bytes cannot
    keep us past the deadline; the size cap keeps memory bounded."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(CHUNK_BYTES):
        size += len(chunk)
        if size > MAX_FETCH_BYTES:
            raise InputError(f"{url}: response is over {MAX_FETCH_BYTES:,} bytes, not read")
        if time.monotonic() > deadline:
            raise InputError(f"{url}: no complete answer within {timeout:g} s (timeout)")
        chunks.append(chunk)
    return b"".join(chunks)


def describe(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s (timeout)"
    if isinstance(reason, RefusedAddress):
        return f"refused, {reason}"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    return f"cannot fetch ({reason})"
