"""Object permissions: assign/remove, queries in one SQL statement, the backend, cleanup."""

from __future__ import annotations

import pytest

from framework.contrib.auth.backends import ObjectPermissionBackend
from framework.contrib.auth.models import (
    Group,
    GroupObjectPermission,
    Permission,
    User,
    UserObjectPermission,
)
from framework.contrib.auth.shortcuts import (
    WrongAppError,
    assign_perm,
    get_group_perms,
    get_groups_with_perms,
    get_objects_for_group,
    get_objects_for_user,
    get_perms,
    get_user_perms,
    get_users_with_perms,
    remove_perm,
)
from framework.db import connection
from framework.test.query_capture import CaptureQueriesContext
from tests.contenttypes.testapp.models import Bookmark, Document, Project

OBJ_BACKENDS = [
    "framework.contrib.auth.backends.ModelBackend",
    "framework.contrib.auth.backends.ObjectPermissionBackend",
]


@pytest.fixture
def objperm_db(contrib_db, settings):
    settings.AUTHENTICATION_BACKENDS = OBJ_BACKENDS
    return contrib_db


@pytest.fixture
def people(objperm_db):
    alice = User.objects.create_user("alice")
    bob = User.objects.create_user("bob")
    team = Group.objects.create(name="team")
    bob.groups.add(team)
    docs = [Document.objects.create(title=f"doc{i}") for i in range(5)]
    return alice, bob, team, docs


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_assign_perm_to_user_on_object(people):
    """assign_perm(codename or app.codename, user, obj) grants on that object only."""
    alice, _, _, docs = people
    grant = assign_perm("change_document", alice, docs[0])
    assert isinstance(grant, UserObjectPermission)
    assert grant.object_pk == str(docs[0].pk)
    assign_perm("contrib_testapp.view_document", alice, docs[0])
    assert fresh(alice).has_perm("contrib_testapp.change_document", docs[0])
    assert not fresh(alice).has_perm("contrib_testapp.change_document", docs[1])
    assert not fresh(alice).has_perm("contrib_testapp.change_document")
    assert sorted(get_perms(alice, docs[0])) == ["change_document", "view_document"]
    assert sorted(get_user_perms(alice, docs[0])) == ["change_document", "view_document"]


def test_assign_twice_is_idempotent(people):
    """Granting the same permission again returns the existing row."""
    alice, _, _, docs = people
    first = assign_perm("change_document", alice, docs[0])
    second = assign_perm("change_document", alice, docs[0])
    assert first.pk == second.pk
    assert UserObjectPermission.objects.count() == 1


def test_assign_perm_global(people):
    """obj=None grants the global permission (user_permissions / group permissions)."""
    alice, _, team, docs = people
    permission = assign_perm("contrib_testapp.delete_document", alice)
    assert isinstance(permission, Permission)
    assert fresh(alice).has_perm("contrib_testapp.delete_document")
    assign_perm("contrib_testapp.view_document", team)
    assert team.permissions.filter(codename="view_document").exists()
    with pytest.raises(ValueError, match="app_label.codename"):
        assign_perm("delete_document", alice)


def test_assign_perm_in_bulk(people):
    """A QuerySet or list of objects is granted in one bulk insert, without duplicates."""
    alice, _, team, docs = people
    assign_perm("change_document", alice, docs[0])
    created = assign_perm(
        "change_document", alice, Document.objects.filter(title__in=["doc0", "doc1", "doc2"])
    )
    assert len(created) == 2
    assign_perm("view_document", team, docs[3:])
    assert GroupObjectPermission.objects.filter(group=team).count() == 2
    assert {d.title for d in get_objects_for_user(alice, "change_document", Document)} == {
        "doc0",
        "doc1",
        "doc2",
    }


def test_wrong_app_is_refused(people):
    """A permission of another app than the object's is refused, naming both."""
    alice, _, _, docs = people
    with pytest.raises(WrongAppError, match="'contrib_testapp'"):
        assign_perm("auth.change_document", alice, docs[0])


def test_group_grants_reach_members(people):
    """A group's object grant answers has_perm for its members, not for others."""
    alice, bob, team, docs = people
    assign_perm("change_document", team, docs[1])
    assert fresh(bob).has_perm("contrib_testapp.change_document", docs[1])
    assert not fresh(alice).has_perm("contrib_testapp.change_document", docs[1])
    assert list(get_group_perms(team, docs[1])) == ["change_document"]
    assert list(get_group_perms(bob, docs[1])) == ["change_document"]
    assert get_perms(team, docs[1]) == ["change_document"]
    assert get_perms(bob, docs[1]) == ["change_document"]


def test_remove_perm(people):
    """remove_perm revokes object, bulk and global grants."""
    alice, _, team, docs = people
    assign_perm("change_document", alice, docs)
    remove_perm("change_document", alice, docs[0])
    assert not fresh(alice).has_perm("contrib_testapp.change_document", docs[0])
    assert fresh(alice).has_perm("contrib_testapp.change_document", docs[1])
    remove_perm("change_document", alice, Document.objects.all())
    assert UserObjectPermission.objects.count() == 0
    assign_perm("contrib_testapp.view_document", alice)
    remove_perm("contrib_testapp.view_document", alice)
    assert not fresh(alice).has_perm("contrib_testapp.view_document")


def test_inactive_and_superuser(people):
    """Inactive users have no object permissions; active superusers have them all."""
    alice, _, _, docs = people
    assign_perm("change_document", alice, docs[0])
    alice.is_active = False
    alice.save()
    assert not fresh(alice).has_perm("contrib_testapp.change_document", docs[0])
    assert get_perms(alice, docs[0]) == []
    assert list(get_objects_for_user(alice, "change_document", Document)) == []
    root = User.objects.create_superuser("root", "r@example.com", "pw")
    assert root.has_perm("contrib_testapp.change_document", docs[0])
    assert len(get_perms(root, docs[0])) == 5
    assert get_objects_for_user(root, "contrib_testapp.change_document").count() == 5
    # Without the superuser shortcut, only grants count (global perms would cover all).
    qs = get_objects_for_user(
        root, "change_document", Document, with_superuser=False, accept_global_perms=False
    )
    assert list(qs) == []


def test_backend_caches_per_user_object(people):
    """has_perm on one user object queries once per object, then answers from its cache."""
    alice, _, _, docs = people
    assign_perm("change_document", alice, docs[0])
    alice = fresh(alice)
    assert alice.has_perm("contrib_testapp.change_document", docs[0])
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert alice.has_perm("contrib_testapp.change_document", docs[0])
            assert not alice.has_perm("contrib_testapp.delete_document", docs[0])
    assert len(ctx) == 0
    assert ObjectPermissionBackend().get_all_permissions(alice, docs[0]) == {
        "contrib_testapp.change_document"
    }


def test_get_objects_for_user_runs_one_query(people):
    """get_objects_for_user builds one SQL statement with subqueries, however many objects."""
    alice, bob, team, docs = people
    assign_perm("change_document", alice, docs[0])
    assign_perm("change_document", team, docs[1:4])
    alice.groups.add(team)
    alice = fresh(alice)
    with CaptureQueriesContext(connection) as ctx:
        titles = [d.title for d in get_objects_for_user(alice, "contrib_testapp.change_document")]
    assert titles == ["doc0", "doc1", "doc2", "doc3"]
    # One query for the objects; the permission/content-type lookups are cached or global.
    object_queries = [q for q in ctx.captured_queries if "contrib_testapp_document" in q["sql"]]
    assert len(object_queries) == 1
    assert "IN (SELECT" in object_queries[0]["sql"].upper().replace("IN(SELECT", "IN (SELECT")


def test_get_objects_for_user_all_or_any(people):
    """Several perms: all required by default, any with any_perm; use_groups=False skips groups."""
    alice, _, team, docs = people
    alice.groups.add(team)
    assign_perm("change_document", alice, docs[0])
    assign_perm("view_document", alice, docs[0])
    assign_perm("change_document", alice, docs[1])
    assign_perm("view_document", team, docs[1])
    assign_perm("view_document", team, docs[2])
    perms = ["change_document", "view_document"]
    alice = fresh(alice)
    assert [d.title for d in get_objects_for_user(alice, perms, Document)] == ["doc0", "doc1"]
    assert [d.title for d in get_objects_for_user(alice, perms, Document, any_perm=True)] == [
        "doc0",
        "doc1",
        "doc2",
    ]
    assert [d.title for d in get_objects_for_user(alice, perms, Document, use_groups=False)] == [
        "doc0"
    ]


def test_get_objects_for_user_global_perms(people):
    """A global permission covers every object unless accept_global_perms=False."""
    alice, _, _, docs = people
    assign_perm("contrib_testapp.change_document", alice)
    assign_perm("change_document", alice, docs[0])
    alice = fresh(alice)
    assert get_objects_for_user(alice, "change_document", Document).count() == 5
    qs = get_objects_for_user(alice, "change_document", Document, accept_global_perms=False)
    assert [d.title for d in qs] == ["doc0"]


def test_get_objects_for_user_accepts_queryset_and_needs_model(people):
    """klass may be a QuerySet (further filtered); without klass the perms must name the app."""
    alice, _, _, docs = people
    assign_perm("change_document", alice, docs[:3])
    qs = get_objects_for_user(alice, "change_document", Document.objects.exclude(title="doc0"))
    assert [d.title for d in qs] == ["doc1", "doc2"]
    with pytest.raises(WrongAppError, match="pass klass"):
        get_objects_for_user(alice, "change_document")


def test_get_objects_for_user_with_uuid_primary_keys(people):
    """Models with UUID primary keys work (object_pk is text, cast in SQL)."""
    alice, _, _, _ = people
    projects = [Project.objects.create(name=n) for n in ("a", "b", "c")]
    assign_perm("view_project", alice, projects[1])
    assert list(get_objects_for_user(alice, "contrib_testapp.view_project")) == [projects[1]]
    assert fresh(alice).has_perm("contrib_testapp.view_project", projects[1])


def test_get_objects_for_group(people):
    """get_objects_for_group filters by the group's grants."""
    _, _, team, docs = people
    assign_perm("view_document", team, docs[2])
    assert list(get_objects_for_group(team, "view_document", Document)) == [docs[2]]


def test_users_and_groups_with_perms(people):
    """get_users_with_perms lists direct and group holders; attach_perms maps to codenames."""
    alice, bob, team, docs = people
    assign_perm("change_document", alice, docs[0])
    assign_perm("view_document", team, docs[0])
    root = User.objects.create_superuser("root", "r@example.com", "pw")
    assert set(get_users_with_perms(docs[0])) == {alice, bob}
    assert set(get_users_with_perms(docs[0], with_group_users=False)) == {alice}
    assert set(get_users_with_perms(docs[0], with_superusers=True)) == {alice, bob, root}
    assert get_users_with_perms(docs[0], attach_perms=True) == {
        alice: ["change_document"],
        bob: ["view_document"],
    }
    assert list(get_groups_with_perms(docs[0])) == [team]
    assert get_groups_with_perms(docs[0], attach_perms=True) == {team: ["view_document"]}


def test_grants_removed_when_object_deleted(people):
    """Deleting an object deletes the user and group grants on it, and only those."""
    alice, _, team, docs = people
    assign_perm("change_document", alice, docs[0])
    assign_perm("change_document", team, docs[0])
    assign_perm("change_document", alice, docs[1])
    docs[0].delete()
    assert list(UserObjectPermission.objects.values_list("object_pk", flat=True)) == [
        str(docs[1].pk)
    ]
    assert GroupObjectPermission.objects.count() == 0
    Document.objects.all().delete()
    assert UserObjectPermission.objects.count() == 0


def test_deleting_object_without_grants_is_cheap(people):
    """Deleting an object with no grants adds two DELETE statements and no SELECT."""
    bookmark = Bookmark.objects.create(url="x")
    from framework.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_model(Bookmark)  # warm the per-process cache
    with CaptureQueriesContext(connection) as ctx:
        bookmark.delete()
    grant_queries = [q["sql"] for q in ctx.captured_queries if "objectpermission" in q["sql"]]
    assert len(grant_queries) == 2
    assert all(q.upper().startswith("DELETE") for q in grant_queries)


def test_deleting_user_deletes_their_grants(people):
    """Grants cascade with their user and group."""
    alice, _, team, docs = people
    assign_perm("change_document", alice, docs[0])
    assign_perm("change_document", team, docs[0])
    alice.delete()
    team.delete()
    assert UserObjectPermission.objects.count() == GroupObjectPermission.objects.count() == 0
