from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from episodes.views import HomeView
from forum_archive import views

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("episodes/", include("episodes.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
# Uploaded and generated media (the demo audio) are served by Django only in
# development; production points media URLs at a web server or object storage.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
