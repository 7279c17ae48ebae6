"""An unpublish is seen at once by every gunicorn worker, not only by the one that did it.

A real two-worker gunicorn with production settings (DEBUG=0, the page cache on, the
default kind of cache: files shared by the workers) serves the test database. Which
worker answers is made certain, not left to chance: a sync worker that has accepted
a connection serves nothing else until that request arrives, so a connection opened
and left silent ("a held worker") sends every other request to the other worker.
"""

import http.client
import socket
import time
from urllib.parse import urlencode

import psutil
import pytest
from django.db import connection
from django.test import Client

from tests.factories import EpisodeFactory, SegmentFactory, TranscriptFactory, UserFactory
from tools.loadtest import runner

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SECRET_KEY = "a-secret-shared-by-the-test-and-its-gunicorn-" + "x" * 20
CSRF_SECRET = "c" * 32  # a CSRF cookie secret may be posted back as it is
HOST = "127.0.0.1"


@pytest.fixture
def gunicorn(tmp_path):
    url = runner.database_url(connection.get_connection_params(), connection.settings_dict["NAME"])
    env = runner.production_env(
        url,
        SECRET_KEY=SECRET_KEY,
        PAGE_CACHE_SECONDS=300,
        # The production default (a file cache), in a folder of this test's own.
        CACHE_URL=f"file://{tmp_path / 'cache'}",
        STATIC_ROOT=tmp_path / "static",
        # A held worker waits for its request; gunicorn must not replace it meanwhile.
        GUNICORN_TIMEOUT=120,
        LOG_LEVEL="WARNING",
    )
    server = runner.Gunicorn(
        env, port=runner.free_port(), log_path=tmp_path / "gunicorn.log", workers=2
    )
    with runner.running(server):
        # Started means every worker booted (`manage.py load` reports this count).
        assert len(server.pids()["workers"]) == server.configured_workers == 2
        yield server


def ask(server, path, *, method="GET", body=None, headers=None):
    """One request on a connection of its own (sync workers close it after answering)."""
    conn = http.client.HTTPConnection(HOST, server.port, timeout=60)
    try:
        conn.request(
            method,
            path,
            body=body,
            headers={"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})},
        )
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def hold_a_worker(server):
    """A connection left silent, and the pid of the worker that accepted it."""
    held = socket.create_connection((HOST, server.port))
    local = held.getsockname()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for pid in server.pids()["workers"]:
            remote_ends = {c.raddr for c in psutil.Process(pid).net_connections("tcp") if c.raddr}
            if tuple(local) in {tuple(end) for end in remote_ends}:
                return held, pid
        time.sleep(0.05)
    raise AssertionError("no worker accepted the held connection")


@pytest.fixture
def episode(settings):
    settings.SECRET_KEY = SECRET_KEY
    kept = SegmentFactory(
        text="Nothing about water here.",
        transcript=TranscriptFactory(episode=EpisodeFactory(title="A kept episode")),
    ).transcript.episode
    gone = SegmentFactory(
        text="The aquifer recharge plan.",
        transcript=TranscriptFactory(episode=EpisodeFactory(title="An episode to unpublish")),
    ).transcript.episode
    return {"kept": kept, "gone": gone}


def public_pages(episode):
    return {
        "episode": episode["gone"].get_absolute_url(),
        "list": "/episodes/",
        "feed": "/episodes/feed.rss",
        "search": "/search/?" + urlencode({"q": "aquifer recharge"}),
    }


def test_an_unpublish_through_one_worker_is_seen_at_once_by_the_other(gunicorn, episode):
    pages = public_pages(episode)
    gone_url = pages["episode"]

    # Both workers serve (and cache) every page while the episode is published.
    first_held, first_pid = hold_a_worker(gunicorn)
    for name, path in pages.items():
        status, body = ask(gunicorn, path)
        assert status == 200, name
        assert name == "episode" or gone_url in body, f"the {name} should show the episode"
    second_held, second_pid = hold_a_worker(gunicorn)  # the only free worker takes it
    assert second_pid != first_pid
    first_held.close()
    for path in pages.values():
        assert ask(gunicorn, path)[0] == 200

    # Staff unpublish through the first worker (the second is still held).
    staff = Client()
    staff.force_login(UserFactory(username="editor", is_staff=True, is_superuser=True))
    cookies = f"sessionid={staff.cookies['sessionid'].value}; csrftoken={CSRF_SECRET}"
    status, _ = ask(
        gunicorn,
        f"/admin/episodes/episode/{episode['gone'].pk}/publish/",
        method="POST",
        body=urlencode(
            {"action": "unpublish", "confirm": "yes", "csrfmiddlewaretoken": CSRF_SECRET}
        ),
        headers={
            "Cookie": cookies,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{HOST}/admin/",
        },
    )
    assert status == 302
    episode["gone"].refresh_from_db()
    assert not episode["gone"].is_published

    # Now hold the first worker: every request below goes to the second one, which
    # served the episode a moment ago and did not take part in the unpublish.
    third_held, third_pid = hold_a_worker(gunicorn)
    assert third_pid == first_pid
    second_held.close()
    try:
        assert ask(gunicorn, gone_url)[0] == 404
        for name in ("list", "feed", "search"):
            status, body = ask(gunicorn, pages[name])
            assert status == 200, name
            assert gone_url not in body, f"the {name} still shows the unpublished episode"
        status, body = ask(gunicorn, "/episodes/")
        assert episode["kept"].get_absolute_url() in body
    finally:
        third_held.close()
