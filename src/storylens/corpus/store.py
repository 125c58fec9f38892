"""The corpus store: articles, duplicates, stories, analyses and reports in one SQLite file (WAL mode, FTS5).

    articles(rowid, id, content_key UNIQUE, …, record JSON, signature)   every article ever added, copies included
    duplicates(id, duplicate_of, similarity)                              near-copies, under the article they copy
    stories(id, title, vector_sum, names, days, terms, size, version, touched)   the clusterer's state, story by story
    term_counts(id, documents)                                            document frequency of each hashed term
    story_articles(story, article, position)                              kept members, in the order they came
    merged_stories(id, survivor)                                          stories merged into another, and which
    analyses(article, json) · reports(story, version, json)               computed on demand, refreshed when stale
    articles_fts(title, text) · claims_fts(text, article, story)          full-text search

One writer (the process adding), any number of readers on their own connections. Each batch of articles is one
transaction, so a crash mid-add loses only the batch in flight: the store stays consistent, and since the
clustering state is saved with the batch, reopening continues exactly where the last committed batch ended.
Adding an article already stored (same text, whatever its id) changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from storylens.corpus.cluster import DocumentFrequencies, Merge, StoryState, TermIds, Terms, story_order
from storylens.corpus.engines import (
    PARTITION_SIZE,
    Engine,
    EngineName,
    Prepared,
    make_engine,
    partitions,
    prepare_on,
    read_on,
)
from storylens.corpus.stories import Collected, Placement, StoryGrouper, undated_notice
from storylens.errors import NoUsableInput, StorylensError
from storylens.ingest import IngestOptions, Progress
from storylens.ingest.finish import content_key
from storylens.records import Article, Ingested, Notice, Removal, Span
from storylens.report import MAX_ARTICLES, Report, article_json, notice_json, skipped_json

SCHEMA_VERSION = 3  # 2: story term vectors and document frequencies (the lexical signal); 3: merged stories
BUSY_TIMEOUT_S = 5.0


class StoreError(StorylensError):
    """The store file cannot be used (not a store, a newer schema, locked)."""


class StoreTooNew(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class UnknownStory(StoreError):
    pass


_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_key TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    signature BLOB,
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS duplicates (
    id TEXT PRIMARY KEY,
    duplicate_of TEXT NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL,
    stored INTEGER NOT NULL  -- 1: the copy's own text is in articles; 0: an exact copy, its text is the original's
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    vector_sum BLOB NOT NULL,
    names TEXT NOT NULL,
    days TEXT NOT NULL,
    size INTEGER NOT NULL,
    version INTEGER NOT NULL,
    touched INTEGER NOT NULL,
    term_ids BLOB,
    term_weights BLOB
);
CREATE TABLE IF NOT EXISTS term_counts (id INTEGER PRIMARY KEY, documents INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS story_articles (
    story TEXT NOT NULL REFERENCES stories(id),
    article TEXT NOT NULL UNIQUE REFERENCES articles(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (story, position)
);
CREATE TABLE IF NOT EXISTS analyses (article TEXT PRIMARY KEY REFERENCES articles(id), json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    story TEXT PRIMARY KEY REFERENCES stories(id),
    version INTEGER NOT NULL,
    json TEXT NOT NULL,
    built_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS merged_stories (id TEXT PRIMARY KEY, survivor TEXT NOT NULL REFERENCES stories(id));
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(text, article UNINDEXED, story UNINDEXED);
"""


_FROM_VERSION_1 = """
ALTER TABLE stories ADD COLUMN term_ids BLOB;
ALTER TABLE stories ADD COLUMN term_weights BLOB;
CREATE TABLE IF NOT EXISTS term_counts (id INTEGER PRIMARY KEY, documents INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS merged_stories (id TEXT PRIMARY KEY, survivor TEXT NOT NULL REFERENCES stories(id));
"""


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    title: str
    size: int  # kept articles
    duplicates: int
    first_published: str | None
    last_published: str | None
    has_fresh_report: bool


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: str
    outlet: str | None
    title: str | None
    published: str | None
    origin: str


@dataclass(frozen=True, slots=True)
class StoryDetail:
    summary: StorySummary
    articles: tuple[StoredArticle, ...]
    duplicates: tuple[tuple[str, str, float], ...]  # (id, duplicate_of, similarity)


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "article" | "claim"
    article: str
    story: str | None
    title: str | None
    snippet: str


@dataclass(slots=True)
class AddResult:
    added: int = 0
    duplicates: int = 0
    unchanged: int = 0  # already in the store
    stories_touched: set[str] = field(default_factory=set)
    new_stories: int = 0
    merged: dict[str, str] = field(default_factory=dict)  # story → the older story it was merged into
    reports_refreshed: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    notices: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "new_stories": self.new_stories,
            "stories_touched": sorted(self.stories_touched),
            "merged": [{"story": story, "into": into} for story, into in self.merged.items()],
            "reports_refreshed": self.reports_refreshed,
            "skipped": self.skipped,
            "notices": self.notices,
        }


class CorpusStore:
    """One store file. Open it with `CorpusStore(path)` (created when missing) or `readonly=True` for browsing."""

    def __init__(self, path: str | Path, *, readonly: bool = False, busy_timeout: float = BUSY_TIMEOUT_S):
        self.path = Path(path)
        self.readonly = readonly
        self.busy_timeout = busy_timeout
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such store (add articles with `storylens corpus add` first)")
        self._db = self._connect()

    # ---- opening ------------------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        uri = f"file:{self.path}{'?mode=ro' if self.readonly else ''}"
        try:
            db = sqlite3.connect(uri, uri=True, timeout=self.busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        db.row_factory = sqlite3.Row
        with self._errors():
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                db.close()
                raise StoreTooNew(
                    f"{self.path}: store schema version {version} is newer than this storylens reads "
                    f"({SCHEMA_VERSION}); upgrade storylens to use it (nothing was changed)"
                )
            if not self.readonly:
                self._prepare(db, version)
        return db

    def _prepare(self, db: sqlite3.Connection, version: int) -> None:
        if version == 0:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "articles" not in tables:
                raise StoreError(f"{self.path}: a SQLite database, but not a storylens store (tables: "
                                 f"{', '.join(sorted(tables)[:5])})")  # fmt: skip
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a committed batch survives a killed process
        db.execute("PRAGMA foreign_keys = ON")
        if version == 1:  # same tables, less the lexical state: rebuilt from the stored texts
            db.executescript(f"BEGIN IMMEDIATE;{_FROM_VERSION_1}")
            try:
                _rebuild_terms(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        elif version < SCHEMA_VERSION:
            db.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """SQLite failures as StoreErrors that name the file."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if "locked" in message or "busy" in message:
                raise StoreLocked(
                    f"{self.path}: store is locked by another process (waited {self.busy_timeout:g} s); "
                    "try again when it has finished"
                ) from exc
            raise StoreError(f"{self.path}: {message}") from exc
        except sqlite3.IntegrityError:
            raise  # a bug of ours, not a bad file: let it show as one
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a storylens store ({exc})") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        with self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # ---- adding ---------------------------------------------------------------------------------------------------

    def add(
        self,
        inputs: Iterable[str | Path],
        options: IngestOptions | None = None,
        progress: Progress | None = None,
        engine: EngineName | Engine = "local",
        scheduler: str | None = None,
        partition_size: int = PARTITION_SIZE,
        refresh_reports: bool = True,
    ) -> AddResult:
        """Ingest, dedupe and cluster new articles into the stored stories; one transaction per partition. Then the
        stored reports of the stories that grew are rebuilt (`refresh_reports`; the others are built when first
        asked for). Raises NoUsableInput when no input gave an article (stored ones included), StoreLocked before
        any work when another process is writing."""
        self._check_writable()
        result = AddResult()
        collected = Collected()
        grouper = self._load_grouper()
        known_stories = set(grouper.clusterer.stories)
        runner = make_engine(engine, scheduler) if isinstance(engine, str) else engine
        try:
            read = read_on(runner, inputs, options, progress, partition_size)
            fresh = self._new_articles(collected.articles(read), result)
            for prepared in prepare_on(runner, partitions(fresh, partition_size)):
                placements = self._place_batch(grouper, prepared)
                for placement in placements:
                    result.stories_touched.add(placement.story)
                    for merge in placement.merges:
                        result.stories_touched.discard(merge.absorbed)
                        result.merged[merge.absorbed] = merge.survivor
                    result.added += 1
                    result.duplicates += placement.duplicate is not None
                if progress is not None:
                    progress(f"{result.added:,} articles added")
            self._save_exact_copies(grouper, collected)
        finally:
            runner.close()
        if result.added == 0 and result.unchanged == 0:
            raise NoUsableInput(collected.skipped)
        result.new_stories = len(set(grouper.clusterer.stories) - known_stories)
        result.merged = {story: grouper.clusterer.resolve(into) for story, into in result.merged.items()}
        result.duplicates += len(collected.exact_copies)
        result.skipped = [skipped_json(e) for e in collected.skipped]
        result.notices = [notice_json(n) for n in collected.notices]
        if collected.undated:
            result.notices.append(undated_notice(collected.undated))
        if refresh_reports:
            result.reports_refreshed = self.refresh_reports(result.stories_touched, progress)
        return result

    def refresh_reports(self, story_ids: Iterable[str], progress: Progress | None = None) -> list[str]:
        """Rebuild the stored reports among these stories that are out of date; the ids rebuilt."""
        stale = [story_id for story_id in sorted(set(story_ids), key=story_order) if self._report_is_stale(story_id)]
        for number, story_id in enumerate(stale, start=1):
            if progress is not None:
                progress(f"refreshing the report of {story_id} ({number}/{len(stale)})")
            self.report(story_id)
        return stale

    def _report_is_stale(self, story_id: str) -> bool:
        with self._errors():
            row = self._db.execute(
                "SELECT r.version < s.version FROM reports r JOIN stories s ON s.id = r.story WHERE r.story = ?",
                (story_id,),
            ).fetchone()
        return bool(row and row[0])

    def _check_writable(self) -> None:
        """Fail now, not after the models have run, when another process holds the write lock."""
        with self._transaction():
            pass

    def _new_articles(self, articles: Iterable[Article], result: AddResult) -> Iterator[Article]:
        """Articles not stored yet, renamed when their id is taken by another article."""
        taken: set[str] = set()
        for article in articles:
            key = content_key(article.text)
            with self._errors():
                if self._db.execute("SELECT 1 FROM articles WHERE content_key = ?", (key,)).fetchone():
                    result.unchanged += 1
                    continue
            article_id, number = article.id, 2
            while article_id in taken or self._id_stored(article_id):
                article_id, number = f"{article.id}-{number}", number + 1
            taken.add(article_id)
            yield article if article_id == article.id else _renamed(article, article_id)

    def _id_stored(self, article_id: str) -> bool:
        with self._errors():
            return self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def _place_batch(self, grouper: StoryGrouper, prepared: list[Prepared]) -> list[Placement]:
        """Place each article and save it with the story state it left, in one transaction: each row then says
        what its placement saw, and a later merge in the batch moves rows that are already there."""
        touch = self._counter("touch")
        placements = []
        with self._transaction() as db:
            for item in prepared:
                placement = grouper.place(item)
                placements.append(placement)
                article = item.article
                kept = placement.duplicate is None
                db.execute(
                    "INSERT INTO articles (id, content_key, origin, outlet, title, published, text, record, signature)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.id, content_key(article.text), article.origin, article.outlet, article.title,
                     _iso(article.published), article.text, json.dumps(_record_json(article)),
                     item.signature.tobytes() if kept else None),
                )  # fmt: skip
                if placement.duplicate is not None:
                    d = placement.duplicate
                    db.execute("INSERT INTO duplicates VALUES (?, ?, ?, 1)", (d.id, d.duplicate_of, d.similarity))
                    continue
                for merge in placement.merges:
                    _save_merge(db, merge)
                story = grouper.clusterer.stories[placement.story]
                touch += 1
                self._save_story(db, story, touch)
                db.execute(
                    "INSERT INTO story_articles (story, article, position) VALUES (?, ?, ?)",
                    (story.id, article.id, placement.position),
                )
            kept_terms = [
                item.features.terms.ids for item, p in zip(prepared, placements, strict=True) if p.duplicate is None
            ]
            _save_frequencies(db, grouper.clusterer.frequencies, kept_terms)
            db.execute("INSERT OR REPLACE INTO counters VALUES ('touch', ?)", (touch,))
        return placements

    def _save_story(self, db: sqlite3.Connection, story: StoryState, touch: int) -> None:
        values = (story.title, story.vector_sum.astype(np.float32).tobytes(), json.dumps(dict(story.names)),
                  json.dumps(sorted(story.days)), len(story.articles), touch, story.terms.ids.tobytes(),
                  story.terms.weights.tobytes())  # fmt: skip
        updated = db.execute(
            "UPDATE stories SET title = ?, vector_sum = ?, names = ?, days = ?, size = ?, version = version + 1,"
            " touched = ?, term_ids = ?, term_weights = ? WHERE id = ?",
            (*values, story.id),
        )
        if updated.rowcount == 0:
            seq = self._counter("story") + 1
            db.execute(
                "INSERT INTO stories (id, seq, title, vector_sum, names, days, size, touched, term_ids, term_weights,"
                " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (story.id, seq, *values),
            )
            db.execute("INSERT OR REPLACE INTO counters VALUES ('story', ?)", (seq,))

    def _save_exact_copies(self, grouper: StoryGrouper, collected: Collected) -> None:
        """Exact copies that ingest refused in this run, under the article it kept (when that one is stored)."""
        with self._transaction() as db:
            for copy in collected.exact_copies:
                if copy.duplicate_of in grouper.story_of:
                    db.execute("INSERT OR IGNORE INTO duplicates VALUES (?, ?, ?, 0)",
                               (copy.id, copy.duplicate_of, copy.similarity))  # fmt: skip

    def _counter(self, name: str) -> int:
        row = self._db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def _load_grouper(self) -> StoryGrouper:
        """The clustering and dedupe state as the last committed batch left it."""
        grouper = StoryGrouper()
        with self._errors():
            members: dict[str, list[str]] = {}
            for row in self._db.execute("SELECT story, article FROM story_articles ORDER BY story, position"):
                members.setdefault(row["story"], []).append(row["article"])
            for row in self._db.execute("SELECT * FROM stories ORDER BY touched"):
                vector = np.frombuffer(row["vector_sum"], dtype=np.float32).copy()
                story = StoryState(row["id"], row["title"], vector, Counter(json.loads(row["names"])),
                                   set(json.loads(row["days"])), members.get(row["id"], []),
                                   terms=_terms_of(row))  # fmt: skip
                grouper.clusterer.restore(story)
                for article in story.articles:
                    grouper.story_of[article] = story.id
            for row in self._db.execute(
                "SELECT id, signature FROM articles WHERE signature IS NOT NULL ORDER BY rowid"
            ):
                grouper.deduper.keep(row["id"], np.frombuffer(row["signature"], dtype=np.uint64).copy())
            for row in self._db.execute("SELECT id, duplicate_of FROM duplicates"):
                grouper.story_of[row["id"]] = grouper.story_of[row["duplicate_of"]]
            for row in self._db.execute("SELECT id, survivor FROM merged_stories"):
                grouper.clusterer.restore_merge(row["id"], row["survivor"])
            _load_frequencies(self._db, grouper.clusterer.frequencies)
        return grouper

    # ---- reading ----------------------------------------------------------------------------------------------------

    def stories(self, limit: int | None = None, offset: int = 0) -> list[StorySummary]:
        """Stories, the most recently grown first."""
        query = _SUMMARY + " ORDER BY s.touched DESC LIMIT ? OFFSET ?"
        with self._errors():
            rows = self._db.execute(query, (-1 if limit is None else limit, offset)).fetchall()
        return [_summary(row) for row in rows]

    def story(self, story_id: str) -> StoryDetail:
        """The story, or the one it was merged into."""
        story_id = self.resolve(story_id)
        with self._errors():
            row = self._db.execute(_SUMMARY + " WHERE s.id = ?", (story_id,)).fetchone()
            if row is None:
                raise UnknownStory(f"{story_id}: no such story in {self.path} (`storylens corpus stories` lists them)")
            articles = self._db.execute(
                "SELECT a.id, a.outlet, a.title, a.published, a.origin FROM story_articles m"
                " JOIN articles a ON a.id = m.article WHERE m.story = ? ORDER BY m.position",
                (story_id,),
            ).fetchall()
            copies = self._db.execute(
                "SELECT d.id, d.duplicate_of, d.similarity FROM duplicates d JOIN story_articles m"
                " ON m.article = d.duplicate_of WHERE m.story = ? ORDER BY d.rowid",
                (story_id,),
            ).fetchall()
        return StoryDetail(
            _summary(row),
            tuple(StoredArticle(r["id"], r["outlet"], r["title"], r["published"], r["origin"]) for r in articles),
            tuple((r["id"], r["duplicate_of"], float(r["similarity"])) for r in copies),
        )

    def articles(self, story_id: str) -> list[Article]:
        """The story's kept articles, as records."""
        story_id = self.story(story_id).summary.id  # raises UnknownStory
        with self._errors():
            rows = self._db.execute(
                "SELECT a.record FROM story_articles m JOIN articles a ON a.id = m.article"
                " WHERE m.story = ? ORDER BY m.position",
                (story_id,),
            ).fetchall()
        return [_article_from_json(json.loads(r["record"])) for r in rows]

    def report(self, story_id: str, progress: Progress | None = None) -> Report:
        """The story's report (schema "storylens.report/1"): the stored one while fresh, else built and stored (a
        read-only store builds it without storing)."""
        story_id = self.resolve(story_id)
        with self._errors():
            row = self._db.execute(
                "SELECT r.json FROM reports r JOIN stories s ON s.id = r.story"
                " WHERE r.story = ? AND r.version = s.version",
                (story_id,),
            ).fetchone()
        if row is not None:
            stored: Report = json.loads(row["json"])
            return stored
        articles = self.articles(story_id)
        version = self.story_version(story_id)
        report, analyses = _build_report(articles, progress)
        if not self.readonly:
            self._save_report(story_id, version, report, analyses)
        return report

    def story_version(self, story_id: str) -> int:
        story_id = self.resolve(story_id)
        with self._errors():
            row = self._db.execute("SELECT version FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise UnknownStory(f"{story_id}: no such story in {self.path}")
        return int(row[0])

    def resolve(self, story_id: str) -> str:
        """The id of the story that holds what `story_id` held: itself, or the story it was merged into."""
        with self._errors():
            row = self._db.execute("SELECT survivor FROM merged_stories WHERE id = ?", (story_id,)).fetchone()
        return story_id if row is None else str(row[0])

    def _save_report(self, story_id: str, version: int, report: Report, analyses: list[dict[str, Any]]) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO reports (story, version, json) VALUES (?, ?, ?)",
                       (story_id, version, json.dumps(report, ensure_ascii=False)))  # fmt: skip
            for analysis in analyses:
                article = analysis["article"]
                db.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?)", (article, json.dumps(analysis)))
                db.execute("DELETE FROM claims_fts WHERE article = ?", (article,))
                db.executemany("INSERT INTO claims_fts (text, article, story) VALUES (?, ?, ?)",
                               [(claim["text"], article, story_id) for claim in analysis["claims"]])  # fmt: skip

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles (title, text) and analysed claims matching an FTS5 query; plain words work as they are."""
        try:
            return self._search(query, limit)
        except sqlite3.OperationalError:
            pass  # not valid FTS5 syntax (an odd quote, a bare operator): search the words as they are
        with self._errors():
            return self._search(_quoted_terms(query), limit)

    def _search(self, match: str, limit: int) -> list[SearchHit]:
        articles = self._db.execute(
            "SELECT a.id, a.title, coalesce(m.story, o.story) AS story,"
            " snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " LEFT JOIN story_articles m ON m.article = a.id"
            " LEFT JOIN duplicates d ON d.id = a.id LEFT JOIN story_articles o ON o.article = d.duplicate_of"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        claims = self._db.execute(
            "SELECT article, story, snippet(claims_fts, 0, '[', ']', '…', 16) AS snippet"
            " FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [SearchHit("article", r["id"], r["story"], r["title"], r["snippet"]) for r in articles] + [
            SearchHit("claim", r["article"], r["story"], None, r["snippet"]) for r in claims
        ]

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity check and our own invariants; empty when the store is sound."""
        with self._errors():
            problems = [r[0] for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
            orphans = self._db.execute(
                "SELECT count(*) FROM articles a WHERE a.signature IS NOT NULL"
                " AND NOT EXISTS (SELECT 1 FROM story_articles m WHERE m.article = a.id)"
            ).fetchone()[0]
            sizes = self._db.execute(
                "SELECT count(*) FROM stories s"
                " WHERE s.size != (SELECT count(*) FROM story_articles m WHERE m.story = s.id)"
            ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} kept article(s) in no story")
        if sizes:
            problems.append(f"{sizes} story size(s) out of step with their members")
        return problems


_SUMMARY = (
    "SELECT s.id, s.title, s.size, s.version, s.days,"
    " (SELECT count(*) FROM duplicates d JOIN story_articles m ON m.article = d.duplicate_of WHERE m.story = s.id)"
    " AS duplicates, (SELECT r.version FROM reports r WHERE r.story = s.id) AS report_version FROM stories s"
)


def _summary(row: sqlite3.Row) -> StorySummary:
    days = json.loads(row["days"])
    return StorySummary(
        id=row["id"],
        title=row["title"],
        size=int(row["size"]),
        duplicates=int(row["duplicates"]),
        first_published=date.fromordinal(min(days)).isoformat() if days else None,
        last_published=date.fromordinal(max(days)).isoformat() if days else None,
        has_fresh_report=row["report_version"] == row["version"],
    )


def _build_report(articles: list[Article], progress: Progress | None) -> tuple[Report, list[dict[str, Any]]]:
    """The compare report over a story's articles (the first MAX_ARTICLES of them, with a notice past that)."""
    from storylens.report import analysis_json, compare_ingested

    notices: list[Notice] = []
    if len(articles) > MAX_ARTICLES:
        notices.append(Notice(articles[MAX_ARTICLES].origin, f"the story has {len(articles)} articles; the report "
                              f"compares its first {MAX_ARTICLES}"))  # fmt: skip
        articles = articles[:MAX_ARTICLES]
    report, analyses = compare_ingested(Ingested(articles=articles, notices=notices), progress)
    return report, [analysis_json(a) for a in analyses]


def _terms_of(row: sqlite3.Row) -> Terms:
    if row["term_ids"] is None:
        return Terms.empty()
    return Terms(np.frombuffer(row["term_ids"], dtype=np.int32).copy(),
                 np.frombuffer(row["term_weights"], dtype=np.float32).copy())  # fmt: skip


def _save_merge(db: sqlite3.Connection, merge: Merge) -> None:
    """Move the absorbed story's members after the survivor's, and keep its id as a pointer to the survivor."""
    db.execute("UPDATE story_articles SET story = ?, position = position + ? WHERE story = ?",
               (merge.survivor, merge.offset, merge.absorbed))  # fmt: skip
    db.execute("UPDATE claims_fts SET story = ? WHERE story = ?", (merge.survivor, merge.absorbed))
    db.execute("UPDATE merged_stories SET survivor = ? WHERE survivor = ?", (merge.survivor, merge.absorbed))
    db.execute("INSERT INTO merged_stories VALUES (?, ?)", (merge.absorbed, merge.survivor))
    db.execute("DELETE FROM reports WHERE story = ?", (merge.absorbed,))
    db.execute("DELETE FROM stories WHERE id = ?", (merge.absorbed,))


def _save_frequencies(db: sqlite3.Connection, frequencies: DocumentFrequencies, batch: list[TermIds]) -> None:
    """The document frequencies of the terms this batch touched, and the number of documents counted."""
    if batch:
        touched = np.unique(np.concatenate(batch))
        rows = zip(touched.tolist(), frequencies.counts[touched].tolist(), strict=True)
        db.executemany("INSERT OR REPLACE INTO term_counts VALUES (?, ?)", rows)
    db.execute("INSERT OR REPLACE INTO counters VALUES ('documents', ?)", (frequencies.documents,))


def _load_frequencies(db: sqlite3.Connection, frequencies: DocumentFrequencies) -> None:
    rows = db.execute("SELECT id, documents FROM term_counts").fetchall()
    if rows:
        table = np.array(rows, dtype=np.int64)
        frequencies.counts[table[:, 0]] = table[:, 1]
    row = db.execute("SELECT value FROM counters WHERE name = 'documents'").fetchone()
    frequencies.documents = int(row[0]) if row else 0


def _rebuild_terms(db: sqlite3.Connection) -> None:
    """A version-1 store's lexical state, from its kept articles in the order they joined their stories."""
    from storylens.corpus.cluster import body_text, term_counts, unit

    frequencies = DocumentFrequencies()
    rows = db.execute(
        "SELECT m.story, a.record FROM story_articles m JOIN articles a ON a.id = m.article ORDER BY a.rowid"
    ).fetchall()
    stories: dict[str, StoryState] = {}
    for row in rows:
        terms = term_counts([body_text(_article_from_json(json.loads(row["record"])))])[0]
        story = stories.setdefault(row["story"], StoryState(row["story"], "", np.zeros(1, dtype=np.float32)))
        story.add_terms(unit(terms), frequencies)
        frequencies.count(terms)
    for story in stories.values():
        db.execute("UPDATE stories SET term_ids = ?, term_weights = ? WHERE id = ?",
                   (story.terms.ids.tobytes(), story.terms.weights.tobytes(), story.id))  # fmt: skip
    _save_frequencies(db, frequencies, [np.nonzero(frequencies.counts)[0].astype(np.int32)])


def _quoted_terms(query: str) -> str:
    """Each word as a quoted FTS5 string: what a user typing plain words with punctuation means."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _record_json(article: Article) -> dict[str, Any]:
    record = article_json(article)
    record.pop("word_count")
    return record


def _renamed(article: Article, article_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=article_id)


def _article_from_json(record: dict[str, Any]) -> Article:
    published = record["published"]
    when: date | None = None
    if published:
        when = datetime.fromisoformat(published) if "T" in published else date.fromisoformat(published)
    return Article(
        id=record["id"],
        origin=record["origin"],
        kind=record["kind"],
        text=record["text"],
        paragraphs=tuple(Span(start, end) for start, end in record["paragraphs"]),
        outlet=record["outlet"],
        outlet_from=record["outlet_from"],
        title=record["title"],
        byline=record["byline"],
        published=when,
        url=record["url"],
        language=record["language"],
        language_score=record["language_score"],
        removed=tuple(Removal(r["text"], r["reason"], r["rule"]) for r in record["removed"]),
    )
