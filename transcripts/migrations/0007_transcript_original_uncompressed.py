from django.db import migrations

# A transcript's original file is kept as it came (for download and re-import), not
# compressed: pglz took 100-145 ms of a 5,000-paragraph import (1.2 MB) for a third
# off its size, against ~40 ms stored as is (load average ~5). The paragraphs hold the
# same words several times over (text, search vector, search index), so the originals
# are a small share of the archive either way. Only values written from now on change.
UNCOMPRESSED = "ALTER TABLE transcripts_transcript ALTER COLUMN original SET STORAGE EXTERNAL;"
COMPRESSED = "ALTER TABLE transcripts_transcript ALTER COLUMN original SET STORAGE EXTENDED;"


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0006_segment_one_index_per_foreign_key")]

    operations = [migrations.RunSQL(UNCOMPRESSED, COMPRESSED)]
