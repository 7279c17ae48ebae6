from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("new/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("leave/<str:token>/", views.leave_all, name="leave_all"),
    path("manage/<str:token>/", views.manage, name="manage"),
]
