"""Schemathesis against the OpenAPI schema, in process (WSGI), over a rich portal: no 5xx, every
response documented and matching its schema, valid input accepted and invalid input rejected."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from eduenforce.api.main import api
from eduenforce.wsgi import application

pytestmark = pytest.mark.django_db

# The schema is built in process (loading it through the app would need the database at
# collection time); every generated request then goes through the real WSGI stack.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = application
GENERIC = ("/api/health", "/api/v1/publications", "/api/v1/kinds", "/api/v1/licence")


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """Requests go through the bare WSGI handler, whose request signals would close the database
    connection (and with it the test's transaction on PostgreSQL); Django's test client
    disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _examples(path: str) -> int:
    # The per-kind lists share one implementation with /publications: a few examples each.
    return 20 if path.startswith(GENERIC) else 4


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_conforms_to_the_schema(rich_portal, sys_admin, mode):
    from eduenforce.core import config

    config.set_value("portal.search_per_minute", 0, by=None)  # hundreds of searches in a row
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 28
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=_examples(operation.path),
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # Compression is checked in portal/tests/test_page_weight.py; here the payload itself.
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        try:
            check()
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE and not operation.query  # nothing invalid to send
