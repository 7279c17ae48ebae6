"""Helpers for the staff pages in a browser: one log-in for every staff test."""

from playwright.sync_api import expect

PASSWORD = "a-long-test-password"


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
