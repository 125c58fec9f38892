"""Test data shared across test modules. Article texts here are invented for the tests."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "src" / "storylens" / "examples"

FERRY_STORY = (
    "Rescue crews searched the Farrow channel through Sunday night for two passengers missing from the ferry "
    "Saltmarsh Queen, which capsized in a squall on Sunday morning.\n"
    "The Farrow Harbour Authority said 21 of the 23 people aboard had been brought ashore alive.\n"
    "“We have not given up,” said harbour master Ines Calloway. “The water is cold but the missing are strong "
    "swimmers.”\n"
)
