import django.contrib.postgres.fields
from django.db import migrations, models

# Rows written without a key get "r" + a number from this sequence (see Segment.key).
CREATE_SEQUENCE = "CREATE SEQUENCE transcripts_segment_key_seq;"
DROP_SEQUENCE = "DROP SEQUENCE transcripts_segment_key_seq;"
# Links before keys named a paragraph by its position (#seg-N): each paragraph keeps
# that anchor, so those links still land on the same words after later edits.
# The UPDATE queues deferred foreign-key checks, and PostgreSQL refuses to build the
# unique index below while they are pending: run them now.
KEEP_POSITION_ANCHORS = (
    "UPDATE transcripts_segment SET former_anchors = ARRAY['seg-' || position]::varchar(24)[];"
    " SET CONSTRAINTS ALL IMMEDIATE;"
)


class Migration(migrations.Migration):
    dependencies = [
        ("transcripts", "0003_segment_kind"),
    ]

    operations = [
        migrations.RunSQL(CREATE_SEQUENCE, DROP_SEQUENCE),
        migrations.AddField(
            model_name="segment",
            name="former_anchors",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=24),
                blank=True,
                db_default=models.Value([]),
                default=list,
                size=None,
            ),
        ),
        migrations.AddField(
            model_name="segment",
            name="key",
            field=models.CharField(
                db_default=models.Func(
                    output_field=models.CharField(),
                    template="'r' || to_hex(nextval('transcripts_segment_key_seq'))",
                ),
                max_length=16,
            ),
        ),
        migrations.RunSQL(KEEP_POSITION_ANCHORS, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="segment",
            constraint=models.UniqueConstraint(
                models.F("transcript"), models.F("key"), name="segment_key_unique"
            ),
        ),
    ]
