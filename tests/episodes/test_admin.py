"""The admin's forms: names and titles typed there are cleaned as imported ones are
(issue 13, finding 6)."""

import pytest

from tests.factories import (
    EpisodeFactory,
    SpeakerFactory,
    TopicFactory,
)

# Zero-width space, right-to-left override, left-to-right isolate, byte order mark.
INVISIBLE = "\u200b\u202e\u2066\ufeff"


def admin_form_data(instance, form, **changes):
    """What the admin's change page posts for ``instance`` unchanged, with ``changes``."""
    data = {}
    for name in form.base_fields:
        value = getattr(instance, name, None)
        if name == "topics":
            value = [topic.pk for topic in instance.topics.all()]
        elif hasattr(value, "pk"):
            value = value.pk
        data[name] = "" if value is None else value
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_speaker_name_typed_in_the_admin_loses_invisible_characters_as_imported_ones_do(
    staff_client,
):
    speaker = SpeakerFactory(name="Ann Lee")
    response = staff_client.post(
        f"/admin/episodes/speaker/{speaker.pk}/change/",
        {
            "name": f"Ann{INVISIBLE} Lee\u202e",
            "slug": speaker.slug,
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": f"A.{INVISIBLE} Lee",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    speaker.refresh_from_db()
    assert speaker.name == "Ann Lee"
    assert list(speaker.aliases.values_list("name", flat=True)) == ["A. Lee"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_name, field", [("show", "name"), ("topic", "name"), ("episode", "title")]
)
def test_show_names_topics_and_titles_edited_in_the_admin_lose_invisible_characters(
    rf, staff_user, model_name, field
):
    from django.contrib import admin

    episode = EpisodeFactory(title="Soft Secession")
    episode.topics.add(TopicFactory(name="Housing"))
    instance = {"show": episode.show, "topic": episode.topics.get(), "episode": episode}[model_name]
    request = rf.post("/")
    request.user = staff_user
    model_admin = admin.site._registry[type(instance)]
    form_class = model_admin.get_form(request, instance)
    visible = getattr(instance, field)
    data = admin_form_data(instance, form_class, **{field: f"\u202e{visible}{INVISIBLE}"})
    form = form_class(data, instance=instance)
    assert form.is_valid(), form.errors
    form.save()
    instance.refresh_from_db()
    assert getattr(instance, field) == visible


@pytest.mark.django_db
def test_a_name_of_invisible_characters_only_is_refused_in_the_admin(staff_client):
    response = staff_client.post(
        "/admin/episodes/show/add/", {"name": INVISIBLE, "slug": "nothing"}
    )
    assert response.status_code == 200
    assert "Enter some visible text." in response.content.decode()
