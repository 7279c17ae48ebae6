"""What the API says about each thing: the published archive only, times in milliseconds."""

from django.urls import reverse as django_reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from episodes.models import Episode, Show, Speaker, Topic
from transcripts.models import Segment


def episode_kwargs(episode):
    return {
        "year": episode.air_date.year,
        "month": episode.air_date.month,
        "day": episode.air_date.day,
        "slug": episode.slug,
    }


class AbsoluteLinks(serializers.Serializer):
    """Links as absolute URLs, built from the request (the page's and the API's)."""

    def absolute(self, path):
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def api(self, name, **kwargs):
        return reverse(f"api:{name}", kwargs=kwargs, request=self.context.get("request"))


class CatalogueLinks(AbsoluteLinks):
    """``url`` (the thing's page) and ``api_url`` for a thing known by its slug."""

    page_view = ""  # e.g. "episodes:show_detail"
    api_view = ""  # e.g. "show-detail"
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, thing):
        return self.absolute(django_reverse(self.page_view, args=[thing.slug]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, thing):
        return self.api(self.api_view, slug=thing.slug)


class NamedSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ShowSerializer(serializers.ModelSerializer, CatalogueLinks):
    page_view, api_view = "episodes:show_detail", "show-detail"
    episode_count = serializers.IntegerField(source="episode_total")
    episodes_url = serializers.SerializerMethodField()

    class Meta:
        model = Show
        fields = ["slug", "name", "station", "description", "website", "episode_count"]
        fields += ["url", "api_url", "episodes_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_episodes_url(self, show):
        return f"{self.api('episode-list')}?show={show.slug}"


class TopicSerializer(serializers.ModelSerializer, CatalogueLinks):
    page_view, api_view = "episodes:topic_detail", "topic-detail"
    episode_count = serializers.IntegerField(source="episode_total")

    class Meta:
        model = Topic
        fields = ["slug", "name", "description", "episode_count", "url", "api_url"]


class EpisodeSummarySerializer(serializers.ModelSerializer, AbsoluteLinks):
    """An episode as a search result or a list row names it."""

    show = NamedSerializer()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    paragraphs_url = serializers.SerializerMethodField()

    class Meta:
        model = Episode
        fields = ["id", "slug", "title", "air_date", "show", "url", "api_url", "paragraphs_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, episode):
        return self.absolute(episode.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, episode):
        return self.api("episode-detail", **episode_kwargs(episode))

    @extend_schema_field(OpenApiTypes.URI)
    def get_paragraphs_url(self, episode):
        return self.api("episode-paragraphs", **episode_kwargs(episode))


class EpisodeSerializer(EpisodeSummarySerializer):
    topics = NamedSerializer(many=True)
    has_transcript = serializers.BooleanField()

    class Meta(EpisodeSummarySerializer.Meta):
        fields = [*EpisodeSummarySerializer.Meta.fields, "duration_s", "summary", "topics"]
        fields += ["has_transcript"]


class AppearanceSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="speaker.slug")
    name = serializers.CharField(source="speaker.name")
    role = serializers.CharField()
    introduced_as = serializers.CharField()


class TranscriptInfoSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    source_format = serializers.CharField()
    timing = serializers.ChoiceField(choices=["exact", "estimated"])
    language = serializers.CharField()


class EpisodeDetailSerializer(EpisodeSerializer):
    speakers = AppearanceSerializer(source="appearances", many=True)
    transcript = serializers.SerializerMethodField()

    class Meta(EpisodeSerializer.Meta):
        fields = [*EpisodeSerializer.Meta.fields, "description", "media_url", "source_url"]
        fields += ["speakers", "transcript"]

    @extend_schema_field(TranscriptInfoSerializer(allow_null=True))
    def get_transcript(self, episode):
        current = episode.current_transcripts
        return TranscriptInfoSerializer(current[0]).data if current else None


class ParagraphSerializer(serializers.ModelSerializer, AbsoluteLinks):
    """A paragraph of one speaker, or a stage direction (kind "stage", no speaker);
    ``estimated`` times were spread over an untimed source."""

    speaker = NamedSerializer(allow_null=True)
    estimated = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Segment
        fields = ["key", "position", "kind", "speaker", "speaker_label", "speaker_inferred"]
        fields += ["start_ms", "end_ms", "estimated", "text", "url"]

    def get_estimated(self, segment) -> bool:
        return segment.transcript.is_estimated

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, segment):
        return self.absolute(segment.get_absolute_url())


class SpeakerSerializer(serializers.ModelSerializer, CatalogueLinks):
    page_view, api_view = "episodes:speaker_detail", "speaker-detail"
    appearance_count = serializers.IntegerField(source="appearance_total")
    talk_ms = serializers.IntegerField(help_text="How long they speak in published episodes.")

    class Meta:
        model = Speaker
        fields = ["slug", "name", "honorific", "affiliation", "appearance_count", "talk_ms"]
        fields += ["url", "api_url"]


class SpeakerDetailSerializer(SpeakerSerializer):
    bio = serializers.CharField()
    other_spellings = serializers.SlugRelatedField(
        source="aliases", slug_field="name", many=True, read_only=True
    )
    paragraph_count = serializers.IntegerField()
    episodes_url = serializers.SerializerMethodField()

    class Meta(SpeakerSerializer.Meta):
        fields = SpeakerSerializer.Meta.fields + [
            "bio",
            "other_spellings",
            "paragraph_count",
            "episodes_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_episodes_url(self, speaker):
        return f"{self.api('episode-list')}?speaker={speaker.slug}"


# --- Search (documentation of the dictionaries api.views.search builds) ----------------


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset of the first character (code points).")
    end = serializers.IntegerField(help_text="Offset just past the last character.")


class SearchHitSerializer(serializers.Serializer):
    paragraph = ParagraphSerializer()
    snippet = serializers.CharField(help_text="Plain text: the passage around the matches.")
    highlights = SpanSerializer(many=True, help_text="Where the matched words are in snippet.")


class SearchResultSerializer(serializers.Serializer):
    episode = EpisodeSummarySerializer()
    match_count = serializers.IntegerField()
    hits = SearchHitSerializer(many=True)


class FacetSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class YearFacetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    count = serializers.IntegerField()


class SearchFacetsSerializer(serializers.Serializer):
    speakers = FacetSerializer(many=True)
    shows = FacetSerializer(many=True)
    years = YearFacetSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    words = serializers.CharField()
    sort = serializers.ChoiceField(choices=["relevance", "date"])
    episode_count = serializers.IntegerField()
    paragraph_count = serializers.IntegerField()
    capped = serializers.BooleanField(
        help_text="More paragraphs match than a search considers: the results cover episodes "
        "aired since `since`; search again with date_to before it for older ones."
    )
    since = serializers.DateField(allow_null=True)
    message = serializers.CharField(help_text="Why nothing could be searched, or empty.")
    notices = serializers.ListField(child=serializers.CharField())
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchResultSerializer(many=True)
    facets = SearchFacetsSerializer()
