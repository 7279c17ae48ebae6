"""Moving the trail from the staff app to the catalogue keeps every entry, and the
permissions granted on it (the Editors' "view")."""

import pytest
from django.db import connection

from tests.migrating import migrate

BEFORE = [("episodes", "0003_speaker_slug_redirect"), ("staff", "0003_pending_upload_prepared")]
AFTER = [("episodes", "0005_trailentry_table"), ("staff", "0004_trailentry_to_episodes")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_the_trail_moves_to_episodes_with_its_rows_and_the_permissions_on_it():
    old_apps = migrate(BEFORE)
    Episode = old_apps.get_model("episodes", "Episode")
    Show = old_apps.get_model("episodes", "Show")
    OldTrailEntry = old_apps.get_model("staff", "TrailEntry")
    show = Show.objects.create(name="Forum", slug="forum")
    episode = Episode.objects.create(show=show, title="Water", slug="water", air_date="2025-11-14")
    OldTrailEntry.objects.create(
        action="imported", episode=episode, user_name="rosa", summary="Imported a.txt"
    )
    # A group allowed to read the trail, as staff 0002 makes the Editors (the test database
    # is emptied between transactional tests, so the test makes its own).
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Permission = old_apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="staff", model="trailentry")
    view, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_trailentry", defaults={"name": "Can view"}
    )
    old_apps.get_model("auth", "Group").objects.create(name="Trail readers").permissions.add(view)

    new_apps = migrate(AFTER)

    TrailEntry = new_apps.get_model("episodes", "TrailEntry")
    entry = TrailEntry.objects.get()
    assert entry.summary == "Imported a.txt"
    assert (entry.user_name, entry.episode_id) == ("rosa", episode.pk)
    assert TrailEntry._meta.db_table == "episodes_trailentry"
    readers = new_apps.get_model("auth", "Group").objects.get(name="Trail readers")
    assert readers.permissions.filter(
        content_type__app_label="episodes", codename="view_trailentry"
    ).exists()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "staff_trailentry" not in tables
