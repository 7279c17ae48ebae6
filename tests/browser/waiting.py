"""Waiting for what the page's scripts do, instead of reading it once right after an action.

Playwright's ``expect(...)`` covers text, values, classes and visibility; for anything
else (the player's time, where a paragraph sits) ``wait_until`` polls a JavaScript
predicate in the page until it holds. (It works under the site's Content Security
Policy: Playwright evaluates through DevTools, not with the page's ``eval``.)
"""

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


def wait_until(page, predicate, arg=None, *, what=None):
    """Poll ``predicate`` (a JavaScript function of ``arg``) until it returns true.

    Fails the test, saying ``what`` was awaited, after the page's default timeout.
    """
    try:
        page.wait_for_function(predicate, arg=arg)
    except PlaywrightTimeoutError:
        raise AssertionError(f"timed out waiting until {what or predicate}") from None


# The element with id ``arg`` lies wholly between the sticky player and the window's foot.
FULLY_BELOW_THE_PLAYER = """(id) => {
    const box = document.getElementById(id).getBoundingClientRect();
    const player = document.querySelector('.player').getBoundingClientRect();
    return player.bottom <= box.top && box.bottom <= window.innerHeight;
}"""
