from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from episodes.filters import EpisodeFilter
from episodes.models import Appearance, Episode, Show, Speaker, SpeakerSlugRedirect, Topic
from transcripts.exporters import EXPORT_FORMATS, export_transcript
from transcripts.models import Segment
from transcripts.reading import (
    add_share_moments,
    fingerprint,
    group_turns,
    moment_bound_ms,
    talk_shares,
)


class ForgivingPaginationMixin:
    """A page number out of range or not a number shows the nearest page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(query_without_page=query.urlencode(), **kwargs)


class HomeView(TemplateView):
    template_name = "episodes/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_episodes=Episode.objects.published().for_listing()[:6],
            shows=Show.objects.public().with_episode_counts(),
            speakers=Speaker.objects.most_heard()[:8],
            **kwargs,
        )


class EpisodeListView(ForgivingPaginationMixin, FilterView):
    template_name = "episodes/episode_list.html"
    filterset_class = EpisodeFilter
    paginate_by = 20

    def get_queryset(self):
        return Episode.objects.published().for_listing().order_by("-air_date", "title")

    def get_filterset_kwargs(self, filterset_class):
        # Always bound (to an empty query too), so the facets count the whole archive.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if not self.filterset.is_valid():
            response.status_code = 400  # the page still renders, with the message
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facets"] = self.filterset.facets() if self.filterset.is_valid() else None
        return context


def episode_lookup(kwargs):
    return {
        "air_date__year": kwargs["year"],
        "air_date__month": kwargs["month"],
        "air_date__day": kwargs["day"],
        "slug": kwargs["slug"],
    }


class EpisodeDetailView(DetailView):
    template_name = "episodes/episode_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        moment = request.GET.get("t")
        if moment is not None:
            return self.redirect_to_moment(moment)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_object(self, queryset=None):
        return get_object_or_404(
            Episode.objects.published()
            .select_related("show")
            .prefetch_related(
                "topics",
                Prefetch("appearances", queryset=Appearance.objects.in_billing_order()),
            ),
            **episode_lookup(self.kwargs),
        )

    def redirect_to_moment(self, moment):
        """?t=754 (seconds) is the shareable form; the paragraph anchor scrolls without JS."""
        url = self.object.get_absolute_url()
        try:
            bound_ms = moment_bound_ms(moment)
        except ValueError:
            return HttpResponseRedirect(url)
        segment = (
            Segment.objects.filter(transcript__episode=self.object, transcript__is_current=True)
            .only("key")
            .at_moment(bound_ms)
        )
        return HttpResponseRedirect(f"{url}#{segment.anchor}" if segment else url)

    def get_context_data(self, **kwargs):
        transcript = self.object.transcripts.filter(is_current=True).first()
        segments = turns = shares = []
        episode_search = transcript_version = None
        if transcript is not None:
            segments = list(transcript.segments.select_related("speaker").order_by("position"))
            add_share_moments(segments)
            turns = group_turns(segments)
            transcript_version = fingerprint(segments)
            duration_ms = (self.object.duration_s or 0) * 1000
            shares = talk_shares(
                turns, episode_ms=max(duration_ms, segments[-1].end_ms if segments else 0)
            )
            query = self.request.GET.get("q", "").strip()
            if query:
                from transcripts.search import search_episode

                episode_search = search_episode(transcript, query)
        return super().get_context_data(
            transcript=transcript,
            transcript_version=transcript_version,
            estimate_mark="~" if transcript and transcript.is_estimated else "",
            turns=turns,
            shares=shares,
            episode_search=episode_search,
            search_query=self.request.GET.get("q", ""),
            export_formats=EXPORT_FORMATS,
            **kwargs,
        )


def download_transcript(request, format, **kwargs):
    if format not in EXPORT_FORMATS:
        raise Http404("No such transcript format")
    episode = get_object_or_404(Episode.objects.published(), **episode_lookup(kwargs))
    transcript = episode.transcripts.filter(is_current=True).first()
    if transcript is None:
        raise Http404("This episode has no transcript")
    content_type, extension = EXPORT_FORMATS[format]
    response = HttpResponse(
        export_transcript(transcript, format), content_type=f"{content_type}; charset=utf-8"
    )
    filename = f"{episode.air_date:%Y-%m-%d}-{slugify(episode.title)[:80]}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SpeakerListView(ForgivingPaginationMixin, ListView):
    template_name = "episodes/speaker_list.html"
    paginate_by = 50

    def get_queryset(self):
        name = self.request.GET.get("name", "").strip()[:100]
        speakers = Speaker.objects.heard_in_public().with_appearance_counts()
        if name:
            return speakers.matching_name(name)
        return speakers.order_by("name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(name=self.request.GET.get("name", ""), **kwargs)


class SpeakerDetailView(DetailView):
    template_name = "episodes/speaker_detail.html"

    def get_queryset(self):
        # Someone heard only in unpublished drafts has no public page yet.
        return Speaker.objects.heard_in_public().prefetch_related("aliases")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A merged or renamed speaker's old address leads to where they are now.
            moved = SpeakerSlugRedirect.objects.filter(old_slug=kwargs["slug"]).first()
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(
                reverse("episodes:speaker_detail", args=[moved.speaker.slug])
            )

    def get_context_data(self, **kwargs):
        appearances = (
            Appearance.objects.filter(speaker=self.object, episode__is_published=True)
            .select_related("episode__show")
            .order_by("-episode__air_date")
        )
        return super().get_context_data(
            appearances=appearances,
            talk=Segment.objects.heard_from(self.object),
            **kwargs,
        )


class TopicListView(ListView):
    template_name = "episodes/topic_list.html"

    def get_queryset(self):
        return (
            Topic.objects.public()
            .annotate(episode_total=Count("episodes", filter=Q(episodes__is_published=True)))
            .order_by("name")
        )


class EpisodesOfMixin(ForgivingPaginationMixin):
    """A detail page whose body is a paginated list of published episodes."""

    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        episodes = self.episodes().published().for_listing().order_by("-air_date", "title")
        paginator, page, object_list, is_paginated = self.paginate_queryset(
            episodes, self.paginate_by
        )
        return self.render_to_response(
            self.get_context_data(
                object=self.object, page_obj=page, paginator=paginator, is_paginated=is_paginated
            )
        )


class TopicDetailView(EpisodesOfMixin, DetailView):
    template_name = "episodes/topic_detail.html"
    queryset = Topic.objects.public()  # a topic of drafts only has no public page yet

    def episodes(self):
        return self.object.episodes.all()


class ShowListView(ListView):
    template_name = "episodes/show_list.html"

    def get_queryset(self):
        return Show.objects.public().with_episode_counts()


class ShowDetailView(EpisodesOfMixin, DetailView):
    template_name = "episodes/show_detail.html"
    queryset = Show.objects.public()  # a show of drafts only has no public page yet

    def episodes(self):
        return self.object.episodes.all()
