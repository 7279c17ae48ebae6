"""Against real PostgreSQL servers: a streaming replica, a primary that stops and starts
under a running app, and an import killed half-way.

A primary and a replica (``pg_basebackup -R``) are started from the embedded
binaries in a temporary folder, once for this module. Django runs in child
processes configured the way production is (DATABASE_URL, DATABASE_REPLICA_URLS),
so the routing, the reconnection and the transaction are the real ones, not test
doubles; a child prints what it saw as JSON and the tests below assert it.
"""

import json
import os
import secrets
import subprocess
import sys
import textwrap

import pytest

from forum_archive.local_postgres import LocalPostgres, make_root, remove_root
from tests.shared_files import REPO

pytestmark = pytest.mark.slow

DATABASE = "forum_archive"
SOURCE = (
    b"[00:00:00] Rosa Delgado: Welcome to the program about groundwater.\n\n"
    b"[00:00:05] Sam Ortiz: Thanks for having me, Rosa.\n"
)

# Shared by both child scripts: Django set up from the environment, and a GET through
# the real WSGI handler, in this thread (whose connections the tests inspect), with the
# request_started/request_finished signals that close broken connections.
PRELUDE = textwrap.dedent(
    """
    import io, json, sys, time
    from wsgiref.util import setup_testing_defaults

    import django
    from django.conf import settings
    # Production settings, but static URLs without the manifest: collectstatic is not
    # what these tests are about and costs seconds.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    application = get_wsgi_application()

    def get(path, headers=None):
        path, _, query = path.partition("?")
        environ = {
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_HOST": "127.0.0.1",
            "wsgi.errors": io.StringIO(),
        }
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        setup_testing_defaults(environ)
        status = []
        started = time.monotonic()
        result = application(environ, lambda line, headers, exc_info=None: status.append(line))
        try:
            body = b"".join(result).decode()
        finally:
            result.close()
        seconds = round(time.monotonic() - started, 2)
        return {"status": int(status[0].split()[0]), "seconds": seconds, "body": body}

    report = {}
    """
)

ROUTING_SCRIPT = PRELUDE + textwrap.dedent(
    """
    from django.db import DEFAULT_DB_ALIAS
    from django.http import JsonResponse
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from episodes.models import Episode, Show
    from forum_archive.db_router import ReplicaRoutingMiddleware
    from transcripts.services import import_transcript

    episode = import_transcript(
        sys.stdin.buffer.read(), filename="2025-11-14-groundwater.txt", show="Forum"
    ).episode
    # Wait for the replica to replay the import.
    deadline = time.monotonic() + 30
    while not Episode.objects.using("replica_1").filter(pk=episode.pk).exists():
        assert time.monotonic() < deadline, "the replica never saw the import"
        time.sleep(0.05)

    def in_recovery(alias):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            return cursor.fetchone()[0]

    report["in_recovery"] = {alias: in_recovery(alias) for alias in ("default", "replica_1")}

    def queries_per_database(path, headers=None):
        with CaptureQueriesContext(connections["default"]) as primary, \\
                CaptureQueriesContext(connections["replica_1"]) as replica:
            response = get(path, headers)
        return {"status": response["status"], "default": len(primary), "replica_1": len(replica)}

    report["anonymous_list"] = queries_per_database("/episodes/")
    report["anonymous_episode"] = queries_per_database(episode.get_absolute_url())
    report["anonymous_search"] = queries_per_database("/search/?q=groundwater")
    # A word nobody said: the spelling suggestions' statements too.
    report["anonymous_search_misspelled"] = queries_per_database("/search/?q=groundwatter")
    report["signed_in_list"] = queries_per_database("/episodes/", {"Cookie": "sessionid=abc"})

    def write_then_read(request):
        before = Show.objects.filter(name="Routed").db
        Show.objects.create(name="Routed")
        after = Show.objects.filter(name="Routed")
        return JsonResponse({"before": before, "after": after.db, "found": after.exists()})

    view = ReplicaRoutingMiddleware(write_then_read)
    report["write_then_read"] = json.loads(view(RequestFactory().get("/")).content)
    report["post_reads"] = json.loads(
        ReplicaRoutingMiddleware(
            lambda request: JsonResponse({"db": Show.objects.all().db})
        )(RequestFactory().post("/")).content
    )
    report["outside_requests"] = Show.objects.all().db
    print(json.dumps(report))
    """
)

OUTAGE_SCRIPT = PRELUDE + textwrap.dedent(
    """
    from forum_archive.local_postgres import LocalPostgres

    root, port = sys.argv[1], int(sys.argv[2])
    primary = LocalPostgres(root, "primary", port)

    def outcome(path):
        response = get(path)
        return {
            "status": response["status"],
            "seconds": response["seconds"],
            "unavailable_page": "temporarily unavailable" in response["body"],
            "traceback": "Traceback" in response["body"],
        }

    report["before"] = [outcome("/episodes/"), outcome("/healthz")]
    primary.stop()
    report["during"] = [outcome("/episodes/"), outcome("/"), outcome("/healthz")]
    primary.start()
    # No restart of this process, no wait: the very next requests must be served.
    report["after"] = [outcome("/episodes/"), outcome("/"), outcome("/healthz")]
    # A restart between two requests: the kept connection is dead but nobody noticed;
    # the health check before its reuse must, or this visitor gets the error.
    primary.stop()
    primary.start()
    report["after_quiet_restart"] = [outcome("/episodes/")]
    print(json.dumps(report))
    """
)


@pytest.fixture(scope="module")
def servers():
    root = make_root()
    primary = standby = None
    try:
        primary = LocalPostgres.create_primary(root)
        primary.create_database(DATABASE)
        standby = LocalPostgres.create_standby(primary)
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=REPO,
            env=django_env(primary),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stderr
        yield primary, standby
    finally:
        for server in (standby, primary):
            if server is not None and server.is_running():
                server.stop("immediate")
        remove_root(root)


def django_env(primary, standby=None):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "forum_archive.settings",
        "DATABASE_URL": primary.url(DATABASE),
        "DATABASE_REPLICA_URLS": standby.url(DATABASE) if standby else "",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "ERROR",
    }
    return env


def run_child(script, env, *args, stdin=b""):
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


@pytest.fixture(scope="module")
def routing(servers):
    primary, standby = servers
    return run_child(ROUTING_SCRIPT, django_env(primary, standby), stdin=SOURCE)


def test_the_replica_is_a_real_streaming_standby(routing):
    assert routing["in_recovery"] == {"default": False, "replica_1": True}


def test_anonymous_pages_read_only_from_the_replica(routing):
    searches = ("anonymous_search", "anonymous_search_misspelled")
    for page in ("anonymous_list", "anonymous_episode", *searches):
        assert routing[page]["status"] == 200
        assert routing[page]["replica_1"] > 0
        assert routing[page]["default"] == 0, page


def test_a_signed_in_visitor_reads_from_the_primary(routing):
    assert routing["signed_in_list"]["status"] == 200
    assert routing["signed_in_list"]["replica_1"] == 0
    assert routing["signed_in_list"]["default"] > 0


def test_reads_after_a_write_in_the_same_request_go_to_the_primary(routing):
    assert routing["write_then_read"] == {"before": "replica_1", "after": "default", "found": True}


def test_post_requests_and_code_outside_requests_read_from_the_primary(routing):
    assert routing["post_reads"] == {"db": "default"}
    assert routing["outside_requests"] == "default"


@pytest.fixture(scope="module")
def outage(servers, routing):  # after the routing run, which needs the primary up
    primary, _ = servers
    # The page cache off: every page needs the database (test_error_pages.py covers
    # cached pages during an outage).
    env = {**django_env(primary), "PAGE_CACHE_SECONDS": "0"}
    return run_child(OUTAGE_SCRIPT, env, str(primary.root), str(primary.port))


def test_pages_answer_200_before_the_outage(outage):
    assert [o["status"] for o in outage["before"]] == [200, 200]


def test_with_postgresql_stopped_pages_and_healthz_answer_503_at_once(outage):
    for result in outage["during"]:
        assert result["status"] == 503
        assert result["seconds"] < 3
        assert not result["traceback"]
    pages = outage["during"][:2]
    assert all(page["unavailable_page"] for page in pages)


def test_when_postgresql_is_back_the_same_process_serves_again_at_once(outage):
    assert [o["status"] for o in outage["after"]] == [200, 200, 200]


def test_a_restart_between_two_requests_goes_unnoticed_by_visitors(outage):
    assert [o["status"] for o in outage["after_quiet_restart"]] == [200]


def test_an_import_killed_while_inserting_leaves_nothing_and_imports_again(servers, tmp_path):
    from tools.faults import kill_import_halfway

    primary, _ = servers
    result = kill_import_halfway(primary, DATABASE, paragraphs=8000, workdir=tmp_path)
    assert result.inserting_when_killed
    assert (result.episodes_left, result.transcripts_left) == (0, 0)
    assert result.segments_after == result.segments_before
    assert result.reimport_exit_code == 0
    assert result.reimported_segments > 0
