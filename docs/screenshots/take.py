"""Take the README's screenshots of a running archive (the demo plus the seed episode).

    .venv/bin/python manage.py runserver 127.0.0.1:8000 &
    .venv/bin/python docs/screenshots/take.py http://127.0.0.1:8000

Desktop (1280x900) and phone (360x740), light and dark, of an episode page, search
results and a speaker page, into this folder. Chromium is Debian's /usr/bin/chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
PAGES = {
    "episode": "/episodes/2025/11/14/soft-secession-how-states-break-away-without-leaving/",
    "search": "/search/?q=secession",
    "speaker": "/speakers/clara-jeffery/",
}
SCREENS = {"desktop": (1280, 900), "phone": (360, 740)}


def main(base):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for scheme in ("light", "dark"):
            for screen, (width, height) in SCREENS.items():
                page = browser.new_page(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.screenshot(path=HERE / f"{name}-{screen}-{scheme}.png")
                page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
