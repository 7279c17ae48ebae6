"""Email alerts end to end through a real SMTP server (aiosmtpd, in-process)."""

import logging
import re
import time
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts import services
from alerts.models import Alert, Match
from alerts.tasks import next_digest_time, send_digests
from episodes.services import set_published
from tests.factories import EpisodeFactory, SegmentFactory, ShowFactory, SpeakerFactory
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db

TRANSCRIPT = b"""Dana Whitfield: Welcome back. Today, the housing crisis on the shore.
Amara Bell: Rents went up again. Housing is the question everyone asks me about.
Dana Whitfield: And the water district?
Amara Bell: That is another story entirely.
"""


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def subscribe(client, query, email, frequency="daily", **extra):
    return client.post(
        "/alerts/new/", {"query": query, "email": email, "frequency": frequency}, **extra
    )


def subscribed(client, mailbox, query, email, frequency="daily"):
    """A confirmed alert, the way a reader makes one: the form, then the emailed link."""
    assert subscribe(client, query, email, frequency).status_code == 200
    link = mailbox.link(mailbox.to(email)[-1], "/alerts/confirm/")
    assert client.post(path_of(link)).status_code == 200
    return Alert.objects.get(email=email, query=query)


def import_episode(data=TRANSCRIPT, *, publish=True, show=None, on_commit):
    episode = EpisodeFactory(
        show=show or ShowFactory(name="Bay Commons"),
        title="Rents on the shore",
        air_date=date(2026, 3, 5),
        is_published=False,
    )
    with on_commit(execute=True):
        import_transcript(data, filename="rents.txt", episode=episode, publish=publish)
    return episode


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


# --- Subscribing ----------------------------------------------------------------------


def test_search_speaker_and_show_pages_offer_an_alert(client):
    episode = EpisodeFactory(show=ShowFactory(name="Bay Commons"))
    speaker = SpeakerFactory(name="Amara Bell")
    SegmentFactory(transcript__episode=episode, speaker=speaker, text="housing again")
    episode.appearances.create(speaker=speaker)
    for page, query in [
        ("/search/?q=housing&show=bay-commons", "q=housing&amp;show=bay-commons"),
        ("/speakers/amara-bell/", "speaker=amara-bell"),
        ("/shows/bay-commons/", "show=bay-commons"),
    ]:
        html = client.get(page).content.decode()
        assert f'href="/alerts/new/?{query}">Email me when this comes up' in html, page
    form = client.get("/alerts/new/?speaker=amara-bell")
    assert "Amara Bell" in form.content.decode() and 'name="email"' in form.content.decode()
    assert client.get("/alerts/new/?speaker=nobody").status_code == 400


def test_subscribing_sends_a_confirmation_and_nothing_else_until_confirmed(
    client, mailbox, on_commit
):
    response = subscribe(client, "q=housing", "Reader@Example.org")
    assert response.status_code == 200 and "Check your inbox" in response.content.decode()
    (message,) = mailbox.to("reader@example.org")
    assert message["Subject"] == "Confirm your alert: “housing”"
    assert "/alerts/confirm/" in mailbox.html(message)
    import_episode(on_commit=on_commit)
    assert len(mailbox.messages) == 1  # not confirmed: no digest
    assert not Match.objects.exists()


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client, mailbox):
    subscribed(client, mailbox, "q=housing", "known@example.org")
    known = subscribe(client, "q=housing", "known@example.org")
    new = subscribe(client, "q=housing", "new@example.org")
    assert known.status_code == new.status_code == 200
    strip = lambda response, address: response.content.decode().replace(address, "ADDRESS")  # noqa: E731
    assert strip(known, "known@example.org") == strip(new, "new@example.org")


def test_the_form_needs_its_csrf_token(mailbox):
    strict = Client(enforce_csrf_checks=True)
    assert subscribe(strict, "q=housing", "reader@example.org").status_code == 403
    assert mailbox.messages == []


def test_subscriptions_are_rate_limited_per_client_address_and_per_email(client, mailbox, settings):
    settings.ALERT_SUBSCRIBE_RATE_IP, settings.ALERT_SUBSCRIBE_RATE_EMAIL = "3/h", "2/h"
    statuses = [
        subscribe(client, "q=housing", f"reader{n}@example.org").status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    from_elsewhere = [
        subscribe(client, "q=rent", "target@example.org", REMOTE_ADDR=f"192.0.2.{n}")
        for n in range(3)
    ]
    assert [r.status_code for r in from_elsewhere] == [200, 200, 429]
    assert from_elsewhere[-1]["Retry-After"]
    assert len(mailbox.to("target@example.org")) == 2


def test_confirmation_links_expire_and_opening_one_confirms_nothing(
    client, mailbox, monkeypatch, settings
):
    subscribe(client, "q=housing", "reader@example.org")
    link = path_of(mailbox.link(mailbox.messages[-1], "/alerts/confirm/"))
    assert "Confirm" in client.get(link).content.decode()
    assert Alert.objects.get().confirmed_at is None  # a mail scanner opening it confirms nothing
    later = time.time() + (settings.ALERT_CONFIRM_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.post(link).status_code == 400
    assert Alert.objects.get().confirmed_at is None
    assert client.post(link.replace("/confirm/", "/confirm/x")).status_code == 400


# --- Sending --------------------------------------------------------------------------


def test_an_import_sends_one_digest_grouped_by_episode_with_links_to_the_moment(
    client, mailbox, on_commit
):
    subscribed(client, mailbox, "q=housing", "reader@example.org")
    episode = import_episode(on_commit=on_commit)
    (digest,) = [m for m in mailbox.to("reader@example.org") if "Confirm" not in m["Subject"]]
    assert digest["Subject"] == "“housing”: 2 new paragraphs"
    text, html = mailbox.text(digest), mailbox.html(digest)
    assert "Rents on the shore (Bay Commons, Mar 5, 2026)" in text
    assert "Amara Bell: Rents went up again. Housing is the question" in text
    assert "<mark>Housing</mark>" in html and "<mark>housing</mark>" in html
    keys = list(
        episode.transcripts.get().segments.order_by("position").values_list("key", flat=True)
    )
    assert f"http://testserver{episode.get_absolute_url()}#p-{keys[0]}" in text
    assert f"{episode.get_absolute_url()}#p-{keys[1]}" in html
    assert "water district" not in text  # only the matching paragraphs


def test_every_digest_carries_one_click_unsubscribe_headers_and_a_manage_link(
    client, mailbox, on_commit
):
    subscribed(client, mailbox, "q=housing", "reader@example.org")
    import_episode(on_commit=on_commit)
    digest = mailbox.messages[-1]
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    leave = re.fullmatch(r"\s*<(https?://\S+)>\s*", digest["List-Unsubscribe"]).group(1)
    manage = path_of(mailbox.link(digest, "/alerts/manage/"))
    page = client.get(manage).content.decode()
    assert "“housing”" in page and "Remove" in page
    # RFC 8058: the mail client POSTs the one-click body, with no cookie and no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(leave),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Alert.objects.filter(email="reader@example.org").exists()


def test_the_unsubscribe_link_in_the_body_removes_that_alert(client, mailbox, on_commit):
    subscribed(client, mailbox, "q=housing", "reader@example.org")
    subscribed(client, mailbox, "q=water", "reader@example.org")
    import_episode(on_commit=on_commit)
    digest = mailbox.messages[-1]
    assert digest["Subject"] == "Your alerts: 3 new paragraphs"  # one email, both alerts
    assert "== “housing” ==" in mailbox.text(digest) and "== “water” ==" in mailbox.text(digest)
    link = path_of(mailbox.link(digest, "/alerts/unsubscribe/"))
    assert client.get(link).status_code == 200  # opening it removes nothing
    assert Alert.objects.count() == 2
    assert "no more emails about" in client.post(link).content.decode()
    assert list(Alert.objects.values_list("query", flat=True)) == ["q=water"]


def test_drafts_send_nothing_until_they_are_published(client, mailbox, on_commit):
    subscribed(client, mailbox, "q=housing", "reader@example.org")
    before = len(mailbox.messages)
    episode = import_episode(publish=False, on_commit=on_commit)
    assert len(mailbox.messages) == before
    with on_commit(execute=True):
        set_published([episode], published=True)
    assert len(mailbox.messages) == before + 1
    assert "housing" in mailbox.messages[-1]["Subject"]


def test_no_paragraph_is_sent_twice_across_runs_and_new_versions(client, mailbox, on_commit):
    subscribed(client, mailbox, "q=housing", "reader@example.org")
    episode = import_episode(on_commit=on_commit)
    sent = len(mailbox.messages)
    services.collect_matches([episode.pk])  # a second run over the same episode
    send_digests.call("daily")
    with on_commit(execute=True):  # the same words as a new version: the keys carry over
        import_transcript(TRANSCRIPT + b"Dana Whitfield: Thanks.\n", episode=episode, replace=True)
    assert len(mailbox.messages) == sent
    with on_commit(execute=True):  # a new paragraph that matches is news
        import_transcript(
            TRANSCRIPT + b"Dana Whitfield: One more on housing.\n", episode=episode, replace=True
        )
    assert len(mailbox.messages) == sent + 1
    assert "1 new paragraph" in mailbox.messages[-1]["Subject"]


def test_speaker_and_show_alerts_never_send_stage_directions(client, mailbox, on_commit):
    show = EpisodeFactory(show=ShowFactory(name="Bay Commons")).show
    subscribed(client, mailbox, "show=bay-commons", "reader@example.org")
    import_episode(TRANSCRIPT + b"(LAUGHTER)\n", show=show, on_commit=on_commit)
    digest = mailbox.messages[-1]
    assert "4 new paragraphs" in digest["Subject"]
    assert "LAUGHTER" not in mailbox.text(digest)


def test_a_failing_address_does_not_stop_the_others_and_is_given_up_with_a_log_line(
    client, mailbox, on_commit, settings, caplog
):
    subscribed(client, mailbox, "q=housing", "bounces@example.org")
    subscribed(client, mailbox, "q=housing", "reader@example.org")
    mailbox.refuse.add("bounces@example.org")
    episode = import_episode(on_commit=on_commit)
    assert "housing" in mailbox.to("reader@example.org")[-1]["Subject"]
    waiting = Match.objects.filter(alert__email="bounces@example.org")
    assert waiting.count() == 2 and set(waiting.values_list("attempts", flat=True)) == {1}
    send_digests.call("daily")
    assert set(waiting.values_list("attempts", flat=True)) == {1}  # not before retry_after
    settings.ALERT_RETRY_MINUTES = 0
    waiting.update(retry_after=timezone.now())  # as if the wait had passed
    with caplog.at_level(logging.WARNING, logger="alerts"):
        for _ in range(settings.ALERT_MAX_ATTEMPTS - 1):
            send_digests.call("daily")
    assert all(match.given_up_at for match in waiting)
    assert "gave up sending 2 alert match(es) to bounces@example.org" in caplog.text
    mailbox.refuse.clear()
    send_digests.call("daily")
    assert not [m for m in mailbox.to("bounces@example.org") if "housing" in m["Subject"][:12]]
    assert episode.pk


def test_with_the_database_queue_daily_digests_wait_for_the_digest_hour(
    client, mailbox, on_commit, settings, monkeypatch
):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker closes its connection between tasks; here that is the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    subscribed(client, mailbox, "q=housing", "daily@example.org", "daily")
    subscribed(client, mailbox, "q=housing", "now@example.org", "immediate")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    before = len(mailbox.messages)
    import_episode(on_commit=on_commit)
    queued = DBTaskResult.objects.values_list("task_path", flat=True)
    assert set(queued) == {"alerts.tasks.deliver_new_paragraphs"}  # the worker runs them
    assert len(mailbox.messages) == before
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert [m["To"] for m in mailbox.messages[before:]] == ["now@example.org"]
    waiting = DBTaskResult.objects.filter(status="READY")
    assert {task.run_after for task in waiting} == {next_digest_time()}
    send_digests.call("daily")  # what the worker does at the digest hour
    assert [m["To"] for m in mailbox.messages[before:]] == ["now@example.org", "daily@example.org"]
