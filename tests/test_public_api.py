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


def test_input_errors_survive_pickling_with_their_fields() -> None:
    """Errors travel back from Dask workers: every kind must come back as itself, fields and all."""
    import pickle

    from storylens import errors

    kinds = [k for k in vars(errors).values() if isinstance(k, type) and issubclass(k, errors.InputError)]
    assert len(kinds) > 5
    for kind in kinds:
        error = kind("feed.jsonl:3", "why")
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), back.source, back.reason, str(back)) == (kind, "feed.jsonl:3", "why", str(error))
    copy = pickle.loads(pickle.dumps(errors.DuplicateInput("b.txt", "same text", kept="a", record_id="b")))
    assert (copy.kept, copy.record_id) == ("a", "b")
