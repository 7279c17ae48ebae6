"""The read-only JSON API: the same QuerySets, filters and search as the HTML pages.

Every list is bounded (numbered pages for the catalogue, cursors for paragraphs and
search), every view answers only for published content, and each query count is a
small constant whatever the page holds (tests/api/test_query_counts.py).
"""

import base64
import binascii
import json

from django.db.models import F, IntegerField, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse

from api import serializers as api_serializers
from api.pagination import CataloguePagination, ParagraphCursorPagination
from episodes.filters import EpisodeFilter
from episodes.models import Appearance, Episode, Show, Speaker, Topic
from transcripts.filters import SearchForm
from transcripts.models import Segment, Transcript
from transcripts.search import highlighted, plain_passage, search


class ShowList(generics.ListAPIView):
    """Every show, by name, with how many published episodes it has."""

    serializer_class = api_serializers.ShowSerializer
    pagination_class = CataloguePagination
    queryset = Show.objects.public().with_episode_counts().order_by("name")


class ShowDetail(generics.RetrieveAPIView):
    serializer_class = api_serializers.ShowSerializer
    queryset = Show.objects.public().with_episode_counts()  # a show of drafts only: 404
    lookup_field = "slug"


class TopicList(generics.ListAPIView):
    """Every topic, by name, with how many published episodes it covers."""

    serializer_class = api_serializers.TopicSerializer
    pagination_class = CataloguePagination

    def get_queryset(self):
        return topics_with_counts().order_by("name")


def topics_with_counts():
    return Topic.objects.public().with_episode_counts()


class TopicDetail(generics.RetrieveAPIView):
    serializer_class = api_serializers.TopicSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return topics_with_counts()


def published_episodes():
    return Episode.objects.published().for_listing().with_current_transcript_flag()


# Speakers are chosen by slug through their appearances, a path the schema generator cannot
# follow to a model field: say what the parameter is (a slug, repeatable).
set_override(EpisodeFilter.base_filters["speaker"], "field", OpenApiTypes.STR)


class EpisodeList(generics.ListAPIView):
    """Published episodes, newest first, with the filters of /episodes/ (same names, same
    limits, same messages for bad values)."""

    serializer_class = api_serializers.EpisodeSerializer
    pagination_class = CataloguePagination
    filterset_class = EpisodeFilter

    def get_queryset(self):
        return published_episodes().order_by("-air_date", "title")


class EpisodeLookupMixin:
    """/episodes/YYYY/MM/DD/slug/: the episode's address on the site, under /api/v1/."""

    def episode(self, queryset):
        kwargs = self.kwargs
        return get_object_or_404(
            queryset,
            air_date__year=kwargs["year"],
            air_date__month=kwargs["month"],
            air_date__day=kwargs["day"],
            slug=kwargs["slug"],
        )


class EpisodeDetail(EpisodeLookupMixin, generics.RetrieveAPIView):
    """A published episode: who speaks (host first), its topics and its current transcript."""

    serializer_class = api_serializers.EpisodeDetailSerializer

    def get_object(self):
        return self.episode(
            published_episodes().prefetch_related(
                Prefetch("appearances", queryset=Appearance.objects.in_billing_order()),
                Prefetch(
                    "transcripts",
                    queryset=Transcript.objects.current().without_original(),
                    to_attr="current_transcripts",
                ),
            )
        )


class EpisodeParagraphs(EpisodeLookupMixin, generics.ListAPIView):
    """The paragraphs of a published episode's current transcript, in order, by cursor."""

    serializer_class = api_serializers.ParagraphSerializer
    pagination_class = ParagraphCursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drawing the schema: no episode
            return Segment.objects.none()
        episode = self.episode(Episode.objects.published())
        return (
            Segment.objects.current()
            .filter(transcript__episode=episode)
            .with_urls()
            .select_related("speaker")
            .defer("transcript__original", "transcript__warnings", "search_vector")
        )


def talk_milliseconds():
    """How long each speaker talks in published episodes, as a subquery per shown row."""
    total = (
        Segment.objects.public()
        .filter(speaker=OuterRef("pk"))
        .order_by()
        .values("speaker")
        .annotate(total=Sum(F("end_ms") - F("start_ms")))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "name", str, description="Part of the name, forgiving misspellings (as /speakers/)."
        )
    ]
)
class SpeakerList(generics.ListAPIView):
    """Speakers heard in published episodes, by name, with appearances and talk time."""

    serializer_class = api_serializers.SpeakerSerializer
    pagination_class = CataloguePagination
    filter_backends = []

    def get_queryset(self):
        speakers = Speaker.objects.heard_in_public().with_appearance_counts()
        speakers = speakers.annotate(talk_ms=talk_milliseconds())
        name = self.request.query_params.get("name", "").strip()[:100]
        return speakers.matching_name(name) if name else speakers.order_by("name")


class SpeakerDetail(generics.RetrieveAPIView):
    serializer_class = api_serializers.SpeakerDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Speaker.objects.heard_in_public().with_appearance_counts().prefetch_related("aliases")
        )

    def get_object(self):
        speaker = super().get_object()
        talk = Segment.objects.heard_from(speaker)
        speaker.talk_ms = talk["milliseconds"]
        speaker.paragraph_count = talk["paragraphs"]
        return speaker


# --- Search --------------------------------------------------------------------------

_SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description='Words: "a phrase", OR, -excluded (as /search/).'),
    OpenApiParameter("speaker", str, many=True, description="Said by (slugs; several allowed)."),
    OpenApiParameter("show", str, description="On this show (slug)."),
    OpenApiParameter("topic", str, description="About this topic (slug)."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Aired from."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Aired until."),
    OpenApiParameter("sort", str, enum=["relevance", "date"], description="Default relevance."),
    OpenApiParameter("cursor", str, description="From `next` or `previous` of a response."),
]


def _page_cursor(number):
    return base64.urlsafe_b64encode(json.dumps({"page": number}).encode()).decode()


def _page_number(cursor):
    if not cursor:
        return 1
    try:
        number = json.loads(base64.urlsafe_b64decode(cursor.encode()))["page"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeError):
        number = None
    if not isinstance(number, int) or number < 1:
        raise ValidationError({"cursor": ["Use the cursor of a response's next or previous."]})
    return number


@extend_schema(parameters=_SEARCH_PARAMETERS, responses=api_serializers.SearchResponseSerializer)
@api_view(["GET"])
def search_view(request):
    """Full-text search of published transcripts: the search page's syntax, filters and
    grouping (episodes, each with up to three highlighted paragraphs)."""
    form = SearchForm(request.query_params)
    if not form.is_valid():
        raise ValidationError({name: list(messages) for name, messages in form.errors.items()})
    criteria = form.criteria()
    if not criteria.words and not criteria.has_filters:
        raise ValidationError({"q": ["Give words to search for, or a filter."]})
    results = search(criteria, page_number=_page_number(request.query_params.get("cursor")))
    page = results.page
    context = {"request": request}

    def link(number):
        params = request.query_params.copy()
        params["cursor"] = _page_cursor(number)
        return f"{reverse('api:search', request=request)}?{params.urlencode()}"

    return Response(
        {
            "words": criteria.words,
            "sort": criteria.sort,
            "episode_count": results.episode_count,
            "paragraph_count": results.paragraph_count,
            "capped": results.capped,
            "since": results.since,
            "message": results.message,
            "notices": form.notices,
            "next": link(page.number + 1) if page.has_next() else None,
            "previous": link(page.number - 1) if page.has_previous() else None,
            "results": [_episode_result(result, context) for result in page.object_list],
            "facets": {
                "speakers": [_facet(s, n) for s, n in results.speakers],
                "shows": [_facet(s, n) for s, n in results.shows],
                "years": [{"year": year, "count": n} for year, n in results.years],
            },
        }
    )


def _facet(thing, count):
    return {"slug": thing.slug, "name": thing.name, "count": count}


def _episode_result(result, context):
    return {
        "episode": api_serializers.EpisodeSummarySerializer(result.episode, context=context).data,
        "match_count": result.match_count,
        "hits": [_hit(hit, context) for hit in result.hits],
    }


def _hit(hit, context):
    segment = hit.segment
    headline = getattr(segment, "found_headline", None)
    if headline is None:  # filters only, no words: the start of the paragraph
        snippet, spans = plain_passage(segment.text), []
    else:
        snippet, spans = highlighted(headline, segment.text)
    return {
        "paragraph": api_serializers.ParagraphSerializer(segment, context=context).data,
        "snippet": snippet,
        "highlights": [{"start": start, "end": end} for start, end in spans],
    }


_ROOT_LINKS = {
    "shows": "show-list",
    "episodes": "episode-list",
    "speakers": "speaker-list",
    "topics": "topic-list",
    "search": "search",
    "schema": "schema",
    "docs": "docs",
}


@extend_schema(
    responses=inline_serializer("ApiRoot", {key: serializers.URLField() for key in _ROOT_LINKS})
)
@api_view(["GET"])
def api_root(request):
    """Where everything is."""
    return Response(
        {key: reverse(f"api:{name}", request=request) for key, name in _ROOT_LINKS.items()}
    )


@extend_schema(exclude=True)
@api_view(["GET"])
def not_found(request, rest):
    """Any other address under /api/v1/ answers in JSON too."""
    raise NotFound("There is nothing at this address of the API: see /api/v1/.")
