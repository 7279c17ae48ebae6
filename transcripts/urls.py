from django.urls import path

from transcripts import views

app_name = "transcripts"
urlpatterns = [
    path("", views.search, name="search"),
]
