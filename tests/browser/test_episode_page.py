"""The episode page in a real browser: deep links, the player, following along, copy-link."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.waiting import wait_until
from tests.factories import AppearanceFactory, EpisodeFactory, SpeakerFactory, transcript_saying
from transcripts.models import Segment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def episode(audio_url):
    episode = EpisodeFactory(title="Minute Science", duration_s=90, media_url=audio_url)
    host, guest = SpeakerFactory(name="Nadia Castellanos"), SpeakerFactory(name="Ingrid Halvorsen")
    AppearanceFactory(episode=episode, speaker=host, role="host")
    AppearanceFactory(episode=episode, speaker=guest, role="guest")
    texts = [
        "This is Field Notes, I'm Nadia Castellanos. Why haven't the wells bounced back?",
        "Rain has to travel through the topsoil, then clay, sometimes for years.",
        "How long are we talking?",
        "A raindrop that falls this March might not reach a well until the next decade.",
        "So one wet winter doesn't undo a drought.",
        "Not underground. Farms spread floodwater onto fallow fields to let it sink.",
    ] * 5
    said = [(text, host if n % 2 else guest) for n, text in enumerate(texts, start=1)]
    transcript_saying(episode, *said, first_ms=0, every_ms=3000, lasting_ms=3000)
    return episode


def anchor(episode, position):
    """The id of the paragraph at ``position`` on the page: p-<its stable key>."""
    return Segment.objects.get(transcript__episode=episode, position=position).anchor


def test_a_paragraph_link_lands_on_that_paragraph_and_moves_the_player(browser_page, episode):
    twelfth = anchor(episode, 12)
    browser_page.goto(f"{episode.get_absolute_url()}#{twelfth}")
    target = browser_page.locator(f"#{twelfth}")
    expect(target).to_have_class(re.compile(r"\bcurrent\b"))
    wait_until(
        browser_page,
        "(id) => { const y = document.getElementById(id).getBoundingClientRect().top;"
        " return 0 <= y && y < 300; }",
        twelfth,
        what="the paragraph is scrolled to the top of the window",
    )
    wait_until(browser_page, "() => document.querySelector('audio').currentTime >= 33")


def test_a_shared_moment_link_lands_on_the_paragraph_playing_then(browser_page, episode):
    browser_page.goto(f"{episode.get_absolute_url()}?t=40")
    expect(browser_page).to_have_url(re.compile(f"#{anchor(episode, 14)}$"))  # 39-42 s
    expect(browser_page.locator(".segment.current")).to_have_id(anchor(episode, 14))
    browser_page.goto(f"{episode.get_absolute_url()}#t=7")
    expect(browser_page.locator(".segment.current")).to_have_id(anchor(episode, 3))
    browser_page.goto(f"{episode.get_absolute_url()}#t=0")
    expect(browser_page.locator(".segment.current")).to_have_id(anchor(episode, 1))


def test_clicking_a_time_seeks_the_player_and_marks_the_paragraph(browser_page, episode):
    browser_page.goto(episode.get_absolute_url())
    twentieth = anchor(episode, 20)
    browser_page.click(f"#{twentieth} a.time")
    wait_until(browser_page, "() => document.querySelector('audio').currentTime >= 57")
    expect(browser_page.locator(".segment.current")).to_have_id(twentieth)
    expect(browser_page).to_have_url(re.compile(f"#{twentieth}$"))


def test_the_current_paragraph_follows_playback(browser_page, episode):
    browser_page.goto(episode.get_absolute_url())
    browser_page.evaluate(
        "() => { const a = document.querySelector('audio'); a.currentTime = 10; a.play(); }"
    )
    current = browser_page.locator(".segment.current")
    expect(current).to_have_id(anchor(episode, 4))
    expect(current).to_have_id(anchor(episode, 5))
    expect(browser_page.locator(f"#{anchor(episode, 5)}")).to_have_attribute("aria-current", "true")


def test_copy_link_puts_a_shareable_moment_url_on_the_clipboard(browser_page, episode):
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.goto(episode.get_absolute_url())
    button = browser_page.locator(f"#{anchor(episode, 7)} button.copy-link")
    button.click()
    # episode.js says "Copied" once the clipboard holds the link, so it can be read now.
    expect(button).to_contain_text("Copied")
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"{episode.get_absolute_url()}?t=18")


def test_the_page_works_without_javascript(chromium, live_server, episode):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{episode.get_absolute_url()}?t=40")
    expect(page).to_have_url(re.compile(f"#{anchor(episode, 14)}$"))
    expect(page.locator(f"#{anchor(episode, 14)}")).to_be_in_viewport()
    expect(page.locator("button.copy-link").first).to_be_hidden()
    context.close()


def test_the_episode_page_fits_a_360_pixel_screen(browser_page, episode):
    browser_page.set_viewport_size({"width": 360, "height": 740})
    browser_page.goto(episode.get_absolute_url())
    expect(browser_page.locator(".transcript .segment").first).to_be_visible()
    wait_until(
        browser_page,
        "() => document.documentElement.scrollWidth <= 360",
        what="nothing is wider than the screen",
    )


@pytest.mark.parametrize("path", ["/", "/episodes/", "EPISODE", "/speakers/", "/topics/"])
def test_pages_pass_an_automated_accessibility_check(browser_page, episode, path):
    browser_page.goto(episode.get_absolute_url() if path == "EPISODE" else path)
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()


def test_the_filter_form_narrows_the_list_and_keeps_the_choice_in_the_url(browser_page, episode):
    EpisodeFactory(title="Something Else", show__name="Other Show")
    episode.show.refresh_from_db()
    browser_page.goto("/episodes/")
    cards = browser_page.locator("article.episode-card")
    expect(cards).to_have_count(2)
    browser_page.check(f"input[name=show][value={episode.show.slug}]")
    browser_page.click("form.filters button[type=submit]")
    browser_page.wait_for_url(f"**show={episode.show.slug}**")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Minute Science")


def test_dark_colour_scheme_also_passes_the_accessibility_check(browser_page, episode):
    browser_page.emulate_media(color_scheme="dark")
    browser_page.goto(episode.get_absolute_url())
    expect(browser_page.locator("body")).to_have_css("background-color", "rgb(20, 20, 24)")
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()


def test_printing_gives_a_clean_transcript(browser_page, episode):
    browser_page.emulate_media(media="print")
    browser_page.goto(episode.get_absolute_url())
    expect(browser_page.locator(".site-header")).to_be_hidden()
    expect(browser_page.locator("audio")).to_be_hidden()
    expect(browser_page.locator("form").first).to_be_hidden()
    expect(browser_page.locator(f"#{anchor(episode, 1)}")).to_be_visible()


def test_search_this_episode_finds_stemmed_words_and_links_to_them(browser_page, episode):
    browser_page.goto(episode.get_absolute_url())
    browser_page.fill("#episode-q", "drought")
    browser_page.click("form#search button[type=submit]")
    hits = browser_page.locator(".episode-hits ol.hits li")
    expect(hits).to_have_count(5)
    expect(hits.first.locator("mark")).to_have_text(re.compile("^drought$", re.IGNORECASE))
    hits.first.locator("a").click()
    expect(browser_page).to_have_url(re.compile(f"#{anchor(episode, 5)}$"))
    expect(browser_page.locator(f"#{anchor(episode, 5)}")).to_be_in_viewport()
