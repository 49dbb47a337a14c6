"""The API fuzzed from its own OpenAPI schema (schemathesis, bounded): no server errors, and
answers that match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from eecportal.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _one_connection(settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    # The WSGI handler closes the database connection after each request, as in production;
    # the test's transaction needs it open (Django's own test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_every_generated_request_without_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
