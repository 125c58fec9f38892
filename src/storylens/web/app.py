"""The local web app: paste, upload or link articles, read the report, download it; and a JSON API (OpenAPI at
/openapi.json).

Safety: request bodies are capped before they are read; report ids are random tokens matched by a strict pattern (no
path is ever built from them); URLs to private addresses are refused; analysis runs in worker threads behind a
capacity limiter, so the event loop (and /health) keeps answering while a report is computed.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path as FilePath
from typing import Annotated, Any, TypeVar

import anyio
import jinja2
from fastapi import FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storylens._version import __version__
from storylens.errors import StorylensError
from storylens.render import html as html_render
from storylens.render.json import render_json
from storylens.render.markdown import render_markdown
from storylens.report import Report
from storylens.web.stories import NO_STORE, StoryShelf, detail_json, summary_json
from storylens.web.submission import Comparer, Limits, PastedText, Submission, SubmissionError, Upload, run_comparison

REPORT_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16): nothing else is ever a report id
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_PAGE_CSP = html_render.CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
STORIES_PER_PAGE = 25
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class WebSettings:
    limits: Limits = field(default_factory=Limits)
    max_reports: int = 50  # reports kept in memory; the oldest goes first
    workers: int = 1  # analyses at once (each uses the CPU fully)
    max_waiting: int = 8  # analyses queued beyond that get 503
    preload_models: bool = True
    store: FilePath | None = None  # a corpus store to browse (opened read-only); None: the stories pages say how


class ReportStore:
    """Reports in memory under random ids, the oldest dropped past `capacity`. Thread-safe."""

    def __init__(self, capacity: int) -> None:
        self._reports: OrderedDict[str, Report] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def add(self, report: Report) -> str:
        report_id = secrets.token_urlsafe(16)
        with self._lock:
            self._reports[report_id] = report
            while len(self._reports) > self._capacity:
                self._reports.popitem(last=False)
        return report_id

    def get(self, report_id: str) -> Report:
        """The report, or HTTP 404 for an unknown or malformed id."""
        if not REPORT_ID.fullmatch(report_id):
            raise HTTPException(404, "no such report")
        with self._lock:
            report = self._reports.get(report_id)
        if report is None:
            raise HTTPException(404, "no such report (reports are kept in memory, and only the latest ones)")
        return report


class Analyst:
    """Runs comparisons in worker threads, `workers` at a time, refusing more than `max_waiting` in the queue."""

    def __init__(self, settings: WebSettings, comparer: Comparer | None) -> None:
        self._limiter = anyio.CapacityLimiter(settings.workers)
        self._settings = settings
        self._comparer = comparer
        self._pending = 0

    @property
    def pending(self) -> int:
        return self._pending

    async def compare(self, submission: Submission) -> Report:
        submission.check(self._settings.limits)
        return await self.run(lambda: run_comparison(submission, self._settings.limits, self._comparer))

    async def run(self, job: Callable[[], T]) -> T:
        """`job` in a worker thread, behind the same limit as comparisons (story reports run the same models)."""
        if self._pending >= self._settings.workers + self._settings.max_waiting:
            raise HTTPException(503, "the server is busy with other comparisons; try again in a minute")
        self._pending += 1
        try:
            return await anyio.to_thread.run_sync(job, limiter=self._limiter)
        finally:
            self._pending -= 1


class Format(StrEnum):
    json = "json"
    html = "html"
    md = "md"


_DOWNLOADS = {
    Format.json: ("application/json", render_json),
    Format.html: ("text/html; charset=utf-8", html_render.render_html),
    Format.md: ("text/markdown; charset=utf-8", render_markdown),
}

# Not constrained in the schema: a malformed id is just an id we do not have (404), like any other.
ReportId = Annotated[str, Path(description="A report id from POST /api/compare.")]


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=500_000, description="The article text, one paragraph per line.")
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40, description="ISO 8601 date or date-time.")


class CompareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(default_factory=list, max_length=50)
    urls: list[str] = Field(default_factory=list, max_length=50, description="http(s) URLs of articles to fetch.")


class CompareResponse(BaseModel):
    id: str = Field(description="The report's id, for the links below.")
    links: dict[str, str] = Field(description="The report page and its downloads.")
    report: dict[str, Any] = Field(description="The report (JSON Schema: storylens.report/1).")


class ErrorResponse(BaseModel):
    error: str


_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorResponse} for code in (400, 404, 413, 503)}


class StorySummaryOut(BaseModel):
    id: str
    title: str
    size: int = Field(description="Articles kept in the story (near-copies not counted).")
    duplicates: int = Field(description="Near-copies listed under its articles.")
    first_published: str | None
    last_published: str | None
    has_fresh_report: bool = Field(description="Whether the store holds a report built since the story last grew.")
    links: dict[str, str] = Field(description="The story's page, its JSON and its report.")


class StoryListResponse(BaseModel):
    stories: list[StorySummaryOut] = Field(description="The most recently grown first; with a query, best first.")
    query: str
    snippets: dict[str, str] = Field(description="Story id → the first matching text, [marked], for a query.")
    offset: int
    limit: int
    more: bool = Field(description="Whether another page follows.")


class StoredArticleOut(BaseModel):
    id: str
    outlet: str | None
    title: str | None
    published: str | None
    origin: str


class DuplicateOut(BaseModel):
    id: str
    duplicate_of: str
    similarity: float


class StoryDetailResponse(BaseModel):
    story: StorySummaryOut
    articles: list[StoredArticleOut]
    duplicates: list[DuplicateOut]


StoryId = Annotated[str, Path(max_length=200, description="A story id from GET /api/stories.")]
SearchQuery = Annotated[
    str, Query(max_length=200, description="Words to find in the stories' articles and claims (FTS5 syntax allowed).")
]
PageLimit = Annotated[int, Query(ge=1, le=100)]
PageOffset = Annotated[int, Query(ge=0, le=1_000_000)]


def create_app(settings: WebSettings | None = None, comparer: Comparer | None = None) -> FastAPI:
    """The app. `comparer` replaces `storylens.compare` (the Python API) for callers that bring their own."""
    settings = settings or WebSettings()
    store = ReportStore(settings.max_reports)
    analyst = Analyst(settings, comparer)
    pages = _pages()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.preload_models:
            from storylens.nlp import preload

            preload()  # in background threads: the first comparison does not pay for the model loads
        yield

    app = FastAPI(
        title="storylens",
        version=__version__,
        description="Compare several news reports of one event: corroborated, single-source and conflicting claims.",
        docs_url=None,  # Swagger UI would load scripts from a CDN; the spec itself is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )

    def links(report_id: str) -> dict[str, str]:
        base = f"/reports/{report_id}"
        return {"page": base, **{fmt.value: f"{base}/download/{fmt.value}" for fmt in Format}}

    @app.get("/health", summary="Whether the server answers, and how many comparisons are running or queued")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "pending": analyst.pending}

    @app.post("/api/compare", response_model=CompareResponse, responses=_ERRORS, summary="Compare articles")
    async def api_compare(body: CompareRequest) -> CompareResponse:
        texts = [PastedText(a.text, a.title, a.outlet, a.published) for a in body.articles]
        report = await analyst.compare(Submission(texts=texts, urls=list(body.urls)))
        report_id = store.add(report)
        return CompareResponse(id=report_id, links=links(report_id), report=report)

    @app.get("/api/reports/{report_id}", responses=_ERRORS, summary="A report computed earlier")
    async def api_report(report_id: ReportId) -> dict[str, Any]:
        return store.get(report_id)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return _page(pages, "index.html.j2", {"limits": settings.limits, "texts": [], "urls": ""})

    @app.post("/compare", include_in_schema=False)
    async def form_compare(request: Request) -> Response:
        submission = Submission()
        try:
            submission = await _read_form(request, settings.limits)
            report = await analyst.compare(submission)
        except (StarletteHTTPException, StorylensError) as error:
            status, message = _status_and_message(error)
            # The form comes back filled in as it was sent (files cannot be: browsers do not allow it).
            kept = {"texts": [t.text for t in submission.texts], "urls": "\n".join(submission.urls)}
            context = {"limits": settings.limits, "error": message} | kept
            return _page(pages, "index.html.j2", context, status)
        return RedirectResponse(f"/reports/{store.add(report)}", status_code=303)

    @app.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
    async def report_page(report_id: str) -> HTMLResponse:
        report = store.get(report_id)
        page_links = [
            html_render.Link("Download JSON", links(report_id)["json"], "storylens-report.json"),
            html_render.Link("Download HTML", links(report_id)["html"], "storylens-report.html"),
            html_render.Link("Download Markdown", links(report_id)["md"], "storylens-report.md"),
            html_render.Link("New comparison", "/"),
        ]
        return HTMLResponse(html_render.render_html(report, page_links), headers={"Content-Security-Policy": _PAGE_CSP})

    @app.get("/reports/{report_id}/download/{fmt}", responses=_ERRORS, summary="The report as a file")
    async def download(report_id: ReportId, fmt: Format) -> Response:
        media, render = _DOWNLOADS[fmt]
        body = render(store.get(report_id))
        disposition = f'attachment; filename="storylens-report.{fmt.value}"'
        return Response(body, media_type=media, headers={"Content-Disposition": disposition})

    _add_story_routes(app, StoryShelf(settings.store, settings.max_reports), analyst, pages)
    _install_error_handlers(app, pages)
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(_BodyLimit, max_bytes=settings.limits.max_request_bytes)
    return app


def _story_links(story_id: str) -> dict[str, str]:
    from urllib.parse import quote

    base = quote(story_id, safe="")
    return {"page": f"/stories/{base}", "json": f"/api/stories/{base}", "report": f"/api/stories/{base}/report"}


def _summary_out(summary: Any) -> StorySummaryOut:
    return StorySummaryOut(**summary_json(summary), links=_story_links(summary.id))


def _add_story_routes(app: FastAPI, shelf: StoryShelf, analyst: Analyst, pages: jinja2.Environment) -> None:
    """The store's stories: JSON under /api/stories, pages under /stories. Store reads run in worker threads."""

    async def listing(q: str, limit: int, offset: int) -> StoryListResponse:
        found = await anyio.to_thread.run_sync(shelf.listing, q, limit, offset)
        stories = [_summary_out(s) for s in found.stories]
        return StoryListResponse(stories=stories, query=found.query, snippets=found.snippets, offset=found.offset,
                                 limit=found.limit, more=found.more)  # fmt: skip

    @app.get("/api/stories", response_model=StoryListResponse, responses=_ERRORS, summary="Stories in the store")
    async def api_stories(q: SearchQuery = "", limit: PageLimit = STORIES_PER_PAGE, offset: PageOffset = 0) -> Any:
        return await listing(q, limit, offset)

    @app.get("/api/stories/{story_id}", response_model=StoryDetailResponse, responses=_ERRORS, summary="One story")
    async def api_story(story_id: StoryId) -> Any:
        detail = await anyio.to_thread.run_sync(shelf.detail, story_id)
        return detail_json(detail) | {"story": _summary_out(detail.summary)}

    @app.get("/api/stories/{story_id}/report", responses=_ERRORS, summary="A story's comparison report")
    async def api_story_report(story_id: StoryId) -> dict[str, Any]:
        await anyio.to_thread.run_sync(shelf.detail, story_id)  # an unknown story: 404 before queueing a build
        return await analyst.run(lambda: shelf.report(story_id))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    async def stories_page(q: SearchQuery = "", offset: PageOffset = 0) -> HTMLResponse:
        if shelf.path is None:
            return _page(pages, "stories.html.j2", {"no_store": NO_STORE, "query": q})
        found = await listing(q, STORIES_PER_PAGE, offset)
        return _page(pages, "stories.html.j2", {"no_store": None, "found": found, "query": found.query})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: StoryId) -> HTMLResponse:
        detail = await anyio.to_thread.run_sync(shelf.detail, story_id)
        report = await analyst.run(lambda: shelf.report(story_id))
        links = _story_links(story_id)
        report_links = [
            html_render.Link("Report as JSON", links["report"], "storylens-report.json"),
            html_render.Link("Story as JSON", links["json"]),
            html_render.Link("All stories", "/stories"),
        ]
        context = html_render.page_context(report, report_links)
        context.pop("css")  # the app's stylesheet (report + app) comes from the page globals
        return _page(pages, "story.html.j2", context | {"detail": detail})


def _status_and_message(error: Exception) -> tuple[int, str]:
    if isinstance(error, StarletteHTTPException):
        return error.status_code, str(error.detail)
    return (error.status if isinstance(error, SubmissionError) else 400), str(error)


async def _read_form(request: Request, limits: Limits) -> Submission:
    """The form's fields; starlette caps the number of parts and the size of text fields."""
    form = await request.form(
        max_files=limits.max_files + 1, max_fields=limits.max_texts * 4 + 10, max_part_size=limits.max_file_bytes
    )
    # Browsers send textarea lines with CRLF (the HTML form rules); the readers expect plain newlines.
    texts = [PastedText(value.replace("\r\n", "\n")) for value in form.getlist("text") if isinstance(value, str)]
    urls = [line for value in form.getlist("urls") if isinstance(value, str) for line in value.splitlines()]
    uploads = []
    for value in form.getlist("files"):
        if isinstance(value, UploadFile) and (value.filename or value.size):
            if value.size is not None and value.size > limits.max_file_bytes:
                raise SubmissionError(
                    f"file {value.filename!r} is {value.size:,} bytes, over the {limits.max_file_bytes:,}-byte limit",
                    status=413,
                )
            uploads.append(Upload(value.filename or "upload", await value.read(limits.max_file_bytes + 1)))
    return Submission(texts=texts, uploads=uploads, urls=urls)


def _install_error_handlers(app: FastAPI, pages: jinja2.Environment) -> None:
    """One place where errors become answers: JSON under /api and for downloads, a page elsewhere."""

    def answer(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/") or "/download/" in request.url.path:
            return JSONResponse({"error": message}, status_code=status)
        return _page(pages, "error.html.j2", {"status": status, "message": message}, status)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        return answer(request, error.status_code, str(error.detail))

    async def submission_error(request: Request, error: Exception) -> Response:
        status = error.status if isinstance(error, SubmissionError) else 400
        return answer(request, status, str(error))

    async def validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        problems = "; ".join(_describe_problem(p) for p in error.errors()[:5])
        return answer(request, 422, f"the request does not fit the API: {problems}")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(StorylensError, submission_error)
    app.add_exception_handler(RequestValidationError, validation_error)


def _describe_problem(problem: Any) -> str:
    where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body") or "body"
    return f"{where}: {problem.get('msg', 'invalid')}"


def _pages() -> jinja2.Environment:
    # The story page includes the report's own section templates, so it reads them and their filters too.
    report_templates = html_render.template_environment()
    assert report_templates.loader is not None
    loader = jinja2.ChoiceLoader([jinja2.PackageLoader("storylens.web", "templates"), report_templates.loader])
    environment = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    for name in ("cut", "per_thousand"):
        environment.filters[name] = report_templates.filters[name]
    environment.globals["css"] = Markup(html_render.stylesheet() + _static("app.css"))  # our own files
    environment.globals["version"] = __version__
    environment.globals["story_links"] = _story_links
    return environment


def _static(name: str) -> str:
    from importlib import resources

    return resources.files("storylens.web").joinpath(f"static/{name}").read_text(encoding="utf-8")


def _page(pages: jinja2.Environment, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    body = pages.get_template(name).render(context)
    return HTMLResponse(body, status_code=status, headers={"Content-Security-Policy": _PAGE_CSP})


class _BodyLimit:
    """Refuses request bodies over `max_bytes` with 413: by Content-Length before reading, else while reading."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(413, self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return f"the request is larger than the {self.max_bytes:,}-byte limit; send fewer or smaller files"

    async def _refuse(self, scope: Scope, send: Send) -> None:
        response = JSONResponse({"error": self._message()}, status_code=413)
        await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class _SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: MutableMapping[bytes, bytes] = dict(message.get("headers", []))
                for name, value in _HEADERS.items():
                    headers.setdefault(name.lower().encode(), value.encode())
                message["headers"] = list(headers.items())
            await send(message)

        await self.app(scope, receive, with_headers)
