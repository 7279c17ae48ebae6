"""Safe highlighting: the words are marked, the transcript's own markup shows as text."""

import pytest

from tests.factories import episode_with
from tests.transcripts.search.conftest import SEARCH, found

pytestmark = pytest.mark.django_db


def test_snippets_mark_the_words_and_show_markup_in_the_transcript_as_text(client):
    episode_with("<script>alert(1)</script> the drought & the <b>dam</b>", title="Tags")
    [result] = list(found("drought").page)
    snippet = str(result.hits[0].snippet)
    assert "<mark>drought</mark>" in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet and "<script>" not in snippet
    page = client.get(SEARCH, {"q": "drought"}).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_a_transcript_cannot_forge_highlighting_with_the_private_markers():
    episode_with("\ue000fake\ue001 drought", title="Forged")
    [result] = list(found("drought").page)
    assert str(result.hits[0].snippet).count("<mark>") == 1
