"""The staff home and a draft's public page as staff see it."""

import pytest
from django.test import Client

from tests.factories import EpisodeFactory, TranscriptFactory

pytestmark = pytest.mark.django_db


def test_the_staff_home_starts_with_import_recent_imports_and_drafts(editor_client):
    draft = EpisodeFactory(title="Awaiting review", is_published=False)
    TranscriptFactory(episode=draft, source_name="review.vtt")
    html = editor_client.get("/admin/").content.decode()
    assert "Forum Archive: staff" in html
    assert "Django administration" not in html
    assert html.index("Import a transcript") < html.index("Drafts awaiting review")
    assert "/admin/episodes/episode/import/" in html
    assert "Awaiting review" in html
    assert "review.vtt" in html


def test_internal_tables_are_not_listed_to_editors(editor_client, admin_client):
    for hidden in ("Speaker slug redirects", "Access attempts"):
        assert hidden not in editor_client.get("/admin/").content.decode()
    assert "Speaker slug redirects" in admin_client.get("/admin/").content.decode()


def test_staff_read_a_draft_as_readers_will_marked_and_noindex(editor_client):
    draft = EpisodeFactory(title="Awaiting review", is_published=False)
    assert Client().get(draft.get_absolute_url()).status_code == 404
    page = editor_client.get(draft.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "A draft." in html
    assert "no-store" in page["Cache-Control"]
    # The admin's "View on site" leads there too.
    view_on_site = editor_client.get(f"/admin/episodes/episode/{draft.pk}/change/")
    assert "View on site" in view_on_site.content.decode()
