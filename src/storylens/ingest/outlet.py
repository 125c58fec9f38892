"""Which outlet published an article, when nobody said: page metadata, the URL's host, or the text naming itself.

Evidence in order of strength: the outlet given by the caller, the page's site name, the URL's host (a known host
maps to its display name, from `data/outlets.tsv`), then the text: a removed promo naming the outlet ("Try The
Telegraph free for 3 months") before self-references ("The Sun can reveal"). A tie between outlets is no answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from storylens.ingest.raw import RawDocument
from storylens.records import OutletFrom, Removal


@dataclass(frozen=True, slots=True)
class KnownOutlets:
    by_host: dict[str, str]  # "telegraph.co.uk" → "The Telegraph"
    by_name: dict[str, str]  # display name or unambiguous alias, casefolded → display name
    names: tuple[str, ...]  # the same names and aliases as written


@cache
def known_outlets() -> KnownOutlets:
    """The shipped table of outlets, loaded once."""
    table = files("storylens.ingest").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line.strip() and not line.startswith(("#", "host\t"))]
    by_host = {host: name for host, name, *_ in rows}
    by_name = _names_by_alias((name, *_aliases(rest)) for _, name, *rest in rows)
    names = {alias for _, name, *rest in rows for alias in (name, *_aliases(rest)) if alias.casefold() in by_name}
    return KnownOutlets(by_host, by_name, tuple(sorted(names, key=len, reverse=True)))


def _aliases(rest: list[str]) -> list[str]:
    return [alias for alias in (rest[0].split(";") if rest else []) if alias]


def _names_by_alias(groups: Iterable[tuple[str, ...]]) -> dict[str, str]:
    """Every name and alias → its display name; an alias claimed by two outlets is left out."""
    claims: dict[str, set[str]] = {}
    for name, *aliases in groups:
        for alias in (name, *aliases):
            claims.setdefault(alias.casefold(), set()).add(name)
    return {alias: names.pop() for alias, names in claims.items() if len(names) == 1}


def infer_outlet(
    doc: RawDocument, paragraphs: Sequence[str], removed: Sequence[Removal]
) -> tuple[str | None, OutletFrom]:
    """The outlet's name and where it came from; (None, "unknown") when nothing says."""
    if doc.outlet and doc.outlet.strip():
        return doc.outlet.strip(), "given"
    if name := outlet_from_sitename(doc.sitename):
        return name, "metadata"
    if name := outlet_from_url(doc.url):
        return name, "url"
    if name := outlet_from_text(paragraphs, removed):
        return name, "text"
    return None, "unknown"


# --- metadata --------------------------------------------------------------------------------------------------

_SITENAME_SEPARATOR = re.compile(r"\s+[|–—:·•»-]\s+")
_GENERIC_SECTIONS = frozenset(
    {
        "news",
        "home",
        "homepage",
        "home page",
        "latest news",
        "breaking news",
        "world news",
        "uk news",
        "us news",
        "local news",
        "online",
        "news online",
        "top stories",
        "politics",
        "business",
        "sport",
        "sports",
        "opinion",
        "world",
        "uk",
        "us",
        "the latest",
        "latest",
    }
)


def outlet_from_sitename(sitename: str | None) -> str | None:
    """ "The Harbour Herald | News" → "The Harbour Herald"; a known name or host → its display name."""
    parts = [part.strip() for part in _SITENAME_SEPARATOR.split(sitename or "") if part.strip()]
    parts = [part for part in parts if part.casefold() not in _GENERIC_SECTIONS]
    if not parts:
        return None
    outlets = known_outlets()
    for part in parts:
        if known := outlets.by_name.get(part.casefold()) or _lookup_host(part.casefold()):
            return known
    return parts[0]


# --- URL -------------------------------------------------------------------------------------------------------


def outlet_from_url(url: str | None) -> str | None:
    """The display name of a known host (or its parent domain), else the bare host without "www."."""
    try:
        host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:  # a malformed URL (bad IPv6 literal, port) says nothing about the outlet
        return None
    if not host:
        return None
    return _lookup_host(host) or host


def _lookup_host(host: str) -> str | None:
    labels = host.split(".")
    by_host = known_outlets().by_host
    return next((by_host[d] for i in range(len(labels) - 1) if (d := ".".join(labels[i:])) in by_host), None)


# --- text ------------------------------------------------------------------------------------------------------

# A capitalised name of up to five words ("The Daily Bugle", "Financial Times"); the text decides case.
_NAME = r"(?P<name>(?:[Tt]he )?[A-Z][\w&'’.-]*(?: (?:of|on|and|&|[A-Z][\w&'’.-]*)){0,4})"
_PROMO_NAMING = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?i:\btry )" + _NAME + r"(?i: (?:free|for|from)\b)",
        r"(?i:\bsubscribe (?:to|for) )" + _NAME,
        r"(?i:\b(?:unlimited|full|digital) access to )" + _NAME,
        r"(?i:\bsign up (?:to|for) )" + _NAME + r"(?:'s|’s) ",
        r"(?i:\b(?:download|get) (?:the )?(?:free )?)" + _NAME + r"(?i: app)\b",
        r"(?i:\bget )" + _NAME + r"(?i: for (?:just |only )?[£$€]\d)",
        r"(?i:\bediting by (?:the )?)" + _NAME + r"(?i: desk)\b",
    )
)
# Words that end a promo name in title-case banners ("Try The Times Free For 3 Months").
_NAME_STOP = frozenset({"free", "for", "from", "today", "now", "with", "at", "only", "just", "and", "app"})
_NOT_OUTLETS = frozenset({"our", "us", "the", "x", "twitter", "facebook", "instagram", "tiktok", "premium", "plus"})
_NOT_OUTLET_START = frozenset({"our", "my", "your", "this"})
# A promo for a newsletter or podcast names that product, not the outlet.
_PRODUCT_AFTER = re.compile(r"\s+(?:newsletters?|podcasts?|channels?|e-?mails?|briefings?|bulletins?)\b", re.I)
# Outlet names that are also everyday words ("Time has seen …"): too weak for a self-reference.
_COMMON_WORD_NAMES = frozenset(
    {
        "time",
        "metro",
        "stuff",
        "dawn",
        "salon",
        "fortune",
        "vice",
        "slate",
        "wired",
        "nation",
        "i",
        "the hill",
        "insider",
        "the age",
        "the national",
    }
)
_SELF_REFERENCE = (
    r"\s+(?:can (?:now |today |exclusively )?(?:reveal|disclose)|(?:now |today )?understands|has (?:learned|learnt"
    r"|seen|obtained|established|been told)|(?:has )?(?:exclusively )?revealed (?:this|last|earlier|yesterday"
    r"|on|in)\b|is aware)\b"
)
_CITATION_BEFORE = re.compile(r"\b(?:told|tells|telling|to|according to|by|from|via)\s+$", re.IGNORECASE)


def outlet_from_text(paragraphs: Sequence[str], removed: Sequence[Removal]) -> str | None:
    """An outlet the text names itself as: in removed promos first, then in self-references."""
    promo_names = [name for removal in removed for name in _promo_names(removal.text)]
    if promo_names:
        return _sole_winner(promo_names)
    return _sole_winner(name for paragraph in paragraphs for name in _self_references(paragraph))


def _promo_names(text: str) -> Iterable[str]:
    for pattern in _PROMO_NAMING:
        for match in pattern.finditer(text):
            if _PRODUCT_AFTER.match(text, match.end()):
                continue
            if name := _clean_name(match.group("name")):
                yield name


def _clean_name(raw: str) -> str | None:
    words: list[str] = []
    for word in raw.split():
        if word.casefold() in _NAME_STOP:
            break
        words.append(word)
    name = " ".join(words).rstrip(".'’")
    if not words or name.casefold() in _NOT_OUTLETS or words[0].casefold() in _NOT_OUTLET_START:
        return None
    name = re.sub(r"^the ", "The ", name)
    return known_outlets().by_name.get(name.casefold(), name)


def _self_references(paragraph: str) -> Iterable[str]:
    for match in _self_reference_pattern().finditer(paragraph):
        if not _CITATION_BEFORE.search(paragraph[: match.start()]):
            yield known_outlets().by_name[match.group("name").casefold()]


@cache
def _self_reference_pattern() -> re.Pattern[str]:
    """Any known outlet name (case as written, but "the" either way) followed by a self-reference phrase."""
    names = [name for name in known_outlets().names if name.casefold() not in _COMMON_WORD_NAMES]
    alternatives = "|".join(re.sub(r"^The\\ ", "[Tt]he ", re.escape(name)) for name in names)
    return re.compile(rf"(?<![\w-])(?P<name>{alternatives})(?={_SELF_REFERENCE})")


def _sole_winner(names: Iterable[str]) -> str | None:
    """The most frequent name, or None when two share the lead."""
    ranked = Counter(names).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
