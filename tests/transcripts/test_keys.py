"""Stable paragraph keys: pure carry-over between versions, and through the writers."""

import pytest

from tests.factories import EpisodeFactory
from transcripts.keys import carry_over, keys_for, make_key
from transcripts.models import Segment
from transcripts.services import editing, import_transcript


def rows(texts):
    return [(key, [], text) for key, text in zip(keys_for(texts), texts, strict=True)]


def test_keys_are_short_stable_and_distinct_even_for_repeated_words():
    texts = ["Yes.", "Yes.", "The reservoir is low."]
    keys = keys_for(texts)
    assert keys == keys_for(texts)  # the same words give the same keys on another import
    assert len(set(keys)) == 3 and all(len(key) == 8 for key in keys)
    taken = set(keys)
    assert make_key("Yes.", taken) not in keys


def test_a_new_version_keeps_the_keys_of_paragraphs_whose_words_carry_over():
    old = rows(["Welcome to the program.", "The reservoir is low this year.", "Call us now."])
    new = ["Welcome to the program.", "A new remark.", "The reservoir is very low this year."]
    result = carry_over(old, new + ["Call us now."])
    assert result[0] == (old[0][0], [])
    assert result[2][0] == old[1][0]  # corrected words: mostly the same, the same key
    assert result[3][0] == old[2][0]
    assert result[1][0] not in {key for key, _, _ in old}


def test_paragraphs_merged_in_a_new_version_hand_their_links_to_the_merged_one():
    old = rows(["The levee held through the storm.", "Nobody expected that, really."])
    [(key, anchors)] = carry_over(old, ["The levee held through the storm. Nobody expected that."])
    assert key == old[0][0]
    assert anchors == [f"p-{old[1][0]}"]


def test_a_wholly_different_file_gets_fresh_keys():
    old = rows([f"Old words number {n}." for n in range(50)])
    result = carry_over(old, [f"Entirely other sentence {n} here." for n in range(60)])
    old_keys = {key for key, _, _ in old}
    assert not old_keys & {key for key, _ in result}
    assert len({key for key, _ in result}) == 60


VTT = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v Rosa Delgado>Welcome to the program.

00:00:04.000 --> 00:00:08.500
<v Sam Ortiz>Thanks, Rosa. Glad to be here.

00:00:08.500 --> 00:00:12.000
<v Rosa Delgado>We have a lot to cover today about water.
"""


@pytest.mark.django_db
def test_a_replaced_transcript_keeps_the_links_of_the_words_it_kept():
    episode = EpisodeFactory()
    first = import_transcript(VTT, filename="water.vtt", episode=episode).transcript
    before = dict(first.segments.values_list("text", "key"))
    changed = VTT.replace(b"Glad to be here.", b"Very glad to be here.")
    second = import_transcript(changed, filename="v2.vtt", episode=episode, replace=True).transcript
    after = dict(second.segments.values_list("text", "key"))
    assert after["Welcome to the program."] == before["Welcome to the program."]
    assert after["Thanks, Rosa. Very glad to be here."] == before["Thanks, Rosa. Glad to be here."]


@pytest.mark.django_db
def test_a_split_or_merge_leaves_every_old_link_on_the_same_words():
    episode = EpisodeFactory()
    transcript = import_transcript(VTT, filename="water.vtt", episode=episode).transcript
    welcome, thanks, cover = transcript.segments.order_by("position")
    urls = {s.text: s.get_absolute_url() for s in (welcome, thanks, cover)}

    editing.split_segment(thanks, at=len("Thanks, Rosa."))
    glad = transcript.segments.get(text="Glad to be here.")
    editing.assign_speaker([glad], speaker=cover.speaker)
    editing.merge_with_next(glad)  # "Glad to be here." + "We have a lot to cover..."
    paragraphs = transcript.segments.order_by("position")

    def landing(url):
        return paragraphs.at_anchor(url.rsplit("#", 1)[1]).text

    assert landing(urls["Welcome to the program."]) == "Welcome to the program."
    assert landing(urls["Thanks, Rosa. Glad to be here."]) == "Thanks, Rosa."
    assert landing(urls["We have a lot to cover today about water."]) == (
        "Glad to be here. We have a lot to cover today about water."
    )
    assert Segment.objects.filter(transcript=transcript).count() == 3


@pytest.mark.django_db
def test_a_paragraph_url_is_its_episode_page_at_its_key_and_old_anchors_stay_on_the_page(client):
    episode = EpisodeFactory()
    transcript = import_transcript(VTT, filename="water.vtt", episode=episode).transcript
    segment = Segment.objects.with_urls().get(transcript=transcript, position=2)
    assert segment.get_absolute_url() == f"{episode.get_absolute_url()}#p-{segment.key}"
    # Paragraphs keyed by a migration keep the position anchor links used before keys.
    Segment.objects.filter(pk=segment.pk).update(former_anchors=["seg-2"])
    html = client.get(episode.get_absolute_url()).content.decode()
    assert f'id="p-{segment.key}"' in html and 'id="seg-2"' in html
    assert transcript.segments.at_anchor("seg-2") == segment
