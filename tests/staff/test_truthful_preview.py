"""The preview says what confirming will do, and the result page says it happened:
the episode a file belongs to is found, a new version shows its differences, an
identical file has nothing to do, a show is chosen (never typed into existence),
and the publication choice means the same for new episodes and replacements."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from episodes.models import Episode, Show
from staff.models import PendingUpload
from tests.factories import EpisodeFactory, ShowFactory
from tests.staff.forms import form_data
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db

IMPORT = "/admin/episodes/episode/import/"
NAME = "2025-03-11-groundwater.txt"
FIRST = b"Rosa Delgado: Welcome to Bay Commons. Today, groundwater.\n\nSam Ortiz: It is slow.\n"
SECOND = (
    b"Rosa Delgado: Welcome to Bay Commons. Today, groundwater and wells.\n\n"
    b"Sam Ortiz: It is slow.\n\nLi Wei: And old.\n"
)


def preview_of(client, data, name=NAME, **fields):
    response = client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})
    return response["Location"], client.get(response["Location"])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def groundwater():
    show = ShowFactory(name="Bay Commons")
    return import_transcript(FIRST, filename=NAME, show=show, publish=True).episode


def test_the_same_file_again_with_no_episode_chosen_is_identical_with_nothing_to_do(
    editor_client, groundwater
):
    _, page = preview_of(editor_client, FIRST, show=groundwater.show_id)
    html = page.content.decode()
    assert "Identical to the current version</strong> (version 1)" in html
    assert "same show, date and title" in html
    assert 'value="confirm"' not in html
    assert "A new episode" not in html


def test_a_changed_file_is_a_new_version_with_its_differences_and_the_result_says_so(
    editor_client, groundwater
):
    url, page = preview_of(editor_client, SECOND, show=groundwater.show_id)
    diff = str(page.context["preview"].diff)
    assert diff == (
        "2 paragraph(s) added, 1 removed; 5 word(s) added, 1 removed; speakers added: Li Wei"
    )
    assert f'A new version of <a href="/admin/episodes/episode/{groundwater.pk}/change/">' in (
        page.content.decode()
    )
    assert diff in page.content.decode()
    done = editor_client.post(url, form_data(page.context["form"], action="confirm"), follow=True)
    assert f"as version 2 of “{groundwater}”: {diff}." in messages_of(done)[0]
    assert "The episode is published." in messages_of(done)[0]
    assert Episode.objects.count() == 1
    assert groundwater.transcripts.get(is_current=True).version == 2


def test_staff_can_make_a_new_episode_instead_of_the_one_found(editor_client, groundwater):
    url, page = preview_of(editor_client, SECOND, show=groundwater.show_id)
    assert page.context["preview"].found == groundwater
    redrawn = editor_client.post(url, {"action": "refresh", "target": "new"})
    assert redrawn.context["preview"].outcome == "new episode"
    form = redrawn.context["form"]
    editor_client.post(
        url, form_data(form, action="confirm", title="Wells", show=groundwater.show_id)
    )
    assert Episode.objects.count() == 2


def test_the_draft_choice_on_a_replacement_makes_the_episode_a_draft(editor_client, groundwater):
    url, page = preview_of(editor_client, SECOND, episode=groundwater.pk)
    assert page.context["form"]["publication"].value() == "published"
    done = editor_client.post(
        url, form_data(page.context["form"], action="confirm", publication="draft"), follow=True
    )
    groundwater.refresh_from_db()
    assert not groundwater.is_published
    assert "The episode is a draft" in messages_of(done)[0]


def test_a_show_named_in_the_file_is_not_created_without_the_explicit_choice(editor_client):
    ShowFactory(name="Forum")
    url, page = preview_of(editor_client, b"Rosa: Water.\n", name="2025-03-11-water.txt")
    form = page.context["form"]
    assert form["show"].value() is None
    refused = editor_client.post(url, form_data(form, action="confirm"))
    assert "Choose the show, or name a new show below." in refused.content.decode()

    # A new show that is an existing one under another case is refused too.
    refused = editor_client.post(url, form_data(form, action="confirm", new_show="forum"))
    assert "“Forum” is already a show: choose it in the list." in refused.content.decode()
    assert list(Show.objects.values_list("name", flat=True)) == ["Forum"]

    named = editor_client.post(url, form_data(form, action="refresh", new_show="KQED Forum"))
    assert "in a new show “KQED Forum”" in named.content.decode()
    done = editor_client.post(
        url, form_data(form, action="confirm", new_show="KQED Forum"), follow=True
    )
    assert "The new show “KQED Forum” was created." in messages_of(done)[0]
    assert Episode.objects.get().show.name == "KQED Forum"
    assert not PendingUpload.objects.exists()


def test_the_show_the_file_names_is_chosen_when_it_exists(editor_client):
    forum = ShowFactory(name="Forum")
    EpisodeFactory(show=forum)
    _, page = preview_of(
        editor_client, b"Rosa: Water.\n", name="2025-03-11-water.txt", show=forum.pk
    )
    assert page.context["form"]["show"].value() == forum.pk


def test_a_new_show_whose_only_episode_is_a_draft_is_on_no_public_list(editor_client):
    url, page = preview_of(editor_client, b"Rosa: Water.\n", name="2025-03-11-water.txt")
    editor_client.post(
        url,
        form_data(page.context["form"], action="confirm", new_show="KQED Forum", new_topics=[]),
    )
    episode = Episode.objects.get()
    episode.topics.create(name="Groundwater")
    assert not episode.is_published
    for path in ("/shows/", "/topics/", "/"):
        html = Client().get(path).content.decode()
        assert "KQED Forum" not in html, path
        assert "Groundwater" not in html, path
