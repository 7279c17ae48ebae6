"""Issue 13, finding 3: files the database would refuse are refused first, with where.

Each exact input of the finding is a located TranscriptImportError before any
write (or, for a 3 MB paragraph, imported as paragraphs of at most ~2,000
characters); a batch reports every file and imports the good ones; two imports of
one episode at once leave the loser a message, not a constraint name.
"""

import json
import threading
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from episodes.models import Episode, Show, Speaker
from staff.models import PendingUpload
from transcripts.errors import TranscriptImportError
from transcripts.limits import (
    MAX_LABEL_CHARS,
    MAX_PARAGRAPH_CHARS,
    MAX_SHOW_CHARS,
    MAX_SOURCE_URL_CHARS,
    MAX_TITLE_CHARS,
    tidy_name,
)
from transcripts.models import Segment, Transcript
from transcripts.pipeline import prepare_transcript
from transcripts.services import import_transcript

VTT_LONG_VOICE = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann Lee>Hello.\n\n"
    f"00:00:02.000 --> 00:00:03.000\n<v {'N' * 250}>Hi.\n"
).encode()
JSON_WITH_NUL = json.dumps(
    {"segments": [{"speaker": "Ann", "startTime": 0, "endTime": 1, "body": "a\u0000b"}]}
).encode()
SRT_DIGITS = ("1\n" + "9" * 5000 + ":00:01,000 --> 00:00:02,000\nHello.\n").encode()
JSON_DIGITS = ('{"segments": [{"startTime": ' + "9" * 5000 + ', "body": "Hi."}]}').encode()
SRT_HOURS = (
    b"1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n999999:00:01,000 --> 999999:00:02,000\nHi.\n"
)
PAGE_LONG_TITLE = (
    f"Forum\n{'T' * 350}\n11/14/2025 | 50m 24s\nA summary.\n\n- Welcome to Forum.\n- Thanks.\n"
).encode()

REFUSED = {
    "long-voice.vtt": (VTT_LONG_VOICE, "line 6", f"the most is {MAX_LABEL_CHARS}"),
    "nul.json": (JSON_WITH_NUL, "cue 1", "control character U+0000"),
    "digits.srt": (SRT_DIGITS, "line 2", "unreadable timing line"),
    "digits.json": (JSON_DIGITS, "digits.json", "not readable JSON"),
    "hours.srt": (SRT_HOURS, "line 5", "outside 0 to 48 hours"),
    "title.txt": (PAGE_LONG_TITLE, "title.txt", f"the most is {MAX_TITLE_CHARS}"),
    # Found by the fuzz suite: text that is only a bidi override left no paragraph (a crash).
    "override.txt": ("Ann Lee: \u202e\n".encode(), "override.txt", "only invisible characters"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_each_file_the_database_would_refuse_is_a_located_error_before_it(name):
    data, where, what = REFUSED[name]
    with pytest.raises(TranscriptImportError) as refused:
        prepare_transcript(data, filename=name)  # pure: no database at all
    assert where in str(refused.value) and what in str(refused.value)
    assert name in str(refused.value)


def test_the_limits_are_the_model_fields_lengths():
    assert Speaker._meta.get_field("name").max_length == MAX_LABEL_CHARS
    assert Segment._meta.get_field("speaker_label").max_length == MAX_LABEL_CHARS
    assert Episode._meta.get_field("title").max_length == MAX_TITLE_CHARS
    assert Show._meta.get_field("name").max_length == MAX_SHOW_CHARS
    assert Episode._meta.get_field("source_url").max_length == MAX_SOURCE_URL_CHARS


def test_names_and_titles_lose_bidi_overrides_and_zero_width_characters():
    assert tidy_name("Ann\u200b Lee\u202e") == "Ann Lee"
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
        "<v Ann\u200d\u202eeeL>Pay \u202egnp.exe\u202c now.\n"
    ).encode()
    prepared = prepare_transcript(text, filename="bidi.vtt")
    assert prepared.paragraphs[0].speaker_label == "AnneeL"
    assert prepared.paragraphs[0].text == "Pay gnp.exe now."


@pytest.mark.django_db
def test_a_three_megabyte_paragraph_imports_as_paragraphs_the_index_can_hold():
    words = " ".join(f"w{n % 1000}x{n // 1000}" for n in range(400_000))  # ~3 MB, one line
    data = f"Ann Lee: {words}\n".encode()
    result = import_transcript(data, filename="2025-01-06-long.txt", show="Bay Commons")
    texts = list(result.transcript.segments.order_by("position").values_list("text", flat=True))
    assert len(texts) > 1000 and max(map(len, texts)) <= MAX_PARAGRAPH_CHARS
    assert " ".join(texts) == words


@pytest.mark.django_db
def test_a_batch_reports_every_file_and_imports_the_good_ones(tmp_path):
    for name, (data, _, _) in REFUSED.items():
        (tmp_path / name).write_bytes(data)
    good = b"Rosa Delgado: Welcome.\n\nSam Ortiz: Thanks.\n"
    (tmp_path / "2025-01-06-first.txt").write_bytes(good)
    (tmp_path / "zz-2025-01-07-last.txt").write_bytes(good + b"Rosa Delgado: Bye.\n")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_transcripts", str(tmp_path), "--show", "Bay", stdout=out, stderr=err)
    assert failed.value.returncode == 1
    assert f"imported 2, replaced 0, unchanged 0, failed {len(REFUSED)}" in out.getvalue()
    for name in REFUSED:
        assert name in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert Transcript.objects.count() == 2


@pytest.mark.django_db
def test_the_admin_preview_refuses_a_nul_with_its_message_and_keeps_nothing(staff_client):
    response = staff_client.post(
        "/admin/episodes/episode/import/",
        {"file": SimpleUploadedFile("nul.json", JSON_WITH_NUL)},
    )
    assert response.status_code == 200
    assert "control character U+0000" in response.content.decode()
    assert not PendingUpload.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_new_episode_at_once_leave_the_loser_a_clear_message():
    """The first import's transaction holds the new episode's row; the second one,
    started meanwhile, waits on the unique (date, slug) index and loses."""
    data = b"Rosa Delgado: Welcome.\n"
    show = Show.objects.create(name="Bay Commons")
    outcome = {}

    def second_import():
        try:
            import_transcript(data, filename="2025-01-06-race.txt", show=show)
            outcome["second"] = "imported"
        except TranscriptImportError as error:
            outcome["second"] = str(error)
        finally:
            connections.close_all()

    with transaction.atomic():
        import_transcript(data, filename="2025-01-06-race.txt", show=show)
        racer = threading.Thread(target=second_import)
        racer.start()
        racer.join(timeout=1)  # it is now waiting for this transaction
        assert racer.is_alive()
    racer.join(timeout=30)
    assert "another import of this episode finished first" in outcome["second"]
    assert "2025-01-06-race.txt" in outcome["second"]
    assert "duplicate key" not in outcome["second"]
    assert Episode.objects.count() == 1 and Transcript.objects.count() == 1
    assert connection.is_usable()
