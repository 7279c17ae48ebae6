"""The catalogue's pages: home, the episode list, speakers, topics and shows.

The pages that show the words (the episode page, its downloads, the speaker page) live in
transcripts/views/, mounted under this app's URL names by forum_archive/urls.py.
"""

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from episodes.cards import episode_cards
from episodes.filters import EpisodeFilter
from episodes.models import Episode, Show, Speaker, Topic


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
            latest_cards=episode_cards(Episode.objects.published().for_listing()[:6]),
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
        # The filters' counts (six queries that grow with the archive) and the speaker
        # names are read only where the template's cached fragment of them is stale: once
        # per filter combination and page generation, so an edit or a publish shows at once.
        context["cards"] = episode_cards(context["page_obj"].object_list)
        context["facets"] = SimpleLazyObject(self.facets)
        context["unknown_speaker"] = self.unknown_speaker
        # The speaker field's type-ahead (a <datalist>: no script needed) offers every
        # public speaker, up to a bound that keeps the page small.
        # Read, like the counts, only where the cached fragment is stale: even unread, the
        # queryset cost ~700 Python calls to build.
        context["speaker_names"] = SimpleLazyObject(
            lambda: list(Speaker.objects.names_heard_in_public()[:SPEAKER_NAMES_OFFERED])
        )
        return context

    def facets(self):
        """The counts of each filter's options, or None when the filters are not valid."""
        if not self.filterset.is_valid():
            return None
        facets = self.filterset.facets()
        # A speaker chosen by name may not be among the most frequent: still shown, ticked.
        listed = {slug for slug, *_ in facets["speakers"]}
        facets["other_chosen_speakers"] = [
            speaker
            for speaker in self.filterset.form.cleaned_data.get("speaker") or []
            if speaker.slug not in listed
        ]
        return facets


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
                object=self.object,
                page_obj=page,
                paginator=paginator,
                is_paginated=is_paginated,
                cards=episode_cards(object_list),
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
