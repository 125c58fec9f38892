"""RawDocument → Article: paragraphs, boilerplate removal, outlet, language. The same for every input kind."""

from __future__ import annotations

import hashlib
import re

from storylens.errors import EmptyInput
from storylens.ingest.boilerplate import strip_boilerplate
from storylens.ingest.clean import join_paragraphs, split_paragraphs
from storylens.ingest.language import detect_language
from storylens.ingest.outlet import infer_outlet
from storylens.ingest.raw import RawDocument
from storylens.records import Article

_SLUG = re.compile(r"[^a-z0-9]+")


def finish_article(doc: RawDocument, article_id: str) -> Article:
    """Raises EmptyInput when nothing but boilerplate is left."""
    paragraphs, removed = strip_boilerplate(split_paragraphs(doc.body))
    if not paragraphs:
        what = f" (all {len(removed)} lines were boilerplate)" if removed else ""
        raise EmptyInput(doc.origin, f"no article text left{what}")
    text, spans = join_paragraphs(paragraphs)
    outlet, outlet_from = infer_outlet(doc, paragraphs, removed)
    language, score = detect_language(text)
    return Article(
        id=article_id,
        origin=doc.origin,
        kind=doc.kind,
        text=text,
        paragraphs=spans,
        outlet=outlet,
        outlet_from=outlet_from,
        title=doc.title,
        byline=doc.byline,
        published=doc.published,
        url=doc.url,
        language=language,
        language_score=score,
        removed=tuple(removed),
    )


def slugify(hint: str | None) -> str:
    slug = _SLUG.sub("-", (hint or "").lower()).strip("-")[:60].strip("-")
    return slug or "article"


def content_key(text: str) -> str:
    """Same key for the same article text whatever its whitespace or case: exact duplicates across inputs."""
    return hashlib.sha1(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()
