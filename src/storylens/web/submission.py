"""What a user submits (pasted texts, uploaded files, URLs), checked against the limits, and the comparison run on it.

Pasted texts and uploads are written to a private temporary directory under names we choose, so that every input
goes through the same readers as on the command line, and no name a user sends ever becomes a path.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

from storylens.errors import BlockedAddress, FetchError, NoUsableInput, StorylensError
from storylens.ingest import IngestOptions
from storylens.ingest.fetch import FetchSettings, check_address
from storylens.ingest.sources import kind_from_name
from storylens.report import Report

_SAFE_STEM = re.compile(r"[^A-Za-z0-9_-]+")
_ONE_LINE = re.compile(r"[\r\n]+")


class SubmissionError(StorylensError):
    """A submission that cannot be compared; `status` is the HTTP status it earns (400 bad input, 413 too large)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 2_000_000  # one uploaded file or pasted text
    max_request_bytes: int = 12_000_000  # a whole request body, refused before it is read
    max_files: int = 10
    max_texts: int = 10
    max_urls: int = 10
    max_articles: int = 20  # articles in one comparison (cost grows with its square)
    fetch_timeout: float = 15.0


@dataclass(frozen=True, slots=True)
class PastedText:
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str  # as the browser sent it: used for the display name and the reader's kind, never as a path
    data: bytes


@dataclass(slots=True)
class Submission:
    texts: list[PastedText] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def check(self, limits: Limits) -> None:
        """Raise SubmissionError for an empty submission or one over the limits, naming what is wrong."""
        self.texts = [t for t in self.texts if t.text.strip()]
        self.uploads = [u for u in self.uploads if u.filename or u.data]
        self.urls = [u.strip() for u in self.urls if u.strip()]
        if not (self.texts or self.uploads or self.urls):
            raise SubmissionError(
                "nothing to compare: paste the text of two or more articles, upload files or give URLs"
            )
        _at_most(len(self.texts), limits.max_texts, "pasted texts")
        _at_most(len(self.uploads), limits.max_files, "uploaded files")
        _at_most(len(self.urls), limits.max_urls, "URLs")
        for number, pasted in enumerate(self.texts, start=1):
            _size(f"pasted text {number}", len(pasted.text.encode("utf-8")), limits.max_file_bytes)
        for upload in self.uploads:
            _size(f"file {upload.filename!r}", len(upload.data), limits.max_file_bytes)
            if not upload.data:
                raise SubmissionError(f"file {upload.filename!r} is empty")
        for url in self.urls:
            if not url.lower().startswith(("http://", "https://")):
                raise SubmissionError(f"{url!r} is not a web address: give URLs that start with http:// or https://")


def _at_most(count: int, cap: int, what: str) -> None:
    if count > cap:
        raise SubmissionError(f"{count} {what} is more than the {cap} allowed at once", status=413)


def _size(what: str, size: int, cap: int) -> None:
    if size > cap:
        raise SubmissionError(f"{what} is {size:,} bytes, over the {cap:,}-byte limit", status=413)


Comparer = Callable[[list[str], IngestOptions, int], Report]


def run_comparison(submission: Submission, limits: Limits, comparer: Comparer | None = None) -> Report:
    """The report for a checked submission. Blocking (fetching, models): call it from a worker thread."""
    refuse_private_urls(submission.urls)
    options = IngestOptions(
        max_bytes=limits.max_file_bytes,
        fetch=FetchSettings(timeout=limits.fetch_timeout, max_bytes=limits.max_file_bytes, allow_private=False),
    )
    compare = comparer or _compare
    with tempfile.TemporaryDirectory(prefix="storylens-web-") as folder:
        shown = _write_inputs(submission, Path(folder))
        try:
            report = compare([*shown, *submission.urls], options, limits.max_articles)
        except NoUsableInput as error:
            reasons = "; ".join(f"{shown.get(e.source, e.source)}: {e.reason}" for e in error.skipped)
            raise SubmissionError(f"no usable article among the inputs ({reasons})") from None
    return _rename_inputs(report, shown)


def _compare(inputs: list[str], options: IngestOptions, max_articles: int) -> Report:
    from storylens.report import compare

    return compare(inputs, options, max_articles=max_articles)


def refuse_private_urls(urls: list[str]) -> None:
    """Refuse, before anything is fetched, URLs that point into the server's own network (the fetcher checks each
    connection again, so a name that later resolves elsewhere is refused there too)."""
    for url in urls:
        try:
            check_address(url, allow_private=False)
        except BlockedAddress:
            raise SubmissionError(
                f"{url}: refused: it points to a private or local address, and this server fetches only public ones"
            ) from None
        except FetchError as error:
            raise SubmissionError(f"{url}: {error.reason}") from None


def _write_inputs(submission: Submission, folder: Path) -> dict[str, str]:
    """Files for the pasted texts and uploads, under names we choose; path → the name the user knows."""
    shown: dict[str, str] = {}
    taken: set[str] = set()
    for number, pasted in enumerate(submission.texts, start=1):
        path = folder / safe_file_name(f"pasted-{number}.txt", taken)
        path.write_text(_front_matter(pasted) + pasted.text, encoding="utf-8")
        shown[str(path)] = f"pasted text {number}"
    for number, upload in enumerate(submission.uploads, start=1):
        path = folder / safe_file_name(upload.filename, taken)
        path.write_bytes(upload.data)
        shown[str(path)] = upload.filename or f"file {number}"
    return shown


def safe_file_name(filename: str, taken: set[str]) -> str:
    """A name inside our folder that keeps what matters of the user's name (the stem makes the article id, the suffix
    picks the reader): no directory part, no dot but the suffix's, and none already `taken` (it is added there)."""
    pure = PurePath(filename.replace("\\", "/"))
    stem, suffix = pure.stem, pure.suffix.lower()
    if pure.name.lower().endswith((".warc.gz", ".arc.gz")):
        stem, suffix = PurePath(stem).stem, ".warc.gz"
    elif not kind_from_name(Path(f"x{suffix}")):
        suffix = ""  # an unknown suffix: the reader sniffs the content instead
    stem = _SAFE_STEM.sub("-", stem).strip("-")[:60] or "upload"
    name, number = f"{stem}{suffix}", 2
    while name.lower() in taken:
        name, number = f"{stem}-{number}{suffix}", number + 1
    taken.add(name.lower())
    return name


def _front_matter(pasted: PastedText) -> str:
    fields = {"title": pasted.title, "outlet": pasted.outlet, "published": pasted.published}
    lines = [f"{key}: {_ONE_LINE.sub(' ', value).strip()}" for key, value in fields.items() if value and value.strip()]
    return "---\n" + "\n".join(lines) + "\n---\n" if lines else ""


def _rename_inputs(report: Report, shown: dict[str, str]) -> Report:
    """Temporary paths replaced by the names the user gave (a path in our temp folder means nothing to them)."""
    for article in report["articles"]:
        article["origin"] = _renamed(article["origin"], shown)
    for item in [*report["skipped"], *report["notices"]]:
        item["input"] = _renamed(item["input"], shown)
    return report


def _renamed(value: str, shown: dict[str, str]) -> str:
    for path, name in shown.items():
        value = value.replace(path, name)
    return value


def describe_limits(limits: Limits) -> dict[str, Any]:
    """The caps a client must respect (every `max_*` field); the fetch timeout is the server's own business."""
    return {name: value for name, value in asdict(limits).items() if name.startswith("max_")}
