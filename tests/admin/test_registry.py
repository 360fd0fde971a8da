"""AdminSite registration, decorators and system checks (no HTTP)."""

from __future__ import annotations

import pytest

from framework.contrib import admin
from framework.contrib.admin.checks import check_dependencies
from framework.contrib.admin.checks_modeladmin import check_model_admin
from framework.contrib.admin.utils import quote, unquote
from tests.admin.shop.models import Author, Book, Tag


def test_register_unregister_and_errors(admin_backends):
    """register() builds a ModelAdmin (with options), refuses doubles, unregister() undoes."""
    site = admin.AdminSite(name="scratch")
    site.register(Tag, list_display=["name"])
    assert site.get_model_admin(Tag).list_display == ["name"]
    with pytest.raises(admin.AlreadyRegistered, match="Tag is already registered"):
        site.register(Tag)
    site.unregister(Tag)
    with pytest.raises(admin.NotRegistered):
        site.unregister(Tag)


def test_register_decorator_validates(admin_backends):
    """@admin.register needs a model and a ModelAdmin subclass."""
    site = admin.AdminSite(name="scratch2")

    @admin.register(Author, site=site)
    class AuthorAdmin(admin.ModelAdmin):
        pass

    assert isinstance(site._registry[Author], AuthorAdmin)
    with pytest.raises(ValueError, match="At least one model"):
        admin.register(site=site)(AuthorAdmin)
    with pytest.raises(ValueError, match="must subclass ModelAdmin"):
        admin.register(Book, site=site)(object)


def test_display_and_action_decorators():
    """@admin.display and @admin.action set Django's attributes."""

    @admin.display(boolean=True, ordering="-pages", description="Long?")
    def is_long(obj):
        return True

    assert (is_long.boolean, is_long.admin_order_field, is_long.short_description) == (
        True,
        "-pages",
        "Long?",
    )
    with pytest.raises(ValueError, match="mutually exclusive"):
        admin.display(boolean=True, empty_value="?")(lambda o: o)

    @admin.action(permissions=["publish"], description="Publish")
    def publish(modeladmin, request, queryset):
        pass

    assert publish.allowed_permissions == ["publish"] and publish.short_description == "Publish"


def test_model_admin_checks_name_the_culprit(admin_backends):
    """Bad list_display / list_display_links / ordering entries give admin.E108/E111/E033."""
    site = admin.AdminSite(name="scratch3")

    class BadAdmin(admin.ModelAdmin):
        list_display = ["title", "nope"]
        list_display_links = ["missing"]
        ordering = ["-ghost"]

    site.register(Book, BadAdmin)
    try:
        errors = check_model_admin(site._registry[Book])
    finally:
        site.unregister(Book)
    ids = sorted(e.id for e in errors)
    assert ids == ["admin.E033", "admin.E108", "admin.E111"]
    assert any("'nope'" in e.msg for e in errors)
    assert check_model_admin(admin.site._registry[Book]) == []


def test_dependency_checks(admin_backends, settings):
    """Missing middleware is reported with admin.E408-E410."""
    settings.MIDDLEWARE = []
    ids = {e.id for e in check_dependencies()}
    assert {"admin.E408", "admin.E409", "admin.E410"} <= ids


def test_quote_roundtrip():
    """Primary keys with URL-special characters survive quote/unquote."""
    for value in ("a/b_c", "50%", "x?y#z", "plain"):
        assert unquote(quote(value)) == value
    assert "/" not in quote("a/b")


def test_autodiscover_registered_the_test_app_and_auth(admin_backends):
    """AdminConfig.ready() imported shop/admin.py and registered User and Group."""
    from framework.contrib.auth.models import Group, User

    assert admin.site.is_registered(Book)
    assert admin.site.is_registered(User) and admin.site.is_registered(Group)


def test_log_entry_messages_and_field_changes(admin_db):
    """LogEntry renders Django's sentences and exposes the recorded old/new values."""
    from framework.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
    from framework.contrib.auth.models import User
    from framework.contrib.contenttypes.models import ContentType

    user = User.objects.create_user("logger", "l@example.com", "pw-Long-12345")
    ct = ContentType.objects.get_for_model(Book)
    added = LogEntry.objects.log_action(user.pk, ct.pk, 1, "Dune", ADDITION, [{"added": {}}])
    assert str(added) == "Added “Dune”." and added.get_change_message() == "Added."
    changed = LogEntry.objects.log_action(
        user.pk,
        ct.pk,
        1,
        "Dune",
        CHANGE,
        [
            {
                "changed": {
                    "fields": ["Title", "Pages"],
                    "values": [
                        {
                            "name": "title",
                            "label": "Title",
                            "old": "D",
                            "new": "Dune",
                            "old_repr": "D",
                            "new_repr": "Dune",
                        },
                    ],
                }
            },
            {"deleted": {"name": "chapter", "object": "1. One"}},
        ],
    )
    assert changed.get_change_message() == "Changed Title and Pages. Deleted chapter “1. One”."
    assert changed.get_field_changes()[0]["old"] == "D"
    assert (
        changed.get_admin_url() == "/admin/shop/book/1/change/" or changed.get_admin_url() is None
    )
    plain = LogEntry.objects.log_action(user.pk, ct.pk, 1, "Dune", DELETION, "gone")
    assert plain.get_change_message() == "gone" and plain.get_change_list() == []
    assert str(plain) == "Deleted “Dune.”"
