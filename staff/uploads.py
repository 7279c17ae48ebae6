"""Receiving a transcript file: refused past MAX_UPLOAD_MB as it streams in, then kept
as a PendingUpload until staff confirm or cancel its preview."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction

from staff.models import PendingUpload
from transcripts.errors import TranscriptImportError
from transcripts.pipeline import check_size, prepare_transcript
from transcripts.prepared_json import StalePreparedData, prepared_from_json, prepared_to_json


def upload_limit_bytes():
    return settings.MAX_UPLOAD_MB * 1024 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """Drops a file part the moment it passes MAX_UPLOAD_MB, so it is never kept whole.

    Placed first among the request's handlers; the refusal is left on the request
    (``request.upload_refusal``) for the form to show, and parsing of the other
    fields goes on.
    """

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        if self.content_length is not None and self.content_length > upload_limit_bytes():
            self._refuse(self.content_length)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > upload_limit_bytes():
            self._refuse(self._whole_request_size())
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers keep the file

    def _whole_request_size(self):
        # The request's length says how big the file is, give or take the form fields.
        return max(self.received, int(self.request.META.get("CONTENT_LENGTH") or 0))

    def _refuse(self, size):
        try:
            check_size(size, filename=self.file_name)
        except TranscriptImportError as error:
            self.request.upload_refusal = str(error)
        raise SkipFile


def limit_upload_size(request):
    """Put the size check in front of the request's upload handlers (before the body is read)."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request))


def keep_upload(
    *, user, file_name, data, prepared, duration_s=None, episode=None, show=None, format=""
):
    """Store an uploaded file and what the pipeline made of it (prepared for an episode of
    ``duration_s``) for its preview; forgotten uploads of a day ago go."""
    with transaction.atomic():
        PendingUpload.objects.stale().delete()
        return PendingUpload.objects.create(
            uploaded_by=user,
            file_name=file_name[:255],
            data=data,
            episode=episode,
            show=show,
            format=format or "",
            prepared=_stored(prepared, duration_s),
        )


def _stored(prepared, duration_s):
    return {**prepared_to_json(prepared), "duration_s": duration_s}


def prepared_upload(pending, *, duration_s=None):
    """The upload as the pipeline prepared it, read back from the database.

    The file is prepared again only when what is stored no longer fits the pipeline's
    classes, or when its times were estimated over a duration other than
    ``duration_s`` (staff corrected the episode's length in the preview).
    """
    stored = pending.prepared or {}
    try:
        prepared = prepared_from_json(stored)
    except StalePreparedData:
        prepared = None
    if prepared is not None:
        # As prepare_transcript does: a duration not given is the file's own.
        from_file = prepared.parsed.metadata.duration_s
        if prepared.timing != "estimated" or (stored.get("duration_s") or from_file) == (
            duration_s or from_file
        ):
            return prepared
    prepared = prepare_transcript(
        bytes(pending.data),
        filename=pending.file_name,
        format=pending.format or None,
        duration_s=duration_s,
    )
    pending.prepared = _stored(prepared, duration_s)
    pending.save(update_fields=["prepared"])
    return prepared
