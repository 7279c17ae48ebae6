"""Email alerts: a saved search (words and filters, or a speaker or a show) and an address.

Nothing is sent to an address before it confirms (``confirmed_at``); each paragraph an
alert has found is a ``Match``, unique per alert, episode and stable paragraph key, so
no paragraph is ever sent twice, whatever runs and re-imports come after.
"""

from django.db import models
from django.http import QueryDict

from episodes.models import Episode
from transcripts.models import Segment


class Frequency(models.TextChoices):
    DAILY = "daily", "once a day, in one email"
    IMMEDIATE = "immediate", "as soon as it is published"


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Alert(models.Model):
    email = models.EmailField(db_index=True)
    # The search it follows, as the search page's query string (q, speaker, show, ...),
    # its parameters sorted: the same search is one alert.
    query = models.CharField(max_length=1000)
    label = models.CharField(max_length=300, help_text="What it follows, as emails name it.")
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["email", "created_at"]
        constraints = [
            models.UniqueConstraint("email", "query", name="alert_once_per_address_and_search"),
            models.CheckConstraint(
                condition=models.Q(frequency__in=["daily", "immediate"]),
                name="alert_frequency_valid",
            ),
        ]

    def __str__(self):
        return f"{self.label} for {self.email}"

    @property
    def params(self):
        return QueryDict(self.query)


class Match(models.Model):
    """A paragraph an alert found: waiting to be sent, sent, or given up on."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="matches")
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="+")
    paragraph_key = models.CharField(max_length=16)
    # The paragraph as found (a later version of the transcript keeps its key).
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="+")
    found_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # After a failed attempt: not tried again before this (ALERT_RETRY_MINUTES x attempts).
    retry_after = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(
                "alert", "episode", "paragraph_key", name="match_paragraph_once_per_alert"
            ),
        ]
        indexes = [
            models.Index(
                fields=["alert"],
                condition=models.Q(sent_at__isnull=True, given_up_at__isnull=True),
                name="match_pending",
            )
        ]

    def __str__(self):
        return f"{self.alert}: paragraph {self.paragraph_key} of {self.episode}"
