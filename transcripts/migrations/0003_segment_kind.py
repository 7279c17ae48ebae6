import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

from transcripts.migrations import __name__ as _package  # noqa: F401

# PostgreSQL cannot change a generated column's expression in place: the search
# vector (now empty for stage directions) is dropped and added again, with its GIN
# index, which gets back the small pending list of 0002.
SET_LIMIT = "ALTER INDEX segment_search_vector SET (gin_pending_list_limit = 256);"
SEARCH_VECTOR = models.GeneratedField(
    db_persist=True,
    expression=django.contrib.postgres.search.SearchVector(
        models.Case(
            models.When(kind="stage", then=models.Value("")),
            default=models.F("text"),
            output_field=models.TextField(),
        ),
        config="english_unaccent",
    ),
    output_field=django.contrib.postgres.search.SearchVectorField(),
)

class Migration(migrations.Migration):
    dependencies = [
        ("episodes", "0003_speaker_slug_redirect"),
        ("transcripts", "0002_segment_search_vector_small_pending_list"),
    ]

    operations = [
        migrations.AddField(
            model_name="segment",
            name="kind",
            field=models.CharField(
                choices=[("speech", "speech"), ("stage", "stage direction")],
                default="speech",
                db_default="speech",
                max_length=10,
            ),
        ),
        migrations.RemoveIndex(model_name="segment", name="segment_search_vector"),
        migrations.RemoveField(model_name="segment", name="search_vector"),
        migrations.AddField(model_name="segment", name="search_vector", field=SEARCH_VECTOR),
        migrations.AddIndex(
            model_name="segment",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="segment_search_vector"
            ),
        ),
        migrations.RunSQL(SET_LIMIT, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="segment",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["speech", "stage"])), name="segment_kind"
            ),
        ),
        migrations.AddConstraint(
            model_name="segment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "stage"), _negated=True),
                    models.Q(("speaker__isnull", True), ("speaker_label", "")),
                    _connector="OR",
                ),
                name="segment_stage_has_no_speaker",
            ),
        ),
    ]
