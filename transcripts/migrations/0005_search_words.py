from django.db import migrations

# Every word said in a published episode, with how many paragraphs say it: what
# "Did you mean" suggests from (trigram similarity). Filled and kept fresh by
# `manage.py refresh_search_words` (import_transcripts and load_demo run it), not
# here: over a large archive it reads every paragraph.
CREATE = """
CREATE MATERIALIZED VIEW transcripts_searchword AS
SELECT word, ndoc AS paragraphs FROM ts_stat($$
    SELECT to_tsvector('simple', s.text)
    FROM {schema}.transcripts_segment s
    JOIN {schema}.transcripts_transcript t ON t.id = s.transcript_id
    JOIN {schema}.episodes_episode e ON e.id = t.episode_id
    WHERE t.is_current AND e.is_published AND s.kind = 'speech'
$$)
WHERE length(word) BETWEEN 3 AND 40 AND word !~ '[0-9_]'
WITH NO DATA;
CREATE INDEX transcripts_searchword_trgm ON transcripts_searchword USING gin (word gin_trgm_ops);
"""
DROP = "DROP MATERIALIZED VIEW transcripts_searchword;"


def create(apps, schema_editor):
    # REFRESH runs the view's query with a search_path of pg_catalog only: name the schema.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(current_schema())")
        schema = cursor.fetchone()[0]
    schema_editor.execute(CREATE.format(schema=schema))


def drop(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("transcripts", "0004_segment_key")]

    operations = [migrations.RunPython(create, drop)]
