"""storylens: what several news reports of one event really establish.

Public API (everything else may move):

    read_articles(inputs)  -> Ingested      every input kind → cleaned Article records, with what was skipped
    article_from_text(text) -> Article      one article from a string
    compare(inputs)        -> dict          the JSON report (schema "storylens.report/1")
    check_many(pairs)      -> [StanceResult] each (claim, article text) pair's stance, with evidence sentences
    group_stories(inputs)  -> dict          near-copies listed, articles grouped into stories ("storylens.stories/1")
    CorpusStore(path)                       articles, stories and reports kept in one SQLite file
"""

from typing import TYPE_CHECKING, Any

import storylens._spacy  # noqa: F401  (first: spaCy without torch, see there)
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
from storylens.stance import CHECK_SCHEMA_ID, StanceResult, check_articles, check_many

__all__ = [
    "CHECK_SCHEMA_ID",
    "REPORT_SCHEMA_ID",
    "STORIES_SCHEMA_ID",
    "Article",
    "BinaryInput",
    "BlockedAddress",
    "CorpusStore",
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
    "StanceResult",
    "StoreError",
    "StoreLocked",
    "StoreTooNew",
    "StorylensError",
    "TooManyArticles",
    "UndecodableInput",
    "__version__",
    "article_from_text",
    "build_report",
    "check_articles",
    "check_many",
    "compare",
    "group_stories",
    "iter_articles",
    "read_articles",
    "validate_report",
]

# Corpus mode pulls in datasketch (and SciPy): imported on first use, so that other commands start fast.
_CORPUS_NAMES = {"STORIES_SCHEMA_ID", "CorpusStore", "StoreError", "StoreLocked", "StoreTooNew", "group_stories"}

if TYPE_CHECKING:
    from storylens.corpus import (
        STORIES_SCHEMA_ID,
        CorpusStore,
        StoreError,
        StoreLocked,
        StoreTooNew,
        group_stories,
    )


def __getattr__(name: str) -> Any:
    if name in _CORPUS_NAMES:
        import storylens.corpus

        return getattr(storylens.corpus, name)
    raise AttributeError(f"module 'storylens' has no attribute {name!r}")
