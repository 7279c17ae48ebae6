from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from episodes.models import Appearance, Episode, Show, Speaker
from transcripts.models import Segment


class HomeView(TemplateView):
    template_name = "episodes/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_episodes=Episode.objects.published().for_listing()[:6],
            shows=Show.objects.with_episode_counts(),
            speakers=Speaker.objects.most_heard()[:8],
            **kwargs,
        )


class EpisodeListView(ListView):
    template_name = "episodes/episode_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Episode.objects.published().for_listing()


class EpisodeDetailView(DetailView):
    template_name = "episodes/episode_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Episode.objects.published()
            .select_related("show")
            .prefetch_related(
                "topics",
                Prefetch("appearances", queryset=Appearance.objects.select_related("speaker")),
            ),
            air_date__year=self.kwargs["year"],
            air_date__month=self.kwargs["month"],
            air_date__day=self.kwargs["day"],
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        transcript = self.object.transcripts.filter(is_current=True).first()
        segments = []
        if transcript is not None:
            segments = Segment.objects.filter(transcript=transcript).select_related("speaker")
        return super().get_context_data(transcript=transcript, segments=segments, **kwargs)
