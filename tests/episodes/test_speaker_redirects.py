"""Old speaker addresses (after a merge or a new slug) lead to the speaker page, for good."""

import pytest

from episodes.models import SpeakerSlugRedirect
from episodes.services import merge_speakers
from tests.factories import AppearanceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_the_merged_speakers_old_page_redirects_permanently_to_the_kept_one(client):
    real = SpeakerFactory(name="Eleni Kounalakis", slug="eleni-kounalakis")
    AppearanceFactory(speaker=real)  # heard in a published episode, so the page is public
    merge_speakers(SpeakerFactory(name="Elany Kunaki", slug="elany-kunaki"), into=real)
    response = client.get("/speakers/elany-kunaki/")
    assert response.status_code == 301
    assert response["Location"] == "/speakers/eleni-kounalakis/"
    assert client.get(response["Location"]).status_code == 200


def test_a_redirect_follows_a_second_merge(client):
    first = SpeakerFactory(slug="first")
    second = SpeakerFactory(slug="second")
    third = SpeakerFactory(slug="third")
    merge_speakers(first, into=second)
    merge_speakers(second, into=third)
    assert client.get("/speakers/first/")["Location"] == "/speakers/third/"


def test_an_unknown_speaker_address_is_still_not_found(client):
    assert client.get("/speakers/nobody-at-all/").status_code == 404


def test_a_new_slug_given_in_the_admin_keeps_the_old_address_working(staff_client):
    speaker = SpeakerFactory(name="Clara Jeffery", slug="clara-jefery")
    page = staff_client.get(f"/admin/episodes/speaker/{speaker.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"slug": "clara-jeffery", "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"})
    staff_client.post(f"/admin/episodes/speaker/{speaker.pk}/change/", data)
    assert SpeakerSlugRedirect.objects.get(old_slug="clara-jefery").speaker == speaker
    assert staff_client.get("/speakers/clara-jefery/")["Location"] == "/speakers/clara-jeffery/"


def test_a_new_speaker_never_takes_an_old_address_that_redirects():
    kept = SpeakerFactory(name="Someone Else")
    merge_speakers(SpeakerFactory(name="Clara Jeffery"), into=kept)
    assert SpeakerFactory(name="Clara Jeffery").slug == "clara-jeffery-2"
