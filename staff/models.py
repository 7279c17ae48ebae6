"""What the staff workflow keeps: uploads waiting for confirmation.

(The trail of changes is the catalogue's: episodes.trail.)
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from episodes.models import Episode, Show

# An upload nobody confirmed or cancelled within this long is thrown away.
PENDING_LIFETIME = timedelta(days=1)


def new_token():
    return secrets.token_urlsafe(24)


class PendingUploadQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(uploaded_by=user)

    def stale(self):
        return self.filter(created_at__lt=timezone.now() - PENDING_LIFETIME)

    def claim(self, pending):
        """Lock ``pending``'s row until the transaction ends: False if it is gone already
        (confirmed or cancelled; a second click on confirm waits here, then finds that)."""
        return self.select_for_update().filter(pk=pending.pk).exists()


class PendingUpload(models.Model):
    """A transcript file between its preview and its confirmation.

    The bytes wait here, not in a process's memory or a session, so any app server
    can answer the confirm; nothing in the catalogue is written until then.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    # The episode chosen on the upload form; none means a new episode from the file.
    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    show = models.ForeignKey(
        Show, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    format = models.CharField(max_length=20, blank=True)
    # The file as the pipeline prepared it at upload (transcripts.prepared_json), so the
    # preview and the confirm never parse it again; empty means prepare it again.
    prepared = models.JSONField(null=True, blank=True, editable=False)

    objects = PendingUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name
