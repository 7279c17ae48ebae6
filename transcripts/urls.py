from django.urls import path

from episodes.urls import EPISODE
from transcripts import feeds
from transcripts.views.episodes import EpisodeDetailView, TranscriptDownloadView
from transcripts.views.search import search_page
from transcripts.views.speakers import SpeakerDetailView

app_name = "transcripts"
urlpatterns = [
    path("", search_page, name="search"),
    path("feed/rss/", feeds.SearchRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.SearchAtomFeed(), name="feed_atom"),
]

# Pages of the catalogue's URL namespace that show the words: forum_archive/urls.py mounts
# them with episodes.urls.urlpatterns as "episodes:detail", "episodes:download" and
# "episodes:speaker_detail", the names every template, feed, sitemap and API link uses.
catalogue_pages = [
    path(EPISODE, EpisodeDetailView.as_view(), name="detail"),
    path(f"{EPISODE}transcript.<str:format>", TranscriptDownloadView.as_view(), name="download"),
    path("speakers/<slug:slug>/", SpeakerDetailView.as_view(), name="speaker_detail"),
]
