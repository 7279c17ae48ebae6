"""The speaker page through Django's test client: appearances, talk time, remarks, topics."""

import pytest

from tests.episodes.conftest import page
from tests.factories import AppearanceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_speaker_page_shows_appearances_talk_time_and_said_by_search(client, archive):
    html = page(client, "/speakers/eleni-kounalakis/")
    assert "<h1>Eleni Kounalakis</h1>" in html
    assert "Soft Secession" in html and "Lieutenant Governor" in html
    assert "Secret Draft" not in html
    assert "1 episode with transcripts" in html
    assert "11:34 of talk" in html  # 60 s to 754.5 s
    assert 'name="speaker" value="eleni-kounalakis"' in html


def test_a_speaker_heard_only_in_drafts_has_no_public_page(client, archive):
    drafted = SpeakerFactory(name="Private Caller")
    AppearanceFactory(episode=archive["draft"], speaker=drafted, role="caller")
    assert client.get(f"/speakers/{drafted.slug}/").status_code == 404
    assert "Private Caller" not in page(client, "/speakers/")
    assert "Private Caller" not in page(client, "/speakers/", name="Private")


def test_the_speaker_page_shows_role_remarks_topics_talk_time_and_a_feed(client, episode):
    html = page(client, "/speakers/sam-ortiz/")
    assert "The levee held through the storm" in html  # a remark, linked to its moment
    segment = episode.transcripts.get().segments.get(position=2)
    assert f'href="{segment.get_absolute_url()}"' in html
    assert "/topics/water/" in html
    assert "of talk" in html and "/search/feed/rss/?speaker=sam-ortiz" in html
    assert 'name="speaker" value="sam-ortiz"' in html  # the search limited to them
