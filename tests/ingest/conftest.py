"""A real HTTP server on 127.0.0.1 (ephemeral port) whose routes a test sets: status, headers, body, a delay
before answering, redirects, and a body trickled out slowly without a Content-Length."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line is sent
    location: str | None = None  # a redirect target
    trickle: float | None = None  # seconds between chunks; the body is then sent without a Content-Length
    chunk_size: int = 64
    send_length: bool = True


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.stopping = threading.Event()  # wakes sleeping handlers at shutdown
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def route(self, path: str, body: bytes | str = b"", **options: object) -> str:
        """Serve `body` at `path` (with Route options); returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.route(path, status=status, location=location, content_type=None)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _make_handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # a body without Content-Length ends when the connection closes

        def do_GET(self) -> None:
            server.hits.append(self.path)
            route = server.routes.get(self.path.split("?")[0]) or Route(status=404, body=b"<p>no such page</p>")
            if route.delay and server.stopping.wait(route.delay):
                return
            # The client may hang up first (a timeout or a size cap): that is what those tests want.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)

        def _answer(self, route: Route) -> None:
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.location:
                self.send_header("Location", route.location)
            if route.send_length and route.trickle is None:
                self.send_header("Content-Length", str(len(route.body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if route.trickle is None:
                self.wfile.write(route.body)
                return
            for start in range(0, len(route.body), route.chunk_size):
                self.wfile.write(route.body[start : start + route.chunk_size])
                self.wfile.flush()
                if server.stopping.wait(route.trickle):
                    return

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return Handler


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    local.start()
    try:
        yield local
    finally:
        local.stop()


# Invented stories for the fixtures (no real outlet's text).
STORIES: dict[str, tuple[str, list[str]]] = {
    "bridge": (
        "Harbour bridge in Port Allerton closed after cracks found in main span",
        [
            "Engineers closed the Kestrel Street bridge in Port Allerton on Tuesday morning after a routine "
            "inspection found fresh cracks in the steel girders that carry the main span over the harbour.",
            "The city's transport director, Imelda Varga, said the crossing would stay shut to all traffic, "
            "including cyclists and pedestrians, until a full structural survey had been completed next month.",
            "About 18,000 vehicles use the bridge each day, according to figures published by the council last "
            "year, and local shop owners warned that a long closure would cut off the busy eastern market.",
            "Ferry operators said they would add extra crossings from Wednesday, while buses will be diverted "
            "through the northern ring road, adding roughly twenty minutes to most journeys into the centre.",
        ],
    ),
    "orchard": (
        "Late frost wipes out half of Dunmore Valley apple blossom",
        [
            "A sudden late frost swept across the Dunmore Valley overnight on Friday, destroying as much as half "
            "of the apple blossom in the region's orchards just weeks before the fruit was expected to set.",
            "Growers lit braziers and ran wind machines through the night, but temperatures fell to minus four "
            "degrees shortly before dawn, colder than any forecast had warned, said grower Tobias Renwick.",
            "The valley's cooperative estimated the damage at several million crowns and asked the regional "
            "government to open its emergency fund for farmers, a request officials said they would consider.",
            "Cider makers, who buy most of the valley's crop, said prices for next season were likely to rise "
            "and that some smaller producers might have to buy fruit from neighbouring districts instead.",
        ],
    ),
    "library": (
        "Old Corran library reopens after six-year restoration",
        [
            "The Old Corran public library reopened its doors on Saturday after a six-year restoration that "
            "repaired its domed reading room, replaced the leaking roof and rebuilt the collapsed east stair.",
            "Hundreds of residents queued along Wexley Row before the opening, and head librarian Ansel Morrow "
            "said more than two thousand people had signed up for new library cards within the first hour.",
            "The restoration cost far more than first planned after builders discovered rotten timber beneath "
            "the floor of the reading room, pushing the reopening back by almost two years.",
            "The library will now open seven days a week, and its rare map collection, kept in storage during "
            "the works, will go on public display in the restored gallery from the start of next month.",
        ],
    ),
}


def article_page(
    story: str, sitename: str | None = "The Allerton Courier", published: str | None = "2024-03-12"
) -> str:
    """A news article page with the metadata trafilatura reads (og:site_name, article:published_time)."""
    title, paragraphs = STORIES[story]
    meta = f'<meta property="og:title" content="{title}">'
    if sitename:
        meta += f'<meta property="og:site_name" content="{sitename}">'
    if published:
        meta += f'<meta property="article:published_time" content="{published}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f'<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright the publisher</footer></body></html>"
    )


@pytest.fixture
def page() -> type[_Pages]:
    return _Pages


class _Pages:
    """Reach the invented stories from tests (conftest modules are not imported by name)."""

    stories = STORIES
    html = staticmethod(article_page)
