"""The transcript editor pages: a page at a time, saves through the editing services."""

import pytest

from episodes.models import Appearance
from episodes.services import merge_speakers
from episodes.trail import TrailEntry
from staff.editor import save_changed_paragraphs
from staff.forms import row_stamp
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SegmentFactory,
    SpeakerFactory,
    transcript_saying,
)

pytestmark = pytest.mark.django_db


def editor_url(episode):
    return f"/admin/episodes/episode/{episode.pk}/transcript/"


@pytest.fixture
def episode():
    return EpisodeFactory(title="Soft Secession")


@pytest.fixture
def host(episode):
    return AppearanceFactory(episode=episode, speaker__name="Alexis Madrigal", role="host").speaker


@pytest.fixture
def guest(episode):
    return AppearanceFactory(episode=episode, speaker__name="Clara Jeffery", role="guest").speaker


def make_paragraphs(episode, count, *, speaker=None):
    texts = [f"Paragraph number {n}. It has two sentences." for n in range(1, count + 1)]
    said = [(text, speaker) for text in texts] if speaker else texts
    return transcript_saying(episode, *said, every_ms=1000, lasting_ms=900)


def page_data(response, **changes):
    """The editor form as the browser would send it back, with ``changes`` per row index."""
    formset = response.context["formset"]
    data = {
        f"{formset.prefix}-TOTAL_FORMS": str(formset.total_form_count()),
        f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for form in formset.forms:
        for name in ("segment", "stamp", "speaker", "text"):
            data[form[name].html_name] = form[name].value()
    for key, value in changes.items():
        data[key.replace("__", "-")] = value
    return data


def test_a_transcript_of_2000_paragraphs_is_edited_fifty_at_a_time(
    editor_client, episode, host, django_assert_max_num_queries
):
    make_paragraphs(episode, 2000, speaker=host)
    with django_assert_max_num_queries(20):
        response = editor_client.get(editor_url(episode), {"page": 40})
    html = response.content.decode()
    assert response.context["formset"].total_form_count() == 50
    assert 'id="seg-1951"' in html and 'id="seg-2000"' in html
    assert 'id="seg-1950"' not in html
    assert "Page 40 of 40" in html


def test_a_paragraph_number_opens_the_page_that_holds_it(editor_client, episode):
    make_paragraphs(episode, 120)
    response = editor_client.get(editor_url(episode), {"at": 101})
    assert response.context["page"].number == 3
    found = editor_client.get(editor_url(episode), {"q": "number 77."})
    assert [row[0].position for row in found.context["rows"]] == [77]


def test_saving_changes_only_the_paragraphs_edited(editor_client, episode, host, guest):
    transcript = make_paragraphs(episode, 3, speaker=host)
    page = editor_client.get(editor_url(episode))
    data = page_data(
        page,
        form__0__text="Paragraph one, corrected.",
        form__2__speaker=str(guest.pk),
        action="save",
    )
    response = editor_client.post(editor_url(episode), data)
    assert response.status_code == 302
    rows = list(transcript.segments.order_by("position").values_list("text", "speaker__name"))
    assert rows == [
        ("Paragraph one, corrected.", "Alexis Madrigal"),
        ("Paragraph number 2. It has two sentences.", "Alexis Madrigal"),
        ("Paragraph number 3. It has two sentences.", "Clara Jeffery"),
    ]
    assert TrailEntry.objects.filter(episode=episode, action="edited").count() == 2


def test_an_edit_made_meanwhile_by_someone_else_is_not_overwritten(editor_client, episode):
    transcript = make_paragraphs(episode, 1)
    page = editor_client.get(editor_url(episode))
    transcript.segments.update(text="Someone else's fix.")
    response = editor_client.post(
        editor_url(episode), page_data(page, form__0__text="My fix.", action="save"), follow=True
    )
    assert transcript.segments.get().text == "Someone else's fix."
    assert "Someone else changed paragraph(s) 1" in response.content.decode()


def test_an_emptied_paragraph_is_refused_on_the_page(editor_client, episode):
    transcript = make_paragraphs(episode, 2)
    page = editor_client.get(editor_url(episode))
    response = editor_client.post(editor_url(episode), page_data(page, form__0__text=""))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert transcript.segments.get(position=1).text.startswith("Paragraph number 1")


def test_a_selected_run_is_assigned_to_a_speaker(editor_client, episode, host):
    transcript = make_paragraphs(episode, 4)
    page = editor_client.get(editor_url(episode))
    data = page_data(
        page,
        form__1__selected="on",
        form__2__selected="on",
        assign_to=str(host.pk),
        action="assign",
    )
    editor_client.post(editor_url(episode), data)
    speakers = dict(transcript.segments.values_list("position", "speaker__name"))
    assert speakers == {1: None, 2: "Alexis Madrigal", 3: "Alexis Madrigal", 4: None}
    assert TrailEntry.objects.get(action="assigned").summary.startswith("Assigned paragraphs 2–3")


def test_a_run_can_go_to_a_speaker_outside_the_episode_by_name(editor_client, episode):
    transcript = make_paragraphs(episode, 2)
    lieutenant = SpeakerFactory(name="Eleni Kounalakis")
    page = editor_client.get(editor_url(episode))
    data = page_data(
        page, form__0__selected="on", assign_to_name="eleni kounalakis", action="assign"
    )
    editor_client.post(editor_url(episode), data)
    assert transcript.segments.get(position=1).speaker == lieutenant
    assert Appearance.objects.filter(episode=episode, speaker=lieutenant).exists()


def test_split_asks_where_then_cuts_the_paragraph_before_any_word(editor_client, episode):
    transcript = make_paragraphs(episode, 2)
    first = transcript.segments.get(position=1)
    page = editor_client.get(editor_url(episode))
    chosen = editor_client.post(editor_url(episode), page_data(page, action=f"split-{first.pk}"))
    split_url = f"{editor_url(episode)}split/{first.pk}/"
    assert chosen["Location"] == split_url
    choices = editor_client.get(split_url).context["form"].fields["at"].choices
    assert len(choices) == len(["Paragraph", "number", "1.", "It", "has", "two", "sentences."]) - 1
    editor_client.post(split_url, {"at": len("Paragraph number ")})  # mid-sentence
    assert list(transcript.segments.order_by("position").values_list("text", flat=True)) == [
        "Paragraph number",
        "1. It has two sentences.",
        "Paragraph number 2. It has two sentences.",
    ]


def test_split_at_the_cursor_cuts_before_the_word_the_script_names(editor_client, episode):
    transcript = make_paragraphs(episode, 1)
    first = transcript.segments.get(position=1)
    page = editor_client.get(editor_url(episode))
    editor_client.post(
        editor_url(episode), page_data(page, action=f"split-{first.pk}", split_words="4")
    )
    assert list(transcript.segments.order_by("position").values_list("text", flat=True)) == [
        "Paragraph number 1. It",
        "has two sentences.",
    ]


def test_merge_is_offered_only_where_it_can_work(editor_client, episode, host, guest):
    transcript = make_paragraphs(episode, 3, speaker=host)
    transcript.segments.filter(position=2).update(speaker=guest)
    page = editor_client.get(editor_url(episode))
    offered = [row[0].position for row in page.context["rows"] if row[2]]
    assert offered == []  # 1→2 and 2→3 change speaker; 3 is the last
    transcript.segments.filter(position=2).update(speaker=host)
    page = editor_client.get(editor_url(episode))
    assert [row[0].position for row in page.context["rows"] if row[2]] == [1, 2]


def test_next_page_is_a_button_that_saves_what_was_typed_first(editor_client, episode):
    transcript = make_paragraphs(episode, 51)
    page = editor_client.get(editor_url(episode))
    response = editor_client.post(
        editor_url(episode), page_data(page, form__0__text="Typed, then next.", action="page-2")
    )
    assert response["Location"] == f"{editor_url(episode)}?page=2"
    assert transcript.segments.get(position=1).text == "Typed, then next."


def test_merge_with_next_joins_two_neighbours(editor_client, episode, host):
    transcript = make_paragraphs(episode, 3, speaker=host)
    second = transcript.segments.get(position=2)
    page = editor_client.get(editor_url(episode))
    response = editor_client.post(editor_url(episode), page_data(page, action=f"merge-{second.pk}"))
    assert response["Location"].endswith("?at=2#seg-2")
    assert transcript.segments.count() == 2
    assert transcript.segments.get(position=2).text.endswith("number 3. It has two sentences.")


def test_a_refused_merge_says_why_and_changes_nothing(editor_client, episode, host, guest):
    transcript = make_paragraphs(episode, 2, speaker=host)
    transcript.segments.filter(position=2).update(speaker=guest)
    first = transcript.segments.get(position=1)
    page = editor_client.get(editor_url(episode))
    response = editor_client.post(
        editor_url(episode), page_data(page, action=f"merge-{first.pk}"), follow=True
    )
    assert "different speakers" in response.content.decode()
    assert transcript.segments.count() == 2


def test_the_editor_touches_only_paragraphs_of_this_episodes_transcript(editor_client, episode):
    make_paragraphs(episode, 1)
    elsewhere = SegmentFactory(text="Another episode's words.")
    page = editor_client.get(editor_url(episode))
    data = page_data(page)
    data.update(
        {
            "form-TOTAL_FORMS": "2",
            "form-1-segment": str(elsewhere.pk),
            "form-1-stamp": row_stamp(elsewhere),
            "form-1-text": "Tampered.",
        }
    )
    editor_client.post(editor_url(episode), data)
    elsewhere.refresh_from_db()
    assert elsewhere.text == "Another episode's words."
    other = editor_client.post(
        editor_url(episode), {**page_data(page), "action": f"merge-{elsewhere.pk}"}
    )
    assert other.status_code == 404


def test_an_episode_without_a_transcript_has_no_editor(editor_client, episode):
    assert editor_client.get(editor_url(episode)).status_code == 404


def test_saving_leads_back_to_the_same_page(editor_client, episode):
    make_paragraphs(episode, 120)
    page = editor_client.get(editor_url(episode), {"page": 2})
    response = editor_client.post(f"{editor_url(episode)}?page=2", page_data(page, action="save"))
    assert response["Location"].endswith("?at=51#seg-51")
    assert editor_client.get(response["Location"]).context["page"].number == 2


def test_a_speaker_merged_away_after_the_page_loaded_is_refused_not_cleared(
    editor_client, episode, host, guest
):
    transcript = make_paragraphs(episode, 1, speaker=host)
    page = editor_client.get(editor_url(episode))
    chosen = str(guest.pk)
    merge_speakers(guest, into=host)  # by someone else, before this page is saved
    response = editor_client.post(
        editor_url(episode), page_data(page, form__0__speaker=chosen, action="save")
    )
    assert transcript.segments.get().speaker == host
    # The form refuses the choice, beside the paragraph's speaker field.
    assert 'id="id_form-0-speaker_error"' in response.content.decode()
    assert "Select a valid choice." in response.content.decode()
    # Merged after the form was checked, before the save: refused, not "no speaker".
    paragraph = transcript.segments.get()
    row = {"segment": paragraph.pk, "stamp": row_stamp(paragraph), "speaker": chosen}
    outcome = save_changed_paragraphs(transcript, [{**row, "text": paragraph.text}], user=None)
    assert outcome.refused == [
        "Paragraph 1: the speaker chosen was merged into someone else or removed "
        "meanwhile: choose the speaker again"
    ]
    assert transcript.segments.get().speaker == host


def test_a_paragraph_left_alone_whose_speaker_was_merged_meanwhile_is_no_refusal(
    editor_client, episode, host, guest
):
    transcript = make_paragraphs(episode, 1, speaker=guest)
    page = editor_client.get(editor_url(episode))
    merge_speakers(guest, into=host)  # the paragraph is the host's now
    paragraph = transcript.segments.get()
    row = {"segment": paragraph.pk, "stamp": page_data(page)["form-0-stamp"]}
    outcome = save_changed_paragraphs(
        transcript, [{**row, "speaker": str(guest.pk), "text": paragraph.text}], user=None
    )
    assert (outcome.refused, outcome.conflicts) == ([], [1])  # "someone else changed it"
    assert transcript.segments.get().speaker == host
