"""The same remark quoted by several outlets: one group per speaker and remark, with how far the wordings differ."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from storylens.records import ArticleAnalysis, QuoteGroup, QuoteRef

# Two renderings of one remark (two translations, notes taken twice) share most content words; below this share of
# common words they are two remarks. Chosen on the bundled example and tests: paraphrased translations score ~0.5.
SAME_REMARK = 0.45
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def group_quotes(analyses: Sequence[ArticleAnalysis], entity_of: Mapping[tuple[int, int], int]) -> list[QuoteGroup]:
    """Full quotes (not partial fragments) grouped by story speaker and wording; quotes no other outlet carries
    stay single groups. Quotes without a known speaker are grouped only when their words match closely."""
    quotes = [
        (QuoteRef(a, q), _speaker(analyses, entity_of, a, q), _words(analysis.quotes[q].text))
        for a, analysis in enumerate(analyses)
        for q in range(len(analysis.quotes))
        if not analysis.quotes[q].partial
    ]
    groups: list[list[tuple[QuoteRef, int | None, list[str]]]] = []
    for item in quotes:
        home = next((g for g in groups if _same_remark(g[0], item) and item[0].article not in _articles(g)), None)
        if home is None:
            groups.append([item])
        else:
            home.append(item)
    return [_group(analyses, group) for group in groups]


def word_similarity(first: str, second: str) -> float:
    """Similarity of two wordings over words (case and punctuation ignored): 1.0 when the words are the same."""
    return SequenceMatcher(None, _words(first), _words(second), autojunk=False).ratio()


def _same_remark(anchor: tuple[QuoteRef, int | None, list[str]], item: tuple[QuoteRef, int | None, list[str]]) -> bool:
    same_speaker = anchor[1] is not None and anchor[1] == item[1]
    overlap = _shared_share(anchor[2], item[2])
    return overlap >= SAME_REMARK if same_speaker else overlap >= 0.9


def _shared_share(first: list[str], second: list[str]) -> float:
    if not first or not second:
        return 0.0
    common = set(first) & set(second)
    return len(common) / min(len(set(first)), len(set(second)))


def _group(analyses: Sequence[ArticleAnalysis], group: list[tuple[QuoteRef, int | None, list[str]]]) -> QuoteGroup:
    refs = tuple(ref for ref, _, _ in group)
    texts = [analyses[ref.article].quotes[ref.quote].text for ref in refs]
    similarity = min((word_similarity(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :]), default=1.0)
    differs = len({tuple(_words(text)) for text in texts}) > 1
    return QuoteGroup(group[0][1], refs, round(similarity, 3), differs)


def _speaker(
    analyses: Sequence[ArticleAnalysis], entity_of: Mapping[tuple[int, int], int], article: int, quote: int
) -> int | None:
    local = analyses[article].quotes[quote].speaker
    return entity_of.get((article, local)) if local is not None else None


def _articles(group: list[tuple[QuoteRef, int | None, list[str]]]) -> set[int]:
    return {ref.article for ref, _, _ in group}


def _words(text: str) -> list[str]:
    return [word.casefold().replace("’", "'") for word in _WORD.findall(text)]
