"""The HTML report: self-contained, escaped, well-formed, and showing every part of the story."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from storylens.render.html import CONTENT_SECURITY_POLICY, Link, render_html


class _Outline(HTMLParser):
    """Headings, ids, internal links, tags and attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.ids: list[str] = []
        self.fragments: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        for name, value in attrs:
            self.attributes.append((name, value or ""))
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value and value.startswith("#"):
                self.fragments.append(value[1:])


def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_article_text_is_escaped_everywhere(hand_report: dict[str, Any]) -> None:
    page = render_html(hand_report)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert outline(page).tags.count("script") == 0


def test_page_is_self_contained(hand_report: dict[str, Any]) -> None:
    page = render_html(hand_report)
    parsed = outline(page)
    assert "link" not in parsed.tags and "img" not in parsed.tags and "iframe" not in parsed.tags
    assert not [name for name, _ in parsed.attributes if name == "src"]
    assert "@import" not in page and "url(" not in page
    assert ("http-equiv", "Content-Security-Policy") in parsed.attributes
    assert ("content", CONTENT_SECURITY_POLICY) in parsed.attributes and "script-src" not in CONTENT_SECURITY_POLICY


def test_headings_in_order_and_links_resolve(hand_report: dict[str, Any]) -> None:
    parsed = outline(render_html(hand_report))
    assert parsed.headings[0] == 1 and parsed.headings.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(parsed.headings, parsed.headings[1:], strict=False))
    assert len(parsed.ids) == len(set(parsed.ids)), "ids must be unique"
    missing = set(parsed.fragments) - set(parsed.ids)
    assert not missing, f"links to nothing: {missing}"


def test_shows_summary_matrix_conflict_quote_graph_framing_timeline(hand_report: dict[str, Any]) -> None:
    page = render_html(hand_report)
    for section in ("summary", "conflicts", "matrix", "quotes", "sources", "framing", "timeline", "articles"):
        assert f'id="{section}"' in page
    assert 'id="conflict-c0-1"' in page
    # The conflict's differing words are marked, on both sides.
    assert '<mark class="chg">Nine</mark>' in page and '<mark class="chg">Fourteen</mark>' in page
    # The quote's variants: only the words that differ are marked.
    assert '<mark class="chg">are inspecting</mark>' in page and '<mark class="chg">will inspect</mark>' in page
    # The matrix: the courier conflicts with the claim's wording, and its mark links to its sentence.
    assert 'class="cell conflicts"><a href="#ev-courier-0"' in page
    # A shared agency stands out in the source graph.
    assert 'class="edge agency"' in page and "<svg" in page
    # The framing bar of the outlet with the most loaded terms is the full width.
    assert "width: 100.0%" in page
    # Each article in full, its claims highlighted and linked to their row in the matrix.
    assert 'id="ev-post-0" href="#claim-c0"' in page


def test_links_row_for_the_web_app(hand_report: dict[str, Any]) -> None:
    page = render_html(hand_report, [Link("Download JSON", "/reports/x/download/json", "report.json")])
    assert '<a class="button" href="/reports/x/download/json" download="report.json">Download JSON</a>' in page


def test_an_analysis_report_renders_without_story_sections(hand_report: dict[str, Any]) -> None:
    analysis = {key: hand_report[key] for key in ("schema", "generator", "articles", "skipped", "notices")}
    page = render_html(analysis)
    assert 'id="articles"' in page and 'id="matrix"' not in page


@pytest.mark.slow
def test_real_report_for_the_bundled_examples(bundled_report: dict[str, Any]) -> None:
    page = render_html(bundled_report)
    parsed = outline(page)
    assert not set(parsed.fragments) - set(parsed.ids)
    rows = re.findall(r'<tr id="claim-(c\d+)"', page)
    assert sorted(rows) == sorted(c["id"] for c in bundled_report["claims"])
    conflicts = sum(len(c["conflicts"]) for c in bundled_report["claims"])
    assert page.count('class="card conflict"') == conflicts > 0
    for article in bundled_report["articles"]:
        assert f'id="article-{article["id"]}"' in page
