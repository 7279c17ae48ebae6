"""Security headers, the Content Security Policy, and the production settings' refusals."""

import json
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser

import pytest

from tests.factories import AppearanceFactory, SegmentFactory, TopicFactory
from tests.shared_files import REPO

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-like-secret-key-" + "x7Q9z" * 10,
    "ALLOWED_HOSTS": "archive.example.org",
}


def outer_environ():
    # The browser tests set this in our own process; a production child must not inherit it.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_python(*args, env_overrides, drop=(), timeout=120):
    """Python in a child process, in the repository, with our environment changed."""
    env = {k: v for k, v in outer_environ().items() if k not in drop}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_manage(*args, env_overrides, drop=()):
    return run_python("manage.py", *args, env_overrides=env_overrides, drop=drop)


def run_in_production(script, *, timeout=120, **overrides):
    """``script`` run under the production settings; the JSON of its last line of output."""
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "forum_archive.settings", **overrides}
    result = run_python("-c", script, env_overrides=env, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- headers on every page ----------------------------------------------------


@pytest.fixture
def archive(db):
    segment = SegmentFactory(text="We talked about groundwater and rent.")
    appearance = AppearanceFactory(episode=segment.transcript.episode)
    TopicFactory(name="Housing")
    return {
        "episode": segment.transcript.episode.get_absolute_url(),
        "speaker": f"/speakers/{appearance.speaker.slug}/",
    }


def public_pages(archive):
    return [
        "/",
        "/episodes/",
        "/episodes/?show=nothing&date_from=2025-01-01",
        archive["episode"],
        "/speakers/",
        archive["speaker"],
        "/topics/",
        "/shows/",
        "/search/?q=groundwater",
        "/no-such-page/",
        "/admin/login/",
    ]


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_every_page_sends_a_strict_content_security_policy(client, archive):
    for url in public_pages(archive):
        response = client.get(url)
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url


def test_every_page_sends_nosniff_referrer_policy_and_frame_denial(client, archive):
    for url in public_pages(archive):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url


class InlineCodeFinder(HTMLParser):
    """What a strict CSP would block: inline scripts, style elements and attributes,
    event-handler attributes and javascript: links."""

    def __init__(self):
        super().__init__()
        self.blocked = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self._in_inline_script = True
        if tag == "style":
            self.blocked.append("<style> element")
        for name, value in attrs.items():
            if name == "style":
                self.blocked.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.blocked.append(f"{name} handler on <{tag}>")
            if name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.blocked.append(f"javascript: URL on <{tag}>")

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.blocked.append(f"inline script: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def blocked_by_csp(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.blocked


def test_no_page_has_inline_code_the_policy_would_block(client, archive):
    for url in public_pages(archive):
        assert blocked_by_csp(client.get(url).content.decode()) == [], url


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/episodes/episode/",
        "/admin/episodes/episode/add/",
        "/admin/episodes/speaker/",
        "/admin/transcripts/transcript/",
    ],
)
def test_the_admin_works_under_the_same_strict_policy(staff_client, archive, url):
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert blocked_by_csp(response.content.decode()) == []


def test_the_inline_code_finder_finds_what_a_policy_blocks():
    html = (
        '<p style="color:red" onclick="x()">a</p><style>p{}</style><script>alert(1)</script>'
        '<script src="/static/js/a.js"></script><script type="application/json">{}</script>'
        '<a href="javascript:void(0)">b</a>'
    )
    assert len(blocked_by_csp(html)) == 5


# --- production settings ------------------------------------------------------

PRODUCTION_PROBE = textwrap.dedent(
    """
    import json
    import django
    from django.conf import settings
    # Hashed static names need collectstatic, which the static test below runs; here the
    # other production settings are under test.
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client()
    plain = client.get("/robots.txt", HTTP_HOST="archive.example.org")
    plain_health = client.get("/healthz", HTTP_HOST="archive.example.org")
    secure = client.get("/healthz", HTTP_HOST="archive.example.org", secure=True)
    login = client.get("/admin/login/", HTTP_HOST="archive.example.org", secure=True)
    print(json.dumps({
        "plain_status": plain.status_code,
        "plain_location": plain.get("Location", ""),
        "plain_health_status": plain_health.status_code,
        "hsts": secure.get("Strict-Transport-Security", ""),
        "csrf_cookie_secure": bool(login.cookies["csrftoken"]["secure"]),
        "csrf_cookie_samesite": login.cookies["csrftoken"]["samesite"],
        "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
        "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
        "session_engine": settings.SESSION_ENGINE,
        "storage": storage,
    }))
    """
)


@pytest.fixture(scope="module")
def production():
    return run_in_production(PRODUCTION_PROBE)


def test_production_redirects_plain_http_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://archive.example.org/robots.txt"


def test_the_health_check_answers_plain_http_for_load_balancers(production):
    assert production["plain_health_status"] == 200


def test_production_sends_hsts_for_a_year_with_subdomains(production):
    assert production["hsts"] == "max-age=31536000; includeSubDomains"


def test_production_cookies_are_secure(production):
    assert production["csrf_cookie_secure"] is True
    assert production["csrf_cookie_samesite"] == "Lax"
    assert production["session_cookie_secure"] is True
    assert production["session_cookie_httponly"] is True


def test_production_keeps_sessions_in_the_database_and_hashes_static_names(production):
    assert production["session_engine"] == "django.contrib.sessions.backends.db"
    assert production["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_hsts_is_configurable():
    probe = run_in_production(
        PRODUCTION_PROBE,
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="1",
    )
    assert probe["hsts"] == "max-age=600; preload"


@pytest.mark.parametrize("key", ["a" * 60, "ab" * 30, "secret-key-" * 6])
def test_production_refuses_a_long_but_repetitive_secret_key(key):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "too repetitive" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "overrides, drop, message",
    [
        ({}, ("SECRET_KEY",), "needs a real SECRET_KEY"),
        ({"SECRET_KEY": "short"}, (), "needs a real SECRET_KEY"),
        (
            {"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"},
            (),
            "needs a real SECRET_KEY",
        ),
        ({}, ("ALLOWED_HOSTS",), "needs ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_a_real_secret_key_and_hosts(overrides, drop, message):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k not in drop}
    env.update(overrides)
    result = run_manage("check", env_overrides=env, drop=drop)
    assert result.returncode != 0
    assert message in result.stderr


STATIC_PROBE = textwrap.dedent(
    """
    import json, re
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="archive.example.org")
    page = client.get("/no-such-page/", secure=True).content.decode()
    url = re.search(r'href="(/static/css/site\\.[0-9a-f]{12}\\.css)"', page).group(1)
    hashed = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip, br")
    print(json.dumps({
        "url": url,
        "status": hashed.status_code,
        "cache_control": hashed["Cache-Control"],
        "encoding": hashed.get("Content-Encoding", ""),
    }))
    """
)


@pytest.mark.slow
def test_static_files_are_collected_hashed_compressed_and_cached_for_a_year(tmp_path):
    probe = run_in_production(STATIC_PROBE, timeout=300, STATIC_ROOT=str(tmp_path / "static"))
    assert probe["status"] == 200
    assert "immutable" in probe["cache_control"]
    max_age = int(re.search(r"max-age=(\d+)", probe["cache_control"]).group(1))
    assert max_age >= 365 * 24 * 3600
    assert probe["encoding"] in ("br", "gzip")
