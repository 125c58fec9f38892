from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import storylens
from storylens import NoUsableInput, compare, validate_report
from storylens.render.digest import verbatim_copies
from storylens.render.markdown import render_markdown
from support import FERRY_STORY, FIXTURES


def test_report_of_two_articles_is_valid_and_offsets_hold() -> None:
    report = compare([FIXTURES / "herald_page.html", FIXTURES / "broken.html"])
    validate_report(report)
    assert report["schema"] == "storylens.report/1"
    for article in report["articles"]:
        spans = [article["text"][s:e] for s, e in article["paragraphs"]]
        assert "\n\n".join(spans) == article["text"]


def test_report_lists_what_was_skipped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text(FERRY_STORY, encoding="utf-8")
    report = compare([good, tmp_path / "missing.txt"])
    validate_report(report)
    assert report["skipped"] == [
        {
            "input": str(tmp_path / "missing.txt"),
            "reason": "no such file or directory",
            "error": "InputNotFound",
        }
    ]


def test_another_outlet_running_the_same_text_is_named_as_a_carrier(tmp_path) -> None:  # type: ignore[no-untyped-def]
    wire, copy = tmp_path / "wire.txt", tmp_path / "star.txt"
    wire.write_text("---\noutlet: Northern Wire\n---\n" + FERRY_STORY, encoding="utf-8")
    copy.write_text("---\noutlet: Evening Star\n---\n" + FERRY_STORY, encoding="utf-8")
    report = compare([wire, copy])
    validate_report(report)
    [article] = report["articles"]
    assert article["copies"] == [{"input": str(copy), "id": "star", "outlet": "Evening Star"}]
    assert "Evening Star is listed as running that text too" in report["skipped"][0]["reason"]
    assert verbatim_copies(report) == (("Evening Star", "Northern Wire"),)
    assert "Evening Star ran the text of Northern Wire word for word" in render_markdown(report)


def test_nothing_usable_raises_with_every_reason(tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(NoUsableInput, match=r"empty\.txt: the input is empty"):
        compare([empty])


def test_schema_rejects_a_report_that_breaks_the_contract() -> None:
    report = compare([FIXTURES / "herald_page.html"])
    report["articles"][0]["kind"] = "pdf"
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report)


def test_validation_catches_a_lying_offset() -> None:
    report = compare([FIXTURES / "herald_page.html"])
    report["articles"][0]["paragraphs"][0] = [0, 0]
    with pytest.raises(ValueError, match="empty"):
        validate_report(report)


@pytest.fixture(scope="module")
def bundled_report() -> dict[str, Any]:
    examples = sorted((Path(storylens.__file__).parent / "examples").glob("*.txt"))
    return compare(examples)


@pytest.mark.parametrize("where", ["claims", "entities", "framing"])
def test_validation_catches_a_finding_whose_offsets_lie(bundled_report: dict[str, Any], where: str) -> None:
    """Every finding in claims, entities and framing (whose terms name their article once, above them) is checked."""
    report = copy.deepcopy(bundled_report)
    finding = _first_finding(report[where])
    assert finding, f"the bundled examples have no finding in {where}"
    finding["start"] += 1
    with pytest.raises(ValueError, match="is not"):
        validate_report(report)


def _first_finding(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            return value
        value = list(value.values())
    for child in value if isinstance(value, list) else []:
        if isinstance(child, dict | list) and (found := _first_finding(child)):
            return found
    return {}


def test_what_analysis_could_not_do_is_a_notice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    german = tmp_path / "de.txt"
    german.write_text("Die Fähre kenterte am Sonntagmorgen im Sturm vor der Hafeneinfahrt. Zwei Menschen fehlen.")
    english = tmp_path / "en.txt"
    english.write_text(FERRY_STORY, encoding="utf-8")
    report = compare([german, english])
    validate_report(report)
    assert any(n["input"] == str(german) and "English-only" in n["message"] for n in report["notices"])
    assert all(e["article"] == "en" for claim in report["claims"] for e in claim["evidence"])
