"""An article run through spaCy, paragraph by paragraph, with offsets into the article's own text.

Paragraphs go through the pipeline in one batch (`nlp.pipe`); a sentence never crosses a paragraph. Line breaks
inside a paragraph are read as spaces (same length, so offsets hold): a name wrapped over two lines is one name.
Components read this record; none of them runs a model of its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storylens.records import Article, LocalEntity, Mention, Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its span in the article and its spaCy span (token offsets + `offset` = article offsets)."""

    index: int
    span: Span
    tokens: SpacySpan
    offset: int  # article offset of the paragraph the spaCy doc holds

    def char_span(self, token: Token) -> Span:
        return Span(self.offset + token.idx, self.offset + token.idx + len(token.text))


@dataclass(slots=True)
class ParsedArticle:
    article: Article
    docs: list[tuple[int, Doc]]  # (article offset of the paragraph, its spaCy doc)
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    entities: list[LocalEntity] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [s.span.start for s in self.sentences]

    def text(self, span: Span) -> str:
        return self.article.text[span.start : span.end]

    def doc_text(self, number: int) -> str:
        """The text of `docs[number]`, cut from the article (spaCy's `Doc.text` joins every token anew, each time)."""
        offset, doc = self.docs[number]
        end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        return self.article.text[offset : offset + end].replace("\n", " ")

    def sentence_at(self, position: int) -> Sentence:
        """The sentence holding (or nearest before) a character position."""
        index = max(bisect_right(self._starts, position) - 1, 0)
        return self.sentences[index]

    def mentions_in(self, span: Span) -> Iterator[Mention]:
        """Mentions lying inside `span`, in text order (a binary search: articles can hold thousands)."""
        self._index_mentions()
        first = bisect_left(self._mention_starts, span.start)
        for mention in self.mentions[first:]:
            if mention.span.start >= span.end:
                break
            if mention.span.end <= span.end:
                yield mention

    def mention_at(self, span: Span) -> Mention | None:
        """The mention overlapping `span`, if any."""
        self._index_mentions()
        first = max(bisect_left(self._mention_starts, span.start) - 1, 0)
        for mention in self.mentions[first:]:
            if mention.span.start >= span.end:
                break
            if span.start < mention.span.end:
                return mention
        return None

    def span_doc(self, span: Span) -> Doc | None:
        """The tokens of `span` as a Doc of its own text (a token whose head lies outside the span becomes a root,
        as in a parse of the span alone); None when the span does not fall on token bounds inside one paragraph."""
        offset, doc = self.docs[max(bisect_right([o for o, _ in self.docs], span.start) - 1, 0)]
        piece = doc.char_span(span.start - offset, span.end - offset, alignment_mode="expand")
        if piece is None or piece.text != self.text(span).replace("\n", " "):
            return None
        return piece.as_doc()

    def _index_mentions(self) -> None:
        if len(self._mention_starts) != len(self.mentions):
            self.mentions.sort(key=lambda m: m.span.start)
            self._mention_starts = [m.span.start for m in self.mentions]


MAX_CHUNK = 20_000  # characters given to the parser at once


def parse_articles(articles: Sequence[Article], nlp: Language, batch_size: int = 64) -> list[ParsedArticle]:
    """All paragraphs of all articles in one spaCy batch; then regrouped per article."""
    jobs = [
        (i, p.start + start, chunk)
        for i, a in enumerate(articles)
        for p in a.paragraphs
        for start, chunk in chunk_paragraph(a.text[p.start : p.end].replace("\n", " "))
    ]
    docs = nlp.pipe((text for _, _, text in jobs), batch_size=batch_size)
    per_article: list[list[tuple[int, Doc]]] = [[] for _ in articles]
    for (index, offset, _), doc in zip(jobs, docs, strict=True):
        per_article[index].append((offset, doc))
    return [ParsedArticle(article, docs, _sentences(docs)) for article, docs in zip(articles, per_article, strict=True)]


def chunk_paragraph(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """A paragraph in pieces of at most `limit` characters, cut after a sentence end (or a space) where possible:
    the parser's cost and memory grow with the length of what it is given, and spaCy refuses very long texts."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 2 if cut > limit // 2 else (window.rfind(" ") + 1 or limit)
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


def _sentences(docs: list[tuple[int, Doc]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for offset, doc in docs:
        for sent in doc.sents:
            start, end = _trim(sent)
            if start < end:
                span = Span(offset + start, offset + end)
                sentences.append(Sentence(len(sentences), span, sent, offset))
    return sentences


def _trim(sent: SpacySpan) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())
