"""The JSON API against its own OpenAPI spec: schemathesis generates requests, none may get a server error."""

from __future__ import annotations

import pytest
import schemathesis
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
