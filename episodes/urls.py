from django.urls import path, register_converter

from episodes import views


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigits, "dd")

app_name = "episodes"
urlpatterns = [
    path("", views.EpisodeListView.as_view(), name="list"),
    path(
        "<int:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.EpisodeDetailView.as_view(),
        name="detail",
    ),
]
