from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storylens import read_articles
from storylens.ingest.clean import join_paragraphs, split_paragraphs
from storylens.ingest.text import split_title

WriteFile = Callable[[str, str | bytes], Path]


def test_one_paragraph_per_line_when_there_are_no_blank_lines() -> None:
    assert split_paragraphs("First line.\nSecond  line.\r\nThird.") == [
        "First line.",
        "Second line.",
        "Third.",
    ]


def test_blank_lines_separate_paragraphs_and_keep_hard_wrapped_lines() -> None:
    text = "The minister, Dame Olwen\nGarrity, resigned.\n\n  Her deputy will act for now.  \n"
    assert split_paragraphs(text) == [
        "The minister, Dame Olwen\nGarrity, resigned.",
        "Her deputy will act for now.",
    ]


def test_invisible_characters_and_odd_spaces_are_normalised() -> None:
    assert split_paragraphs("Zero\u200bwidth\u00a0and\u2009thin  spaces\ufeff.") == ["Zerowidth and thin spaces."]


def test_paragraph_spans_index_the_joined_text() -> None:
    paragraphs = ["One.", "Two two.", "Three three three."]
    text, spans = join_paragraphs(paragraphs)
    assert [text[s.start : s.end] for s in spans] == paragraphs


def test_short_unpunctuated_first_line_is_the_title() -> None:
    title, body = split_title("Ferry capsizes off Farrow\nSix people were rescued on Sunday.\nTwo are missing.")
    assert title == "Ferry capsizes off Farrow"
    assert split_paragraphs(body) == ["Six people were rescued on Sunday.", "Two are missing."]


def test_a_lead_sentence_is_not_taken_for_a_title() -> None:
    title, _ = split_title("Six people were rescued on Sunday.\nTwo are missing.")
    assert title is None


def test_plain_text_article(write_file: WriteFile) -> None:
    path = write_file("ferry_report.txt", "Ferry capsizes\nSix were rescued.\n\nTwo are missing, officials said.")
    ingested = read_articles([path])
    [article] = ingested.articles
    assert article.id == "ferry-report"
    assert article.kind == "text"
    assert article.title == "Ferry capsizes"
    assert article.paragraph_texts == ["Six were rescued.", "Two are missing, officials said."]
    assert not ingested.skipped


def test_legacy_encoding_is_read_with_a_notice(write_file: WriteFile) -> None:
    text = "Le ministre a démissionné mardi, a déclaré son cabinet à la presse. " * 5
    path = write_file("latin.txt", ("The café owner said: " + text).encode("cp1252"))
    ingested = read_articles([path])
    assert "démissionné" in ingested.articles[0].text
    assert any("not UTF-8" in n.message and n.source == str(path) for n in ingested.notices)


def test_front_matter_gives_metadata(write_file: WriteFile) -> None:
    text = (
        "---\ntitle: Depot fire\noutlet: Coastline Daily\npublished: 2025-10-12T09:30:00+01:00\n"
        "author: Staff reporter\nmood: grim\n---\nTwo workers died in the fire, officials said.\n"
    )
    ingested = read_articles([write_file("wire.txt", text)])
    [article] = ingested.articles
    assert (article.title, article.outlet, article.outlet_from) == ("Depot fire", "Coastline Daily", "given")
    assert article.byline == "Staff reporter"
    assert article.published is not None and article.published.isoformat() == "2025-10-12T09:30:00+01:00"
    assert article.text == "Two workers died in the fire, officials said."
    assert any("mood" in n.message for n in ingested.notices)


def test_front_matter_with_windows_line_endings(write_file: WriteFile) -> None:
    text = "---\r\ntitle: Depot fire\r\noutlet: Coastline Daily\r\n---\r\nTwo workers died in the fire.\r\n"
    [article] = read_articles([write_file("crlf.txt", text.encode())]).articles
    assert (article.title, article.outlet) == ("Depot fire", "Coastline Daily")
    assert article.text == "Two workers died in the fire."


def test_a_rule_line_later_in_the_text_is_not_front_matter(write_file: WriteFile) -> None:
    text = "The storm passed.\n---\nIt was calm by noon: the port reopened.\n"
    [article] = read_articles([write_file("plain.txt", text)]).articles
    assert article.outlet is None and "---" in article.text


def test_article_from_text_is_cleaned_like_any_input() -> None:
    from datetime import date

    import pytest

    from storylens import EmptyInput, article_from_text

    article = article_from_text(
        "The port reopened on Monday.\nSign up to our newsletter for the week's top stories.",
        "Port Story",
        published=date(2025, 3, 10),
        outlet="Valley Courier",
    )
    assert (article.id, article.outlet, article.outlet_from) == ("port-story", "Valley Courier", "given")
    assert article.text == "The port reopened on Monday." and len(article.removed) == 1
    with pytest.raises(EmptyInput):
        article_from_text("   \n  ")
