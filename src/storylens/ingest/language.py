"""Language identification (py3langid, offline). Non-English text is kept and marked, never dropped."""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid import langid

# Below this many letters an identifier guesses; say "und" (undetermined) rather than guess.
_MIN_LETTERS = 20
# A few paragraphs decide the language as well as the whole article does, at a fraction of the cost.
_SAMPLE_CHARS = 1000
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier() -> langid.LanguageIdentifier:
    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability, or ("und", 0.0) when the text is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return "und", 0.0
    code, probability = _identifier().classify(sample)
    return str(code), round(float(probability), 4)
