"""The same remark quoted by several outlets: one group per speaker and remark, with how far the wordings differ."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher

from storylens.nlp import Embedder
from storylens.records import ArticleAnalysis, QuoteGroup, QuoteRef

# Two renderings of one remark (two translations, notes taken twice) share most content words; below this share of
# common words they are two remarks. Chosen on the bundled example and tests: paraphrased translations score ~0.5.
SAME_REMARK = 0.45
# Or, for one speaker, mean the same to the sentence embedder: looser translations ("under control, but not out" ~
# "contained, yet still burning") score 0.65–0.9, two remarks of one speaker on one subject 0.44–0.46.
SAME_REMARK_COSINE = 0.6
_PARTIAL_WORDS = 6  # a quoted fragment this long is a remark's words, not a scare-quoted phrase ("conquering hero")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_Item = tuple[QuoteRef, int | None, list[str]]


def group_quotes(
    analyses: Sequence[ArticleAnalysis], entity_of: Mapping[tuple[int, int], int], model: Embedder | None = None
) -> list[QuoteGroup]:
    """Quotes (full ones, and fragments long enough to be a remark's words) grouped by story speaker and wording;
    quotes no other outlet carries stay single groups. Quotes without a known speaker are grouped only when their
    words match closely. With `model`, one speaker's quotes that mean the same are one remark too."""
    quotes = [
        (QuoteRef(a, q), _speaker(analyses, entity_of, a, q), _words(analysis.quotes[q].text))
        for a, analysis in enumerate(analyses)
        for q in range(len(analysis.quotes))
        if not analysis.quotes[q].partial or len(_words(analysis.quotes[q].text)) >= _PARTIAL_WORDS
    ]
    similar = _meaning(analyses, quotes, model)
    groups: list[list[int]] = []  # indices into `quotes`, the first one the group's anchor
    for index, item in enumerate(quotes):
        home = next(
            (
                group
                for group in groups
                if item[0].article not in {quotes[i][0].article for i in group}
                and _same_remark(quotes[group[0]], item, similar(group[0], index))
            ),
            None,
        )
        if home is None:
            groups.append([index])
        else:
            home.append(index)
    return [_group(analyses, [quotes[i] for i in group]) for group in groups]


def word_similarity(first: str, second: str) -> float:
    """Similarity of two wordings over words (case and punctuation ignored): 1.0 when the words are the same."""
    return SequenceMatcher(None, _words(first), _words(second), autojunk=False).ratio()


def _meaning(
    analyses: Sequence[ArticleAnalysis], quotes: Sequence[_Item], model: Embedder | None
) -> Callable[[int, int], float]:
    """Cosine of two quotes (by index) when a model is given, else 0."""
    if model is None or len(quotes) < 2:
        return lambda i, j: 0.0
    vectors = model.embed([analyses[ref.article].quotes[ref.quote].text for ref, _, _ in quotes])
    cosine = vectors @ vectors.T
    return lambda i, j: float(cosine[i, j])


def _same_remark(anchor: _Item, item: _Item, cosine: float = 0.0) -> bool:
    same_speaker = anchor[1] is not None and anchor[1] == item[1]
    overlap = _shared_share(anchor[2], item[2])
    if same_speaker:
        return overlap >= SAME_REMARK or cosine >= SAME_REMARK_COSINE
    return overlap >= 0.9


def _shared_share(first: list[str], second: list[str]) -> float:
    if not first or not second:
        return 0.0
    common = set(first) & set(second)
    return len(common) / min(len(set(first)), len(set(second)))


def _group(analyses: Sequence[ArticleAnalysis], group: list[_Item]) -> QuoteGroup:
    refs = tuple(ref for ref, _, _ in group)
    texts = [analyses[ref.article].quotes[ref.quote].text for ref in refs]
    similarity = min((word_similarity(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :]), default=1.0)
    wordings = {tuple(_words(text)) for text in texts}
    # A fragment quoted word for word out of the full remark ("will not sit at a table …") is no other wording.
    whole = {w for w in wordings if not any(other != w and _inside(w, other) for other in wordings)}
    return QuoteGroup(group[0][1], refs, round(similarity, 3), len(whole) > 1)


def _inside(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """`part`'s words run unbroken inside `whole`."""
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _speaker(
    analyses: Sequence[ArticleAnalysis], entity_of: Mapping[tuple[int, int], int], article: int, quote: int
) -> int | None:
    local = analyses[article].quotes[quote].speaker
    return entity_of.get((article, local)) if local is not None else None


def _words(text: str) -> list[str]:
    return [word.casefold().replace("’", "'") for word in _WORD.findall(text)]
