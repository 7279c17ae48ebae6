"""Alerts: subscribing (double opt-in), finding new paragraphs, sending digests, leaving.

Links in emails carry signed tokens (django.core.signing, salted per purpose): a
confirmation expires after ALERT_CONFIRM_DAYS, a "manage" link after ALERT_MANAGE_DAYS;
unsubscribe links never do (an old email can always stop the mail).
"""

import logging
from collections import defaultdict
from datetime import timedelta
from smtplib import SMTPException
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert, Frequency, Match
from episodes.models import published_through
from transcripts.feeds import describe as describe_search
from transcripts.filters import SearchForm
from transcripts.models import Segment
from transcripts.search import (
    headline,
    highlighted,
    marked,
    plain_passage,
    query_problem,
    websearch,
)

logger = logging.getLogger("alerts")

CONFIRM, UNSUBSCRIBE, LEAVE_ALL, MANAGE = (
    "alerts.confirm",
    "alerts.unsubscribe",
    "alerts.unsubscribe-all",
    "alerts.manage",
)
# Paragraphs shown per episode in an email; the rest are counted ("and 4 more").
HITS_PER_EPISODE = 3


class InvalidLink(Exception):
    """A token that was not ours, or has expired."""


def sign(purpose, value):
    return signing.dumps(value, salt=purpose)


def unsign(purpose, token, *, max_age_days=None):
    max_age = timedelta(days=max_age_days) if max_age_days else None
    try:
        return signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is one
        raise InvalidLink(str(error)) from error


def absolute(path):
    return settings.SITE_URL + path


# --- What an alert follows --------------------------------------------------------------


def canonical_query(params):
    """The search parameters an alert keeps, sorted: the same search is the same alert."""
    keep = ("q", "speaker", "show", "topic", "date_from", "date_to")
    pairs = [(name, value) for name in keep for value in sorted(params.getlist(name)) if value]
    return urlencode(pairs)


def criteria_for(query_string):
    """The SearchCriteria of a saved query, or None if it no longer validates."""
    form = SearchForm(QueryDict(query_string))
    if not form.is_valid():
        return None
    criteria = form.criteria()
    return criteria if (criteria.words or criteria.has_filters) else None


def describe(criteria):
    """What an alert follows, in words (as the search's feed names it)."""
    return describe_search(criteria)[:300]


# --- Subscribing -----------------------------------------------------------------------


def subscribe(*, email, criteria, query, frequency):
    """Ask ``email`` to confirm an alert. Says nothing about whether it existed: the same
    email goes out either way (a confirmed alert's link only changes its frequency)."""
    email = email.strip().lower()
    alert, _ = Alert.objects.get_or_create(
        email=email,
        query=query,
        defaults={"label": describe(criteria), "frequency": frequency},
    )
    token = sign(CONFIRM, {"alert": alert.pk, "frequency": frequency})
    send_mail_from_templates(
        "alerts/email/confirm",
        to=email,
        subject=f"Confirm your alert: {alert.label}",
        context={
            "alert": alert,
            "frequency": Frequency(frequency).label,
            "confirm_url": absolute(reverse("alerts:confirm", args=[token])),
            "days": settings.ALERT_CONFIRM_DAYS,
        },
    )
    return alert


def alert_to_confirm(token):
    """(alert, frequency) a confirmation link names; InvalidLink if expired or removed."""
    value = unsign(CONFIRM, token, max_age_days=settings.ALERT_CONFIRM_DAYS)
    alert = Alert.objects.filter(pk=value["alert"]).first()
    if alert is None:
        raise InvalidLink("the alert was removed")
    return alert, value["frequency"]


def confirm(token):
    """The alert a confirmation link names, confirmed (with the frequency it asked for)."""
    alert, frequency = alert_to_confirm(token)
    alert.frequency = frequency
    alert.confirmed_at = alert.confirmed_at or timezone.now()
    alert.save(update_fields=["frequency", "confirmed_at"])
    return alert


def unsubscribe(token):
    """Remove the alert an unsubscribe link names; returns its label ("" if it was gone)."""
    alert = Alert.objects.filter(pk=unsign(UNSUBSCRIBE, token)).first()
    if alert is None:
        return ""
    alert.delete()
    return alert.label


def leave_all(token):
    """Remove every alert of the address a List-Unsubscribe link names; how many."""
    deleted, _ = Alert.objects.filter(email=unsign(LEAVE_ALL, token)).delete()
    return deleted


def address_from_manage_link(token):
    return unsign(MANAGE, token, max_age_days=settings.ALERT_MANAGE_DAYS)


def links_for(alert):
    """The paths of an alert's unsubscribe page and of its search, newest first."""
    return {
        "unsubscribe_url": reverse("alerts:unsubscribe", args=[sign(UNSUBSCRIBE, alert.pk)]),
        "search_url": f"{reverse('transcripts:search')}?{alert.query}&sort=date",
    }


def manage_path(email):
    return reverse("alerts:manage", args=[sign(MANAGE, email)])


# --- Finding -------------------------------------------------------------------------


def collect_matches(episode_ids):
    """Record, for every confirmed alert, the paragraphs of these episodes it matches.

    Only what the public search can find counts (published episodes, current
    transcripts, no stage directions: ``SearchCriteria.segments``); a paragraph an
    alert has found before (same episode, same stable key) is not recorded again.
    Returns how many new matches were recorded.
    """
    found = 0
    for alert in Alert.objects.confirmed().order_by("pk"):
        criteria = criteria_for(alert.query)
        if criteria is None:
            logger.warning("alert %s no longer names a valid search: %s", alert.pk, alert.query)
            continue
        segments = criteria.segments().filter(transcript__episode_id__in=episode_ids)
        if criteria.words:
            if query_problem(criteria.words):
                continue
            segments = segments.filter(search_vector=websearch(criteria.words))
        rows = segments.values_list("pk", "key", "transcript__episode_id")
        created = Match.objects.bulk_create(
            [
                Match(alert=alert, episode_id=episode_id, paragraph_key=key, segment_id=pk)
                for pk, key, episode_id in rows
            ],
            ignore_conflicts=True,
        )
        found += len(created)
    return found


# --- Sending -------------------------------------------------------------------------


def pending(frequency):
    """Matches waiting to be sent for confirmed alerts of this frequency, of episodes
    that are published now (an episode unpublished since waits until it is again)."""
    return Match.objects.filter(
        Q(retry_after__isnull=True) | Q(retry_after__lte=timezone.now()),
        published_through("episode__"),
        sent_at__isnull=True,
        given_up_at__isnull=True,
        alert__confirmed_at__isnull=False,
        alert__frequency=frequency,
    )


def send_digests(frequency):
    """One email per address with all its pending matches; returns (sent, failed).

    A failure for one address does not stop the others: its matches stay pending
    with one more attempt counted, wait ALERT_RETRY_MINUTES x attempts before the
    next try, and after ALERT_MAX_ATTEMPTS they are given up with a log line.
    """
    sent = failed = 0
    addresses = pending(frequency).values_list("alert__email", flat=True).distinct()
    for email in sorted(set(addresses)):
        with transaction.atomic():
            # Locked, so two workers running at once never send the same matches twice.
            matches = list(
                pending(frequency)
                .filter(alert__email=email)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("alert", "episode__show", "segment__speaker")
                .order_by("alert_id", "-episode__air_date", "episode_id", "segment__position")
            )
            if not matches:
                continue
            try:
                send_digest(email, matches)
            except (SMTPException, OSError) as error:
                failed += 1
                _count_failure(email, matches, error)
                continue
            Match.objects.filter(pk__in=[m.pk for m in matches]).update(sent_at=timezone.now())
            sent += 1
    return sent, failed


def _count_failure(email, matches, error):
    attempts = max(match.attempts for match in matches) + 1
    ids = [match.pk for match in matches]
    if attempts >= settings.ALERT_MAX_ATTEMPTS:
        Match.objects.filter(pk__in=ids).update(attempts=attempts, given_up_at=timezone.now())
        logger.error(
            "gave up sending %d alert match(es) to %s after %d attempts: %s",
            len(ids),
            email,
            attempts,
            error,
        )
    else:
        wait = timedelta(minutes=settings.ALERT_RETRY_MINUTES * attempts)
        Match.objects.filter(pk__in=ids).update(
            attempts=attempts, retry_after=timezone.now() + wait
        )
        logger.warning(
            "could not send alert email to %s (attempt %d of %d, will retry): %s",
            email,
            attempts,
            settings.ALERT_MAX_ATTEMPTS,
            error,
        )


def send_digest(email, matches):
    """The digest of ``matches`` (all for ``email``): by alert, then episode, newest first."""
    alerts = []
    by_alert = defaultdict(list)
    for match in matches:
        by_alert[match.alert].append(match)
    for alert, alert_matches in by_alert.items():
        snippets = _snippets(alert, [m.segment for m in alert_matches])
        episodes = defaultdict(list)
        for match in alert_matches:
            episodes[match.episode].append(match.segment)
        alerts.append(
            {
                "alert": alert,
                **{name: absolute(path) for name, path in links_for(alert).items()},
                "episodes": [
                    {
                        "episode": episode,
                        "url": absolute(episode.get_absolute_url()),
                        "hits": [snippets[s.pk] for s in segments[:HITS_PER_EPISODE]],
                        "more": max(0, len(segments) - HITS_PER_EPISODE),
                    }
                    for episode, segments in episodes.items()
                ],
            }
        )
    count = len(matches)
    subject = (
        f"{alerts[0]['alert'].label}: {count} new paragraph{'s' if count != 1 else ''}"
        if len(alerts) == 1
        else f"Your alerts: {count} new paragraphs"
    )
    leave_all_url = absolute(reverse("alerts:leave_all", args=[sign(LEAVE_ALL, email)]))
    send_mail_from_templates(
        "alerts/email/digest",
        to=email,
        subject=subject,
        context={
            "alerts": alerts,
            "manage_url": absolute(manage_path(email)),
            "leave_all_url": leave_all_url,
        },
        headers={
            # RFC 8058: mail clients offer "unsubscribe" and POST to this address.
            "List-Unsubscribe": f"<{leave_all_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _snippets(alert, segments):
    """{segment id: hit} with the passage highlighted (HTML) and plain (text part)."""
    criteria = criteria_for(alert.query)
    rows = (
        Segment.objects.filter(pk__in=[s.pk for s in segments])
        .with_urls()
        .select_related("speaker")
        .defer("transcript__original", "transcript__warnings")
    )
    if criteria is not None and criteria.words:
        rows = rows.annotate(found_headline=headline(websearch(criteria.words)))
    hits = {}
    for segment in rows:
        found = getattr(segment, "found_headline", None)
        if found is None:
            html, text = plain_passage(segment.text), plain_passage(segment.text)
        else:
            html, (text, _) = marked(found, segment.text), highlighted(found, segment.text)
        hits[segment.pk] = {
            "segment": segment,
            "speaker": segment.speaker_name,
            "url": absolute(segment.get_absolute_url()),
            "html": html,
            "text": text,
            "estimated": segment.transcript.is_estimated,
        }
    return hits


def send_mail_from_templates(template, *, to, subject, context, headers=None):
    """One email with a plain-text part (template.txt) and an HTML part (template.html)."""
    context = {**context, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
