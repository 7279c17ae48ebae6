from django.db import migrations

# The GIN index takes new rows into a "pending list" (fastupdate) and merges it into
# the index later; every search scans that list in full. With the default limit (4 MB,
# ~500 pages) a few imports left searches ~6 ms slower per index scan until the list
# was flushed. At 256 kB an import flushes as it goes (measured: no loss of ingest
# rate on 5,000-paragraph files) and a search reads at most ~30 pending pages.
SET_LIMIT = "ALTER INDEX segment_search_vector SET (gin_pending_list_limit = 256);"
RESET_LIMIT = "ALTER INDEX segment_search_vector RESET (gin_pending_list_limit);"


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0001_initial")]

    operations = [migrations.RunSQL(SET_LIMIT, RESET_LIMIT)]
