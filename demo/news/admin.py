"""The newsroom in the admin: articles with their tags, sections with their articles."""

from __future__ import annotations

from framework.contrib import admin
from news.models import Article, Author, Section, Tag


class ArticleInline(admin.TabularInline):
    """A section's articles, newest first (titles and status only)."""

    model = Article
    fields = ["title", "status", "pub_date"]
    extra = 0
    show_change_link = True
    max_num = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "position"]
    list_filter = ["site"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ArticleInline]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "email"]
    search_fields = ["name", "email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "site", "section", "author", "status", "pub_date", "featured"]
    list_filter = ["status", "site", "section", "featured"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "pub_date"
    list_select_related = ["site", "section", "author"]
    filter_horizontal = ["tags"]
    list_per_page = 50
