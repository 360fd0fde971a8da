"""Authentication forms: log in, set/change/reset a password, create and change users.

``UserCreationForm`` and ``UserChangeForm`` are plain forms over the user model
(fields and ``save()`` as Django's ModelForms have them).
"""

from __future__ import annotations

from typing import Any

from framework import forms
from framework.contrib.auth import password_validation
from framework.contrib.auth.api import authenticate, get_user_model
from framework.contrib.auth.hashers import identify_hasher
from framework.contrib.auth.tokens import default_token_generator
from framework.core.exceptions import ValidationError
from framework.core.mail import EmailMultiAlternatives
from framework.template import loader
from framework.utils.encoding import force_bytes
from framework.utils.http import urlsafe_base64_encode

__all__ = [
    "AuthenticationForm",
    "PasswordChangeForm",
    "PasswordResetForm",
    "SetPasswordForm",
    "UserChangeForm",
    "UserCreationForm",
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
    import unicodedata

    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )


class UserCreationForm(SetPasswordMixin, forms.Form):
    """A username and a password (twice); ``save()`` creates the user."""

    error_messages = {
        **SetPasswordMixin.error_messages,
        "unique": "A user with that username already exists.",
    }
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password1 = _password_field(
        "Password", help_text=password_validation.password_validators_help_text_html()
    )
    password2 = _password_field(
        "Password confirmation", help_text="Enter the same password as before, for verification."
    )

    def clean_username(self) -> str:
        UserModel = get_user_model()
        username = UserModel.normalize_username(self.cleaned_data["username"])
        field = UserModel._meta.get_field(UserModel.USERNAME_FIELD)
        field.run_validators(username)
        if UserModel._default_manager.filter(
            **{f"{UserModel.USERNAME_FIELD}__iexact": username}
        ).exists():
            raise ValidationError(self.error_messages["unique"], code="unique")
        return username

    def clean(self) -> dict[str, Any]:
        self.validate_passwords()
        UserModel = get_user_model()
        user = UserModel(**{UserModel.USERNAME_FIELD: self.cleaned_data.get("username", "")})
        self.validate_password_for_user(user)
        return super().clean()

    def save(self, commit: bool = True) -> Any:
        """Build the user (saved unless ``commit`` is False)."""
        UserModel = get_user_model()
        user = UserModel(**{UserModel.USERNAME_FIELD: self.cleaned_data["username"]})
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class UserChangeForm(forms.Form):
    """Edit a user's details (not the password: that has its own form)."""

    username = forms.CharField(label="Username", max_length=150)
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(label="Email address", required=False)
    is_active = forms.BooleanField(label="Active", required=False)
    is_staff = forms.BooleanField(label="Staff status", required=False)
    is_superuser = forms.BooleanField(label="Superuser status", required=False)

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any):
        self.instance = instance
        if instance is not None:
            initial = {name: getattr(instance, name, None) for name in self.base_fields}
            initial.update(kwargs.get("initial") or {})
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def password_summary(self) -> dict[str, Any]:
        """The algorithm and masked parts of the stored hash (what the admin shows)."""
        if self.instance is None or not self.instance.has_usable_password():
            return {}
        try:
            hasher = identify_hasher(self.instance.password)
        except ValueError:
            return {}
        return hasher.safe_summary(self.instance.password)

    def clean_username(self) -> str:
        UserModel = get_user_model()
        username = UserModel.normalize_username(self.cleaned_data["username"])
        UserModel._meta.get_field(UserModel.USERNAME_FIELD).run_validators(username)
        others = UserModel._default_manager.filter(
            **{f"{UserModel.USERNAME_FIELD}__iexact": username}
        )
        if self.instance is not None and self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError("A user with that username already exists.", code="unique")
        return username

    def save(self, commit: bool = True) -> Any:
        """Copy the cleaned values onto the instance (and save it)."""
        if self.instance is None:
            raise ValueError("UserChangeForm.save() needs the form built with instance=user.")
        for name, value in self.cleaned_data.items():
            if hasattr(self.instance, name):
                setattr(self.instance, name, value)
        if commit:
            self.instance.save()
        return self.instance
