"""check_many: order kept, each distinct article embedded once (counted through the real embedder), errors named."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from stance.articles import ARTICLES, CLAIM
from storylens.nlp import embedder
from storylens.stance import BadCheckInput, check_articles, check_many, stance_of


class CountingEmbedder:
    """The real embedder, with every text it is asked to embed recorded (a fresh name: its own cache entries)."""

    dimensions = 384

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner = embedder()
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        self.texts += texts
        return self.inner.embed(texts)


@pytest.mark.slow
def test_order_is_kept_and_each_article_is_embedded_once() -> None:
    counting = CountingEmbedder("counting-order")
    claims = [CLAIM, "Dunmore Rovers won the league match", "The bridge contract went to the mayor's relative"]
    pairs = [(claim, text) for text in ARTICLES.values() for claim in claims] * 3
    results = check_many(pairs, counting)
    assert len(results) == len(pairs)
    single = [check_many([pair], counting)[0].label for pair in pairs[:12]]
    assert [r.label for r in results[:12]] == single  # one at a time gives the same answer, in the same place
    sentences = [t for t in counting.texts if t not in claims]
    assert len(sentences) == len(set(sentences))  # no sentence embedded twice, across four calls
    assert counting.texts.count(CLAIM) == 1  # claims are kept too


@pytest.mark.slow
def test_the_football_match_claim_finds_the_football_article() -> None:
    results = check_many([("Dunmore Rovers beat Harlow Town 3-1", text) for text in ARTICLES.values()])
    labels = dict(zip(ARTICLES, (r.label for r in results), strict=True))
    assert labels["unrelated"] != "unrelated"  # the football report speaks to this one
    assert labels["supports"] == "unrelated"


@pytest.mark.slow
def test_stance_of_sentences() -> None:
    labels = stance_of(CLAIM, ["Kofi Mensah scored twice in the first half.", CLAIM + "."])
    assert len(labels) == 2
    assert labels[0][0] == "unrelated"
    assert labels[1][0] != "unrelated"


def test_no_pairs_no_work() -> None:
    assert check_many([]) == []


@pytest.mark.parametrize(
    ("pair", "message"),
    [(("", "Some text."), "pair 0: the claim is empty"), (("A claim", "  \n"), "pair 0: the article text is empty")],
)
def test_empty_inputs_are_named(pair: tuple[str, str], message: str) -> None:
    with pytest.raises(BadCheckInput, match=message):
        check_many([pair])


def test_a_non_text_article_is_named() -> None:
    with pytest.raises(BadCheckInput, match="pair 1: the article text is a bytes, not text"):
        check_many([("claim", "text"), ("claim", b"bytes")])  # type: ignore[list-item]


@pytest.mark.slow
def test_check_articles_reads_ingested_articles_in_order() -> None:
    from storylens import article_from_text

    articles = [article_from_text(text, label) for label, text in ARTICLES.items()]
    results = check_articles(CLAIM, articles)
    assert [r.label for r in results] == list(ARTICLES)
    for article, result in zip(articles, results, strict=True):
        assert all(article.text[e.start : e.end] == e.text for e in result.evidence)


def test_check_articles_names_an_empty_claim() -> None:
    with pytest.raises(BadCheckInput, match=r"^the claim is empty$"):
        check_articles(" ", [])
