"""The public API named in storylens.__all__ is importable, the lazily loaded corpus names included."""

from __future__ import annotations

import storylens


def test_every_public_name_resolves() -> None:
    missing = [name for name in storylens.__all__ if getattr(storylens, name, None) is None]
    assert missing == []


def test_unknown_name_is_an_attribute_error() -> None:
    assert not hasattr(storylens, "no_such_thing")


def test_check_many_is_the_stance_entry_point() -> None:
    from storylens.stance import check_many

    assert storylens.check_many is check_many
