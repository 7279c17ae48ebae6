"""The staff workflow's admin pages. Thin: forms in, a service call, a redirect.

They are mounted by the ModelAdmins' ``get_urls`` (episodes/admin.py,
transcripts/admin.py) behind ``admin_site.admin_view``, so only logged-in staff
reach them; each checks the model permission its change needs. A module a screen:
``imports`` (upload, preview, confirm), ``publishing`` (publish, restore a
version), ``transcript_editor``, ``merge`` (speakers); ``pages`` is what they share.
"""

from staff.views.imports import import_preview, upload_transcript
from staff.views.merge import merge_speaker
from staff.views.pages import confirm_page
from staff.views.publishing import publish_episode, restore_version
from staff.views.transcript_editor import split_paragraph, transcript_editor

__all__ = [
    "confirm_page",
    "import_preview",
    "merge_speaker",
    "publish_episode",
    "restore_version",
    "split_paragraph",
    "transcript_editor",
    "upload_transcript",
]
