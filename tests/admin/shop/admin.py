"""ModelAdmins of the admin tests (imported by autodiscover)."""

from __future__ import annotations

from framework.contrib import admin
from framework.contrib.admin.generic import GenericTabularInline
from tests.contenttypes.testapp.models import TaggedItem

from .models import Article, Author, Book, Chapter, Notice, Publisher, Review, Shelf, Tag


class ChapterInline(admin.TabularInline):
    model = Chapter
    extra = 2


class ReviewInline(admin.StackedInline):
    model = Review
    extra = 1


class TaggedItemInline(GenericTabularInline):
    model = TaggedItem
    extra = 1


class PageRangeFilter(admin.SimpleListFilter):
    title = "length"
    parameter_name = "length"

    def lookups(self, request, model_admin):
        return [("short", "Short"), ("long", "Long")]

    def queryset(self, request, queryset):
        if self.value() == "short":
            return queryset.filter(pages__lt=200)
        if self.value() == "long":
            return queryset.filter(pages__gte=200)
        return queryset


@admin.action(description="Mark selected books as out of print", permissions=["change"])
def mark_out_of_print(modeladmin, request, queryset):
    for book in queryset:
        book.in_print = False
        book.save()
        modeladmin.log_change(
            request,
            book,
            [
                {
                    "changed": {
                        "fields": ["In print"],
                        "values": [
                            {
                                "name": "in_print",
                                "label": "In print",
                                "old": True,
                                "new": False,
                                "old_repr": "True",
                                "new_repr": "False",
                            }
                        ],
                    }
                }
            ],
        )
    modeladmin.message_user(request, f"{len(queryset)} books marked out of print.")


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "genre", "in_print", "page_band"]
    list_filter = ["genre", "in_print", "author", "published", PageRangeFilter]
    search_fields = ["^title", "=genre", "author__name"]
    inlines = [ChapterInline, ReviewInline]
    actions = [mark_out_of_print]
    list_per_page = 10
    date_hierarchy = "published"
    save_as = True

    @admin.display(description="Length", ordering="pages")
    def page_band(self, obj):
        return "long" if obj.pages >= 200 else "short"


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "is_prolific"]
    search_fields = ["name"]
    fieldsets = [(None, {"fields": ["name"]}), ("Contact", {"fields": ["email"]})]
    readonly_fields = []
    inlines = [TaggedItemInline]

    @admin.display(boolean=True, description="Prolific")
    def is_prolific(self, obj):
        return obj.name.startswith("A")


admin.site.register(Tag)
admin.site.register(Shelf)
admin.site.register(Article, list_display=["title", "site"])
admin.site.register(Notice)


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    object_permissions = True
    search_fields = ["name"]
