"""Reading in a real browser: shared links land exactly, below the player, at desktop and
phone widths; old links survive edits; the transcript comes first; every page passes axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.waiting import FULLY_BELOW_THE_PLAYER, wait_until
from tests.factories import EpisodeFactory
from tests.shared_files import SEED_PAGE, shared_file
from transcripts.models import Segment
from transcripts.services import editing, import_transcript

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [(1280, 900), (360, 740)]


def timed_vtt():
    """Cues that start mid-second (0:42.651) and two paragraphs starting within one second."""
    starts = [500, 6_200, 12_900, 13_400, 20_000, 27_651, 33_100, 42_651, 50_050, 58_999]
    cues = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else start + 5_000
        speaker = "Rosa Delgado" if number % 2 == 0 else "Sam Ortiz"
        cues.append(
            f"{stamp(start)} --> {stamp(end)}\n<v {speaker}>Paragraph {number + 1} about the "
            f"levee, the river and the storm that came in the night."
        )
    return ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode()


def stamp(ms):
    return f"00:{ms // 60_000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def untimed_text():
    turns = [
        f"{'Rosa Delgado' if n % 2 == 0 else 'Sam Ortiz'}: Turn {n + 1} on water rights, "
        f"the aquifer and the farms that rely on it every single summer."
        for n in range(10)
    ]
    return "\n\n".join(turns).encode()


@pytest.fixture
def timed_and_estimated(audio_url):
    timed = EpisodeFactory(title="Levee Night", duration_s=90, media_url=audio_url)
    import_transcript(timed_vtt(), filename="levee.vtt", episode=timed)
    estimated = EpisodeFactory(title="Water Rights", duration_s=90, media_url=audio_url)
    import_transcript(untimed_text(), filename="water.txt", episode=estimated, format="txt")
    assert estimated.transcripts.get().is_estimated
    return [timed, estimated]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_copied_link_opens_its_own_paragraph_fully_below_the_player(
    chromium, live_server, timed_and_estimated, width, height
):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    for episode in timed_and_estimated:
        anchors = [s.anchor for s in Segment.objects.filter(transcript__episode=episode)]
        assert len(anchors) == 10
        for anchor in anchors:
            page.goto(episode.get_absolute_url())
            button = page.locator(f"#{anchor} button.copy-link")
            button.click()
            # episode.js says "Copied" once the clipboard holds the link.
            expect(button).to_contain_text("Copied")
            copied = page.evaluate("navigator.clipboard.readText()")
            assert "?t=" in copied
            page.goto(copied)
            expect(page).to_have_url(re.compile(f"#{anchor}$"))
            paragraph = page.locator(f"#{anchor}")
            expect(paragraph).to_have_class(re.compile(r"\bcurrent\b"))
            expect(paragraph).to_be_in_viewport(ratio=1)
            wait_until(
                page,
                FULLY_BELOW_THE_PLAYER,
                anchor,
                what=f"{episode.title} {anchor} ({copied}) is fully below the player",
            )
    context.close()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_moment_link_without_javascript_also_clears_the_player(
    chromium, live_server, timed_and_estimated, width, height
):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        java_script_enabled=False,
    )
    page = context.new_page()
    episode = timed_and_estimated[0]
    eighth = Segment.objects.get(transcript__episode=episode, position=8)  # starts at 0:42.651
    page.goto(f"{episode.get_absolute_url()}?t=42")
    expect(page).to_have_url(re.compile(f"#{eighth.anchor}$"))
    paragraph = page.locator(f"#{eighth.anchor}")
    expect(paragraph).to_be_in_viewport(ratio=1)
    wait_until(page, FULLY_BELOW_THE_PLAYER, eighth.anchor, what="it is fully below the player")
    context.close()


def test_a_split_or_merge_leaves_an_old_link_and_a_feed_item_on_the_same_words(
    browser_page, live_server, timed_and_estimated
):
    episode = timed_and_estimated[0]
    segments = list(Segment.objects.filter(transcript__episode=episode).order_by("position"))
    third, fifth = segments[2], segments[4]  # Rosa's paragraphs 3 and 5
    old_link = third.get_absolute_url()
    feed = browser_page.request.get("/search/feed/rss/?q=levee").text()
    assert f"{live_server.url}{old_link}" in feed or old_link in feed

    editing.split_segment(segments[0], at=len("Paragraph 1 about the levee,"))
    editing.assign_speaker([segments[3]], speaker=third.speaker)
    editing.merge_with_next(third)  # paragraph 3 takes paragraph 4 in
    editing.merge_with_next(Segment.objects.get(pk=third.pk))  # and then paragraph 5
    assert not Segment.objects.filter(pk=fifth.pk).exists()

    for link in (old_link, fifth.get_absolute_url()):
        browser_page.goto(link)
        anchor = link.rsplit("#", 1)[1]
        landed = browser_page.locator(f".segment:has(#{anchor}), .segment#{anchor}")
        expect(landed).to_contain_text(
            "Paragraph 3 about the levee" if link == old_link else "Paragraph 5 about the levee"
        )
        expect(landed).to_be_in_viewport()
    feed_after = browser_page.request.get("/search/feed/rss/?q=levee").text()
    assert old_link in feed_after  # the same item, the same link, the same words


def test_the_seed_transcript_starts_within_the_first_screen_of_a_desktop(browser_page):
    seed = shared_file(SEED_PAGE.relative_to(SEED_PAGE.parents[1]))
    episode = import_transcript(seed.read_bytes(), filename=seed.name).episode
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto(episode.get_absolute_url())
    first = browser_page.locator(".transcript .segment").first
    expect(first).to_be_visible()
    wait_until(
        browser_page,
        "() => document.querySelector('.transcript .segment').getBoundingClientRect().top + 30"
        " < window.innerHeight",
        what="its first line is on the first screen",
    )


def test_search_matches_are_marked_in_the_transcript_with_next_and_previous(
    browser_page, timed_and_estimated
):
    episode = timed_and_estimated[0]
    browser_page.goto("/search/?q=levee")
    hit = browser_page.locator(".search-result .hit-link").first
    hit.click()
    expect(browser_page).to_have_url(re.compile(r"\?q=levee#p-"))
    marks = browser_page.locator(".transcript .segment.match mark")
    expect(marks.first).to_have_text(re.compile("levee", re.I))
    first = browser_page.locator(".transcript .segment.match").first
    second = browser_page.locator(".transcript .segment.match").nth(1)
    current = re.compile(r"\bcurrent\b")
    first.locator("a[data-match-next]").click()
    expect(browser_page).to_have_url(re.compile(f"#{second.get_attribute('id')}$"))
    expect(second).to_have_class(current)
    browser_page.keyboard.press("p")
    expect(browser_page).to_have_url(re.compile(f"#{first.get_attribute('id')}$"))
    expect(first).to_have_class(current)
    browser_page.keyboard.press("n")
    expect(second).to_have_class(current)
    expect(browser_page).to_have_url(re.compile(re.escape(episode.get_absolute_url())))


def public_pages(episode, speaker):
    return [
        "/",
        "/episodes/",
        episode.get_absolute_url(),
        f"{episode.get_absolute_url()}?q=levee",
        "/speakers/",
        reverse("episodes:speaker_detail", args=[speaker.slug]),
        "/topics/",
        "/shows/",
        f"/shows/{episode.show.slug}/",
        "/search/",
        "/search/?q=levee",
        "/search/?q=leveee",  # no results: the suggestions page
        "/no-such-page/",
    ]


def test_every_public_page_passes_axe_in_light_and_dark_at_both_widths(
    chromium, live_server, timed_and_estimated
):
    episode = timed_and_estimated[0]
    speaker = Segment.objects.filter(transcript__episode=episode).first().speaker
    failures = []
    for scheme in ("light", "dark"):
        for width, height in WIDTHS:
            context = chromium.new_context(
                base_url=live_server.url,
                viewport={"width": width, "height": height},
                color_scheme=scheme,
            )
            page = context.new_page()
            for path in public_pages(episode, speaker):
                page.goto(path)
                results = Axe().run(page)
                if results.violations_count:
                    failures.append(f"{path} {scheme} {width}px:\n{results.generate_report()}")
            context.close()
    assert not failures, "\n".join(failures)


def test_a_link_focused_with_shift_tab_is_scrolled_out_from_under_the_player(
    chromium, live_server, timed_and_estimated
):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(timed_and_estimated[0].get_absolute_url())
    time_link = page.locator(".transcript a.time").nth(3)
    after_it = page.locator(".transcript .segment").nth(3).locator("button.copy-link")
    expect(after_it).to_be_visible()
    # Scroll the link up under the sticky player, then come back to it from the next control.
    page.evaluate(
        "(el) => { el.scrollIntoView({block: 'start'}); scrollBy(0, 120); }",
        time_link.element_handle(),
    )
    page.evaluate("(el) => el.focus({preventScroll: true})", after_it.element_handle())
    page.keyboard.press("Shift+Tab")
    expect(time_link).to_be_focused()
    expect(time_link).to_be_in_viewport(ratio=1)
    wait_until(
        page,
        "(link) => link.getBoundingClientRect().top"
        " >= document.querySelector('.player').getBoundingClientRect().bottom",
        time_link.element_handle(),
        what="the focused link is below the player",
    )
    context.close()
