"""The trail is the catalogue's now (episodes 0004): forget the model here, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0003_pending_upload_prepared"),
        ("episodes", "0004_trailentry_from_staff"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="TrailEntry")],
            database_operations=[],
        ),
    ]
