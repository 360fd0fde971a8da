"""Users, groups, permissions, the auth API and ModelBackend (permission caches,
inactive users, hash upgrades, login signals)."""

from __future__ import annotations

import pytest

from framework.contrib.auth import authenticate, get_user_model
from framework.contrib.auth.backends import ModelBackend
from framework.contrib.auth.hashers import get_hasher, make_password
from framework.contrib.auth.models import AnonymousUser, Group, Permission, User
from framework.contrib.auth.signals import user_login_failed
from framework.contrib.contenttypes.models import ContentType
from framework.core.exceptions import ImproperlyConfigured, PermissionDenied
from framework.db import connection
from framework.test.query_capture import CaptureQueriesContext
from tests.contenttypes.testapp.models import Document


def perm(codename):
    return Permission.objects.get(codename=codename, content_type__app_label="contrib_testapp")


def test_get_user_model_is_auth_user(contrib_backends, settings):
    """get_user_model() follows AUTH_USER_MODEL and names a bad value."""
    assert get_user_model() is User
    settings.AUTH_USER_MODEL = "nope.Missing"
    with pytest.raises(ImproperlyConfigured, match="nope.Missing"):
        get_user_model()


def test_create_user_hashes_password_and_normalizes_email(contrib_db):
    """create_user stores a hash (never the password) and lowercases the e-mail domain."""
    user = User.objects.create_user("alice", "Alice@EXAMPLE.com", "pw-123456")
    assert user.email == "Alice@example.com"
    assert user.password != "pw-123456" and user.check_password("pw-123456")
    assert not user.is_staff and not user.is_superuser and user.is_active
    assert user.is_authenticated and not user.is_anonymous


def test_create_user_without_password_is_unusable(contrib_db):
    """No password gives an unusable one: check_password always fails."""
    user = User.objects.create_user("nopw")
    assert not user.has_usable_password()
    assert not user.check_password("")


def test_create_superuser_flags(contrib_db):
    """create_superuser sets is_staff and is_superuser; contradicting flags are refused."""
    root = User.objects.create_superuser("root", "r@example.com", "pw")
    assert root.is_staff and root.is_superuser
    with pytest.raises(ValueError, match="is_superuser=True"):
        User.objects.create_superuser("x", "x@example.com", "pw", is_superuser=False)


def test_default_and_custom_permissions_created(contrib_db):
    """Post-migrate created add/change/delete/view for every model plus Meta.permissions."""
    codenames = set(
        Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Document)
        ).values_list("codename", flat=True)
    )
    assert codenames == {
        "add_document",
        "change_document",
        "delete_document",
        "view_document",
        "publish_document",
    }
    assert str(perm("publish_document")) == "Contrib_Testapp | document | Can publish document"


def test_permission_paths(contrib_db):
    """Direct and group permissions count; inactive users have none; superusers have all."""
    alice = User.objects.create_user("alice", password="pw")
    group = Group.objects.create(name="editors")
    group.permissions.add(perm("change_document"))
    alice.user_permissions.add(perm("view_document"))
    alice.groups.add(group)
    alice = User.objects.get(pk=alice.pk)
    assert alice.get_user_permissions() == {"contrib_testapp.view_document"}
    assert alice.get_group_permissions() == {"contrib_testapp.change_document"}
    assert alice.has_perms(["contrib_testapp.view_document", "contrib_testapp.change_document"])
    assert not alice.has_perm("contrib_testapp.delete_document")
    assert alice.has_module_perms("contrib_testapp")
    assert not alice.has_module_perms("auth")
    alice.is_active = False
    assert not alice.has_perm("contrib_testapp.view_document")
    root = User.objects.create_superuser("root", "r@example.com", "pw")
    assert root.has_perm("contrib_testapp.delete_document")
    assert root.has_module_perms("anything")


def test_permissions_cached_on_user_object(contrib_db):
    """After the first check, permission checks on the same user object run no query."""
    alice = User.objects.create_user("alice", password="pw")
    alice.user_permissions.add(perm("view_document"))
    alice = User.objects.get(pk=alice.pk)
    assert alice.has_perm("contrib_testapp.view_document")
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(5):
            assert alice.has_perm("contrib_testapp.view_document")
            assert not alice.has_perm("contrib_testapp.delete_document")
    assert len(ctx) == 0


def test_anonymous_user(contrib_db):
    """AnonymousUser: not authenticated, no permissions, cannot be saved."""
    anon = AnonymousUser()
    assert anon.is_anonymous and not anon.is_authenticated
    assert not anon.has_perm("contrib_testapp.view_document")
    assert anon.get_all_permissions() == set()
    assert str(anon) == "AnonymousUser" and anon == AnonymousUser()
    with pytest.raises(NotImplementedError):
        anon.save()
    with pytest.raises(ValueError):
        anon.has_perms("contrib_testapp.view_document")


def test_with_perm(contrib_db):
    """User.objects.with_perm lists users holding a permission, through groups too."""
    alice = User.objects.create_user("alice")
    bob = User.objects.create_user("bob")
    User.objects.create_user("carol")
    root = User.objects.create_superuser("root", "r@example.com", "pw")
    alice.user_permissions.add(perm("change_document"))
    group = Group.objects.create(name="g")
    group.permissions.add(perm("change_document"))
    bob.groups.add(group)
    found = set(User.objects.with_perm("contrib_testapp.change_document"))
    assert found == {alice, bob, root}
    found = set(User.objects.with_perm("contrib_testapp.change_document", include_superusers=False))
    assert found == {alice, bob}


def test_authenticate(contrib_db):
    """authenticate() returns the user for the right password, else None; inactive: None."""
    User.objects.create_user("alice", password="pw-1")
    user = authenticate(username="alice", password="pw-1")
    assert user.username == "alice"
    assert user.backend == "framework.contrib.auth.backends.ModelBackend"
    assert authenticate(username="alice", password="bad") is None
    assert authenticate(username="ghost", password="pw-1") is None
    User.objects.filter(username="alice").update(is_active=False)
    assert authenticate(username="alice", password="pw-1") is None


def test_allow_all_users_backend_lets_inactive_in(contrib_db, settings):
    """AllowAllUsersModelBackend authenticates inactive users."""
    settings.AUTHENTICATION_BACKENDS = ["framework.contrib.auth.backends.AllowAllUsersModelBackend"]
    User.objects.create_user("alice", password="pw-1", is_active=False)
    assert authenticate(username="alice", password="pw-1").username == "alice"


def test_login_failed_signal_masks_secrets(contrib_db):
    """user_login_failed carries the credentials with password/token values masked."""
    calls = []

    def receiver(sender, credentials, request, **kwargs):
        calls.append((sender, credentials, request))

    user_login_failed.connect(receiver)
    try:
        authenticate(username="ghost", password="secret", api_token="abc")
    finally:
        user_login_failed.disconnect(receiver)
    assert calls == [
        (
            "framework.contrib.auth.api",
            {
                "username": "ghost",
                "password": "********************",
                "api_token": "********************",
            },
            None,
        )
    ]


class DenyingBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        raise PermissionDenied


def test_permission_denied_stops_authentication(contrib_db, settings):
    """A backend raising PermissionDenied stops the search: later backends are not asked."""
    settings.AUTHENTICATION_BACKENDS = [
        "tests.auth.test_models_backends.DenyingBackend",
        "framework.contrib.auth.backends.ModelBackend",
    ]
    User.objects.create_user("alice", password="pw-1")
    assert authenticate(username="alice", password="pw-1") is None


def test_password_hash_upgraded_on_login(contrib_db):
    """A hash made by an older hasher is replaced by the preferred one on a successful login."""
    user = User.objects.create_user("alice")
    old_hash = make_password("pw-1", hasher="md5")
    User.objects.filter(pk=user.pk).update(password=old_hash)
    assert authenticate(username="alice", password="pw-1") is not None
    user.refresh_from_db()
    assert user.password != old_hash
    assert user.password.startswith(get_hasher().algorithm + "$")
    assert user.check_password("pw-1")


def test_wrong_password_does_not_upgrade_hash(contrib_db):
    """A failed login leaves an outdated hash untouched."""
    user = User.objects.create_user("alice")
    old_hash = make_password("pw-1", hasher="md5")
    User.objects.filter(pk=user.pk).update(password=old_hash)
    assert authenticate(username="alice", password="bad") is None
    user.refresh_from_db()
    assert user.password == old_hash


def test_last_login_updated_on_login(contrib_db):
    """login() records last_login (the user_logged_in receiver)."""
    from framework.contrib.auth import login
    from framework.contrib.sessions.backends.db import SessionStore
    from framework.http import HttpRequest

    user = User.objects.create_user("alice", password="pw-1")
    assert user.last_login is None
    request = HttpRequest()
    request.session = SessionStore()
    request.META = {"SERVER_NAME": "testserver", "SERVER_PORT": "80"}
    login(request, authenticate(username="alice", password="pw-1"))
    user.refresh_from_db()
    assert user.last_login is not None


def test_remote_user_backend_creates_users(contrib_db):
    """RemoteUserBackend creates an unknown remote user with an unusable password."""
    from framework.contrib.auth.backends import RemoteUserBackend

    user = RemoteUserBackend().authenticate(None, remote_user="knownbyapache")
    assert user.username == "knownbyapache" and not user.has_usable_password()
    assert RemoteUserBackend().authenticate(None, remote_user="") is None
