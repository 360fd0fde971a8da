"""The admin's login and password forms."""

from __future__ import annotations

from framework import forms
from framework.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
)


class AdminAuthenticationForm(AuthenticationForm):
    """The login form of the admin: only active staff members may log in."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter the correct %(username)s and password for a staff account. Note that "
            "both fields may be case-sensitive."
        ),
    }
    required_css_class = "required"

    def confirm_login_allowed(self, user) -> None:  # noqa: ANN001
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class AdminPasswordChangeForm(PasswordChangeForm):
    """The admin's password change form."""

    required_css_class = "required"


class AdminUserCreationForm(BaseUserCreationForm):
    """The user add page's form: a username and the password twice, validated by
    AUTH_PASSWORD_VALIDATORS (the ModelAdmin supplies the registered user model)."""
