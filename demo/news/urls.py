"""The publication's URLs (namespace ``news``)."""

from framework.urls import path
from news import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("section/<slug:slug>/feed/", feeds.SectionFeed(), name="section-feed"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("feeds/rss/", feeds.LatestArticlesFeed(), name="rss"),
    path("feeds/atom/", feeds.LatestArticlesAtomFeed(), name="atom"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("<int:year>/", views.YearView.as_view(), name="archive-year"),
    path("<int:year>/<int:month>/", views.MonthView.as_view(), name="archive-month"),
    path(
        "<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.ArticleView.as_view(),
        name="article",
    ),
]
