"""Django's PostgreSQL backend, pointed at the embedded server on first connection.

Used only when DATABASE_URL is unset, so commands that never touch the
database (check, collectstatic) never start a server.
"""

from django.db.backends.postgresql import base

from forum_archive.embedded_db import embedded_postgres


class DatabaseWrapper(base.DatabaseWrapper):
    _ensured_databases = set()

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.settings_dict.get("HOST"):
            return params  # an explicit host wins (tests use it to simulate an outage)
        params.update(embedded_postgres.connection_params())
        name = params.get("dbname")
        # The test runner creates its own database; only the app's is created on first use.
        needs_creating = name and name != "postgres" and not name.startswith("test_")
        if needs_creating and name not in self._ensured_databases:
            embedded_postgres.ensure_database(name)
            self._ensured_databases.add(name)
        return params
