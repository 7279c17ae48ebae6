from django.db import migrations

from transcripts.migrations._index_swap import swap_search_index

# The search index gets the transcript beside the words and the speaker (btree_gin, as in
# 0012): a window of newest episodes is searched transcript by transcript, each one scan
# of this index that ANDs the words' posting lists with the transcript's 500-2,000
# paragraphs, and the window stops at the transcript where its limit is reached. At 1M
# paragraphs, at load 6-10, backend CPU per statement: "housing" in the first window of
# 8 episodes 3.1 -> 0.9 ms, in a second window of 66 8.3 -> 3.1; "public transit" in 244
# episodes 14.5 -> 12.7; "know" in the first window 3.6 -> 2.2; same rows in the same
# order. The index grows by a key per paragraph (~2%). Its name stays, for the importer's
# gin_clean_pending_list and the bench's rebuild. Swapped in as _index_swap says.


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("transcripts", "0012_search_index_with_speaker"),
    ]

    operations = [
        swap_search_index(["search_vector", "speaker"], ["search_vector", "speaker", "transcript"])
    ]
