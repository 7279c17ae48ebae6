"""Issue 17, problems 4 and 5 in a real browser: a speaker merge keeps the speaker staff
choose (proposed by page history, not by count), and unpublish and restore ask first."""

import pytest
from playwright.sync_api import expect

from episodes.models import Episode, Speaker
from tests.browser.staff import PASSWORD, log_in
from tests.factories import EditorFactory, EpisodeFactory, SegmentFactory, SpeakerFactory
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor():
    return EditorFactory(username="maria", password=PASSWORD)


def test_merging_a_typo_keeps_the_real_name_and_staff_can_choose(browser_page, editor):
    real = SpeakerFactory(name="Mina Kim", slug="mina-kim", affiliation="KQED")
    SegmentFactory(speaker=real)
    typo = SpeakerFactory(name="Mina Kym", slug="mina-kym")
    for _ in range(3):  # the typo is heard more: that must not make it the survivor
        SegmentFactory(speaker=typo)
    page = browser_page
    log_in(page, editor)

    # From the typo's own page, its likely duplicate comes chosen.
    page.goto(f"/admin/episodes/speaker/{typo.pk}/change/")
    page.get_by_role("link", name="Merge with another speaker").click()
    expect(page.get_by_role("radio", name="Mina Kim (KQED)")).to_be_checked()
    page.get_by_role("button", name="Compare them").click()

    # Side by side; the one with a page history is proposed, and either can be kept.
    expect(page.locator(".staff-compare")).to_contain_text("Paragraphs")
    expect(page.locator(".staff-paragraph-count")).to_have_text(["3", "1"])
    keep_real = page.get_by_role("radio", name="Keep “Mina Kim” (proposed")
    expect(keep_real).to_be_checked()
    page.get_by_role("radio", name="Keep “Mina Kym”").check()
    page.get_by_role("radio", name="Keep “Mina Kim” (proposed").check()
    page.get_by_role("button", name="Merge them").click()

    expect(page.locator(".messagelist")).to_contain_text("Merged “Mina Kym” into “Mina Kim”")
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Mina Kim"]
    assert real.segments.count() == 4
    assert list(real.aliases.values_list("name", flat=True)) == ["Mina Kym"]


def test_the_bulk_action_shows_both_and_keeps_the_one_chosen(browser_page, editor):
    real = SpeakerFactory(name="Mina Kim", slug="mina-kim", bio="Host of Forum.")
    typo = SpeakerFactory(name="Mina Kym", slug="mina-kym")
    for _ in range(3):
        SegmentFactory(speaker=typo)
    page = browser_page
    log_in(page, editor)
    page.goto("/admin/episodes/speaker/")
    for speaker in (real, typo):
        page.locator(f"input[name=_selected_action][value='{speaker.pk}']").check()
    page.select_option("select[name=action]", "merge_selected")
    page.locator("button[name=index]").click()
    expect(page.get_by_role("radio", name="Keep “Mina Kim” (proposed")).to_be_checked()
    page.get_by_role("button", name="Merge them").click()
    expect(page.locator(".messagelist")).to_contain_text("into “Mina Kim”")
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Mina Kim"]


def test_unpublish_asks_first_and_says_what_leaves_the_site(browser_page, editor):
    episode = EpisodeFactory(title="Water week", is_published=True)
    page = browser_page
    log_in(page, editor)
    page.goto(f"/admin/episodes/episode/{episode.pk}/change/")
    page.get_by_role("link", name="Unpublish…").click()
    consequences = page.locator(".staff-consequences")
    expect(consequences).to_contain_text(f"{episode.get_absolute_url()} will answer “not found”")
    expect(consequences).to_contain_text("RSS and Atom feeds")
    page.get_by_role("link", name="No, go back").click()
    expect(page.get_by_role("link", name="Unpublish…")).to_be_visible()
    assert Episode.objects.get().is_published

    page.get_by_role("link", name="Unpublish…").click()
    page.get_by_role("button", name="Yes, unpublish it").click()
    expect(page.locator(".messagelist")).to_contain_text("is unpublished")
    expect(page.locator(".staff-status")).to_contain_text("A draft")
    assert not Episode.objects.get().is_published


def test_restore_asks_first(browser_page, editor):
    episode = EpisodeFactory(title="Water week")
    import_transcript(b"Rosa: One.\n", filename="first.txt", episode=episode)
    import_transcript(b"Rosa: Two.\n", filename="second.txt", episode=episode, replace=True)
    page = browser_page
    log_in(page, editor)
    page.goto(f"/admin/episodes/episode/{episode.pk}/change/")
    page.get_by_role("link", name="Restore this version…").click()
    expect(page.locator(".staff-consequences")).to_contain_text(
        "Version 1 (first.txt, 1 paragraph(s)) becomes the current transcript in place of version 2"
    )
    page.get_by_role("button", name="Yes, restore version 1").click()
    expect(page.locator(".messagelist")).to_contain_text("Version 1 is the current transcript")
    assert episode.transcripts.get(is_current=True).version == 1
