import pytest


@pytest.fixture
def staff_user(db):
    # Imported here so the pure parser tests can run without Django (-p no:django).
    from tests.factories import UserFactory

    return UserFactory(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
