"""Headless Chromium (Debian's package) driven by Playwright, on pytest-django's live server."""

import copy
import functools
import http.server
import io
import os
import re
import shutil
import threading

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# How long an action, an expect() or a wait may take before the test fails. Passing
# tests never wait this long; on a machine shared by many test runs, a page of thirty
# paragraphs can take more than the defaults (5 s for expect, 10 s before) to settle.
TIMEOUT_MS = 20_000
# Without these, Chromium keeps calling home, and this machine's closed network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
    "--mute-audio",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """The live server shares this process's cache: counts of API requests and cached
    pages left by earlier tests must not answer for this one."""
    from django.core.cache import cache

    cache.clear()


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is absent: install Debian's chromium (.ci/run does)"
    )
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # test body are still synchronous, so tell Django not to refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1200, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


class RangeRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with byte ranges, as media servers do: browsers seek only in what they can
    fetch in parts."""

    def log_message(self, *args):
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        start = int(match.group(1))
        end = min(int(match.group(2) or size - 1), size - 1)
        body = open(path, "rb")  # noqa: SIM115 - closed by the base class after copying
        body.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(body.read(end - start + 1))

    def end_headers(self):
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()


@pytest.fixture
def media_server(tmp_path):
    """Serves tmp_path over HTTP on 127.0.0.1; yields its base URL."""
    handler = functools.partial(RangeRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def audio_url(tmp_path, settings, media_server):
    """A 90-second WAV on a media server of its own, as episodes' audio usually is."""
    settings.MEDIA_ROOT = tmp_path
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["media-src"].append(media_server)  # a plain-http test origin
    settings.CONTENT_SECURITY_POLICY = policy
    from transcripts.demo import write_demo_audio

    write_demo_audio("clip.wav", seconds=90)  # into MEDIA_ROOT/demo/
    return f"{media_server}/demo/clip.wav"
