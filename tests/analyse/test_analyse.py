"""The analyse stage as a whole: one Article in, one ArticleAnalysis out, on odd input too."""

from __future__ import annotations

from storylens.analyse import analyse, analyse_many
from storylens.analyse.parsed import chunk_paragraph
from storylens.ingest.finish import finish_article
from storylens.ingest.raw import RawDocument
from storylens.records import Article


def _article(text: str, article_id: str = "a") -> Article:
    return finish_article(RawDocument(origin=f"{article_id}.txt", kind="text", body=text), article_id)


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
    assert english.limitations == ()
