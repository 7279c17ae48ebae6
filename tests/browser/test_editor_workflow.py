"""An editor's day in a real browser: upload the seed page, check the preview, map a
speaker, confirm, fix a paragraph's speaker, publish, and find it on the public site."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.staff import PASSWORD, log_in
from tests.factories import EditorFactory, SpeakerFactory
from tests.shared_files import shared_file

pytestmark = pytest.mark.django_db(transaction=True)

# Paragraph 31 of the seed page: Clara Jeffery speaks, but the attribution leaves it blank.
FIXED_WORDS = "onslaught"


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
    page.wait_for_selector("h2:has-text('Speakers')")
    assert page.input_value("input[name=title]") == (
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
        assert row.count() == 1, label
        assert row.locator("select[name^=role_]").input_value() == role, label
    assert "Lieutenant Governor of California" in speaker_row(page, "Eleni Kounalakis").inner_text()
    assert "138" in page.locator(".staff-segment-count").inner_text()
    first_paragraphs = page.locator(".staff-paragraphs").inner_text()
    assert "Welcome to Forum, I'm Alexis Madrigal." in first_paragraphs

    # Map "Pam" to the caller already in the archive, name the new show, and confirm.
    speaker_row(page, "Pam").locator("select[name^=speaker_]").select_option(label="Pamela Ortiz")
    page.fill("input[name=new_show]", "Forum")
    page.click("button[value=confirm]")
    page.wait_for_selector("text=as a new episode")
    assert "A draft" in page.locator(".staff-status").inner_text()

    # Fix one paragraph's speaker in the editor.
    page.click("text=Edit transcript")
    page.fill("input[name=q]", FIXED_WORDS)
    page.click("button:has-text('Find')")
    rows = page.locator("tr.staff-paragraph")
    assert rows.count() == 1
    rows.first.locator("select[name$=-speaker]").select_option(label="Clara Jeffery")
    page.click("button[value=save]")
    page.wait_for_selector("text=Saved paragraph(s)")

    # Publish from the episode's page.
    page.click(".breadcrumbs a >> nth=2")
    page.click("button[value=publish]")
    page.wait_for_selector("text=is published")
    trail = page.locator(".staff-trail").inner_text()
    for what in ("Imported forum-soft-secession-2025-11-14.txt", "Edited paragraph", "Published"):
        assert what in trail
    assert "maria" in trail

    # The public site: the episode, the fixed paragraph under its speaker, the caller mapped.
    page.goto("/episodes/")
    page.click("text=Soft Secession: How States Break Away Without Leaving")
    paragraph = page.locator(".segment", has_text=FIXED_WORDS)
    expect(paragraph).to_have_count(1)
    turn = page.locator(".turn", has=paragraph)
    assert turn.locator(".speaker-name").inner_text().startswith("Clara Jeffery")
    assert "(inferred)" not in turn.locator(".speaker-name").inner_text()
    assert page.locator(".speaker-name", has_text="Pamela Ortiz").count() > 0

    # And search finds the episode with that paragraph.
    page.goto(f"/search/?q={FIXED_WORDS}")
    results = page.locator("main").inner_text()
    assert "Soft Secession" in results
    assert "onslaught" in results.lower()
    assert "Clara Jeffery" in results
