"""Language identification (py3langid, offline). Non-English text is kept and marked, never dropped."""

from __future__ import annotations

from functools import lru_cache

from py3langid import langid

# Below this many letters an identifier guesses; say "und" (undetermined) rather than guess.
_MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier() -> langid.LanguageIdentifier:
    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability, or ("und", 0.0) when the text is too short to tell."""
    if sum(ch.isalpha() for ch in text[:5000]) < _MIN_LETTERS:
        return "und", 0.0
    code, probability = _identifier().classify(text[:20_000])
    return str(code), round(float(probability), 4)
