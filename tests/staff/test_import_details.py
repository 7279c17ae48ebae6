"""The admin preview of a file that gives only some of a new episode's details."""

from datetime import date

import pytest

from tests.staff.test_import import upload
from tests.transcripts.test_forgiving_import import BARE

pytestmark = pytest.mark.django_db


def test_the_admin_preview_prefills_what_the_file_gives_and_asks_for_the_rest(editor_client):
    response = upload(editor_client, b"Date: 2014-01-31\n\n" + BARE, name="talk.txt")
    page = editor_client.get(response["Location"])
    html = page.content.decode()
    assert "The file does not give the episode's show: fill it in below." in html
    form = page.context["form"]
    assert form["air_date"].value() == date(2014, 1, 31)
    assert form["title"].value() == "Talk"
    assert not form["show"].value() and not form["new_show"].value()
