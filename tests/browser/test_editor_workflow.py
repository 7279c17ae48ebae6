"""An editor's day in a real browser: upload the seed page, check the preview, map a
speaker, confirm, fix a paragraph's speaker, publish, and find it on the public site."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.staff import PASSWORD, log_in
from tests.factories import EditorFactory, SpeakerFactory
from tests.shared_files import shared_file

pytestmark = pytest.mark.django_db(transaction=True)

# A 215-word answer of Clara Jeffery's on the seed page that the attribution leaves blank
# (the text gives no clue to who answers there).
FIXED_WORDS = "acquiesce"


@pytest.fixture
def editor():
    return EditorFactory(username="maria", password=PASSWORD)


@pytest.fixture
def regular_caller():
    """A caller already in the archive, whom the page's "Pam" turns out to be."""
    return SpeakerFactory(name="Pamela Ortiz", slug="pamela-ortiz")


def speaker_row(page, label):
    name_cell = page.locator("td.staff-label-name", has_text=re.compile(rf"^{label}$"))
    return page.locator("tr.staff-label", has=name_cell)


def test_an_editor_imports_checks_fixes_publishes_and_finds_the_episode(
    browser_page, editor, regular_caller
):
    seed = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    page = browser_page
    log_in(page, editor)

    # Upload, from the episode list.
    page.goto("/admin/episodes/episode/")
    page.click("text=Import transcript")
    page.set_input_files("input[name=file]", str(seed))
    page.click("input[value='Preview the import']")

    # The preview: host, both guests, the lieutenant governor and the callers.
    expect(page.locator("h2", has_text="Speakers")).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value(
        "Soft Secession: How States Break Away Without Leaving"
    )
    expected_roles = {
        "Alexis Madrigal": "host",
        "Clara Jeffery": "guest",
        "John Michaels": "guest",
        "Eleni Kounalakis": "guest",
        "George": "caller",
        "Pam": "caller",
    }
    for label, role in expected_roles.items():
        row = speaker_row(page, label)
        expect(row, label).to_have_count(1)
        expect(row.locator("select[name^=role_]"), label).to_have_value(role)
    expect(speaker_row(page, "Eleni Kounalakis")).to_contain_text(
        "Lieutenant Governor of California"
    )
    expect(page.locator(".staff-segment-count")).to_contain_text("143")
    expect(page.locator(".staff-paragraphs")).to_contain_text(
        "Welcome to Forum, I'm Alexis Madrigal."
    )

    # Map "Pam" to the caller already in the archive, name the new show, and confirm.
    speaker_row(page, "Pam").locator("select[name^=speaker_]").select_option(label="Pamela Ortiz")
    page.fill("input[name=new_show]", "Forum")
    page.click("button[value=confirm]")
    expect(page.locator(".messagelist")).to_contain_text("as a new episode")
    expect(page.locator(".staff-status")).to_contain_text("A draft")

    # Fix one paragraph's speaker in the editor.
    page.click("text=Edit transcript")
    page.fill("input[name=q]", FIXED_WORDS)
    page.click("button:has-text('Find')")
    rows = page.locator("tr.staff-paragraph")
    expect(rows).to_have_count(1)
    rows.first.locator("select[name$=-speaker]").select_option(label="Clara Jeffery")
    page.click("button[value=save]")
    expect(page.locator(".messagelist")).to_contain_text("Saved paragraph(s)")

    # Publish from the episode's page.
    page.click(".breadcrumbs a >> nth=2")
    page.click("button[value=publish]")
    expect(page.locator(".messagelist")).to_contain_text("is published")
    trail = page.locator(".staff-trail")
    for what in ("Imported forum-soft-secession-2025-11-14.txt", "Edited paragraph", "Published"):
        expect(trail).to_contain_text(what)
    expect(trail).to_contain_text("maria")

    # The public site: the episode, the fixed paragraph under its speaker, the caller mapped.
    page.goto("/episodes/")
    page.click("text=Soft Secession: How States Break Away Without Leaving")
    paragraph = page.locator(".segment", has_text=FIXED_WORDS)
    expect(paragraph).to_have_count(1)
    name = page.locator(".turn", has=paragraph).locator(".speaker-name")
    expect(name).to_have_text(re.compile(r"^\s*Clara Jeffery"))
    expect(name).not_to_contain_text("(inferred)")
    expect(page.locator(".speaker-name", has_text="Pamela Ortiz").first).to_be_visible()

    # And search finds the episode with that paragraph.
    page.goto(f"/search/?q={FIXED_WORDS}")
    results = page.locator("main")
    expect(results).to_contain_text("Soft Secession")
    expect(results).to_contain_text(re.compile(FIXED_WORDS, re.IGNORECASE))
    expect(results).to_contain_text("Clara Jeffery")
