"""The analyse stage as a whole: one Article in, one ArticleAnalysis out, on odd input too."""

from __future__ import annotations

from datetime import date

from storylens import article_from_text
from storylens.analyse import analyse, analyse_many
from storylens.analyse.parsed import chunk_paragraph
from storylens.records import Article


def _article(text: str, article_id: str = "a") -> Article:
    return article_from_text(text, article_id)


def test_every_sentence_and_mention_is_an_offset_view() -> None:
    text = "The storm hit Farrow on Sunday. Mayor Tom Ruskin said the port would reopen.\nFerries resumed on Monday."
    analysis = analyse(_article(text))
    sentences = [analysis.article.text[s.start : s.end] for s in analysis.sentences]
    assert sentences == ["The storm hit Farrow on Sunday.", "Mayor Tom Ruskin said the port would reopen.",
                         "Ferries resumed on Monday."]  # fmt: skip
    for mention in analysis.mentions:
        assert analysis.article.text[mention.span.start : mention.span.end] == mention.text


def test_a_sentence_never_crosses_a_paragraph() -> None:
    analysis = analyse(_article("Two people died\nThree were hurt"))
    assert [analysis.article.text[s.start : s.end] for s in analysis.sentences] == [
        "Two people died",
        "Three were hurt",
    ]


def test_text_without_sentences_or_entities_gives_an_empty_analysis() -> None:
    analysis = analyse(_article("— … — !!! ???"))
    assert analysis.entities == () and analysis.limitations == ()


def test_one_enormous_paragraph_is_parsed_in_pieces() -> None:
    text = " ".join(f"Sentence number {n} tells of the storm over Farrow." for n in range(1500))
    analysis = analyse(_article(text))
    assert len(analysis.sentences) >= 1450
    assert all(analysis.article.text[s.start : s.end].startswith("Sentence") for s in analysis.sentences[:50])


def test_chunks_cover_the_paragraph_and_cut_after_sentences() -> None:
    text = "A short one. " * 300
    pieces = chunk_paragraph(text, limit=1000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(piece.endswith(". ") for _, piece in pieces[:-1])
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_other_languages_are_kept_and_the_limits_said() -> None:
    german = "Die Fähre kenterte am Sonntagmorgen im Sturm vor der Hafeneinfahrt. Zwei Passagiere werden vermisst."
    [english, other] = analyse_many([_article("The ferry capsized on Sunday.", "en"), _article(german, "de")])
    assert other.article.language == "de"
    assert other.sentences and other.entities == ()
    assert "English-only" in other.limitations[0]
    assert not any("English-only" in limitation for limitation in english.limitations)


def test_an_article_of_nothing_but_quotes() -> None:
    text = "“We are leaving tonight.”\n“Nobody told us anything.”\n“Where are the buses?”"
    analysis = analyse(_article(text))
    assert [q.text for q in analysis.quotes] == ["We are leaving tonight.", "Nobody told us anything.",
                                                "Where are the buses?"]  # fmt: skip
    assert all(q.speaker is None for q in analysis.quotes)


def test_each_time_names_the_claim_it_dates() -> None:
    text = "The fire broke out at 4.15am on Sunday, officials said. The harbour reopened on Wednesday."
    analysis = analyse(article_from_text(text, "t", published=date(2025, 10, 13)))
    by_text = {t.text: t for t in analysis.times}
    reopened = next(i for i, c in enumerate(analysis.claims) if "reopened" in c.text)
    assert any(t.claim == reopened for t in by_text.values() if "Wednesday" in t.text)
    assert all(t.claim is not None for t in analysis.times)


def test_a_pronoun_after_an_epithet_finds_the_person_the_epithet_means() -> None:
    text = (
        "Chief Fire Officer Ruth Aldane said the blaze at the quarry was out by noon.\n"
        "The quarry is run by Brisk Aggregates, whose boss Piet Vandermolen declined to comment on Sunday.\n"
        "The quarry boss finally spoke on Monday. He said: “We will find out what went wrong.”"
    )
    analysis = analyse(_article(text))
    [epithet] = [f for f in analysis.framing if f.kind == "epithet"]
    assert epithet.text == "The quarry boss"
    assert epithet.target is not None and analysis.entities[epithet.target].name == "Piet Vandermolen"
    [quote] = [q for q in analysis.quotes if q.text.startswith("We will find out")]
    assert quote.speaker == epithet.target and quote.speaker_from == "pronoun"


def test_times_left_undated_for_want_of_a_publication_date_are_said() -> None:
    text = "The depot fire broke out on Sunday, and crews left this morning. It began in 2019 as a small blaze."
    undated = analyse(article_from_text(text, "undated"))
    [limitation] = undated.limitations
    assert "publication date" in limitation and "“Sunday”" in limitation and "“this morning”" in limitation
    assert "2019" not in limitation  # a year needs no publication date
    dated = analyse(article_from_text(text, "dated", published=date(2025, 10, 14)))
    assert dated.limitations == ()
