"""storylens: what several news reports of one event really establish.

Public API (everything else may move):

    read_articles(inputs)  -> Ingested      every input kind → cleaned Article records, with what was skipped
    article_from_text(text) -> Article      one article from a string
    compare(inputs)        -> dict          the JSON report (schema "storylens.report/1")
"""

from storylens._version import __version__
from storylens.errors import (
    BinaryInput,
    BlockedAddress,
    DuplicateInput,
    EmptyInput,
    FetchError,
    FetchTimeout,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedRecord,
    NoArticleText,
    NotAFeed,
    NoUsableInput,
    StorylensError,
    TooManyArticles,
    UndecodableInput,
)
from storylens.ingest import IngestOptions, article_from_text, iter_articles, read_articles
from storylens.ingest.fetch import FetchSettings
from storylens.records import Article, Ingested, Notice, Removal, Span
from storylens.report import REPORT_SCHEMA_ID, build_report, compare, validate_report

__all__ = [
    "REPORT_SCHEMA_ID",
    "Article",
    "BinaryInput",
    "BlockedAddress",
    "DuplicateInput",
    "EmptyInput",
    "FetchError",
    "FetchSettings",
    "FetchTimeout",
    "IngestOptions",
    "Ingested",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "MalformedRecord",
    "NoArticleText",
    "NoUsableInput",
    "NotAFeed",
    "Notice",
    "Removal",
    "Span",
    "StorylensError",
    "TooManyArticles",
    "UndecodableInput",
    "__version__",
    "article_from_text",
    "build_report",
    "compare",
    "iter_articles",
    "read_articles",
    "validate_report",
]
