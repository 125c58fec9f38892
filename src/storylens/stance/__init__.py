"""Stance of an article towards a claim: supports, contradicts, discusses or unrelated, with evidence sentences.

check_many(pairs)             (claim, article text) pairs → one StanceResult each, in order
check_articles(claim, arts)   one claim against ingested Articles
check(claim, inputs)          the `storylens check` report (schema "storylens.check/1")
stance_of(claim, sentences)   label and confidence per sentence, for the link stage's evidence
"""

from storylens.stance.check import (
    CHECK_SCHEMA_ID,
    BadCheckInput,
    Evidence,
    StanceResult,
    check,
    check_articles,
    check_many,
    stance_of,
    validate_check_report,
)
from storylens.stance.model import LABELS, Label

__all__ = [
    "CHECK_SCHEMA_ID",
    "LABELS",
    "BadCheckInput",
    "Evidence",
    "Label",
    "StanceResult",
    "check",
    "check_articles",
    "check_many",
    "stance_of",
    "validate_check_report",
]
