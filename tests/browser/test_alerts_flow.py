"""A reader follows a search by email, from the page to the unsubscribe click."""

from datetime import date

import pytest
from playwright.sync_api import expect

from alerts.models import Alert
from tests.alerts.conftest import mailbox  # noqa: F401 (the in-process SMTP server)
from tests.factories import EpisodeFactory, SegmentFactory, ShowFactory, TranscriptFactory
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db(transaction=True)


def test_subscribe_confirm_receive_one_digest_and_unsubscribe(
    browser_page,
    live_server,
    mailbox,  # noqa: F811 (the fixture imported above)
    settings,
):
    settings.SITE_URL = live_server.url
    show = ShowFactory(name="Bay Commons")
    SegmentFactory(
        transcript=TranscriptFactory(episode=EpisodeFactory(show=show, title="Earlier")),
        text="Housing came up last week too.",
    )
    page = browser_page
    page.goto("/search/?q=housing")
    page.get_by_role("link", name="Email me when this comes up").click()
    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_label("as soon as it is published").check()
    page.get_by_role("button", name="Send me a confirmation link").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    (confirmation,) = mailbox.to("reader@example.org")
    page.goto(mailbox.link(confirmation, "/alerts/confirm/"))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Alert confirmed")).to_be_visible()

    episode = EpisodeFactory(
        show=show, title="Rents", air_date=date(2026, 3, 5), is_published=False
    )
    import_transcript(
        b"Dana Whitfield: The housing question again.\nAmara Bell: Yes, housing.\n",
        filename="rents.txt",
        episode=episode,
    )
    digests = mailbox.to("reader@example.org")[1:]
    assert [m["Subject"] for m in digests] == ["“housing”: 2 new paragraphs"]

    page.goto(mailbox.link(digests[0], "/alerts/unsubscribe/"))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="Unsubscribed")).to_be_visible()
    assert not Alert.objects.exists()
