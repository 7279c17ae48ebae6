from django.urls import path, register_converter

from episodes import feeds, views


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class FourDigits(TwoDigits):
    """A year as four digits, 1000-9999: any other is no address (and no date Python holds)."""

    regex = "[1-9][0-9]{3}"

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(TwoDigits, "dd")
register_converter(FourDigits, "yyyy")

EPISODE = "episodes/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/"

# The catalogue's URL namespace. The pages in it that show the words (EPISODE itself, its
# transcript downloads, a speaker's page) are transcripts.urls.catalogue_pages:
# forum_archive/urls.py mounts both lists under this one name.
app_name = "episodes"
urlpatterns = [
    path("episodes/", views.EpisodeListView.as_view(), name="list"),
    path("episodes/feed.rss", feeds.LatestEpisodesFeed(), name="feed_rss"),
    path("episodes/feed.atom", feeds.LatestEpisodesAtomFeed(), name="feed_atom"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker_list"),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("shows/", views.ShowListView.as_view(), name="show_list"),
    path("shows/<slug:slug>/", views.ShowDetailView.as_view(), name="show_detail"),
    path("shows/<slug:slug>/feed.rss", feeds.ShowEpisodesFeed(), name="show_feed_rss"),
    path("shows/<slug:slug>/feed.atom", feeds.ShowEpisodesAtomFeed(), name="show_feed_atom"),
]
