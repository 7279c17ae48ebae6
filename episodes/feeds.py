"""RSS and Atom feeds of the latest episodes, overall and per show.

Each item names its transcript with a Podcasting 2.0 <podcast:transcript>
element, so podcast apps can find it.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from episodes.models import Episode, Show

PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
FEED_SIZE = 30


class PodcastNamespaceMixin:
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:podcast": PODCAST_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("transcript_url"):
            handler.addQuickElement(
                "podcast:transcript",
                attrs={"url": item["transcript_url"], "type": "text/vtt", "language": "en"},
            )


class PodcastRssFeed(PodcastNamespaceMixin, Rss201rev2Feed):
    pass


class PodcastAtomFeed(PodcastNamespaceMixin, Atom1Feed):
    pass


class LatestEpisodesFeed(Feed):
    feed_type = PodcastRssFeed
    title = "Forum Archive: latest episodes"
    description = "The newest episodes with transcripts in the archive."

    def link(self):
        return reverse("episodes:list")

    def items(self):
        return self.episodes()[:FEED_SIZE]

    def episodes(self):
        return (
            Episode.objects.published()
            .select_related("show")
            .with_current_transcript_flag()
            .order_by("-air_date", "-created_at")
        )

    def item_title(self, episode):
        return f"{episode.title} ({episode.show.name}, {episode.air_date:%b %-d, %Y})"

    def item_description(self, episode):
        return episode.summary or episode.description

    def item_pubdate(self, episode):
        return episode.created_at

    def item_updateddate(self, episode):
        return episode.updated_at

    def item_extra_kwargs(self, episode):
        if not episode.has_transcript:
            return {}
        path = reverse(
            "episodes:download",
            kwargs={
                "year": episode.air_date.year,
                "month": episode.air_date.month,
                "day": episode.air_date.day,
                "slug": episode.slug,
                "format": "vtt",
            },
        )
        return {"transcript_url": self.request.build_absolute_uri(path)}

    def get_feed(self, obj, request):
        self.request = request  # item_extra_kwargs needs absolute URLs
        return super().get_feed(obj, request)


class LatestEpisodesAtomFeed(LatestEpisodesFeed):
    feed_type = PodcastAtomFeed
    subtitle = LatestEpisodesFeed.description


class ShowEpisodesFeed(LatestEpisodesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Show.objects.public(), slug=slug)

    def title(self, show):
        return f"{show.name}: latest episodes"

    def description(self, show):
        return show.description or f"The newest episodes of {show.name}."

    def link(self, show):
        return reverse("episodes:show_detail", args=[show.slug])

    def items(self, show):
        return self.episodes().filter(show=show)[:FEED_SIZE]


class ShowEpisodesAtomFeed(ShowEpisodesFeed):
    feed_type = PodcastAtomFeed

    def subtitle(self, show):
        return self.description(show)
