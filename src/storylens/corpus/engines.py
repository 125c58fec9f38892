"""Engines: where the per-article stages run. The same pure functions run in this process (`local`) or on a Dask
cluster (`dask`: a LocalCluster unless a scheduler address is given): `finish_partition` cleans documents as read
(boilerplate, language) and `prepare_partition` computes what dedupe and clustering need (MinHash, embedding). Only
reading and the order-dependent steps (unique ids and exact copies, dedupe, story assignment) run in the caller, in
input order, so both engines give exactly the same stories. Partitions are the same size on both, so that model
batches, and their floats, match too.

    read (caller) ─ finish_partition (engine) ─ accept (caller) ─ prepare_partition (engine) ─ place (caller)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from storylens.corpus.cluster import Features, body_text, features, lead_text, term_counts
from storylens.corpus.dedupe import Signature, signature
from storylens.errors import InputError, StorylensError
from storylens.ingest import Accepting, Event, IngestOptions, Progress, finish_document, iter_documents
from storylens.ingest.raw import RawDocument
from storylens.records import Article

if TYPE_CHECKING:
    from distributed import Client

EngineName = Literal["local", "dask"]
T = TypeVar("T")
R = TypeVar("R")
PARTITION_SIZE = 256  # articles per task: big enough to batch the embedder, small enough to spread over workers
IN_FLIGHT = 8  # partitions a Dask run keeps submitted ahead of the one being consumed (bounds client memory)


class EngineError(StorylensError):
    """A Dask scheduler could not be reached or a cluster could not start."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article with what the order-dependent steps need: its MinHash signature and clustering features."""

    article: Article
    signature: Signature
    features: Features


def prepare_partition(articles: Sequence[Article]) -> list[tuple[Signature, Features]]:
    """Shingle + MinHash and embed title and lead, for one partition. Pure: loads the embedder where it runs.
    Returns what is new only (the caller holds the articles), so a Dask worker sends back little."""
    from storylens.nlp import embedder

    vectors = embedder().embed([lead_text(article) for article in articles])
    terms = term_counts([body_text(article) for article in articles])
    return [
        (signature(article.text), features(article, vector, counted))
        for article, vector, counted in zip(articles, vectors, terms, strict=True)
    ]


Read = RawDocument | InputError  # what reading yields: a document, or why an input could not be read


def finish_partition(items: Sequence[Read]) -> list[Article | InputError]:
    """Each document cleaned (`finish_document`); read errors pass through. Pure."""
    return [item if isinstance(item, InputError) else finish_document(item) for item in items]


def read_on(
    engine: Engine,
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    partition_size: int = PARTITION_SIZE,
) -> Iterator[Event]:
    """`ingest.iter_articles`, with the cleaning of each document run by `engine` (the same events, in order)."""
    accepting = Accepting()
    batches = partitions(iter_documents(inputs, options, progress), partition_size)
    for batch, finished in engine.map(finish_partition, batches):
        for item, result in zip(batch, finished, strict=True):
            if isinstance(item, InputError):
                yield item
            else:
                yield from accepting.accept(item, result)


def prepare_on(engine: Engine, batches: Iterable[list[Article]]) -> Iterator[list[Prepared]]:
    """Each partition of articles with its MinHash signatures and clustering features, in the order given."""
    for articles, computed in engine.map(prepare_partition, batches):
        yield [Prepared(article, *parts) for article, parts in zip(articles, computed, strict=True)]


def partitions(items: Iterable[T], size: int = PARTITION_SIZE) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Engine(Protocol):
    name: str

    def map(self, function: Callable[[list[T]], R], batches: Iterable[list[T]]) -> Iterator[tuple[list[T], R]]:
        """Each batch with `function(batch)`, in the order given."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    name = "local"

    def map(self, function: Callable[[list[T]], R], batches: Iterable[list[T]]) -> Iterator[tuple[list[T], R]]:
        for batch in batches:
            yield batch, function(batch)

    def close(self) -> None:
        return None


class DaskEngine:
    """Partitions mapped over a Dask cluster with `Client.submit`; results come back in input order."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2, processes: bool = True) -> None:
        from distributed import Client, LocalCluster

        from storylens.nlp import MODEL_THREADS_VARIABLE, model_threads

        try:
            if scheduler is None:
                # The workers share this machine's cores: each one's model gets its share, not all of them.
                threads = str(max(1, model_threads() // workers))
                self._cluster: LocalCluster | None = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=processes,
                    dashboard_address=None,
                    env={MODEL_THREADS_VARIABLE: threads},
                )  # type: ignore[no-untyped-call]
                self.client: Client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._cluster = None
                self.client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            where = scheduler or "a local cluster"
            raise EngineError(f"--scheduler {where}: could not connect ({exc})") from exc

    def map(self, function: Callable[[list[T]], R], batches: Iterable[list[T]]) -> Iterator[tuple[list[T], R]]:
        pending: deque[tuple[list[T], Any]] = deque()
        for batch in batches:
            pending.append((batch, self.client.submit(function, batch, pure=False)))
            if len(pending) >= IN_FLIGHT:
                batch, future = pending.popleft()
                yield batch, future.result()
        for batch, future in pending:
            yield batch, future.result()

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: EngineName, scheduler: str | None = None, workers: int = 2) -> Engine:
    if name == "local":
        if scheduler is not None:
            raise EngineError(f"--scheduler {scheduler}: only the dask engine uses a scheduler (add --engine dask)")
        return LocalEngine()
    return DaskEngine(scheduler, workers)
