import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from episodes import urls as catalogue_urls
from episodes.sitemaps import SITEMAPS
from episodes.views import HomeView
from forum_archive import views
from forum_archive.media import serve_media
from transcripts import urls as transcripts_urls

# The catalogue's namespace ("episodes:..."): its own pages, and the pages of it that show
# the words, which live in the transcripts app (the catalogue imports nothing above it).
# No path of one list matches a path of the other, so their order does not matter.
catalogue_namespace = (
    catalogue_urls.urlpatterns + transcripts_urls.catalogue_pages,
    catalogue_urls.app_name,
)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include(catalogue_namespace)),
    path("search/", include("transcripts.urls")),
    path("api/v1/", include("api.urls")),
    path("alerts/", include("alerts.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon">.
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
]
# Generated media (the demo audio) are served by Django only in development, with
# byte ranges so the player can seek; production serves media from a web server or
# object storage (README, Deploying).
if settings.DEBUG:
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Friendly 500 page, or the 503 page when the error was the database being unreachable.
handler500 = "forum_archive.errors.server_error"
