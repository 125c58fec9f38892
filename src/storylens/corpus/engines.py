"""Engines: where the per-article stages run. The same pure function, `prepare_partition`, runs in this process
(`local`) or on a Dask cluster (`dask`: a LocalCluster unless a scheduler address is given); only the
order-dependent steps (dedupe, story assignment) run afterwards in the caller, in input order, so both engines give
exactly the same stories. Partitions are the same size on both, so that model batches, and their floats, match too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from storylens.corpus.cluster import Features, body_text, features, lead_text, term_counts
from storylens.corpus.dedupe import Signature, signature
from storylens.errors import StorylensError
from storylens.records import Article

if TYPE_CHECKING:
    from distributed import Client

EngineName = Literal["local", "dask"]
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


def _joined(articles: list[Article], computed: list[tuple[Signature, Features]]) -> list[Prepared]:
    return [Prepared(article, *parts) for article, parts in zip(articles, computed, strict=True)]


def partitions(articles: Iterable[Article], size: int = PARTITION_SIZE) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Engine(Protocol):
    name: str

    def prepare(self, batches: Iterable[list[Article]]) -> Iterator[list[Prepared]]:
        """Prepared partitions, in the order given."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    name = "local"

    def prepare(self, batches: Iterable[list[Article]]) -> Iterator[list[Prepared]]:
        for batch in batches:
            yield _joined(batch, prepare_partition(batch))

    def close(self) -> None:
        return None


class DaskEngine:
    """Partitions mapped over a Dask cluster with `Client.submit`; results come back in input order."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2, processes: bool = True) -> None:
        from distributed import Client, LocalCluster

        try:
            if scheduler is None:
                self._cluster: LocalCluster | None = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None
                )  # type: ignore[no-untyped-call]
                self.client: Client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._cluster = None
                self.client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            where = scheduler or "a local cluster"
            raise EngineError(f"--scheduler {where}: could not connect ({exc})") from exc

    def prepare(self, batches: Iterable[list[Article]]) -> Iterator[list[Prepared]]:
        pending: list[tuple[list[Article], Any]] = []
        for batch in batches:
            pending.append((batch, self.client.submit(prepare_partition, batch, pure=False)))
            if len(pending) >= IN_FLIGHT:
                batch, future = pending.pop(0)
                yield _joined(batch, future.result())
        for batch, future in pending:
            yield _joined(batch, future.result())

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
