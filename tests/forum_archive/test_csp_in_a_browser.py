"""A real browser enforces the Content Security Policy: no page, the admin included, breaks it.

Chromium reports every blocked inline script, style or eval on its console
("Refused to ... because it violates the following Content Security Policy
directive"); the pages are visited and their scripts run, the admin's too.
Chromium is driven from a child process, so that this module never shares an
event loop with the browser tests' own Playwright session. Skipped where
Debian's Chromium is absent (.ci/run installs it).
"""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.factories import AppearanceFactory, SegmentFactory, TopicFactory, UserFactory

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"{CHROMIUM} is absent"),
    pytest.mark.django_db(transaction=True),
]

VISITOR = textwrap.dedent(
    """
    import json, sys
    from playwright.sync_api import sync_playwright

    chromium, base_url, plan = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    args = ["--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    report = {"violations": [], "statuses": {}, "policies": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_context(base_url=base_url).new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda message: "Content Security Policy" in message.text
                and report["violations"].append(message.text))
        if plan.get("login"):
            page.goto("/admin/login/")
            page.fill("#id_username", plan["login"][0])
            page.fill("#id_password", plan["login"][1])
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/")
        for path in plan["paths"]:
            response = page.goto(path)
            page.wait_for_load_state("load")
            report["statuses"][path] = response.status
            report["policies"][path] = response.headers.get("content-security-policy", "")
        if plan.get("inject"):
            # Wait for the browser's report instead of a fixed while.
            with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
                page.evaluate(plan["inject"])
        browser.close()
    print(json.dumps(report))
    """
)


def visit_in_chromium(live_server, plan):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "-c", VISITOR, CHROMIUM, live_server.url, json.dumps(plan)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_public_pages_run_without_a_policy_violation(live_server):
    segment = SegmentFactory(text="We talked about groundwater and rent.")
    appearance = AppearanceFactory(episode=segment.transcript.episode)
    TopicFactory(name="Housing")
    paths = [
        "/",
        "/episodes/",
        segment.transcript.episode.get_absolute_url(),
        "/speakers/",
        f"/speakers/{appearance.speaker.slug}/",
        "/search/?q=groundwater",
        "/no-such-page/",
    ]
    report = visit_in_chromium(live_server, {"paths": paths})
    assert all("'unsafe-inline'" not in policy for policy in report["policies"].values())
    assert all(report["policies"].values())
    assert report["violations"] == []


def test_the_admin_runs_without_a_policy_violation(live_server):
    UserFactory(username="staff", is_staff=True, is_superuser=True)
    episode = SegmentFactory().transcript.episode
    paths = [
        "/admin/",
        "/admin/episodes/episode/",
        f"/admin/episodes/episode/{episode.pk}/change/",
        "/admin/episodes/episode/add/",
        "/admin/episodes/speaker/",
        "/admin/transcripts/transcript/",
    ]
    report = visit_in_chromium(
        live_server, {"paths": paths, "login": ["staff", "a-long-test-password"]}
    )
    assert set(report["statuses"].values()) == {200}
    assert report["violations"] == []


def test_the_browser_reports_what_the_policy_blocks(live_server):
    inject = "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    report = visit_in_chromium(live_server, {"paths": ["/no-such-page/"], "inject": inject})
    assert any("inline style" in violation for violation in report["violations"])
