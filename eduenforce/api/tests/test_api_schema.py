"""Schemathesis against the OpenAPI schema, in process (WSGI), over a rich portal: no 5xx, every
response documented and matching its schema, invalid input rejected with a 4xx."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from eduenforce.api.main import api
from eduenforce.wsgi import application

pytestmark = pytest.mark.django_db

# The schema is built in process (loading it through the app would need the database at
# collection time); every generated request then goes through the real WSGI stack.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = application


@pytest.fixture(autouse=True)
def _data(rich_portal, sys_admin):
    from eduenforce.core import config

    # Thousands of generated searches in a row must not trip the per-minute limiter.
    config.set_value("portal.search_per_minute", 0, by=sys_admin)


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_the_api_conforms_to_its_schema(case):
    case.call_and_validate()
