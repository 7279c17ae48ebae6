from django.db import migrations

# The GIN index takes new rows into a "pending list" (fastupdate) and merges it into
# the index later; every search scans that list in full. With the default limit (4 MB,
# ~500 pages) the list left by a few imports made each GIN scan of a search ~6 ms
# slower until it was flushed (autovacuum seldom runs on an append-mostly table). At
# 256 kB an import flushes as it goes: a search reads at most ~30 pending pages, for
# about 15% of ingest throughput (measured 2,860 vs 3,340 paragraphs/s on 5,000-paragraph
# files); reads are far more frequent than imports.
SET_LIMIT = "ALTER INDEX segment_search_vector SET (gin_pending_list_limit = 256);"
RESET_LIMIT = "ALTER INDEX segment_search_vector RESET (gin_pending_list_limit);"


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0001_initial")]

    operations = [migrations.RunSQL(SET_LIMIT, RESET_LIMIT)]
