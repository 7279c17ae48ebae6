"""Issue 17, problems 1 and 2 in a real browser: the preview says what confirming will do
(identical, or a new version with its differences, which the result repeats), and a
typed show name creates no show without the explicit "new show" choice."""

import re

import pytest
from playwright.sync_api import expect

from episodes.models import Episode, Show
from tests.browser.staff import PASSWORD, log_in
from tests.factories import EditorFactory, ShowFactory
from tests.shared_files import shared_file
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db(transaction=True)

FIRST_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Rosa Delgado>Welcome to Bay Commons. Today, groundwater.

00:00:05.000 --> 00:00:08.000
<v Sam Ortiz>Groundwater is slow.
"""
CHANGED_VTT = FIRST_VTT.replace("is slow.", "is slow, and old.") + (
    "\n00:00:09.000 --> 00:00:12.000\n<v Li Wei>Wells run dry.\n"
)


@pytest.fixture
def editor():
    return EditorFactory(username="maria", password=PASSWORD)


def upload(page, path, *, show=None):
    page.goto("/admin/episodes/episode/import/")
    page.set_input_files("input[name=file]", str(path))
    if show:
        page.select_option("select[name=show]", label=show)
    page.click("input[value='Preview the import']")
    expect(page.locator("h2", has_text="What confirming will do")).to_be_visible()


def test_uploading_the_seed_again_says_identical_and_offers_nothing_to_confirm(
    browser_page, editor
):
    seed = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    import_transcript(seed.read_bytes(), filename=seed.name, show="Forum")
    page = browser_page
    log_in(page, editor)
    upload(page, seed)
    outcome = page.locator("#staff-outcome")
    expect(outcome).to_contain_text("Identical to the current version (version 1)")
    expect(outcome).to_contain_text("same show, date and title")
    expect(outcome).not_to_contain_text("A new episode")
    expect(page.locator("button[value=confirm]")).to_have_count(0)
    expect(page.get_by_role("link", name="Open the episode")).to_be_visible()


def test_a_changed_file_shows_its_differences_and_the_result_repeats_them(
    browser_page, editor, tmp_path
):
    first, changed = tmp_path / "2025-03-11-groundwater.vtt", tmp_path / "changed.vtt"
    first.write_text(FIRST_VTT)
    changed.write_text(CHANGED_VTT)
    show = ShowFactory(name="Bay Commons")
    episode = import_transcript(first.read_bytes(), filename=first.name, show=show).episode
    changed = changed.rename(tmp_path / "2025-03-11-groundwater-corrected.vtt")

    page = browser_page
    log_in(page, editor)
    upload(page, changed, show="Bay Commons")
    outcome = page.locator("#staff-outcome")
    expect(outcome).to_contain_text(f"A new version of {episode}")
    expect(outcome).to_contain_text("same show and date")
    promised = (
        "2 paragraph(s) added, 1 removed; 6 word(s) added, 1 removed; speakers added: Li Wei."
    )
    expect(page.locator(".staff-diff")).to_have_text(f"Against version 1: {promised}")
    # The episode is published: the choice says so, and leaving it keeps it published.
    expect(page.locator("input[name=publication][value=published]")).to_be_checked()

    page.click("button[value=confirm]")
    result = page.locator(".messagelist")
    expect(result).to_contain_text(f"as version 2 of “{episode}”: {promised}")
    expect(result).to_contain_text("The episode is published.")
    expect(page.locator(".staff-versions")).to_contain_text("current")
    assert Episode.objects.count() == 1


def test_a_typed_show_name_cannot_create_a_show_without_the_new_show_choice(browser_page, editor):
    seed = shared_file("seeds/forum-soft-secession-2025-11-14.txt")  # it says "Forum"
    ShowFactory(name="KQED Forum")
    page = browser_page
    log_in(page, editor)
    upload(page, seed)
    expect(page.locator(".staff-preview")).to_contain_text(
        "The file says “Forum”, which is not a show in the archive."
    )

    page.click("button[value=confirm]")
    expect(page.locator(".errorlist")).to_contain_text("Choose the show, or name a new show below.")
    assert list(Show.objects.values_list("name", flat=True)) == ["KQED Forum"]

    # The existing show, picked with type-ahead.
    page.locator(".select2-selection").first.click()
    page.keyboard.type("kqed")
    page.locator(".select2-results__option", has_text=re.compile("^KQED Forum$")).click()
    page.click("button[value=confirm]")
    expect(page.locator(".messagelist")).to_contain_text("as a new episode")
    assert Episode.objects.get().show.name == "KQED Forum"
    assert Show.objects.count() == 1
