import copy
import json
import uuid

import pytest
from django.utils.log import configure_logging

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id_and_keeps_the_proxys(client):
    first = client.get("/th/")["X-Request-ID"]
    second = client.get("/th/")["X-Request-ID"]  # served from the page cache this time
    assert first and second and first != second
    given = uuid.uuid4().hex
    assert client.get("/th/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given


def test_json_logs_carry_the_request_id(client, capsys, settings):
    """Production writes JSON lines (LOG_FORMAT=json); each names the request it came from."""
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    configure_logging(settings.LOGGING_CONFIG, config)
    try:
        given = uuid.uuid4().hex
        client.get("/th/no-such-page/", HTTP_X_REQUEST_ID=given)  # Django logs the 404
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    record = next(line for line in lines if line["logger"] == "django.request")
    assert record["request_id"] == given and record["level"] == "WARNING"
    assert "no-such-page" in record["message"]
