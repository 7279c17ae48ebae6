from django.db import migrations

# The search index's pending list limit was its storage parameter (0002, 0003), which an
# import raised and set back with ALTER INDEX: a lock that searches queued behind until
# the import committed. Without the parameter, each connection's gin_pending_list_limit
# setting decides (an import raises its own for its transaction and merges the list
# before it commits: transcripts/services/paragraphs.py), and nobody alters the index.
RESET_LIMIT = "ALTER INDEX segment_search_vector RESET (gin_pending_list_limit);"
SET_LIMIT = "ALTER INDEX segment_search_vector SET (gin_pending_list_limit = 256);"


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0010_search_words_lock_only_to_count")]

    operations = [migrations.RunSQL(RESET_LIMIT, reverse_sql=SET_LIMIT)]
