"""Background work for alerts, on django-tasks (TASKS_BACKEND: immediate or database)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from alerts import services
from alerts.models import Frequency


@task()
def deliver_new_paragraphs(episode_ids):
    """After an import or a publication: find what alerts match, send the immediate ones
    now and leave the rest for the daily digest."""
    services.collect_matches(episode_ids)
    send_digests.enqueue(Frequency.IMMEDIATE)
    schedule_daily_digest()


@task()
def send_digests(frequency):
    sent, failed = services.send_digests(frequency)
    if failed:
        retry_later(frequency, minutes=settings.ALERT_RETRY_MINUTES + 1)
    return {"sent": sent, "failed": failed}


def next_digest_time(now=None):
    """The next ALERT_DIGEST_HOUR o'clock in TIME_ZONE."""
    now = timezone.localtime(now)
    today = timezone.make_aware(datetime.combine(now.date(), time(settings.ALERT_DIGEST_HOUR)))
    return today if today > now else today + timedelta(days=1)


def schedule_daily_digest():
    """Daily digests leave at the digest hour. A backend that cannot wait (the immediate
    one, in development) sends them at once. Scheduling it twice costs nothing: the
    second run finds no pending match."""
    if default_task_backend.supports_defer:
        send_digests.using(run_after=next_digest_time()).enqueue(Frequency.DAILY)
    else:
        send_digests.enqueue(Frequency.DAILY)


def retry_later(frequency, *, minutes):
    """Try failed addresses again once they may be; without a queue that can wait, the
    next run after that will."""
    if default_task_backend.supports_defer:
        run_after = timezone.now() + timedelta(minutes=minutes)
        send_digests.using(run_after=run_after).enqueue(frequency)
