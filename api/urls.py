"""/api/v1/: every view answers GET only, with an ETag (and 304 for If-None-Match)."""

from django.urls import path, re_path
from django.views.decorators.http import conditional_page
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularJSONAPIView

from api import views
from episodes import urls as episode_urls  # noqa: F401 (registers the yyyy and dd converters)

EPISODE = "episodes/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/"

app_name = "api"
urlpatterns = [
    path("", views.api_root, name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", TemplateView.as_view(template_name="api/docs.html"), name="docs"),
    path("shows/", views.ShowList.as_view(), name="show-list"),
    path("shows/<slug:slug>/", views.ShowDetail.as_view(), name="show-detail"),
    path("episodes/", views.EpisodeList.as_view(), name="episode-list"),
    path(EPISODE, views.EpisodeDetail.as_view(), name="episode-detail"),
    path(f"{EPISODE}paragraphs/", views.EpisodeParagraphs.as_view(), name="episode-paragraphs"),
    path("speakers/", views.SpeakerList.as_view(), name="speaker-list"),
    path("speakers/<slug:slug>/", views.SpeakerDetail.as_view(), name="speaker-detail"),
    path("topics/", views.TopicList.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetail.as_view(), name="topic-detail"),
    path("search/", views.search_view, name="search"),
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found),
]
for pattern in urlpatterns:
    pattern.callback = conditional_page(pattern.callback)
