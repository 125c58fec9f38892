"""Fetching URLs with httpx: timeouts, a size cap, redirects followed one hop at a time, and no private or
loopback addresses unless allowed (a page must not be able to make us read the user's own network)."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from storylens._version import __version__
from storylens.errors import BlockedAddress, FetchError, FetchTimeout, InputTooLarge

USER_AGENT = f"storylens/{__version__} (news comparison; +https://pypi.org/project/storylens/)"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchSettings:
    timeout: float = 20.0  # seconds for the whole fetch, not per read
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str  # media type only, lower case ("text/html")
    data: bytes


class Fetcher:
    """One HTTP client for a run. `fetch` raises FetchError (or a subclass) naming the URL."""

    def __init__(self, settings: FetchSettings | None = None, client: httpx.Client | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._client = client or httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=self.settings.timeout,
            follow_redirects=False,
            transport=_pinned_transport(self.settings.allow_private),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        deadline = time.monotonic() + self.settings.timeout
        current = url
        for _ in range(self.settings.max_redirects + 1):
            check_address(current, self.settings.allow_private, origin=url)
            try:
                response = self._get(current, deadline, origin=url)
            except httpx.TimeoutException as exc:
                raise FetchTimeout(url, f"no answer within {self.settings.timeout:g} s") from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # InvalidURL is no HTTPError
                raise FetchError(url, f"could not fetch: {_describe(exc)}") from exc
            except FetchError as exc:  # raised at connect time, naming host:port: name the URL asked for
                raise exc.at(url) from exc
            if isinstance(response, Fetched):
                return response
            current = _follow(current, response, origin=url)
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _get(self, url: str, deadline: float, origin: str) -> Fetched | str:
        """The page, or the URL a redirect points to."""
        # Each hop gets only what is left of the whole fetch's time, so a redirect chain cannot multiply it.
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(origin, f"not finished within {self.settings.timeout:g} s")
        with self._client.stream("GET", url, timeout=remaining) as response:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(origin, f"redirect ({response.status_code}) without a Location")
                return str(location)
            if response.status_code >= 400:
                raise FetchError(origin, f"the server answered {response.status_code} {response.reason_phrase}")
            declared = _declared_length(response)
            if declared > self.settings.max_bytes:
                raise _too_large(origin, declared, self.settings.max_bytes)
            data = self._read_capped(response, deadline, origin)
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(str(response.url), response.status_code, media, data)

    def _read_capped(self, response: httpx.Response, deadline: float, origin: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:
                raise _too_large(origin, size, self.settings.max_bytes)
            if time.monotonic() > deadline:
                raise FetchTimeout(origin, f"not finished within {self.settings.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


def check_address(url: str, allow_private: bool, origin: str | None = None) -> None:
    """Refuse non-HTTP URLs, and hosts that resolve to private, loopback, link-local or reserved addresses."""
    origin = origin or url
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port  # .port raises for a port that is no number or out of range
    except ValueError as exc:
        raise FetchError(origin, f"not a valid URL ({exc})") from exc
    if parts.scheme not in {"http", "https"}:
        raise FetchError(origin, f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'}")
    if not host:
        raise FetchError(origin, "the URL has no host")
    if allow_private:
        return
    for address in _resolve(host, port, origin):
        _refuse_private(host, address, origin)


class _CheckedBackend(httpcore.NetworkBackend):
    """Connects only to an address it has just checked itself.

    Checking a URL's host before the request is not enough: the name can resolve to a public address for the check
    and to a private one for the connection (DNS rebinding). Here the address that is checked is the one connected
    to; TLS still verifies the certificate against the host name, which httpcore passes separately.
    """

    def __init__(self, allow_private: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        origin = f"{host}:{port}"
        addresses = _resolve(host, port, origin)
        if not self._allow_private:
            for address in addresses:
                _refuse_private(host, address, origin)
        return self._inner.connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never used for fetching")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _pinned_transport(allow_private: bool) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    # httpx offers no public way to pass a network backend to its connection pool; this attribute is pinned by
    # tests/ingest/test_fetch.py, so a change in httpx fails a test instead of silently reopening the hole.
    transport._pool._network_backend = _CheckedBackend(allow_private)
    return transport


def _refuse_private(host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address, origin: str) -> None:
    if not address.is_global or address.is_multicast:
        raise BlockedAddress(origin, f"{host} is a private or local address ({address}); use --allow-private")


def _resolve(host: str, port: int | None, origin: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(origin, f"cannot resolve host {host}") from exc
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        addresses.append(address)
    return addresses


def _follow(current: str, location: str, origin: str) -> str:
    try:
        return urljoin(current, location)
    except ValueError as exc:
        raise FetchError(origin, f"redirect to an invalid URL {location!r}") from exc


def _declared_length(response: httpx.Response) -> int:
    """Content-Length, or 0 when absent or garbled (the streamed cap still applies)."""
    try:
        return int(response.headers.get("content-length") or 0)
    except ValueError:
        return 0


def _too_large(origin: str, size: int, cap: int) -> InputTooLarge:
    return InputTooLarge(origin, f"over the {cap:,}-byte cap (at least {size:,} bytes); raise it with --max-bytes")


def _describe(exc: httpx.HTTPError | httpx.InvalidURL) -> str:
    return str(exc) or type(exc).__name__
