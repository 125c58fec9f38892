"""Stance of an article towards a claim: supports, contradicts, discusses or unrelated, with evidence sentences.

check_many(pairs)             (claim, article text) pairs → one StanceResult each, in order
check_articles(claim, arts)   one claim against ingested Articles
check(claim, inputs)          the `storylens check` report (schema "storylens.check/1")
stance_of(claim, sentences)   label and confidence per sentence, for the link stage's evidence

An article's label comes from the FNC-1-trained model, overruled by the evidence layer (stance.evidence) where the
sentences nearest the claim refute it, exclude it, state it plainly or only hedge it. BadCheckInput lives in
storylens.errors and is re-exported here.
"""

from storylens.errors import BadCheckInput
from storylens.stance.check import (
    CHECK_SCHEMA_ID,
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
