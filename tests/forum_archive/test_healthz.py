import pytest
from django.db import connections


@pytest.mark.django_db
def test_healthz_answers_200_json_with_the_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "databases": {"default": "ok"}}


def test_healthz_answers_503_json_when_the_database_is_unreachable(client, django_db_blocker):
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        connection.close()
        # A socket folder that does not exist: the connection fails at once.
        connection.settings_dict.update(HOST="/nonexistent-postgres-socket", PORT="")
        try:
            response = client.get("/healthz")
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["databases"]["default"].startswith("unavailable")
