"""The API documentation page works in a browser under the site's strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import EpisodeFactory, ShowFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_and_try_a_request_without_a_csp_violation(browser_page):
    EpisodeFactory(show=ShowFactory(name="Bay Commons"))  # a show of drafts only is not public
    page = browser_page
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto("/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    shows = page.locator(".opblock-summary", has_text="/api/v1/shows/").first
    expect(shows).to_be_visible()
    shows.click()
    page.get_by_role("button", name="Execute").click()  # "try it out" is on from the start
    expect(page.locator(".live-responses-table td.response-col_status").nth(1)).to_have_text("200")
    expect(page.locator(".live-responses-table .microlight").first).to_contain_text("bay-commons")
    assert refused == []
    base = re.escape(page.url.split("/api/")[0])
    assert all(re.match(base, url) for url in requested)  # nothing from a CDN
