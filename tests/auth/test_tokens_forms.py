"""Password reset tokens, the auth forms and the template context processor."""

from __future__ import annotations

from datetime import datetime, timedelta

from framework.contrib.auth.context_processors import PermWrapper, auth
from framework.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserChangeForm,
    UserCreationForm,
)
from framework.contrib.auth.models import AnonymousUser, Permission, User
from framework.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from framework.core import mail
from framework.forms import ModelForm
from framework.forms.models import model_to_dict
from framework.http import HttpRequest


class ShiftedTokens(PasswordResetTokenGenerator):
    def __init__(self, now):
        super().__init__()
        self._fixed_now = now

    def _now(self):
        return self._fixed_now


def test_token_valid_once_and_tied_to_password(contrib_db):
    """A token checks for its user only, and stops working when the password changes."""
    alice = User.objects.create_user("alice", "a@example.com", "pw-1")
    bob = User.objects.create_user("bob", "b@example.com", "pw-1")
    token = default_token_generator.make_token(alice)
    assert default_token_generator.check_token(alice, token)
    assert not default_token_generator.check_token(bob, token)
    assert not default_token_generator.check_token(alice, "bad")
    assert not default_token_generator.check_token(alice, None)
    alice.set_password("pw-2")
    alice.save()
    assert not default_token_generator.check_token(alice, token)


def test_token_expires_after_timeout(contrib_db, settings):
    """A token older than PASSWORD_RESET_TIMEOUT seconds is refused."""
    settings.PASSWORD_RESET_TIMEOUT = 60
    alice = User.objects.create_user("alice", "a@example.com", "pw-1")
    start = datetime(2030, 1, 1, 12, 0, 0)
    token = ShiftedTokens(start).make_token(alice)
    assert ShiftedTokens(start + timedelta(seconds=59)).check_token(alice, token)
    assert not ShiftedTokens(start + timedelta(seconds=61)).check_token(alice, token)


def test_token_made_with_fallback_key_still_checks(contrib_db, settings):
    """SECRET_KEY_FALLBACKS: tokens signed with an old key stay valid after rotation."""
    alice = User.objects.create_user("alice", "a@example.com", "pw-1")
    old = PasswordResetTokenGenerator()
    old.secret = "old-secret"
    token = old.make_token(alice)
    assert not default_token_generator.check_token(alice, token)
    settings.SECRET_KEY_FALLBACKS = ["old-secret"]
    assert default_token_generator.check_token(alice, token)


def test_authentication_form(contrib_db):
    """AuthenticationForm accepts the right credentials and refuses inactive users."""
    User.objects.create_user("alice", password="pw-1")
    form = AuthenticationForm(None, data={"username": "alice", "password": "pw-1"})
    assert form.is_valid() and form.get_user().username == "alice"
    bad = AuthenticationForm(None, data={"username": "alice", "password": "x"})
    assert not bad.is_valid()
    assert bad.non_field_errors()[0].startswith("Please enter a correct username and password")


def test_set_and_change_password_forms(contrib_db, settings):
    """Mismatched passwords and validator failures are reported on the second field."""
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "framework.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 10},
        }
    ]
    alice = User.objects.create_user("alice", password="pw-1")
    form = SetPasswordForm(alice, data={"new_password1": "a" * 12, "new_password2": "b" * 12})
    assert not form.is_valid()
    assert form.errors["new_password2"] == ["The two password fields didn’t match."]
    form = SetPasswordForm(alice, data={"new_password1": "short", "new_password2": "short"})
    assert not form.is_valid() and "too short" in form.errors["new_password2"][0]
    form = PasswordChangeForm(
        alice,
        data={
            "old_password": "pw-1",
            "new_password1": "long-enough-1",
            "new_password2": "long-enough-1",
        },
    )
    assert form.is_valid()
    form.save()
    assert User.objects.get(pk=alice.pk).check_password("long-enough-1")


def test_password_reset_form_skips_inactive_and_unusable(contrib_db, settings):
    """Only active users with a usable password get the reset e-mail."""
    settings.EMAIL_BACKEND = "framework.core.mail.backends.locmem.EmailBackend"
    settings.TEMPLATES = [
        {"BACKEND": "framework.template.backends.jinja2.Jinja2", "APP_DIRS": True}
    ]
    settings.ROOT_URLCONF = "tests.auth.urls"
    mail.outbox = []
    User.objects.create_user("active", "same@example.com", "pw")
    User.objects.create_user("inactive", "same@example.com", "pw", is_active=False)
    User.objects.create_user("nopw", "same@example.com")
    form = PasswordResetForm(data={"email": "SAME@example.com"})
    assert form.is_valid()
    form.save(domain_override="site.example")
    assert [m.to for m in mail.outbox] == [["same@example.com"]]
    assert "http://site.example/accounts/reset/" in mail.outbox[0].body


def test_user_creation_and_change_forms(contrib_db):
    """UserCreationForm creates a user with a hashed password; duplicates are refused."""
    form = UserCreationForm(
        data={"username": "newbie", "password1": "pw-123456", "password2": "pw-123456"}
    )
    assert form.is_valid(), form.errors
    user = form.save()
    assert user.pk and user.check_password("pw-123456")
    dup = UserCreationForm(
        data={"username": "NEWBIE", "password1": "pw-123456", "password2": "pw-123456"}
    )
    assert not dup.is_valid()
    assert dup.errors["username"] == ["A user with that username already exists."]
    bad = UserCreationForm(data={"username": "no spaces", "password1": "p", "password2": "p"})
    assert not bad.is_valid() and "username" in bad.errors
    data = model_to_dict(user, exclude=["password", "groups", "user_permissions"])
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    change = UserChangeForm(
        data={**data, "email": "n@example.com", "is_active": "on"}, instance=user
    )
    assert change.is_valid(), change.errors
    change.save()
    saved = User.objects.get(pk=user.pk)
    assert saved.email == "n@example.com"
    # The password field is shown, never written: the hash is unchanged.
    assert saved.password == user.password
    assert change.password_summary()["algorithm"] == "pbkdf2_sha256"
    assert "pbkdf2_sha256" in str(change["password"])
    assert "<input" not in str(change["password"])


def test_user_creation_form_is_a_model_form_to_subclass(contrib_db, settings):
    """As in Django: a ModelForm over auth.User whose Meta a project extends; the password
    is validated against the submitted username; NFKC-normalised usernames."""
    assert issubclass(UserCreationForm, ModelForm)
    assert UserCreationForm._meta.model is User

    class WithEmail(UserCreationForm):
        class Meta(UserCreationForm.Meta):
            fields = ("username", "email")

    form = WithEmail(
        data={
            "username": "ｃａｒｏｌ",
            "email": "carol@example.com",
            "password1": "carol-pw-9181",
            "password2": "carol-pw-9181",
        }
    )
    assert list(form.fields) == ["username", "email", "password1", "password2"]
    assert form.is_valid(), form.errors
    user = form.save()
    assert (user.username, user.email) == ("carol", "carol@example.com")
    assert 'autocapitalize="none"' in str(form["username"])
    settings.AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "framework.contrib.auth.password_validation.UserAttributeSimilarityValidator"}
    ]
    similar = UserCreationForm(
        data={"username": "dorothea", "password1": "dorothea1", "password2": "dorothea1"}
    )
    assert not similar.is_valid()
    assert "password2" in similar.errors
    mismatch = UserCreationForm(data={"username": "eve", "password1": "a-b-c-1", "password2": "x"})
    assert mismatch.errors["password2"] == ["The two password fields didn’t match."]
    unsaved = UserCreationForm(
        data={"username": "frank", "password1": "frank-pw-9181", "password2": "frank-pw-9181"}
    ).save(commit=False)
    assert unsaved.pk is None and unsaved.check_password("frank-pw-9181")


def test_context_processor_user_and_perms(contrib_db):
    """auth() gives user (AnonymousUser without request.user) and a PermWrapper."""
    request = HttpRequest()
    context = auth(request)
    assert isinstance(context["user"], AnonymousUser)
    alice = User.objects.create_user("alice")
    alice.user_permissions.add(
        Permission.objects.get(codename="view_document", content_type__app_label="contrib_testapp")
    )
    request.user = User.objects.get(pk=alice.pk)
    perms = auth(request)["perms"]
    assert isinstance(perms, PermWrapper)
    assert perms.contrib_testapp.view_document
    assert not perms.contrib_testapp.delete_document
    assert "contrib_testapp.view_document" in perms
    assert "contrib_testapp" in perms and "auth" not in perms
    assert bool(perms.contrib_testapp) and not bool(perms.auth)
