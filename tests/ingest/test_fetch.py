"""Fetcher against a real local HTTP server: pages, refusals of private addresses, timeouts, caps, redirects."""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
import pytest

from storylens.errors import BlockedAddress, FetchError, FetchTimeout, InputTooLarge
from storylens.ingest.fetch import Fetcher, FetchSettings, check_address

PRIVATE = FetchSettings(allow_private=True, timeout=5.0)
PUBLIC_IP = "93.184.215.14"  # a global unicast address; nothing connects to it in these tests


def fetch(url: str, **settings: Any) -> Any:
    with Fetcher(FetchSettings(**{"allow_private": True, "timeout": 5.0, **settings})) as fetcher:
        return fetcher.fetch(url)


@pytest.mark.network
def test_fetches_a_page_with_its_media_type(server: Any, page: Any) -> None:
    url = server.route("/story.html", page.html("bridge"))
    fetched = fetch(url)
    assert fetched.status == 200
    assert fetched.url == url
    assert fetched.content_type == "text/html"
    assert b"Kestrel Street bridge" in fetched.data


@pytest.mark.network
def test_follows_redirects_to_the_final_url(server: Any) -> None:
    server.route("/final", "<p>arrived</p>")
    server.redirect("/second", "/final", status=301)
    start = server.redirect("/first", server.url("/second"), status=307)
    fetched = fetch(start)
    assert fetched.url == server.url("/final")
    assert fetched.data == b"<p>arrived</p>"


@pytest.mark.network
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_refused_before_any_request(server: Any, host: str) -> None:
    server.route("/secret", "<p>internal</p>")
    with pytest.raises(BlockedAddress, match="private or local address"):
        fetch(f"http://{host}:{server.port}/secret", allow_private=False)
    assert server.hits == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.1/",
        "http://[::1]:8080/",
        "https://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
    ],
)
def test_private_addresses_refused(url: str) -> None:
    with pytest.raises(BlockedAddress) as caught:
        check_address(url, allow_private=False)
    assert caught.value.source == url
    assert "--allow-private" in caught.value.reason


def test_public_address_accepted() -> None:
    check_address(f"http://{PUBLIC_IP}/news", allow_private=False)


def test_allow_private_accepts_loopback() -> None:
    check_address("http://127.0.0.1:9/", allow_private=True)


def _fake_dns(monkeypatch: pytest.MonkeyPatch, names: dict[str, str]) -> None:
    """Resolve made-up host names; everything else goes to the real resolver."""
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in names:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (names[host], port or 0))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_host_name_resolving_to_private_address_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"intranet.example": "10.20.30.40"})
    with pytest.raises(BlockedAddress, match=r"10\.20\.30\.40"):
        check_address("http://intranet.example/", allow_private=False)


@pytest.mark.network
@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret", "http://169.254.169.254/latest/"])
def test_public_page_redirecting_to_private_address_refused(
    monkeypatch: pytest.MonkeyPatch, server: Any, target: str
) -> None:
    """Every hop is checked, not just the first: a public page must not bounce us into the local network."""
    _fake_dns(monkeypatch, {"news.example": PUBLIC_IP})
    server.route("/secret", "<p>internal</p>")
    requested: list[str] = []

    def public_site(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(302, headers={"Location": target.format(port=server.port)})

    client = httpx.Client(transport=httpx.MockTransport(public_site), follow_redirects=False)
    with (
        Fetcher(FetchSettings(allow_private=False), client=client) as fetcher,
        pytest.raises(BlockedAddress) as caught,
    ):
        fetcher.fetch("http://news.example/story")
    assert caught.value.source == "http://news.example/story"
    assert requested == ["http://news.example/story"]
    assert server.hits == []  # the private hop was never requested


@pytest.mark.network
def test_redirect_to_non_http_scheme_refused(server: Any) -> None:
    start = server.redirect("/jump", "file:///etc/passwd")
    with pytest.raises(FetchError, match="only http and https"):
        fetch(start)


@pytest.mark.parametrize("url", ["ftp://files.example/story.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_non_http_scheme_refused(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https") as caught:
        fetch(url)
    assert caught.value.source == url


@pytest.mark.network
def test_slow_answer_times_out_quickly(server: Any) -> None:
    url = server.route("/slow", "<p>late</p>", delay=10.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"0\.3 s") as caught:
        fetch(url, timeout=0.3)
    assert time.monotonic() - started < 3
    assert caught.value.source == url


@pytest.mark.network
def test_trickling_body_hits_the_whole_fetch_deadline(server: Any) -> None:
    """Each chunk comes in time, but the page as a whole does not: the timeout is for the whole fetch."""
    url = server.route("/drip", b"x" * 2000, trickle=0.05, chunk_size=10)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(url, timeout=0.5)
    assert time.monotonic() - started < 3


@pytest.mark.network
def test_redirect_chain_shares_one_deadline(server: Any) -> None:
    """Five slow hops must not each get the full timeout."""
    for hop in range(5):
        server.route(f"/hop{hop}", status=302, location=f"/hop{hop + 1}", delay=0.25, content_type=None)
    server.route("/hop5", "<p>end</p>", delay=0.25)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(server.url("/hop0"), timeout=0.6)
    assert time.monotonic() - started < 1.5


@pytest.mark.network
def test_declared_length_over_cap_refused(server: Any) -> None:
    url = server.route("/big", b"a" * 5000)
    with pytest.raises(InputTooLarge, match="1,000-byte cap") as caught:
        fetch(url, max_bytes=1000)
    assert caught.value.source == url


@pytest.mark.network
def test_streamed_body_without_length_over_cap_refused(server: Any) -> None:
    url = server.route("/stream", b"b" * 50_000, send_length=False)
    with pytest.raises(InputTooLarge, match="1,000-byte cap"):
        fetch(url, max_bytes=1000)


@pytest.mark.network
def test_body_at_the_cap_is_accepted(server: Any) -> None:
    url = server.route("/exact", b"c" * 1000, send_length=False)
    assert len(fetch(url, max_bytes=1000).data) == 1000


@pytest.mark.network
@pytest.mark.parametrize(("status", "words"), [(404, "404 Not Found"), (500, "500"), (403, "403")])
def test_error_status_named_in_the_message(server: Any, status: int, words: str) -> None:
    url = server.route("/gone", "<p>nope</p>", status=status)
    with pytest.raises(FetchError, match=words) as caught:
        fetch(url)
    assert caught.value.source == url
    assert not isinstance(caught.value, FetchTimeout | BlockedAddress)


@pytest.mark.network
def test_unknown_path_is_404(server: Any) -> None:
    with pytest.raises(FetchError, match="404"):
        fetch(server.url("/never-routed"))


@pytest.mark.network
def test_redirect_loop_stops_after_the_limit(server: Any) -> None:
    url = server.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(url, max_redirects=3)
    assert len(server.hits) == 4  # the first request and three redirects


@pytest.mark.network
def test_redirect_without_location(server: Any) -> None:
    url = server.route("/nowhere", status=302, content_type=None)
    with pytest.raises(FetchError, match="without a Location"):
        fetch(url)


def test_connection_refused_is_a_fetch_error() -> None:
    closed_port = _unused_port()
    with pytest.raises(FetchError, match="could not fetch"):
        fetch(f"http://127.0.0.1:{closed_port}/")


@pytest.mark.parametrize(
    "url", ["http://[::1/", "http://example.com:99999/", "http://example.com:port/", "http://exa mple.com/"]
)
@pytest.mark.parametrize("allow_private", [True, False])
def test_malformed_url_is_a_fetch_error(url: str, allow_private: bool) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(url, allow_private=allow_private)
    assert caught.value.source == url


def test_unresolvable_host_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="cannot resolve host"):
        check_address("http://no-such-host.invalid/", allow_private=False)


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.network
def test_name_rebound_to_loopback_after_the_check_is_refused_at_connect(
    monkeypatch: pytest.MonkeyPatch, server: Any
) -> None:
    """DNS rebinding: the name looks public when checked, then resolves to loopback for the connection."""
    server.route("/secret", "<p>internal</p>")
    answers = iter([PUBLIC_IP, "127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example":
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with Fetcher(FetchSettings(allow_private=False, timeout=5.0)) as fetcher, pytest.raises(BlockedAddress):
        fetcher.fetch(f"http://rebind.example:{server.port}/secret")
    assert server.hits == []


@pytest.mark.network
def test_connection_goes_to_the_address_that_was_checked(server: Any) -> None:
    """With private addresses allowed the pinned backend still connects, by name, to the resolved address."""
    server.route("/page", "<p>hello</p>")
    page = fetch(f"http://localhost:{server.port}/page")
    assert page.status == 200
    assert server.hits == ["/page"]
