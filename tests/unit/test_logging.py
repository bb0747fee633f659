"""Private link tokens never reach the logs."""

from __future__ import annotations

import logging

import pytest


@pytest.mark.django_db
def test_rater_tokens_are_redacted_from_request_logs(client, caplog):
    token = "SeCrEtToKeN1234567890abcdefghijklmnopq"
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/r/360/{token}/")
    assert caplog.records, "a 404 for an unknown link is logged"
    handler = logging.getLogger("django.request").handlers[0]
    for record in caplog.records:
        for f in handler.filters:
            f.filter(record)
        assert token not in record.getMessage()
        assert "/r/360/[redacted]" in record.getMessage()
