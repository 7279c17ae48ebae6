"""Tests that migrate the test database back and forth (transactional tests only, with
conftest's ``latest_schema_after``)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to ``targets``; the models as they stand there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()  # what the last run applied
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
