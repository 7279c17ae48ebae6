"""The trail moves from the staff app to the catalogue (episodes.trail), keeping its rows.

Here only Django's idea of the model moves (no SQL): the table is still staff_trailentry.
staff 0004 forgets the model there, and 0005 renames the table and moves its content
type (with the permissions granted on it, the Editors' "view" among them).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("episodes", "0003_speaker_slug_redirect"),
        ("staff", "0003_pending_upload_prepared"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TrailEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                        ("user_name", models.CharField(blank=True, max_length=150)),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("imported", "imported a transcript"),
                                    ("replaced", "replaced the transcript"),
                                    ("restored", "restored an earlier version"),
                                    ("edited", "edited a paragraph"),
                                    ("assigned", "assigned paragraphs to a speaker"),
                                    ("split", "split a paragraph"),
                                    ("joined", "merged two paragraphs"),
                                    ("speakers merged", "merged speakers"),
                                    ("published", "published"),
                                    ("unpublished", "unpublished"),
                                ],
                                max_length=30,
                            ),
                        ),
                        ("summary", models.CharField(max_length=500)),
                        ("details", models.JSONField(blank=True, default=dict)),
                        (
                            "episode",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="trail",
                                to="episodes.episode",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "trail entry",
                        "verbose_name_plural": "trail",
                        "ordering": ["-at", "-pk"],
                        "indexes": [
                            models.Index(fields=["episode", "-at"], name="trail_episode_at")
                        ],
                        "db_table": "staff_trailentry",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
