import re
from importlib import import_module

from django.db import migrations

# The search words' triggers (migration 0009) took the archive-wide advisory lock as soon
# as a statement touched a paragraph, a version's current flag or an episode's publishing,
# and only then looked for words to count: a draft's import, or an edit of a draft,
# waited for every other writer of the archive and held them up in turn (until it
# committed, through its index and trail writes). Now each trigger first looks whether
# anything it changes is visible (a current transcript of a published episode) and takes
# the lock only then: drafts never wait for it. The paragraphs' trigger gathers the
# words it counts before the lock (from its own rows, the versions and the episodes);
# the versions' and the publishing triggers only look at those two tables before it and
# read the paragraphs after it, as in 0009: a transaction that had read the paragraphs'
# table and then waited for the lock would hold the search index's share lock, which an
# import holding the lock asks for when it sets the index's pending list
# (transcripts/services/paragraphs.py, ALTER INDEX): a deadlock.
#
# Looking before the lock is safe under 0009's lock order: what it reads depends on the
# statement's own rows and on the episodes' publishing and their versions' current
# flags, which only holders of those episodes' rows change, and this transaction holds
# them already (step 1). Only the counting itself (the words' table) needs the
# statements after the lock and their fresh snapshots.
WORDS = import_module("transcripts.migrations.0009_search_words_one_writer_at_a_time")

CREATE = """
CREATE OR REPLACE FUNCTION {schema}.transcripts_searchword_counted(
    taken_away text[], added text[]
) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    IF cardinality(taken_away) = 0 AND cardinality(added) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock({lock});
    PERFORM {schema}.transcripts_searchword_count(taken_away, -1);
    PERFORM {schema}.transcripts_searchword_count(added, 1);
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
        PERFORM {schema}.transcripts_searchword_counted(ARRAY(
            SELECT o.text FROM old_rows o JOIN new_rows n USING (id)
            JOIN {schema}.transcripts_transcript t ON t.id = o.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND o.kind = 'speech'
              AND (o.text, o.kind, o.transcript_id)
                  IS DISTINCT FROM (n.text, n.kind, n.transcript_id)
        ), ARRAY(
            SELECT n.text FROM new_rows n JOIN old_rows o USING (id)
            JOIN {schema}.transcripts_transcript t ON t.id = n.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND n.kind = 'speech'
              AND (o.text, o.kind, o.transcript_id)
                  IS DISTINCT FROM (n.text, n.kind, n.transcript_id)
        ));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM {schema}.transcripts_searchword_counted(ARRAY(
            SELECT o.text FROM old_rows o
            JOIN {schema}.transcripts_transcript t ON t.id = o.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND o.kind = 'speech'
        ), '{{}}');
    ELSE
        PERFORM {schema}.transcripts_searchword_counted('{{}}', ARRAY(
            SELECT n.text FROM new_rows n
            JOIN {schema}.transcripts_transcript t ON t.id = n.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND n.kind = 'speech'
        ));
    END IF;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION {schema}.transcripts_searchword_versions() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (
        SELECT FROM old_rows o JOIN new_rows n USING (id)
        JOIN {schema}.episodes_episode was ON was.id = o.episode_id
        JOIN {schema}.episodes_episode e ON e.id = n.episode_id
        WHERE (o.is_current, o.episode_id) IS DISTINCT FROM (n.is_current, n.episode_id)
          AND ((o.is_current AND was.is_published) OR (n.is_current AND e.is_published))
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
        JOIN {schema}.transcripts_transcript t ON t.episode_id = n.id AND t.is_current
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
"""
DROP = "DROP FUNCTION {schema}.transcripts_searchword_counted(text[], text[]);"


def _of_0009(schema):
    """0009's three trigger functions (the counting function is unchanged)."""
    functions = re.findall(
        r"CREATE OR REPLACE FUNCTION \{schema\}\.transcripts_searchword_"
        r"(?:paragraphs|versions|publishing)\(\).*?\$fn\$;",
        WORDS.CREATE,
        flags=re.DOTALL,
    )
    assert len(functions) == 3, "0009's trigger functions not found"
    return "\n".join(functions).format(schema=schema, lock=WORDS.SEARCH_WORDS_LOCK)


def create(apps, schema_editor):
    schema = WORDS._schema(schema_editor)
    schema_editor.execute(CREATE.format(schema=schema, lock=WORDS.SEARCH_WORDS_LOCK))


def drop(apps, schema_editor):
    schema = WORDS._schema(schema_editor)
    schema_editor.execute(_of_0009(schema))
    schema_editor.execute(DROP.format(schema=schema))


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0009_search_words_one_writer_at_a_time")]

    operations = [migrations.RunPython(create, drop)]
