import os

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """One test database per test run, so runs at once (or xdist workers) never collide."""
    from django.conf import settings

    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    base = test_settings.get("NAME") or "test_forum_archive"
    test_settings["NAME"] = f"{base}_{os.getpid()}"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: the factories write without announcing a
    change, so a fragment an earlier test cached (the episode list's counts) would still
    be fresh in this one's page generation."""
    from django.conf import settings

    if settings.configured:  # not under -p no:django (the pure parser tests)
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def staff_user(db):
    # Imported here so the pure parser tests can run without Django (-p no:django).
    from tests.factories import UserFactory

    return UserFactory(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def announcements():
    """Each "the archive changed" sent during the test (the services send it on commit)."""
    from episodes.signals import archive_changed

    sent = []

    def receiver(**kwargs):
        sent.append(kwargs)

    archive_changed.connect(receiver)
    yield sent
    archive_changed.disconnect(receiver)


@pytest.fixture
def latest_schema_after():
    """Going back unapplies every migration that depends on the target's (the search
    words' triggers among them): the transactional tests after this one need them all
    back."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
