"""The API answers for published content only, with the HTML pages' filters and search."""

import re
from datetime import date

import pytest

from tests.api.conftest import make_episode
from tests.factories import SegmentFactory
from transcripts.models import Segment

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def slugs(results):
    return [row["slug"] for row in results]


def test_root_names_every_endpoint_and_the_schema(client, archive):
    root = get_json(client, "/api/v1/")
    assert root["episodes"] == "http://testserver/api/v1/episodes/"
    assert root["schema"] == "http://testserver/api/v1/openapi.json"
    assert set(root) >= {"shows", "speakers", "topics", "search", "docs"}


def test_shows_count_published_episodes_only(client, archive):
    shows = get_json(client, "/api/v1/shows/")["results"]
    counts = {show["slug"]: show["episode_count"] for show in shows}
    assert counts == {"bay-commons": 2, "field-notes": 1}  # the draft is not counted
    detail = get_json(client, "/api/v1/shows/field-notes/")
    assert detail["url"] == "http://testserver/shows/field-notes/"
    assert detail["episodes_url"].endswith("/api/v1/episodes/?show=field-notes")
    assert get_json(client, "/api/v1/shows/nope/", status=404)["detail"]


def test_episode_list_leaves_out_drafts(client, archive):
    episodes = get_json(client, "/api/v1/episodes/")
    titles = [row["title"] for row in episodes["results"]]
    assert titles == ["Transit and housing", "Why wells refill slowly", "Rents on the shore"]
    assert episodes["count"] == 3
    first = episodes["results"][0]
    assert first["url"] == "http://testserver/episodes/2026/03/05/transit-and-housing/"
    assert first["topics"] == [{"slug": "housing", "name": "Housing"}]
    assert first["has_transcript"] is True


@pytest.mark.parametrize(
    "query",
    [
        "show=field-notes",
        "speaker=dana-whitfield&speaker=amara-bell",
        "topic=housing&sort=oldest",
        "date_from=2026-01-15&date_to=2026-12-31",
        "q=wells",
        "sort=title",
        "has_transcript=false",
    ],
)
def test_episode_filters_give_what_the_episode_list_page_gives(client, archive, query):
    page = client.get(f"/episodes/?{query}")
    assert page.status_code == 200
    expected = [episode.slug for episode in page.context["page_obj"].object_list]
    api = get_json(client, f"/api/v1/episodes/?{query}")
    assert slugs(api["results"]) == expected


def test_episode_filter_errors_are_400_with_the_pages_message(client, archive):
    errors = get_json(client, "/api/v1/episodes/?show=nope&date_from=yesterday", status=400)
    assert set(errors) == {"show", "date_from"}
    page = client.get("/episodes/?show=nope&date_from=yesterday")
    assert page.status_code == 400
    assert errors["show"][0] in page.content.decode().replace("&quot;", '"')


def test_episode_detail_names_speakers_and_transcript(client, archive):
    detail = get_json(client, "/api/v1/episodes/2026/02/01/why-wells-refill-slowly/")
    assert {speaker["slug"] for speaker in detail["speakers"]} == {
        "dana-whitfield",
        "ingrid-halvorsen",
    }
    assert detail["transcript"]["timing"] == "estimated"
    assert detail["transcript"]["version"] == 1


def test_drafts_are_not_found(client, archive):
    draft = archive["draft"]
    base = f"/api/v1/episodes/{draft.air_date:%Y/%m/%d}/{draft.slug}/"
    get_json(client, base, status=404)
    get_json(client, f"{base}paragraphs/", status=404)
    get_json(client, "/api/v1/speakers/draft-only/", status=404)
    assert "draft-only" not in slugs(get_json(client, "/api/v1/speakers/")["results"])


def test_paragraphs_come_in_order_by_cursor_with_times_flags_and_links(client, archive):
    url = "/api/v1/episodes/2026/03/05/transit-and-housing/paragraphs/?page_size=3"
    seen, pages = [], 0
    while url:
        page = get_json(client, url)
        seen += page["results"]
        url, pages = page["next"], pages + 1
        assert "page=" not in (url or "")  # an opaque cursor, not a page number
    assert pages == 3
    assert [p["position"] for p in seen] == list(range(1, 8))
    first = seen[0]
    assert first["start_ms"] == 10_000 and first["end_ms"] == 19_000
    assert first["estimated"] is False and first["speaker_inferred"] is False
    assert first["speaker"]["slug"] == "amara-bell"
    assert first["text"] == "Paragraph 1 about buses and housing near stations."
    assert first["url"] == (
        f"http://testserver/episodes/2026/03/05/transit-and-housing/#p-{first['key']}"
    )
    page = client.get(first["url"].removeprefix("http://testserver").split("#")[0])
    assert f'id="p-{first["key"]}"' in page.content.decode()  # the link lands on the paragraph
    estimated = get_json(client, "/api/v1/episodes/2026/02/01/why-wells-refill-slowly/paragraphs/")
    assert all(p["estimated"] for p in estimated["results"])


def test_paragraph_cursor_that_was_not_given_is_refused(client, archive):
    url = "/api/v1/episodes/2026/03/05/transit-and-housing/paragraphs/?cursor=bogus"
    assert get_json(client, url, status=404)["detail"] == "Invalid cursor"


def test_speakers_have_appearances_and_talk_time(client, archive):
    speakers = {row["slug"]: row for row in get_json(client, "/api/v1/speakers/")["results"]}
    host = speakers["dana-whitfield"]
    assert host["appearance_count"] == 3  # not the draft
    expected = Segment.objects.heard_from(archive["speakers"][0])
    assert host["talk_ms"] == expected["milliseconds"] > 0
    detail = get_json(client, "/api/v1/speakers/dana-whitfield/")
    assert detail["talk_ms"] == expected["milliseconds"]
    assert detail["paragraph_count"] == expected["paragraphs"]
    assert detail["episodes_url"].endswith("/api/v1/episodes/?speaker=dana-whitfield")
    named = get_json(client, "/api/v1/speakers/?name=halvorsn")["results"]
    assert slugs(named)[0] == "ingrid-halvorsen"


def test_topics_count_published_episodes(client, archive):
    topics = {row["slug"]: row for row in get_json(client, "/api/v1/topics/")["results"]}
    assert topics["housing"]["episode_count"] == 2
    assert get_json(client, "/api/v1/topics/water/")["episode_count"] == 1


# --- Search --------------------------------------------------------------------------


def test_search_groups_like_the_search_page(client, archive):
    for query in ["q=housing", "q=housing&sort=date", "q=rent+control", 'q="rent control"']:
        html = client.get(f"/search/?{query}").content.decode()
        # Each result's heading links its episode: /episodes/<year>/<month>/<day>/<slug>/.
        expected = re.findall(r'<h3><a href="/episodes/[\d/]+/([^/"]+)/">', html)
        api = get_json(client, f"/api/v1/search/?{query}")
        assert [r["episode"]["slug"] for r in api["results"]] == expected, query
        assert f" in {api['episode_count']} episode" in html


def test_search_highlights_are_offsets_into_plain_text(client, archive):
    api = get_json(client, "/api/v1/search/?q=tenants")
    (result,) = api["results"]
    (hit,) = result["hits"]
    assert hit["snippet"] == "Rent control keeps <b>tenants</b> housed & safe."  # not HTML
    marked = [hit["snippet"][span["start"] : span["end"]] for span in hit["highlights"]]
    assert marked == ["tenants"]
    key = Segment.objects.get(text__contains="tenants").key
    assert hit["paragraph"]["key"] == key
    assert hit["paragraph"]["url"].endswith(f"/episodes/2026/01/10/rents-on-the-shore/#p-{key}")


def test_search_marks_stemmed_words_and_gives_facets(client, archive):
    api = get_json(client, "/api/v1/search/?q=housing&speaker=amara-bell")
    for result in api["results"]:
        for hit in result["hits"]:
            words = [hit["snippet"][s["start"] : s["end"]].lower() for s in hit["highlights"]]
            assert words and all(re.fullmatch(r"hous\w*", word) for word in words)
            assert hit["paragraph"]["speaker"]["slug"] == "amara-bell"
    assert api["facets"]["speakers"] == [
        {"slug": "amara-bell", "name": "Amara Bell", "count": api["paragraph_count"]}
    ]
    assert api["facets"]["years"] == [{"year": 2026, "count": api["paragraph_count"]}]


def test_search_never_finds_drafts(client, archive):
    api = get_json(client, "/api/v1/search/?q=unpublished")
    assert api["results"] == [] and api["episode_count"] == 0


def test_search_refuses_what_the_page_refuses(client, archive):
    assert get_json(client, "/api/v1/search/?q=housing&show=nope", status=400)["show"]
    assert get_json(client, "/api/v1/search/", status=400)["q"]
    assert get_json(client, "/api/v1/search/?q=x&cursor=%%%", status=400)["cursor"]
    stop_words = get_json(client, "/api/v1/search/?q=the")
    assert stop_words["message"] and stop_words["results"] == []


def test_search_pages_by_cursor(client, archive):
    show, host = archive["shows"][1], archive["speakers"][2]
    for day in range(1, 13):
        make_episode(
            show, f"Drought day {day}", date(2025, 6, day), speakers=[host], texts=["drought"]
        )
    first = get_json(client, "/api/v1/search/?q=drought&sort=date")
    assert first["episode_count"] == 12 and len(first["results"]) == 10
    assert first["previous"] is None
    second = get_json(client, first["next"].removeprefix("http://testserver"))
    assert [r["episode"]["title"] for r in second["results"]] == ["Drought day 2", "Drought day 1"]
    assert second["next"] is None and second["previous"]


# --- HTTP: caching, limits, links -----------------------------------------------------


def test_responses_carry_an_etag_and_answer_304_when_unchanged(client, archive):
    response = client.get("/api/v1/shows/")
    etag = response["ETag"]
    assert etag
    assert client.get("/api/v1/shows/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    archive["shows"][0].__class__.objects.filter(slug="field-notes").update(station="KNEW")
    assert client.get("/api/v1/shows/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_too_many_requests_get_429_with_retry_after(client, archive, settings):
    settings.API_RATE = "3/minute"
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/shows/")  # the limit is per address, not per endpoint
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    other = client.get("/api/v1/shows/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        (
            "/episodes/?topic=water&show=field-notes",
            "/api/v1/episodes/?show=field-notes&topic=water",
        ),
        (
            "/episodes/2026/02/01/why-wells-refill-slowly/",
            "/api/v1/episodes/2026/02/01/why-wells-refill-slowly/",
        ),
        ("/shows/", "/api/v1/shows/"),
        ("/shows/bay-commons/", "/api/v1/shows/bay-commons/"),
        ("/speakers/", "/api/v1/speakers/"),
        ("/speakers/amara-bell/", "/api/v1/speakers/amara-bell/"),
        ("/topics/", "/api/v1/topics/"),
        ("/topics/water/", "/api/v1/topics/water/"),
        ("/search/?q=housing&page=2", "/api/v1/search/?q=housing"),
    ],
)
def test_html_pages_link_to_their_api_twin(client, archive, page, twin):
    html = client.get(page).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json"[^>]*href="([^"]+)"', html)
    assert link, page
    url = link.group(1).replace("&amp;", "&")
    assert url == twin
    assert client.get(url).status_code == 200


def test_pages_without_a_twin_have_no_json_link(client, archive):
    assert 'type="application/json"' not in client.get("/").content.decode()


@pytest.mark.parametrize("year", ["172011", "0000"])
def test_a_year_no_date_can_hold_is_not_found_rather_than_an_error(client, archive, year):
    # Found by schemathesis: a date lookup on these years raised a 500.
    assert client.get(f"/episodes/{year}/01/01/x/").status_code == 404
    assert get_json(client, f"/api/v1/episodes/{year}/01/01/x/", status=404)["detail"]


def test_stage_directions_are_paragraphs_of_no_one_and_never_found(client, archive):
    wells = archive["episodes"][1]
    SegmentFactory(
        transcript=wells.transcripts.get(), position=3, kind="stage", text="(LAUGHTER) aquifers"
    )
    url = "/api/v1/episodes/2026/02/01/why-wells-refill-slowly/paragraphs/"
    stage = get_json(client, url)["results"][-1]
    assert (stage["kind"], stage["speaker"], stage["text"]) == (
        "stage",
        None,
        "(LAUGHTER) aquifers",
    )
    hits = get_json(client, "/api/v1/search/?q=aquifers")["results"][0]["hits"]
    assert [hit["paragraph"]["kind"] for hit in hits] == ["speech"]
