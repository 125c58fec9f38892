"""Property-based fuzzing of the ingest readers: random bytes, text and markup never crash them.

The contract under test: a reader either yields documents or raises/yields an `InputError` subclass naming the
input; `read_articles` never raises at all, and every `Article` it returns has non-empty text whose paragraph
spans index into it. The feed and WARC readers are left out here (they have their own tests).
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import storylens
from storylens.errors import EmptyInput, InputError
from storylens.ingest.decode import Decoded, decode_bytes
from storylens.ingest.html import html_fragment_to_text, read_html
from storylens.ingest.jsonl import FIELDS, read_jsonl
from storylens.ingest.raw import RawDocument
from storylens.ingest.sources import sniff_kind
from storylens.ingest.text import read_text

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FUZZ, max_examples=120)
KINDS = {"text", "html", "url", "jsonl", "feed", "warc"}

# ----------------------------------------------------------------------------------------------------
# Strategies
# ----------------------------------------------------------------------------------------------------

# Any code point, lone surrogates included (they can only be written out with errors="surrogatepass").
any_char = st.characters(exclude_categories=())
any_text = st.text(any_char, max_size=400)
# Text that looks a bit like prose, so readers get past their "is it text at all" checks.
prose_char = st.sampled_from("abcdefghijklmnopqrstuvwxyz     ,.'\"!?\n\n\t-éüßçøЖжλ中文“”’—…0123456789")
prose = st.text(prose_char, min_size=1, max_size=600)
# Awkward characters: controls, NUL, invisible and odd spaces, BOM, line/paragraph separators, specials.
odd_char = st.sampled_from(
    [*"\x00\x01\x1b\x7f\x85\x0b\x0c\r\u00a0\u00ad\u200b\u200d\u2028\u2029\u3000\ufeff\ufffd\ufffe<&",
     "\U0010ffff", "\ud800", "\udfff", "\r\n", "e\u0301"]
)  # fmt: skip


@st.composite
def runs(draw: st.DrawFn) -> str:
    """A huge run of one character (or short unit), optionally wrapped in prose."""
    unit = draw(st.one_of(odd_char, st.characters(exclude_categories=()), st.sampled_from(["ab", "a\n", " .", "\n\n"])))
    count = draw(st.integers(min_value=500, max_value=30_000))
    return draw(prose) + unit * count + draw(prose)


mixed_text = st.one_of(
    any_text,
    prose,
    st.lists(st.one_of(prose, odd_char), min_size=1, max_size=30).map("".join),
    runs(),
)


def encode(text: str, encoding: str) -> bytes:
    """`text` written out in `encoding`; lone surrogates pass through in UTF-8 and become "?" elsewhere."""
    if encoding == "surrogatepass":
        return text.encode("utf-8", errors="surrogatepass")
    if encoding.startswith("utf"):
        return text.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace").encode(encoding)
    return text.encode(encoding, errors="replace")


# fmt: off
ENCODINGS = ["surrogatepass", "utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252", "koi8-r",
             "shift_jis"]
# fmt: on
# Random text in UTF-8 (lone surrogates passed through), a legacy encoding, or UTF-16/32 with a BOM.
encoded_text = st.builds(encode, mixed_text, st.sampled_from(ENCODINGS))


# fmt: off
MAGIC = [b"\x89PNG\r\n", b"\xff\xd8\xff", b"GIF89a", b"%PDF-1.4", b"PK\x03\x04", b"\x1f\x8b\x08", b"\x7fELF",
         b"MZ", b"RIFF", b"\x00\x00\x00", b"SQLite format 3\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
         b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"WARC/1.0\r\n", b"<rss", b"<html>", b"{", b"<p>"]
# fmt: on
magic_prefixed = st.builds(lambda magic, tail: magic + tail, st.sampled_from(MAGIC), st.binary(max_size=300))

# HTML-ish junk: nested tags (known and made-up, some left open), attributes, entities, comments, CDATA,
# doctypes, processing instructions, script/style bodies and random text in between.
# fmt: off
TAGS = ["p", "div", "span", "br", "li", "ul", "h1", "h2", "a", "b", "i", "em", "table", "tr", "td", "script",
        "style", "noscript", "template", "svg", "head", "body", "html", "iframe", "object", "article",
        "section", "header", "footer", "figcaption", "pre", "blockquote", "title", "meta", "x-y", "foo:bar",
        "P", "DIV"]
# fmt: on
tag_name = st.one_of(st.sampled_from(TAGS), st.text(st.sampled_from("abcxyz-:0"), min_size=1, max_size=6))
attr_value = st.one_of(prose, st.sampled_from(['"', "'", "<", ">", "&amp;", "javascript:", "\x00"]))
attributes = st.lists(st.tuples(tag_name, attr_value), max_size=3).map(
    lambda pairs: "".join(f' {name}="{value}"' for name, value in pairs)
)
# fmt: off
html_atom = st.one_of(
    prose,
    odd_char,
    st.sampled_from(["&amp;", "&nbsp;", "&#0;", "&#x110000;", "&#xD800;", "&bogus;", "&", "<", ">",
                     "<!-- c -->", "<!--", "-->", "<![CDATA[x]]>", "<!DOCTYPE html>", "<?php ?>", "</>",
                     "<?xml version='1.0' encoding='utf-8'?>", "<p", "</p", "<br/>", "<html",
                     "<meta charset='koi8-r'>", "<title>T</title>"]),
)
# fmt: on


def _wrap(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, inner, close: f"<{tag}{attrs}>{''.join(inner)}" + (f"</{tag}>" if close else ""),
        tag_name,
        attributes,
        st.lists(children, max_size=4),
        st.booleans(),
    )


html_junk = st.recursive(html_atom, _wrap, max_leaves=25).map(str)
html_documents = st.one_of(
    html_junk,
    st.builds(
        lambda head, body: f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>",
        html_junk,
        html_junk,
    ),
    st.lists(st.builds(lambda text: f"<p>{text}</p>", prose), min_size=1, max_size=12).map("".join),
)
html_bytes = st.one_of(
    st.builds(encode, html_documents, st.sampled_from(["surrogatepass", "utf-8", "cp1252", "utf-16"])),
    st.builds(lambda junk, noise: junk.encode("utf-8", "surrogatepass") + noise, html_junk, st.binary(max_size=50)),
)

# JSON-ish lines: objects with the reader's fields holding any JSON type, broken JSON, random bytes.
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), any_text, prose)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)
field_values = {
    name: st.one_of(json_value, prose, html_documents if name == "html" else prose, st.just(""))
    for name in (*FIELDS, "extra")
}
json_records = st.one_of(
    st.fixed_dictionaries({}, optional=field_values),
    # Mostly well-formed: a usable text or html body, the other fields random.
    st.fixed_dictionaries(
        {"text": st.one_of(prose, mixed_text)},
        optional={k: v for k, v in field_values.items() if k != "text"},
    ),
    st.fixed_dictionaries({"html": html_documents}, optional={"id": json_value, "title": prose, "url": prose}),
)
published_values = st.sampled_from(
    [
        "2024-03-01",
        "2024-13-45",
        "yesterday",
        "0000-00-00",
        "9999-12-31T25:61:00Z",
        "1e309",
        "",
        "\x00",
        "2024-02-30",
    ]
)


@st.composite
def json_line(draw: st.DrawFn) -> bytes:
    record = draw(json_records)
    if draw(st.booleans()):
        record["published"] = draw(published_values)
    if draw(st.integers(0, 3)) == 0:
        record = draw(json_value)  # not an object at all
    line = json.dumps(record, ensure_ascii=draw(st.booleans()), allow_nan=True)
    data = line.encode("utf-8", errors="surrogatepass")
    mangle = draw(st.integers(0, 5))
    if mangle == 0:
        data = data[: draw(st.integers(0, len(data)))]  # truncated
    elif mangle == 1:
        data = data + draw(st.binary(max_size=10))
    return data + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


jsonl_lines = st.lists(
    st.one_of(json_line(), st.binary(max_size=80), st.sampled_from([b"", b"\n", b"   ", b"{", b"[]", b"null"])),
    max_size=8,
)

any_bytes = st.one_of(
    st.binary(max_size=2000),
    encoded_text,
    magic_prefixed,
    html_bytes,
    jsonl_lines.map(b"\n".join),
    st.builds(lambda unit, n: unit * n, st.binary(min_size=1, max_size=3), st.integers(1000, 50_000)),
)

# ----------------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------------


# Inputs that once broke the readers (found by these properties), kept as regression cases below.
CONTROL_CHAR_MARKUP = "<p>Hi<script></script>\x0c</p>"  # a control character in the tail of a dropped element
SURROGATE_JSONL = b'{"text": "Lone \\ud800 surrogate."}\n'  # a JSON-escaped lone surrogate in the text


def _read_bytes_as(data: bytes, name: str) -> storylens.Ingested:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(data)
        return storylens.read_articles([path])


def drain(output: Iterable[object]) -> list[object]:
    """Exhaust a reader; an InputError raised is fine and counts as output."""
    try:
        return list(output)
    except InputError as error:
        return [error]


def check_reader_items(items: list[object]) -> None:
    for item in items:
        assert isinstance(item, RawDocument | InputError), item
        if isinstance(item, RawDocument):
            assert isinstance(item.body, str)
        else:
            assert item.source and item.reason


def check_article(article: storylens.Article) -> None:
    assert article.text.strip(), article
    article.text.encode("utf-8")  # valid Unicode: no lone surrogates reach the report
    assert article.paragraphs, article
    previous_end = 0
    for span in article.paragraphs:
        assert previous_end <= span.start < span.end <= len(article.text), (span, len(article.text))
        paragraph = article.text[span.start : span.end]
        assert paragraph, span
        assert paragraph == paragraph.strip(), repr(paragraph)
        previous_end = span.end


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


_counter = itertools.count()

# ----------------------------------------------------------------------------------------------------
# Properties
# ----------------------------------------------------------------------------------------------------


@FUZZ
@given(any_bytes)
def test_decode_bytes_returns_text_or_input_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "fuzz.bin")
    except InputError as error:
        event(type(error).__name__)
        assert error.source == "fuzz.bin"
        return
    event(f"decoded as {decoded.encoding}")
    assert isinstance(decoded, Decoded)
    assert decoded.text.strip()
    assert decoded.encoding


@FUZZ
@given(any_bytes)
def test_read_text_never_crashes(data: bytes) -> None:
    check_reader_items(drain(read_text(data, "fuzz.txt")))


@FUZZ
@given(st.one_of(html_bytes, any_bytes))
def test_read_html_never_crashes(data: bytes) -> None:
    check_reader_items(drain(read_html(data, "fuzz.html")))


@FUZZ
@given(st.one_of(html_documents, mixed_text))
def test_html_fragment_to_text_returns_lines(markup: str) -> None:
    text = html_fragment_to_text(markup)
    assert isinstance(text, str)
    for line in text.split("\n") if text else []:
        assert line and line == line.strip()


@FUZZ
@given(jsonl_lines, st.integers(min_value=1, max_value=500))
def test_read_jsonl_yields_documents_or_errors(lines: list[bytes], max_bytes: int) -> None:
    # A bad line is yielded, never raised: the lines after it must still be read.
    items = drain(read_jsonl(lines, "fuzz.jsonl", max_bytes))
    if any(line.strip() for line in lines):
        assert not any(isinstance(item, InputError) and item.source == "fuzz.jsonl" for item in items)
    else:
        assert [type(item) for item in items] == [EmptyInput]  # nothing at all: said so, once
        return
    event(f"{sum(isinstance(item, RawDocument) for item in items)} document(s)")
    check_reader_items(items)
    assert len(items) <= sum(1 for line in lines if line.strip())


@FUZZ
@given(st.one_of(any_bytes, st.binary(max_size=64)))
def test_sniff_kind_always_names_a_kind(head: bytes) -> None:
    assert sniff_kind(head) in KINDS


# What each extension gets: anything at all, or (half the time) bytes shaped for that reader.
FILE_DATA = {
    ".txt": st.one_of(any_bytes, encoded_text),
    ".html": st.one_of(any_bytes, html_bytes),
    ".jsonl": st.one_of(any_bytes, jsonl_lines.map(b"\n".join)),
    "": any_bytes,
}


@FEW
@given(st.sampled_from(sorted(FILE_DATA)).flatmap(lambda ext: st.tuples(st.just(ext), FILE_DATA[ext])))
def test_read_articles_never_raises(fuzz_dir: Path, case: tuple[str, bytes]) -> None:
    extension, data = case
    if not extension:
        assume(sniff_kind(data[:4096]) not in {"feed", "warc"})  # those readers are tested on their own
    path = fuzz_dir / f"input-{next(_counter)}{extension}"
    path.write_bytes(data)
    try:
        result = storylens.read_articles([path])
    finally:
        path.unlink()
    event(f"{extension or 'no extension'}: {len(result.articles)} article(s)")
    for article in result.articles:
        check_article(article)
    for error in result.skipped:
        assert isinstance(error, InputError)
    assert result.articles or result.skipped  # every input is accounted for


@pytest.mark.parametrize("data", [b"", b"\n", b"  \n\t\n"])
def test_empty_jsonl_file_is_reported(fuzz_dir: Path, data: bytes) -> None:
    path = fuzz_dir / f"empty-{next(_counter)}.jsonl"
    path.write_bytes(data)
    result = storylens.read_articles([path])
    assert not result.articles
    [error] = result.skipped
    assert isinstance(error, EmptyInput) and error.source == str(path)


@pytest.mark.parametrize("markup", [CONTROL_CHAR_MARKUP, "<p><script></script>\x01"])
def test_control_character_after_dropped_element_is_dropped(markup: str) -> None:
    text = html_fragment_to_text(markup)
    assert "\x0c" not in text and "\x01" not in text


def test_control_character_in_html_keeps_the_readable_part() -> None:
    [document] = list(read_html(b"<p>Hi<iframe></iframe>\x0c</p>", "t.html"))
    assert isinstance(document, RawDocument) and document.body == "Hi"


def test_odd_jsonl_record_does_not_cost_the_lines_after_it() -> None:
    lines = [json.dumps({"html": CONTROL_CHAR_MARKUP}).encode(), b'{"text": "The port reopened."}']
    items = list(read_jsonl(lines, "t.jsonl", 10**6))
    assert len(items) == 2 and isinstance(items[1], RawDocument)


def test_lone_surrogate_in_jsonl_text_becomes_a_replacement_character() -> None:
    [article] = _read_bytes_as(SURROGATE_JSONL, "surrogate.jsonl").articles
    check_article(article)
    assert article.text == "Lone \ufffd surrogate."
