"""The bundled example story (src/storylens/examples, key in docs/example-story.md): every conflict of its key is
found, with outlets named in the details, and the report holds one stance per evidence item."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storylens import read_articles
from storylens.analyse import analyse_many
from storylens.link.story import link
from storylens.records import Story
from support import EXAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def story() -> Story:
    return link(analyse_many(read_articles(sorted(EXAMPLES.glob("*.txt"))).articles))


def _details(story: Story, kind: str) -> Iterator[str]:
    return (c.detail for cluster in story.clusters for c in cluster.conflicts if c.kind == kind)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("number", ("Two workers", "three")),
        ("number", ("1,200", "3,000")),
        ("number", ("14 people", "Twenty-three")),
        ("time", ("4.15am", "3.48am")),
        ("place", ("Warehouse 7", "Warehouse 9")),
        ("actor", ("Haldane-Voss", "Hamish Carrow")),
        ("negation", ("had not reached",)),
        ("negation", ("denied",)),
    ],
)
def test_every_conflict_of_the_key_is_found(story: Story, kind: str, words: tuple[str, ...]) -> None:
    details = list(_details(story, kind))
    assert any(all(w in d for w in words) for d in details), details
    assert all("Northern Ledger" in d or "Coastline Daily" in d or "Harbour Herald" in d for d in details)


def test_each_cluster_has_one_stance_per_member(story: Story) -> None:
    assert all(len(c.stances) == len(c.members) for c in story.clusters)
    conflicting = [c for c in story.clusters if c.conflicts]
    assert any("contradicts" in c.stances for c in conflicting)
