from collections import Counter

from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import DateDetailView, DetailView, ListView, TemplateView
from django.views.generic.dates import BaseDateDetailView
from django_filters.views import FilterView

from episodes.filters import EpisodeFilter
from episodes.models import Appearance, Episode, Show, Speaker, SpeakerSlugRedirect, Topic
from transcripts.exporters import EXPORT_FORMATS, export_transcript
from transcripts.models import Segment
from transcripts.reading import (
    add_share_moments,
    group_turns,
    mark_matches,
    moment_bound_ms,
    talk_shares,
)
from transcripts.search import search_episode


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


SPEAKER_NAMES_OFFERED = 2000


class EpisodeListView(ForgivingPaginationMixin, FilterView):
    template_name = "episodes/episode_list.html"
    filterset_class = EpisodeFilter
    paginate_by = 20

    def get_queryset(self):
        return Episode.objects.published().for_listing().order_by("-air_date", "title")

    def get_filterset_kwargs(self, filterset_class):
        # Always bound (to an empty query too), so the facets count the whole archive.
        return {
            **super().get_filterset_kwargs(filterset_class),
            "data": self.with_named_speaker(self.request.GET),
        }

    def with_named_speaker(self, params):
        """?speaker_name= (a plain text field, type-ahead with JavaScript) adds the public
        speaker whose name it is, or most resembles, to the speakers filtered by."""
        self.unknown_speaker = ""
        name = " ".join(params.get("speaker_name", "").split())[:100]
        if not name:
            return params
        params = params.copy()
        del params["speaker_name"]
        speaker = Speaker.objects.heard_in_public().matching_name(name).first()
        if speaker is None:
            self.unknown_speaker = name
        elif speaker.slug not in params.getlist("speaker"):
            params.appendlist("speaker", speaker.slug)
        return params

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if not self.filterset.is_valid():
            response.status_code = 400  # the page still renders, with the message
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facets"] = facets = self.filterset.facets() if self.filterset.is_valid() else None
        context["unknown_speaker"] = self.unknown_speaker
        # The speaker field's type-ahead (a <datalist>: no script needed) offers every
        # public speaker, up to a bound that keeps the page small.
        context["speaker_names"] = Speaker.objects.names_heard_in_public()[:SPEAKER_NAMES_OFFERED]
        if facets:
            # A speaker chosen by name may not be among the most frequent: still shown, ticked.
            listed = {slug for slug, *_ in facets["speakers"]}
            context["other_chosen_speakers"] = [
                speaker
                for speaker in self.filterset.form.cleaned_data.get("speaker") or []
                if speaker.slug not in listed
            ]
        return context


class EpisodeDateMixin:
    """/episodes/YYYY/MM/DD/<slug>/: the episode of that air date and slug."""

    date_field = "air_date"
    month_format = "%m"
    allow_future = True  # an episode announced ahead of its air date has a page too

    def get_queryset(self):
        return Episode.objects.published()


class EpisodeDetailView(EpisodeDateMixin, DateDetailView):
    template_name = "episodes/episode_detail.html"

    def get_queryset(self):
        # Staff may read a draft as readers will see it (marked, and noindex).
        episodes = Episode.objects.all() if self.request.user.is_staff else super().get_queryset()
        return episodes.for_page()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        moment = request.GET.get("t")
        if moment is not None:
            return self.redirect_to_moment(moment)
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_published:
            # A staff member reading a draft: never kept by a cache on the way.
            response["Cache-Control"] = "private, no-store"
        return response

    def redirect_to_moment(self, moment):
        """?t=754 (seconds) is the shareable form; the paragraph anchor scrolls without JS."""
        url = self.object.get_absolute_url()
        try:
            bound_ms = moment_bound_ms(moment)
        except ValueError:
            return HttpResponseBadRequest(
                "?t= must be a number of seconds from 0 to 172800 (48 hours), e.g. ?t=754",
                content_type="text/plain; charset=utf-8",
            )
        segment = (
            Segment.objects.current()
            .filter(transcript__episode=self.object)
            .only("key")
            .at_time(bound_ms)
        )
        return HttpResponseRedirect(f"{url}#{segment.anchor}" if segment else url)

    def get_context_data(self, **kwargs):
        transcript = self.object.transcripts.current().without_original().first()
        segments = turns = shares = []
        episode_search = None
        if transcript is not None:
            segments = list(transcript.segments.for_reading())
            add_share_moments(segments)
            turns = group_turns(segments)
            duration_ms = (self.object.duration_s or 0) * 1000
            shares = talk_shares(
                turns, episode_ms=max(duration_ms, segments[-1].end_ms if segments else 0)
            )
            query = self.request.GET.get("q", "").strip()
            if query:
                episode_search = search_episode(transcript, query)
                mark_matches(segments, episode_search.hits)
        return super().get_context_data(
            transcript=transcript,
            estimate_mark="~" if transcript and transcript.is_estimated else "",
            turns=turns,
            any_inferred=any(turn.inferred for turn in turns),
            shares=shares,
            episode_search=episode_search,
            search_query=self.request.GET.get("q", ""),
            export_formats=EXPORT_FORMATS,
            **kwargs,
        )


class TranscriptDownloadView(EpisodeDateMixin, BaseDateDetailView):
    """The current transcript of a published episode, as a file in one of EXPORT_FORMATS."""

    def get(self, request, *args, **kwargs):
        if kwargs["format"] not in EXPORT_FORMATS:
            raise Http404("No such transcript format")
        episode = self.get_object()
        transcript = episode.transcripts.current().first()
        if transcript is None:
            raise Http404("This episode has no transcript")
        content_type, extension = EXPORT_FORMATS[kwargs["format"]]
        response = HttpResponse(
            export_transcript(transcript, kwargs["format"]),
            content_type=f"{content_type}; charset=utf-8",
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
        speaker = self.object
        appearances = list(speaker.appearances.published().newest_first())
        talk = Segment.objects.talk_by_episode(speaker)
        for appearance in appearances:
            appearance.talk_ms, appearance.talk_estimated = talk.get(
                appearance.episode_id, (None, False)
            )
        remarks = Segment.objects.remarks_of(speaker)
        recent = list(remarks.newest_first()[:3])
        longest = list(remarks.exclude(pk__in=[r.pk for r in recent]).longest_first()[:3])
        roles = Counter(a.role for a in appearances)
        return super().get_context_data(
            appearances=appearances,
            usual_role=(Appearance.Role(roles.most_common(1)[0][0]).label if appearances else ""),
            # What they are: their record's affiliation, else how an episode introduced them.
            described_as=speaker.affiliation
            or next((a.introduced_as for a in appearances if a.introduced_as), ""),
            talk=Segment.objects.heard_from(speaker),
            recent_remarks=recent,
            longest_remarks=longest,
            topics=Topic.objects.talked_about_by(speaker)[:10],
            **kwargs,
        )


class TopicListView(ListView):
    template_name = "episodes/topic_list.html"

    def get_queryset(self):
        return Topic.objects.public().with_episode_counts().order_by("name")


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
