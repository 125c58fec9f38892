"""The JSON API against its own OpenAPI spec: schemathesis generates requests, none may get a server error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from storylens.web import Limits, WebSettings, create_app

# Built at import (schemathesis parametrizes from it); cheap: the models load on the first comparison.
_APP = create_app(WebSettings(limits=Limits(max_articles=6), max_reports=5, preload_models=False))
schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_request_without_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])


@pytest.mark.slow
def test_stories_api_answers_without_a_server_error(make_stories_app: Callable[[], FastAPI]) -> None:
    """The same API with a store behind /api/stories (the gold story set); built in the test, not at import, since
    adding to a store embeds the articles."""
    from hypothesis import given

    stories = schemathesis.openapi.from_asgi("/openapi.json", make_stories_app()).include(path_regex="^/api/stories")
    operations = [result.ok() for result in stories.get_all_operations()]
    assert len(operations) == 3
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
        def answers(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        answers()
