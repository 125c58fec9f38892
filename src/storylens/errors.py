"""The one exception tree of storylens. Every message names the input at fault.

StorylensError
 ├── InputError                 one input could not be used; the run goes on with the rest
 │    ├── InputNotFound         no such file or directory
 │    ├── EmptyInput            nothing but whitespace
 │    ├── BinaryInput           bytes that are not text (an image, an archive, junk)
 │    ├── InputTooLarge         over the size cap
 │    ├── UndecodableInput      no text encoding fits the bytes
 │    ├── NoArticleText         readable, but no article text in it (broken HTML, a WARC with no HTML)
 │    ├── NotAFeed              given or served as a feed, but not RSS/Atom
 │    ├── MalformedRecord       one bad line or record inside a larger input (JSONL line, feed entry)
 │    ├── DuplicateInput        the same article given twice
 │    └── FetchError            a URL could not be fetched
 │         ├── FetchTimeout     no answer in time
 │         └── BlockedAddress   a private or loopback address, refused without --allow-private
 ├── NoUsableInput              every input was skipped: nothing left to work on
 ├── TooManyArticles            more articles than one comparison takes
 └── BadCheckInput              a claim or article text given to a stance check is empty or not text
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BadCheckInput",
    "BinaryInput",
    "BlockedAddress",
    "DuplicateInput",
    "EmptyInput",
    "FetchError",
    "FetchTimeout",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "MalformedRecord",
    "NoArticleText",
    "NoUsableInput",
    "NotAFeed",
    "StorylensError",
    "TooManyArticles",
    "UndecodableInput",
]


class StorylensError(Exception):
    """Base of every error storylens raises on purpose."""


class InputError(StorylensError):
    """One input (a file, a URL, a record inside a file) could not be used.

    `source` names the input (a path, a URL, ``file.jsonl:12``); `reason` says why, in words a user can act on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def at(self, source: str) -> InputError:
        """The same error, re-attributed to a more precise input name (a record inside a file)."""
        return type(self)(source, self.reason)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with its own fields (it travels back from Dask workers); the default would pass only the message.
        return (type(self), (self.source, self.reason), self.__dict__)


class InputNotFound(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class InputTooLarge(InputError):
    pass


class UndecodableInput(InputError):
    pass


class NoArticleText(InputError):
    pass


class NotAFeed(InputError):
    pass


class MalformedRecord(InputError):
    pass


class DuplicateInput(InputError):
    """The same article text as one read before. `kept` is the id of the article that was kept, `record_id` the id
    this copy would have had (its JSONL id, or its file name), `outlet` the outlet this copy came from (another
    outlet running the same wire text), so that callers can list the copy under the original instead of losing it."""

    def __init__(
        self,
        source: str,
        reason: str,
        kept: str | None = None,
        record_id: str | None = None,
        outlet: str | None = None,
    ) -> None:
        super().__init__(source, reason)
        self.kept = kept
        self.record_id = record_id
        self.outlet = outlet

    def at(self, source: str) -> DuplicateInput:
        return DuplicateInput(source, self.reason, self.kept, self.record_id, self.outlet)


class FetchError(InputError):
    pass


class FetchTimeout(FetchError):
    pass


class BlockedAddress(FetchError):
    pass


class NoUsableInput(StorylensError):
    """Every input was skipped; the message lists why."""

    def __init__(self, skipped: list[InputError]) -> None:
        lines = "; ".join(str(e) for e in skipped) or "no inputs given"
        super().__init__(f"no usable article in the input ({lines})")
        self.skipped = skipped


class TooManyArticles(StorylensError):
    """More articles than `compare` handles at once (its cost grows with the square of the claims)."""

    def __init__(self, count: int, limit: int) -> None:
        super().__init__(
            f"{count} articles read, more than the {limit} that one comparison takes (--max-articles); "
            "compare is for the reports of one event"
        )
        self.count = count
        self.limit = limit


class BadCheckInput(StorylensError):
    """A claim or an article text given to a stance check cannot be used (empty, or not a string); the message
    names which (the claim, or pair N's article text)."""
