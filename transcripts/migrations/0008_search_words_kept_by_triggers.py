from importlib import import_module

from django.db import migrations

# The words spelling suggestions come from (migration 0005) were a materialized view
# that `import_transcripts` refreshed after every batch by reading every published
# paragraph again: 126 s at 1M paragraphs for a batch of one file. Now a table the
# database keeps up to date in the transaction that changes what readers see: a
# paragraph written, edited or deleted in a current transcript of a published episode,
# a transcript made current or not, an episode published or unpublished. Each adds
# (or takes away) the words of just those paragraphs, so a draft's words never count
# and an import pays for its own paragraphs only. Statement triggers with transition
# tables: one COPY of 5,000 paragraphs is one update of the counts, not 5,000.
# Words are added in word order, so two imports at once lock shared words in the same
# order (one waits for the other's commit; neither deadlocks).
# (Filtered once a word, after grouping: once a word said is ~60 ms more for 5,000 paragraphs.)
WORDS_OF = """
    SELECT word, paragraphs FROM (
        SELECT word, count(*) AS paragraphs
        FROM ({paragraphs}) AS paragraph,
             unnest(tsvector_to_array(to_tsvector('simple', paragraph.text))) AS word
        GROUP BY word
    ) AS said
    WHERE length(word) BETWEEN 3 AND 40 AND word !~ '[0-9_]'
"""
CREATE = """
DROP MATERIALIZED VIEW transcripts_searchword;
-- Room on each page for a new version of its rows: a count changed is a HOT update,
-- which leaves the indexes as they are (no index may read the count for that).
CREATE TABLE transcripts_searchword (
    word text PRIMARY KEY,
    paragraphs integer NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX transcripts_searchword_trgm ON transcripts_searchword USING gin (word gin_trgm_ops);

CREATE FUNCTION {schema}.transcripts_searchword_count(texts text[], sign integer)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    IF cardinality(texts) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO {schema}.transcripts_searchword AS kept (word, paragraphs)
    SELECT word, sign * paragraphs FROM ({words_of}) AS counted ORDER BY word
    ON CONFLICT (word) DO UPDATE SET paragraphs = kept.paragraphs + excluded.paragraphs;
    IF sign < 0 THEN
        DELETE FROM {schema}.transcripts_searchword WHERE paragraphs <= 0;
    END IF;
END
$fn$;

-- Paragraphs inserted, deleted or edited, counted when readers see them.
CREATE FUNCTION {schema}.transcripts_searchword_paragraphs() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE' THEN
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
        PERFORM {schema}.transcripts_searchword_count(ARRAY(
            SELECT o.text FROM old_rows o
            JOIN {schema}.transcripts_transcript t ON t.id = o.transcript_id
            JOIN {schema}.episodes_episode e ON e.id = t.episode_id
            WHERE t.is_current AND e.is_published AND o.kind = 'speech'
        ), -1);
    ELSE
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
CREATE TRIGGER transcripts_searchword_inserted AFTER INSERT ON transcripts_segment
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_paragraphs();
CREATE TRIGGER transcripts_searchword_deleted AFTER DELETE ON transcripts_segment
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_paragraphs();
CREATE TRIGGER transcripts_searchword_edited AFTER UPDATE ON transcripts_segment
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_paragraphs();

-- A transcript made current (or not): its paragraphs come in (or leave).
CREATE FUNCTION {schema}.transcripts_searchword_versions() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
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
CREATE TRIGGER transcripts_searchword_versions AFTER UPDATE ON transcripts_transcript
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_versions();

-- An episode published or unpublished: its current transcript's paragraphs come in or leave.
CREATE FUNCTION {schema}.transcripts_searchword_publishing() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
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
CREATE TRIGGER transcripts_searchword_publishing AFTER UPDATE ON episodes_episode
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.transcripts_searchword_publishing();
"""
# Every word of the current transcripts of published episodes, counted afresh: what
# the triggers keep, in one statement (the migration fills the table with it; manage.py
# refresh_search_words counts the same words with its own ts_stat statement, suggest.py).
PUBLIC_PARAGRAPHS = """
    SELECT s.text FROM {schema}.transcripts_segment s
    JOIN {schema}.transcripts_transcript t ON t.id = s.transcript_id
    JOIN {schema}.episodes_episode e ON e.id = t.episode_id
    WHERE t.is_current AND e.is_published AND s.kind = 'speech'
"""
FILL = "INSERT INTO {schema}.transcripts_searchword (word, paragraphs) " + WORDS_OF
DROP = """
DROP TRIGGER transcripts_searchword_publishing ON episodes_episode;
DROP TRIGGER transcripts_searchword_versions ON transcripts_transcript;
DROP TRIGGER transcripts_searchword_inserted ON transcripts_segment;
DROP TRIGGER transcripts_searchword_deleted ON transcripts_segment;
DROP TRIGGER transcripts_searchword_edited ON transcripts_segment;
DROP FUNCTION {schema}.transcripts_searchword_publishing();
DROP FUNCTION {schema}.transcripts_searchword_versions();
DROP FUNCTION {schema}.transcripts_searchword_paragraphs();
DROP FUNCTION {schema}.transcripts_searchword_count(text[], integer);
DROP TABLE transcripts_searchword;
"""


def _schema(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(current_schema())")
        return cursor.fetchone()[0]


def fill_sql(schema):
    """The statement that counts every public word afresh, into an empty table."""
    return FILL.format(paragraphs=PUBLIC_PARAGRAPHS.format(schema=schema), schema=schema)


def create(apps, schema_editor):
    schema = _schema(schema_editor)
    words_of = WORDS_OF.format(paragraphs="SELECT unnest(texts) AS text")
    schema_editor.execute(CREATE.format(schema=schema, words_of=words_of))
    schema_editor.execute(fill_sql(schema))


def drop(apps, schema_editor):
    schema = _schema(schema_editor)
    schema_editor.execute(DROP.format(schema=schema))
    view = import_module("transcripts.migrations.0005_search_words")
    schema_editor.execute(view.CREATE.format(schema=schema))
    schema_editor.execute("REFRESH MATERIALIZED VIEW transcripts_searchword")


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0007_transcript_original_uncompressed")]

    operations = [migrations.RunPython(create, drop)]
