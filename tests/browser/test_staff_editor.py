"""Issue 17, problems 3 and 8 in a real browser: the editor keeps typed work across pages,
shows every paragraph whole, splits at the cursor, offers merge only where it works;
and the import, preview, editor and merge pages pass axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.staff import PASSWORD, log_in
from tests.factories import EditorFactory, EpisodeFactory, SpeakerFactory
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db(transaction=True)

LONG = " ".join(["Groundwater moves slowly through the rock, and the wells remember it."] * 9)


@pytest.fixture
def editor():
    return EditorFactory(username="maria", password=PASSWORD)


@pytest.fixture
def episode():
    """60 paragraphs, speakers taking turns, most of them long: two pages in the editor."""
    episode = EpisodeFactory(title="Water week")
    turns = [
        f"{'Rosa Delgado' if n % 2 else 'Sam Ortiz'}: Turn {n}. {LONG if n % 3 else 'Short.'}"
        for n in range(1, 61)
    ]
    turns[0] = "Rosa Delgado: Alpha beta gamma delta."
    import_transcript("\n\n".join(turns).encode(), filename="water.txt", episode=episode)
    return episode


def editor_page(page, episode):
    page.goto(f"/admin/episodes/episode/{episode.pk}/transcript/")
    expect(page.locator("tr.staff-paragraph").first).to_be_visible()


def test_typed_edits_survive_turning_the_page(browser_page, editor, episode):
    page = browser_page
    log_in(page, editor)
    editor_page(page, episode)
    first_text = page.locator("#seg-1 textarea")
    first_text.fill("Typed, then the page turned.")
    page.get_by_role("button", name="next ›").click()
    expect(page.locator(".staff-pages")).to_contain_text("Page 2 of 2")
    page.get_by_role("button", name="‹ previous").click()
    expect(page.locator("#seg-1 textarea")).to_have_value("Typed, then the page turned.")


def test_leaving_by_a_link_with_unsaved_changes_asks_first(browser_page, editor, episode):
    page = browser_page
    log_in(page, editor)
    editor_page(page, episode)
    page.locator("#seg-1 textarea").fill("Not saved yet.")
    page.on("dialog", lambda dialog: dialog.dismiss())  # stay on the page
    with page.expect_event("dialog") as asked:
        page.locator(".breadcrumbs a").first.click()
    assert asked.value.type == "beforeunload"
    expect(page.locator("#seg-1 textarea")).to_have_value("Not saved yet.")


def test_every_paragraph_is_shown_whole(browser_page, editor, episode):
    page = browser_page
    log_in(page, editor)
    editor_page(page, episode)
    # No text box on the page hides part of its text behind a scroll bar.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('textarea[name$=\"-text\"]'))"
        ".every(t => t.scrollHeight <= t.clientHeight + 1)"
    )


def test_split_at_the_cursor_cuts_before_any_word(browser_page, editor, episode):
    page = browser_page
    log_in(page, editor)
    editor_page(page, episode)
    text = page.locator("#seg-1 textarea")
    text.click()
    text.evaluate("t => t.setSelectionRange('Alpha be'.length, 'Alpha be'.length)")
    page.locator("#seg-1").get_by_role("button", name="Split…").click()
    expect(page.locator("#seg-1 textarea")).to_have_value("Alpha")
    expect(page.locator("#seg-2 textarea")).to_have_value("beta gamma delta.")


def test_merge_is_offered_only_where_it_can_work(browser_page, editor, episode):
    page = browser_page
    log_in(page, editor)
    editor_page(page, episode)
    # Speakers alternate: no paragraph has a next one of the same speaker.
    expect(page.get_by_role("button", name="Merge with next")).to_have_count(0)
    page.locator("#seg-2 select[name$=-speaker]").select_option(label="Rosa Delgado")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Saved paragraph(s) 2")
    expect(page.get_by_role("button", name="Merge with next")).to_have_count(2)


def test_alt_keys_move_between_paragraphs_and_assign_a_speaker(browser_page, editor, episode):
    page = browser_page
    log_in(page, editor)
    editor_page(page, episode)
    page.locator("#seg-1 textarea").focus()
    page.keyboard.press("Alt+ArrowDown")
    expect(page.locator("#seg-2 textarea")).to_be_focused()
    page.keyboard.press("Alt+1")  # the first speaker of the list
    select = page.locator("#seg-2 select[name$=-speaker]")
    expect(select.locator("option:checked")).to_have_text("Rosa Delgado")


def test_the_audio_plays_from_a_paragraph(browser_page, editor, episode, audio_url):
    episode.media_url = audio_url
    episode.save()
    page = browser_page
    log_in(page, editor)
    editor_page(page, episode)
    page.locator("#seg-2 .staff-play").click()
    page.wait_for_function("() => !document.getElementById('editor-audio').paused")


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_import_preview_editor_merge_and_episode_pages_pass_axe(
    browser_page, editor, episode, tmp_path
):
    page = browser_page
    log_in(page, editor)

    page.goto("/admin/episodes/episode/import/")
    expect(page.locator("input[name=file]")).to_be_visible()
    assert_no_axe_violations(page)

    file = tmp_path / "2025-03-11-water.txt"
    file.write_text("Rosa Delgado: Water.\n\nLi Wei: Wells.\n")
    page.set_input_files("input[name=file]", str(file))
    page.click("input[value='Preview the import']")
    expect(page.locator("h2", has_text="What confirming will do")).to_be_visible()
    assert_no_axe_violations(page)

    editor_page(page, episode)
    assert_no_axe_violations(page)

    typo = SpeakerFactory(name="Rosa Delgad")
    page.goto(f"/admin/episodes/speaker/{typo.pk}/merge/")
    expect(page.get_by_role("button", name="Compare them")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Compare them").click()
    expect(page.get_by_role("button", name="Merge them")).to_be_visible()
    assert_no_axe_violations(page)

    # The episode's own admin page, which we extend, with its speakers' appearances.
    page.goto(f"/admin/episodes/episode/{episode.pk}/change/")
    expect(page.locator(".staff-versions")).to_be_visible()
    assert_no_axe_violations(page)
