"""The JSON Schemas of storylens's documents, shipped in the package: `report` (storylens.report/1 and
storylens.analysis/1), `check` (storylens.check/1) and `stories` (storylens.stories/1)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_schema", "validate_document"]


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The schema `name` (the file `schema/<name>.schema.json`), parsed once."""
    text = resources.files("storylens.schema").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_document(document: Any, name: str) -> None:
    """Raise jsonschema.ValidationError when `document` breaks schema `name`."""
    import jsonschema  # only validation needs it; reading a schema does not

    jsonschema.validate(document, load_schema(name))
