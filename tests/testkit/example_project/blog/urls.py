from blog import views
from framework.urls import path

app_name = "blog"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("posts/<int:pk>/", views.post_detail, name="detail"),
    path("posts/new/", views.post_create, name="create"),
    path("api/posts/", views.post_api, name="api"),
    path("old/", views.old_home, name="old"),
    path("visits/", views.visits, name="visits"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
