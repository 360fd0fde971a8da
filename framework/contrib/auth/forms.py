"""Authentication forms: log in, set/change/reset a password, create and change users.

``UserCreationForm`` and ``UserChangeForm`` are ModelForms over ``auth.User``, as Django's
are; for a custom user model, subclass them with a ``Meta`` naming it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from framework import forms
from framework.contrib.auth import password_validation
from framework.contrib.auth.api import authenticate, get_user_model
from framework.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, identify_hasher
from framework.contrib.auth.models import User
from framework.contrib.auth.tokens import default_token_generator
from framework.core.exceptions import ValidationError
from framework.core.mail import EmailMultiAlternatives
from framework.template import loader
from framework.utils.encoding import force_bytes
from framework.utils.html import format_html, format_html_join
from framework.utils.http import urlsafe_base64_encode

__all__ = [
    "AuthenticationForm",
    "BaseUserCreationForm",
    "PasswordChangeForm",
    "PasswordResetForm",
    "ReadOnlyPasswordHashField",
    "SetPasswordForm",
    "UserChangeForm",
    "UserCreationForm",
    "UsernameField",
]


def _password_field(label: str, autocomplete: str = "new-password", **kwargs: Any) -> Any:
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        **kwargs,
    )


class SetPasswordMixin:
    """Two new-password fields that must match and pass AUTH_PASSWORD_VALIDATORS."""

    error_messages = {"password_mismatch": "The two password fields didn’t match."}

    def validate_passwords(
        self, password1_field_name: str = "password1", password2_field_name: str = "password2"
    ) -> None:
        password1 = self.cleaned_data.get(password1_field_name)
        password2 = self.cleaned_data.get(password2_field_name)
        if password1 and password2 and password1 != password2:
            self.add_error(
                password2_field_name,
                ValidationError(self.error_messages["password_mismatch"], code="password_mismatch"),
            )

    def validate_password_for_user(self, user: Any, password_field_name: str = "password2") -> None:
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error(password_field_name, error)


class AuthenticationForm(forms.Form):
    """Username and password, checked with ``authenticate()``; inactive users refused."""

    username = forms.CharField(max_length=254, widget=forms.TextInput(attrs={"autofocus": True}))
    password = _password_field("Password", autocomplete="current-password")

    error_messages = {
        "invalid_login": (
            "Please enter a correct %(username)s and password. Note that both fields may be "
            "case-sensitive."
        ),
        "inactive": "This account is inactive.",
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)
        UserModel = get_user_model()
        self.username_field = UserModel._meta.get_field(UserModel.USERNAME_FIELD)
        username_max_length = self.username_field.max_length or 254
        self.fields["username"].max_length = username_max_length
        self.fields["username"].widget.attrs["maxlength"] = username_max_length
        if self.fields["username"].label is None:
            self.fields["username"].label = str(self.username_field.verbose_name).capitalize()

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user: Any) -> None:
        """Refuse inactive users (override to add rules); raise ValidationError."""
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")

    def get_user(self) -> Any:
        return self.user_cache

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"username": self.username_field.verbose_name},
        )


class SetPasswordForm(SetPasswordMixin, forms.Form):
    """Set a user's password without the old one (after a reset link)."""

    new_password1 = _password_field(
        "New password", help_text=password_validation.password_validators_help_text_html()
    )
    new_password2 = _password_field("New password confirmation")

    def __init__(self, user: Any, *args: Any, **kwargs: Any):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password2")
        return super().clean()

    def save(self, commit: bool = True) -> Any:
        self.user.set_password(self.cleaned_data["new_password1"])
        if commit:
            self.user.save()
        return self.user


class PasswordChangeForm(SetPasswordForm):
    """Change a password: the old one first, then the new one twice."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_incorrect": ("Your old password was entered incorrectly. Please enter it again."),
    }
    old_password = _password_field("Old password", autocomplete="current-password")

    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not self.user.check_password(old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordResetForm(forms.Form):
    """An e-mail address; ``save()`` mails a reset link to its active users (if any).

    The answer is the same whether or not the address belongs to a user.
    """

    email = forms.EmailField(
        label="Email", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Render and send one reset e-mail."""
        subject = loader.render_to_string(subject_template_name, context)
        subject = "".join(subject.splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        message.send()

    def get_users(self, email: str):
        """Active users with this e-mail (case-insensitive) and a usable password."""
        UserModel = get_user_model()
        email_field_name = UserModel.get_email_field_name()
        active_users = UserModel._default_manager.filter(
            **{f"{email_field_name}__iexact": email, "is_active": True}
        )
        for user in active_users:
            if user.has_usable_password() and _same_email(email, getattr(user, email_field_name)):
                yield user

    def save(
        self,
        domain_override: str | None = None,
        subject_template_name: str = "registration/password_reset_subject.txt",
        email_template_name: str = "registration/password_reset_email.html",
        use_https: bool = False,
        token_generator: Any = default_token_generator,
        from_email: str | None = None,
        request: Any = None,
        html_email_template_name: str | None = None,
        extra_email_context: dict[str, Any] | None = None,
    ) -> None:
        """Send a reset link to each user of ``get_users()``."""
        email = self.cleaned_data["email"]
        if not domain_override:
            from framework.contrib.sites.shortcuts import get_current_site

            current_site = get_current_site(request)
            site_name = current_site.name
            domain = current_site.domain
        else:
            site_name = domain = domain_override
        email_field_name = get_user_model().get_email_field_name()
        for user in self.get_users(email):
            context = {
                "email": getattr(user, email_field_name),
                "domain": domain,
                "site_name": site_name,
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "user": user,
                "token": token_generator.make_token(user),
                "protocol": "https" if use_https else "http",
                **(extra_email_context or {}),
            }
            self.send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                getattr(user, email_field_name),
                html_email_template_name=html_email_template_name,
            )


def _same_email(a: str, b: str) -> bool:
    # NFKC + casefold, so that look-alike Unicode addresses do not match each other.
    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )


class UsernameField(forms.CharField):
    """A username: NFKC-normalised, with the attributes browsers need not to mangle it."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if self.max_length is not None and len(value) > self.max_length:
            # Normalisation can grow the text: leave it for max_length to refuse as typed.
            return value
        return unicodedata.normalize("NFKC", value)

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        return {
            **super().widget_attrs(widget),
            "autocapitalize": "none",
            "autocomplete": "username",
        }


class ReadOnlyPasswordHashWidget(forms.Widget):
    """Shows the algorithm and the masked parts of a stored hash; never an input."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        return password_summary_html(value)


def password_summary_html(encoded: str | None) -> Any:
    """The algorithm and masked parts of a stored password hash, as safe HTML."""
    if not encoded or encoded.startswith(UNUSABLE_PASSWORD_PREFIX):
        return format_html("<div><strong>{}</strong></div>", "No password set.")
    try:
        summary = identify_hasher(encoded).safe_summary(encoded)
    except ValueError:
        return format_html(
            "<div><strong>{}</strong></div>",
            "Invalid password format or unknown hashing algorithm.",
        )
    return format_html(
        "<div>{}</div>",
        format_html_join(" ", "<strong>{}</strong>: <bdi>{}</bdi>", summary.items()),
    )


class ReadOnlyPasswordHashField(forms.Field):
    """The stored password hash, displayed and never changed by the form."""

    widget = ReadOnlyPasswordHashWidget

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("required", False)
        kwargs.setdefault("disabled", True)
        super().__init__(*args, **kwargs)


class BaseUserCreationForm(SetPasswordMixin, forms.ModelForm):
    """A username and a password (twice); ``save()`` creates the user.

    For a custom user model, subclass with ``class Meta(BaseUserCreationForm.Meta):
    model = MyUser`` (and the fields it needs).
    """

    password1 = _password_field(
        "Password", help_text=password_validation.password_validators_help_text_html()
    )
    password2 = _password_field(
        "Password confirmation", help_text="Enter the same password as before, for verification."
    )

    class Meta:
        model = User
        fields = ("username",)
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        username_field = self._meta.model.USERNAME_FIELD
        if username_field in self.fields:
            self.fields[username_field].widget.attrs["autofocus"] = True

    def clean(self) -> dict[str, Any]:
        self.validate_passwords()
        return super().clean()

    def _post_clean(self) -> None:
        super()._post_clean()
        # The instance now carries the submitted fields: the validators (similarity to the
        # username, say) judge the password against them.
        self.validate_password_for_user(self.instance)

    def save(self, commit: bool = True) -> Any:
        """Build the user with the hashed password (saved unless ``commit`` is False)."""
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
            if hasattr(self, "save_m2m"):
                self.save_m2m()
        return user


class UserCreationForm(BaseUserCreationForm):
    """``BaseUserCreationForm`` that also refuses a username differing only in case."""

    error_messages = {
        **BaseUserCreationForm.error_messages,
        "unique": "A user with that username already exists.",
    }

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username")
        model = self._meta.model
        if (
            username
            and model._default_manager.filter(
                **{f"{model.USERNAME_FIELD}__iexact": username}
            ).exists()
        ):
            raise ValidationError(self.error_messages["unique"], code="unique")
        return username


class UserChangeForm(forms.ModelForm):
    """Edit a user's details; the password is shown as a hash summary, changed elsewhere."""

    password = ReadOnlyPasswordHashField(
        label="Password",
        help_text="Raw passwords are not stored, so there is no way to see the user’s password.",
    )

    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        user_permissions = self.fields.get("user_permissions")
        if user_permissions is not None:
            user_permissions.queryset = user_permissions.queryset.select_related("content_type")

    def password_summary(self) -> dict[str, Any]:
        """The algorithm and masked parts of the stored hash (what the admin shows)."""
        encoded = self.instance.password
        if not encoded or not self.instance.has_usable_password():
            return {}
        try:
            return identify_hasher(encoded).safe_summary(encoded)
        except ValueError:
            return {}
