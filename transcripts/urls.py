from django.urls import path

from transcripts import feeds, views

app_name = "transcripts"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("feed/rss/", feeds.SearchRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.SearchAtomFeed(), name="feed_atom"),
]
