import re
from importlib import import_module

from django.db import migrations

# The words of migration 0008, kept right when writers run at once.
#
# Two writers at once could count wrongly or deadlock: an unpublishing's trigger read
# the paragraphs an edit of the same episode had not committed yet (and each took the
# same words away), and a transaction counting twice (a replacement: the old version's
# words out, then the new one's in; an edited paragraph: -1 then +1) could lock shared
# words in the opposite order of another's. Now every trigger that changes the counts
# first takes one transaction-wide advisory lock, SEARCH_WORDS_LOCK: writers of the
# words take turns, and since the functions are plpgsql under READ COMMITTED, every
# statement after the lock reads with a fresh snapshot, which sees what the writer
# before committed. Triggers with nothing to count (a speaker or a time changed, a
# transcript's bytes stored, an episode's date edited) return before the lock.
#
# Lock order, so that no transaction holds the advisory lock while it waits for a row
# another transaction holds as it waits for the advisory lock:
#   1. the episode rows (Episode select_for_update, in pk order when several): every
#      service that writes paragraphs, versions or publishing takes them first
#      (importing, restoring, editing, set_published, merge_speakers, and
#      delete_episodes, the admin's deletions: the admin deletes no version or
#      paragraph alone);
#   2. that episode's transcript, paragraph and appearance rows;
#   3. SEARCH_WORDS_LOCK, taken by the first trigger with something to count and held
#      until commit (since 0010, only with words of a published episode's current
#      version to count: drafts never take it); after it the transaction writes only
#      rows of the episodes it has locked and rows nobody else locks (the trail), and
#      refresh_search_words, which holds no row, takes it before its recount.
# merge_speakers changes only speakers (its trigger returns before the lock), but it
# holds the episodes' rows first all the same, or an editor holding one could wait for
# a paragraph the merge holds while the merge waits for that episode. It chooses them
# before it holds the speakers' rows, so it checks them again once it does, and starts
# over holding the new ones if the speaker gained some (a merge into them meanwhile).
#
# The emptied words are deleted by key (the words just counted), not by a scan of the
# whole table; and a TRUNCATE of the paragraphs (or of the tables whose truncation
# cascades to them: Django's test flush, the bench's rebuild) empties the words too.
SEARCH_WORDS_LOCK = 8_000_000_008  # any constant no other advisory lock uses

CREATE = """
CREATE OR REPLACE FUNCTION {schema}.transcripts_searchword_count(texts text[], sign integer)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    emptied text[];
BEGIN
    IF cardinality(texts) = 0 THEN
        RETURN;
    END IF;
    WITH counted AS (
        INSERT INTO {schema}.transcripts_searchword AS kept (word, paragraphs)
        SELECT word, sign * paragraphs FROM ({words_of}) AS counted ORDER BY word
        ON CONFLICT (word) DO UPDATE SET paragraphs = kept.paragraphs + excluded.paragraphs
        RETURNING kept.word, kept.paragraphs
    )
    SELECT array_agg(word) INTO emptied FROM counted WHERE paragraphs <= 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM {schema}.transcripts_searchword
        WHERE word = ANY(emptied) AND paragraphs <= 0;
    END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.transcripts_searchword_paragraphs() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NOT EXISTS (
            SELECT FROM old_rows o JOIN new_rows n USING (id)
            WHERE (o.text, o.kind, o.transcript_id)
                  IS DISTINCT FROM (n.text, n.kind, n.transcript_id)
        ) THEN
            RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock({lock});
        PERFORM {schema}.transcripts_searchword_count(ARRAY(
            SELECT o.text FROM old_rows o JOIN new_rows n USING (id)
            JOIN {schema}.transcripts_transcript t ON t.id = o.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND o.kind = 'speech'
              AND (o.text, o.kind, o.transcript_id)
                  IS DISTINCT FROM (n.text, n.kind, n.transcript_id)
        ), -1);
        PERFORM {schema}.transcripts_searchword_count(ARRAY(
            SELECT n.text FROM new_rows n JOIN old_rows o USING (id)
            JOIN {schema}.transcripts_transcript t ON t.id = n.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND n.kind = 'speech'
              AND (o.text, o.kind, o.transcript_id)
                  IS DISTINCT FROM (n.text, n.kind, n.transcript_id)
        ), 1);
    ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT FROM old_rows) THEN
            RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock({lock});
        PERFORM {schema}.transcripts_searchword_count(ARRAY(
            SELECT o.text FROM old_rows o
            JOIN {schema}.transcripts_transcript t ON t.id = o.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND o.kind = 'speech'
        ), -1);
    ELSE
        IF NOT EXISTS (SELECT FROM new_rows) THEN
            RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock({lock});
        PERFORM {schema}.transcripts_searchword_count(ARRAY(
            SELECT n.text FROM new_rows n
            JOIN {schema}.transcripts_transcript t ON t.id = n.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND n.kind = 'speech'
        ), 1);
    END IF;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.transcripts_searchword_versions() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (
        SELECT FROM old_rows o JOIN new_rows n USING (id)
        WHERE (o.is_current, o.episode_id) IS DISTINCT FROM (n.is_current, n.episode_id)
    ) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock({lock});
    PERFORM {schema}.transcripts_searchword_count(ARRAY(
        SELECT s.text FROM old_rows o JOIN new_rows n USING (id)
        JOIN {schema}.episodes_episode e ON e.id = o.episode_id
        JOIN {schema}.transcripts_segment s ON s.transcript_id = o.id
        WHERE o.is_current AND e.is_published AND s.kind = 'speech'
          AND (o.is_current, o.episode_id) IS DISTINCT FROM (n.is_current, n.episode_id)
    ), -1);
    PERFORM {schema}.transcripts_searchword_count(ARRAY(
        SELECT s.text FROM new_rows n JOIN old_rows o USING (id)
        JOIN {schema}.episodes_episode e ON e.id = n.episode_id
        JOIN {schema}.transcripts_segment s ON s.transcript_id = n.id
        WHERE n.is_current AND e.is_published AND s.kind = 'speech'
          AND (o.is_current, o.episode_id) IS DISTINCT FROM (n.is_current, n.episode_id)
    ), 1);
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.transcripts_searchword_publishing() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (
        SELECT FROM old_rows o JOIN new_rows n USING (id)
        WHERE o.is_published IS DISTINCT FROM n.is_published
    ) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock({lock});
    PERFORM {schema}.transcripts_searchword_count(ARRAY(
        SELECT s.text FROM old_rows o JOIN new_rows n USING (id)
        JOIN {schema}.transcripts_transcript t ON t.episode_id = o.id AND t.is_current
        JOIN {schema}.transcripts_segment s ON s.transcript_id = t.id
        WHERE o.is_published AND NOT n.is_published AND s.kind = 'speech'
    ), -1);
    PERFORM {schema}.transcripts_searchword_count(ARRAY(
        SELECT s.text FROM new_rows n JOIN old_rows o USING (id)
        JOIN {schema}.transcripts_transcript t ON t.episode_id = n.id AND t.is_current
        JOIN {schema}.transcripts_segment s ON s.transcript_id = t.id
        WHERE n.is_published AND NOT o.is_published AND s.kind = 'speech'
    ), 1);
    RETURN NULL;
END
$fn$;

CREATE FUNCTION {schema}.transcripts_searchword_emptied() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM {schema}.transcripts_searchword;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER transcripts_searchword_truncated AFTER TRUNCATE ON transcripts_segment
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_emptied();
CREATE TRIGGER transcripts_searchword_truncated AFTER TRUNCATE ON transcripts_transcript
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_emptied();
CREATE TRIGGER transcripts_searchword_truncated AFTER TRUNCATE ON episodes_episode
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_emptied();
"""
# Back to 0008: the truncation triggers go and 0008's counting functions come back.
DROP = """
DROP TRIGGER transcripts_searchword_truncated ON episodes_episode;
DROP TRIGGER transcripts_searchword_truncated ON transcripts_transcript;
DROP TRIGGER transcripts_searchword_truncated ON transcripts_segment;
DROP FUNCTION {schema}.transcripts_searchword_emptied();
"""


def _schema(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(current_schema())")
        return cursor.fetchone()[0]


def _counting_functions(schema, *, of_0008=False):
    """This migration's functions (and its truncation triggers), or 0008's functions."""
    words = import_module("transcripts.migrations.0008_search_words_kept_by_triggers")
    words_of = words.WORDS_OF.format(paragraphs="SELECT unnest(texts) AS text")
    if not of_0008:
        return CREATE.format(schema=schema, words_of=words_of, lock=SEARCH_WORDS_LOCK)
    functions = re.findall(r"CREATE FUNCTION .*?\$fn\$;", words.CREATE, flags=re.DOTALL)
    return (
        "\n".join(functions)
        .replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
        .format(schema=schema, words_of=words_of)
    )


def create(apps, schema_editor):
    schema_editor.execute(_counting_functions(_schema(schema_editor)))


def drop(apps, schema_editor):
    schema = _schema(schema_editor)
    schema_editor.execute(DROP.format(schema=schema))
    schema_editor.execute(_counting_functions(schema, of_0008=True))


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0008_search_words_kept_by_triggers")]

    operations = [migrations.RunPython(create, drop)]
