"""A live archive's search index replaced by one of other columns, under the same name (the
importer's gin_clean_pending_list and the bench's rebuild use it), without a moment
with no index and safe to run again after an interruption.

The new index is built beside the old one concurrently, outside a transaction: a DROP
and CREATE in one transaction would hold segment's exclusive lock while ~100 MB of GIN
is built, every page and search queued behind it. Then one statement swaps the names
(a DO block is one transaction: searches and imports always find an index of the
name), and the old index is dropped concurrently. Each step first clears what an
interrupted run may have left: a build cancelled half way leaves an INVALID index, and
a run that died after the swap leaves the old index under its spare name. (Django's
files starting with "_" are no migrations.)
"""

from django.db import migrations

INDEX = "segment_search_vector"
TABLE = "transcripts_segment"


def _steps(columns, building):
    spare = f"{INDEX}_old"
    return [
        f"DROP INDEX CONCURRENTLY IF EXISTS {spare}",
        f"DROP INDEX CONCURRENTLY IF EXISTS {building}",
        f"CREATE INDEX CONCURRENTLY {building} ON {TABLE} USING gin ({', '.join(columns)})",
        f"DO $$ BEGIN ALTER INDEX {INDEX} RENAME TO {spare};"
        f" ALTER INDEX {building} RENAME TO {INDEX}; END $$",
        f"DROP INDEX CONCURRENTLY IF EXISTS {spare}",
    ]


def swap_search_index(old_fields, new_fields):
    """The operation putting an index of ``new_fields`` (model field names) in the place of
    one of ``old_fields``, and back when migrated backwards."""
    from django.contrib.postgres.indexes import GinIndex

    def columns(fields):
        return [f"{name}_id" if name in ("speaker", "transcript") else name for name in fields]

    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(
                _steps(columns(new_fields), f"{INDEX}_new"),
                reverse_sql=_steps(columns(old_fields), f"{INDEX}_new"),
            )
        ],
        state_operations=[
            migrations.RemoveIndex(model_name="segment", name=INDEX),
            migrations.AddIndex(
                model_name="segment", index=GinIndex(fields=new_fields, name=INDEX)
            ),
        ],
    )
