"""Ingest: every input kind → `Article` records, with what was skipped and why.

One reader per kind (text, html, url, jsonl, feed, warc) turns bytes into `RawDocument`s; `finish_article` cleans
each one the same way. Inputs are streamed: `iter_articles` yields as it goes, `read_articles` collects.

The three steps are also public on their own, so that the costly middle one can run elsewhere (corpus mode runs it on
Dask workers): `iter_documents` reads (in order), `finish_document` cleans (pure, anywhere), `Accepting` gives each
article its final id and drops exact copies (in order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from storylens.errors import DuplicateInput, InputError
from storylens.ingest.fetch import Fetcher, FetchSettings
from storylens.ingest.finish import content_key, finish_article, slugify
from storylens.ingest.raw import RawDocument, ReaderOutput
from storylens.ingest.sources import Source, expand_inputs, open_source
from storylens.records import Article, Ingested, InputKind, Notice

__all__ = [
    "Accepting",
    "IngestOptions",
    "article_from_text",
    "finish_document",
    "iter_articles",
    "iter_documents",
    "read_articles",
]

Progress = Callable[[str], None]  # told what is being done now ("reading a.txt", "analysing 12 articles")
Event = Article | InputError | Notice


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_bytes: int = 10_000_000  # per article document (a file, a page, a JSONL line, a WARC record)
    kind: InputKind | None = None  # force a reader instead of guessing from the name and content
    fetch_feed_entries: bool = True  # fetch the pages of feed entries that carry only a summary
    fetch: FetchSettings = field(default_factory=FetchSettings)


def article_from_text(
    text: str,
    article_id: str = "text",
    *,
    published: date | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Article:
    """An Article from text already in hand (one paragraph per line), cleaned as every input is.
    Raises EmptyInput when nothing but whitespace or boilerplate is left."""
    raw = RawDocument(
        origin=f"{article_id}.txt", kind="text", body=text, published=published, outlet=outlet, title=title
    )
    return finish_article(raw, slugify(article_id))


def read_articles(
    inputs: Iterable[str | Path], options: IngestOptions | None = None, progress: Progress | None = None
) -> Ingested:
    """Read every input; nothing raises for a bad input: it lands in `skipped` with its reason."""
    result = Ingested()
    for event in iter_articles(inputs, options, progress):
        if isinstance(event, Article):
            result.articles.append(event)
        elif isinstance(event, Notice):
            result.notices.append(event)
        else:
            result.skipped.append(event)
    return result


def iter_articles(
    inputs: Iterable[str | Path], options: IngestOptions | None = None, progress: Progress | None = None
) -> Iterator[Event]:
    accepting = Accepting()
    for item in iter_documents(inputs, options, progress):
        if isinstance(item, InputError):
            yield item
        else:
            yield from accepting.accept(item, finish_document(item))


def iter_documents(
    inputs: Iterable[str | Path], options: IngestOptions | None = None, progress: Progress | None = None
) -> Iterator[RawDocument | InputError]:
    """Every document of every input, as read (not cleaned yet), and what could not be read."""
    options = options or IngestOptions()
    with Fetcher(options.fetch) as fetcher:
        for source in expand_inputs(inputs):
            if isinstance(source, InputError):
                yield source
                continue
            if progress:
                progress(f"reading {source.name}")
            yield from _read_source(source, options, fetcher)


def finish_document(doc: RawDocument) -> Article | InputError:
    """The cleaned article, under the id its hint gives (`Accepting` makes it unique), or why there is none.
    Pure: it can run anywhere, e.g. on a Dask worker."""
    try:
        return finish_article(doc, slugify(doc.id_hint))
    except InputError as error:
        return error


class Accepting:
    """The order-dependent end of ingest: unique ids, exact copies refused (naming the article kept), notices."""

    def __init__(self) -> None:
        self._ids = _IdAllocator()
        self._seen: dict[str, Article] = {}

    def accept(self, doc: RawDocument, finished: Article | InputError) -> Iterator[Event]:
        if isinstance(finished, InputError):
            yield finished
            return
        article_id = self._ids.peek(doc.id_hint)
        key = content_key(finished.text)
        if key in self._seen:
            first = self._seen[key]
            reason = f"same article text as {first.origin} (kept as '{first.id}')"
            if finished.outlet and finished.outlet != first.outlet:
                reason += f"; {finished.outlet} is listed as running that text too, one source with it"
            yield DuplicateInput(doc.origin, reason, kept=first.id, record_id=article_id, outlet=finished.outlet)
            return
        article = finished if finished.id == article_id else replace(finished, id=article_id)
        self._seen[key] = article
        self._ids.take(article_id)
        for note in doc.notes:
            yield Notice(doc.origin, note)
        yield from _language_notices(article)
        yield article


def _read_source(source: Source, options: IngestOptions, fetcher: Fetcher) -> ReaderOutput:
    try:
        yield from open_source(source, options.kind, options.max_bytes, fetcher, options.fetch_feed_entries)
    except InputError as error:
        yield error
    except (
        OSError,
        RuntimeError,
        ValueError,
        LookupError,
        TypeError,
    ) as exc:  # a reader bug must not end the run
        yield InputError(source.name, f"could not be read ({type(exc).__name__}: {exc})")


def _language_notices(article: Article) -> Iterator[Notice]:
    if article.language == "und":
        yield Notice(article.origin, "too little text to identify its language; treated as English")
    elif article.language != "en":
        yield Notice(
            article.origin,
            f"language looks like '{article.language}' (p={article.language_score:.2f}), not English: "
            "English-only analysis will be limited for it",
        )


class _IdAllocator:
    """Readable ids from file names or record ids, made unique within a run."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def peek(self, hint: str | None) -> str:
        base = slugify(hint)
        candidate, number = base, 2
        while candidate in self._taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def take(self, article_id: str) -> None:
        self._taken.add(article_id)
