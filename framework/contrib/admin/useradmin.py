"""Admin pages of ``auth.User`` and ``auth.Group``: add with the password twice, change with
a summary of the password hash and its own password form, group and permission pickers.

``AdminConfig.ready()`` registers them on ``admin.site`` unless the project (or an
``auth/admin.py``) already registered these models.
"""

from __future__ import annotations

from typing import Any

from framework.contrib.admin.options import ModelAdmin
from framework.contrib.admin.utils import unquote
from framework.core.exceptions import PermissionDenied
from framework.db import router, transaction
from framework.http import HttpResponseRedirect
from framework.template.response import TemplateResponse
from framework.urls import path
from framework.utils.deferred import LazyImport, lazy_module
from framework.utils.html import format_html, format_html_join

# auth's forms (and the mail package they use) load with the first user page, not when
# UserAdmin is registered at start-up.
auth_forms = lazy_module("framework.contrib.auth.forms")


def __getattr__(name: str) -> Any:
    if name == "AdminUserCreationForm":  # it lives with the admin's other forms
        from framework.contrib.admin.forms import AdminUserCreationForm

        return AdminUserCreationForm
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def password_summary_html(user: Any) -> Any:
    """The algorithm and masked parts of the stored hash, as the change form shows them."""
    from framework.contrib.auth.hashers import identify_hasher

    if not user.password or not user.has_usable_password():
        return "No password set."
    try:
        summary = identify_hasher(user.password).safe_summary(user.password)
    except ValueError:
        return "Invalid password format or unknown hashing algorithm."
    return format_html_join(
        "", "<strong>{}</strong>: <bdi>{}</bdi> ", ((k, v) for k, v in summary.items())
    )


class UserAdmin(ModelAdmin):
    """Users: list, search, filters; add with the password twice; change-password form."""

    add_form_template = None
    change_user_password_template = None
    fieldsets = (
        (None, {"fields": ("username", "password_summary")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
    )
    add_form: type = LazyImport("framework.contrib.admin.forms.AdminUserCreationForm")
    readonly_fields = ("password_summary",)
    list_display = ("username", "email", "first_name", "last_name", "is_staff")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    filter_horizontal = ("groups", "user_permissions")

    def password_summary(self, obj: Any) -> Any:
        """The hash summary and a link to the change-password form."""
        if obj is None or obj.pk is None:
            return ""
        url = self.admin_url("password", obj.pk)
        return format_html(
            '{}<br><a href="{}" class="button">Reset password</a>',
            password_summary_html(obj),
            url,
        )

    password_summary.short_description = "Password"

    def get_fieldsets(self, request: Any, obj: Any = None) -> list:
        if obj is None:
            return list(self.add_fieldsets)
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_form(self, request: Any, obj: Any = None, **kwargs: Any) -> type:
        if obj is None:
            kwargs["form"] = self.add_form
            kwargs["fields"] = ["username"]
        return super().get_form(request, obj, **kwargs)

    def get_urls(self) -> list:
        return [
            path(
                "<path:object_id>/password/",
                self.admin_site.admin_view(self.user_change_password),
                name=f"{self.opts.app_label}_{self.opts.model_name}_password",
            ),
            *super().get_urls(),
        ]

    def lookup_allowed(self, lookup: str, value: Any, request: Any = None) -> bool:
        # Never let the query string probe password hashes.
        if lookup.startswith("password"):
            return False
        return super().lookup_allowed(lookup, value, request)

    def user_change_password(self, request: Any, object_id: str, form_url: str = "") -> Any:
        """Set a user's password (twice), logged as a change."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            user = self._get_obj_or_404(request, unquote(object_id))
            if not self.has_change_permission(request, user):
                raise PermissionDenied
            form = auth_forms.SetPasswordForm(
                user, request.POST if request.method == "POST" else None
            )
            if request.method == "POST" and form.is_valid():
                form.save()
                self.log_change(request, user, [{"changed": {"fields": ["password"]}}])
                self.message_user(request, "Password changed successfully.", level=25)
                if request.user.pk == user.pk:
                    from framework.contrib.auth import update_session_auth_hash

                    update_session_auth_hash(request, form.user)
                return HttpResponseRedirect(self.admin_url("change", user.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change password: {user.get_username()}",
            "subtitle": None,
            "form": form,
            "original": user,
            "opts": self.opts,
            "change_url": self.admin_url("change", user.pk),
        }
        return TemplateResponse(
            request,
            self.change_user_password_template or "admin/auth/user/change_password.html",
            context,
        )


class GroupAdmin(ModelAdmin):
    """Groups with their permissions."""

    search_fields = ("name",)
    ordering = ("name",)
    filter_horizontal = ("permissions",)


def register_auth_admins(site: Any) -> None:
    """Register User (the AUTH_USER_MODEL if it is auth's) and Group unless already done."""
    from framework.apps import apps

    if not apps.is_installed("framework.contrib.auth"):
        return
    from framework.contrib.auth.api import get_user_model
    from framework.contrib.auth.models import Group, User

    if get_user_model() is User and not site.is_registered(User):
        site.register(User, UserAdmin)
    if not site.is_registered(Group):
        site.register(Group, GroupAdmin)
