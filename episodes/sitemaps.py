from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from episodes.models import Episode, Show, Speaker, Topic


class EpisodeSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Episode.objects.published()
            .order_by("-air_date", "pk")
            .only("air_date", "slug", "updated_at")
        )

    def lastmod(self, episode):
        return episode.updated_at


class SlugSitemap(Sitemap):
    changefreq = "weekly"
    route = None
    model = None

    def items(self):
        return self.model.objects.order_by("pk").only("slug")

    def location(self, item):
        return reverse(self.route, args=[item.slug])


class SpeakerSitemap(SlugSitemap):
    model, route = Speaker, "episodes:speaker_detail"

    def items(self):
        # Only people heard in a published episode have a page worth indexing.
        return Speaker.objects.most_heard().order_by("pk").only("slug")


class TopicSitemap(SlugSitemap):
    model, route = Topic, "episodes:topic_detail"

    def items(self):
        return Topic.objects.public().order_by("pk").only("slug")


class ShowSitemap(SlugSitemap):
    model, route = Show, "episodes:show_detail"

    def items(self):
        return Show.objects.public().order_by("pk").only("slug")


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "home",
            "episodes:list",
            "episodes:speaker_list",
            "episodes:topic_list",
            "episodes:show_list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "episodes": EpisodeSitemap,
    "speakers": SpeakerSitemap,
    "topics": TopicSitemap,
    "shows": ShowSitemap,
}
