"""One structured line per request, slow queries logged, and the JSON the lines are written in."""

import json
import logging
import sys

import pytest
from django.db import connection

from forum_archive.log import JsonFormatter
from tests.factories import SegmentFactory

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "forum_archive.requests"]


def test_each_request_logs_one_line_with_method_path_status_duration_and_queries(client, caplog):
    SegmentFactory()
    with caplog.at_level(logging.INFO, logger="forum_archive.requests"):
        client.get("/episodes/", {"sort": "oldest"})
    [line] = request_lines(caplog)
    assert (line.method, line.path, line.status) == ("GET", "/episodes/", 200)
    assert line.queries >= 1
    # the queries took some time, and that time is part of the request's
    assert 0 < line.db_ms <= line.duration_ms


def test_error_responses_are_logged_with_their_status(client, caplog):
    with caplog.at_level(logging.INFO, logger="forum_archive.requests"):
        client.get("/no-such-page/")
    [line] = request_lines(caplog)
    assert line.status == 404
    assert line.queries == 0


def test_the_line_is_one_json_object_with_the_fields(client, caplog):
    with caplog.at_level(logging.INFO, logger="forum_archive.requests"):
        client.get("/healthz")
    [record] = request_lines(caplog)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["logger"] == "forum_archive.requests"
    assert fields["message"] == "GET /healthz 200"
    assert {"method", "path", "status", "duration_ms", "queries", "time", "level"} <= set(fields)
    assert fields["queries"] == 1


def test_queries_slower_than_the_threshold_are_logged_with_their_sql(client, caplog, settings):
    settings.SLOW_QUERY_MS = 0  # every query is "slow"
    with caplog.at_level(logging.WARNING, logger="forum_archive.slow_queries"):
        client.get("/healthz")
    [slow] = [r for r in caplog.records if r.name == "forum_archive.slow_queries"]
    assert slow.sql == "SELECT 1"
    assert slow.database == "default"


def test_a_slow_query_is_logged_with_how_long_it_took(caplog, settings):
    settings.SLOW_QUERY_MS = 50
    slow_log = caplog.at_level(logging.WARNING, logger="forum_archive.slow_queries")
    with slow_log, connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.06)")
    [slow] = [r for r in caplog.records if r.name == "forum_archive.slow_queries"]
    assert slow.sql == "SELECT pg_sleep(0.06)"
    assert slow.duration_ms >= 60


def test_fast_queries_are_not_logged_as_slow(client, caplog, settings):
    settings.SLOW_QUERY_MS = 60_000
    with caplog.at_level(logging.WARNING, logger="forum_archive.slow_queries"):
        client.get("/episodes/")
    assert not [r for r in caplog.records if r.name == "forum_archive.slow_queries"]


def test_the_formatter_keeps_exceptions_on_the_same_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: boom" in json.loads(line)["exception"]
