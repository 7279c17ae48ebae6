"""The words spelling suggestions come from stay right when writers of one episode, or of
episodes sharing words, run at once (migration transcripts/0009): two real connections,
one held at a point of its service (a Python seam, not the database) while the other runs."""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.db.models.signals import post_delete, pre_save

from episodes import services as catalogue
from episodes import trail
from episodes.models import Episode, Speaker
from episodes.services import set_published
from episodes.trail import TrailEntry
from tests.transcripts.search.test_search_words import counted_afresh, imported, kept_words
from transcripts.errors import TranscriptEditError, TranscriptImportError
from transcripts.models import Segment, Transcript
from transcripts.search import refresh_search_words
from transcripts.services import assign_speaker, edit_segment, import_transcript, importing

pytestmark = pytest.mark.django_db(transaction=True)


class Hold:
    """Holds each thread that comes to it until released."""

    def __init__(self):
        self.arrived = 0
        self.released = threading.Event()

    def __call__(self, *args, **kwargs):
        self.arrived += 1
        self.released.wait(timeout=30)

    @classmethod
    def before(cls, monkeypatch, module, name):
        """Held whenever ``name`` of ``module`` is called, before it runs."""
        hold, original = cls(), getattr(module, name)

        def held(*args, **kwargs):
            hold()
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, held)
        return hold


def in_thread(work, errors):
    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 - the test reports what any writer raised
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def someone_waits_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the writers never got there"
        time.sleep(0.05)


def while_held(hold, first_write, second_write):
    """Start ``first_write``; once ``hold`` holds it (its transaction open), start
    ``second_write``; let the first go on once the second waits for a lock or is done.
    Returns what either raised."""
    errors = []
    first = in_thread(first_write, errors)
    wait_until(lambda: hold.arrived == 1 or not first.is_alive())
    assert errors == []
    second = in_thread(second_write, errors)
    wait_until(lambda: someone_waits_for_a_lock() or not second.is_alive())
    hold.released.set()
    first.join(timeout=60)
    second.join(timeout=60)
    return errors


def unpublish(episode):
    return lambda: set_published([episode], published=False)


def test_an_unpublishing_during_a_replacement_leaves_the_words_as_counted_afresh():
    episode = imported("Rosa Delgado: Hornets nest here.")
    imported("Host: Hornets elsewhere.")
    # Held once it has taken the old version's words away, before the new version exists.
    hold = Hold()

    def held_when_created(instance, **kwargs):
        if instance.pk is None:
            hold()

    pre_save.connect(held_when_created, sender=Transcript)
    try:
        errors = while_held(
            hold,
            lambda: import_transcript(
                b"Rosa Delgado: Wasps now.",
                filename="t2.txt",
                episode=episode,
                publish=None,
                replace=True,
            ),
            unpublish(episode),
        )
    finally:
        pre_save.disconnect(held_when_created, sender=Transcript)
    assert errors == []
    assert kept_words() == counted_afresh()
    assert kept_words()["hornets"] == 1 and "wasps" not in kept_words()


def test_an_edit_during_an_unpublishing_leaves_the_words_as_counted_afresh(monkeypatch):
    episode = imported("Host: Hornets nest here.")
    imported("Host: Hornets elsewhere.")
    paragraph = Segment.objects.get(transcript__episode=episode)
    errors = while_held(
        Hold.before(monkeypatch, trail, "record_for_episodes"),
        unpublish(episode),
        lambda: edit_segment(paragraph, text="Wasps nest here."),
    )
    assert errors == []
    assert kept_words() == counted_afresh()
    assert kept_words()["hornets"] == 1 and "wasps" not in kept_words()


def test_two_replacements_swapping_words_at_once_neither_deadlocks(monkeypatch):
    """Each takes its old words away, then counts its new ones: the other's old words.
    Both held in between, each would wait for the other's words (a deadlock)."""
    hornets = imported("Host: Hornets only.")
    wasps = imported("Host: Wasps only.")
    hold = Hold.before(monkeypatch, importing, "_store_original")
    errors = []

    def replace(episode, text):
        return lambda: import_transcript(
            text, filename="new.txt", episode=episode, publish=None, replace=True
        )

    writers = [
        in_thread(replace(hornets, b"Host: Wasps now."), errors),
        in_thread(replace(wasps, b"Host: Hornets now."), errors),
    ]
    wait_until(lambda: hold.arrived == 2 or someone_waits_for_a_lock())
    hold.released.set()
    for writer in writers:
        writer.join(timeout=60)
    assert errors == []
    assert kept_words() == counted_afresh()
    assert kept_words()["wasps"] == 1 and kept_words()["hornets"] == 1


def test_a_speaker_merge_beside_an_edit_of_their_paragraph_neither_deadlocks(monkeypatch):
    """The merge holds the speaker's paragraphs when the editor, holding the episode,
    asks for one of them: the merge must not then wait for the episode."""
    episode = imported("Rosa Delgado: Hornets nest here.")
    paragraph = Segment.objects.get(transcript__episode=episode)
    rosa = paragraph.speaker
    into = Speaker.objects.create(name="Rosa Delgado-Ruiz")
    errors = while_held(
        Hold.before(monkeypatch, catalogue, "_move_appearances"),
        lambda: catalogue.merge_speakers(rosa, into=into),
        lambda: edit_segment(paragraph, text="Wasps nest here."),
    )
    assert errors == []
    paragraph.refresh_from_db()
    assert (paragraph.speaker, paragraph.text) == (into, "Wasps nest here.")
    assert kept_words() == counted_afresh()


def test_a_recount_during_a_published_import_waits_its_turn(monkeypatch):
    """refresh_search_words deletes and counts afresh: beside an import whose triggers
    counted new words it has not committed, its insert of those words would conflict."""
    episode = imported("Host: Hornets nest here.")
    errors = while_held(
        Hold.before(monkeypatch, importing, "_record_import"),  # after the words are counted
        lambda: import_transcript(
            b"Host: Wasps now.", filename="t2.txt", episode=episode, publish=None, replace=True
        ),
        refresh_search_words,
    )
    assert errors == []
    assert kept_words() == {"wasps": 1, "now": 1}
    assert kept_words() == counted_afresh()


@pytest.mark.parametrize("bulk", [False, True], ids=["one", "selected"])
def test_an_admin_deletion_of_episodes_during_an_edit_neither_deadlocks(client, staff_user, bulk):
    """The deletion removes the paragraphs first (taking the search words' lock), the
    episode's row last; an editor holding that row asks for a paragraph: the deletion
    must hold the episodes' rows first, as every writer does."""
    other = imported("Host: Wasps elsewhere.")
    episode = imported("Host: Hornets nest here.")
    paragraph = Segment.objects.get(transcript__episode=episode)
    client.force_login(staff_user)
    hold = Hold()

    def held(sender, instance, **kwargs):
        if instance.episode_id == episode.pk:
            hold()

    def delete():
        if bulk:
            pks = [other.pk, episode.pk]
            page = client.post(
                "/admin/episodes/episode/",
                {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
            )
        else:
            page = client.post(f"/admin/episodes/episode/{episode.pk}/delete/", {"post": "yes"})
        assert page.status_code == 302

    post_delete.connect(held, sender=Transcript)  # after its paragraphs, before the episode
    try:
        errors = while_held(hold, delete, lambda: edit_segment(paragraph, text="Wasps here."))
    finally:
        post_delete.disconnect(held, sender=Transcript)
    assert hold.arrived == 1
    assert not [error for error in errors if isinstance(error, OperationalError)]
    assert not Episode.objects.filter(pk=episode.pk).exists()
    assert kept_words() == counted_afresh()


def test_versions_and_paragraphs_are_not_deleted_in_the_admin(client, staff_user):
    """Deleting one there would leave gaps in the positions or an episode without its
    current version, out of the trail: the editor and restoring a version are the ways."""
    episode = imported("Host: Hornets nest here.")
    transcript = Transcript.objects.get(episode=episode)
    paragraph = Segment.objects.get(transcript=transcript)
    client.force_login(staff_user)
    for url in [
        f"/admin/transcripts/transcript/{transcript.pk}/delete/",
        f"/admin/transcripts/segment/{paragraph.pk}/delete/",
    ]:
        assert client.post(url, {"post": "yes"}).status_code == 403
    for changelist in ["/admin/transcripts/transcript/", "/admin/transcripts/segment/"]:
        assert b"delete_selected" not in client.get(changelist).content
    assert Segment.objects.filter(pk=paragraph.pk).exists()


def test_a_speaker_merge_after_another_into_the_merged_speaker_dates_all_its_episodes(
    monkeypatch,
):
    """A merge of someone into Rosa commits while Rosa's own merge waits for her row:
    the paragraphs it gave her are in an episode Rosa's merge had not chosen, which must
    be held, dated and in the trail as well."""
    first = imported("Rosa Delgado: Hornets nest here.")
    second = imported("Guest: Wasps elsewhere.")
    rosa = Segment.objects.get(transcript__episode=first).speaker
    misspelt = Segment.objects.get(transcript__episode=second).speaker
    into = Speaker.objects.create(name="Rosa Delgado-Ruiz")
    merged = []
    errors = while_held(
        Hold.before(monkeypatch, catalogue, "_move_appearances"),
        lambda: catalogue.merge_speakers(misspelt, into=rosa),
        lambda: merged.append(catalogue.merge_speakers(rosa, into=into)),
    )
    assert errors == []
    assert Segment.objects.get(transcript__episode=second).speaker == into
    assert merged[0].episodes == 2
    into_ruiz = TrailEntry.objects.filter(summary__contains="into “Rosa Delgado-Ruiz”")
    assert set(into_ruiz.values_list("episode", flat=True)) == {first.pk, second.pk}


def test_an_edit_of_a_draft_holds_no_one_up(monkeypatch):
    """A draft's words are not counted, so its edit takes no archive-wide turn: an edit
    of a published episode runs while the draft's is still open (migration 0010)."""
    draft = Segment.objects.get(transcript__episode=imported("Host: Wasps.", publish=False))
    published = Segment.objects.get(transcript__episode=imported("Host: Hornets nest here."))
    draft_held, go_on = threading.Event(), threading.Event()
    record_transcript_change = catalogue.record_transcript_change

    def draft_held_after_its_words(episode, *args, **kwargs):
        if episode.pk == draft.transcript.episode_id:
            draft_held.set()
            go_on.wait(timeout=30)
        return record_transcript_change(episode, *args, **kwargs)

    monkeypatch.setattr(catalogue, "record_transcript_change", draft_held_after_its_words)
    errors = []
    drafting = in_thread(lambda: edit_segment(draft, text="Wasps nest there."), errors)
    wait_until(draft_held.is_set)
    editor = in_thread(lambda: edit_segment(published, text="Bees nest here."), errors)
    try:
        wait_until(lambda: not editor.is_alive() or someone_waits_for_a_lock())
        waited = editor.is_alive()
    finally:
        go_on.set()
        drafting.join(timeout=60)
        editor.join(timeout=60)
    assert errors == []
    assert not waited
    assert kept_words() == {"bees": 1, "nest": 1, "here": 1} == counted_afresh()


def test_two_unpublishings_of_the_same_episodes_in_opposite_orders_neither_deadlocks(
    monkeypatch,
):
    """Each holds its episodes' rows in pk order whatever order it was given them in."""
    first = imported("Host: Hornets nest here.")
    second = imported("Guest: Wasps nest there.")
    errors = while_held(
        Hold.before(monkeypatch, trail, "record_for_episodes"),  # rows and words held
        lambda: set_published([second, first], published=False),
        lambda: set_published([first, second], published=False),
    )
    assert errors == []
    assert kept_words() == {} == counted_afresh()


@pytest.mark.parametrize(
    "give",
    [
        lambda paragraph, speaker: assign_speaker([paragraph], speaker=speaker),
        lambda paragraph, speaker: edit_segment(paragraph, speaker=speaker),
    ],
    ids=["assign", "edit"],
)
def test_paragraphs_given_to_a_speaker_a_merge_deletes_meanwhile_are_refused_clearly(
    monkeypatch, give
):
    """The merge holds Rosa's row, then deletes her; a paragraph of another episode given
    to Rosa meanwhile must wait for the merge and say so, not fail at its commit on the
    foreign key (an IntegrityError, a server error on the editor's page)."""
    rosa = Segment.objects.get(transcript__episode=imported("Rosa Delgado: Hornets.")).speaker
    paragraph = Segment.objects.get(transcript__episode=imported("Guest: Wasps elsewhere."))
    into = Speaker.objects.create(name="Rosa Delgado-Ruiz")
    errors = while_held(
        Hold.before(monkeypatch, catalogue, "_move_appearances"),
        lambda: catalogue.merge_speakers(rosa, into=into),
        lambda: give(paragraph, rosa),
    )
    assert [type(error) for error in errors] == [TranscriptEditError]
    assert "Rosa Delgado was merged into someone else" in str(errors[0])
    assert Segment.objects.get(pk=paragraph.pk).speaker.name == "Guest"
    assert not Speaker.objects.filter(pk=rosa.pk).exists()


def test_an_import_naming_a_speaker_a_merge_deletes_meanwhile_is_refused_clearly(monkeypatch):
    """As the admin's preview does, the import inside a transaction of its own: a merge
    deleting the speaker its paragraphs go to must not fail it at the outer commit."""
    rosa = Segment.objects.get(transcript__episode=imported("Rosa Delgado: Hornets.")).speaker
    into = Speaker.objects.create(name="Rosa Delgado-Ruiz")
    episode = Episode.objects.create(
        show=rosa.appearances.get().episode.show, title="Later", air_date="2025-02-01"
    )

    def confirm_in_the_preview():
        with transaction.atomic():
            import_transcript(b"Rosa Delgado: Wasps.", filename="t3.txt", episode=episode)

    errors = while_held(
        Hold.before(monkeypatch, catalogue, "_move_appearances"),
        lambda: catalogue.merge_speakers(rosa, into=into),
        confirm_in_the_preview,
    )
    assert [type(error) for error in errors] == [TranscriptImportError]
    assert "Rosa Delgado ('Rosa Delgado') was merged into someone else" in str(errors[0])
    assert not episode.transcripts.exists()
