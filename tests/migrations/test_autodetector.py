"""makemigrations on model changes: what the autodetector writes, and what it asks."""

from __future__ import annotations

import io

import pytest

from framework.core.management import call_command
from framework.core.management.commands import makemigrations
from framework.test.utils import override_settings

BASE = """
class Author(models.Model):
    name = models.CharField(max_length=100)
    age = models.IntegerField(null=True)
"""


def make(app, *args, answers=None, **options):
    """Run makemigrations; ``answers`` feeds the interactive prompts in order."""
    command = makemigrations.Command()
    if answers is not None:
        replies = iter(answers)
        command.prompt_input = lambda prompt="": next(replies)
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=out, **options)
    return out.getvalue()


def latest(app):
    return app.read_migration(app.migration_files()[-1])


@pytest.fixture
def app(make_app, mig_db):
    """A test app with its initial migration written and applied."""
    app = make_app(BASE)
    make(app, app.label)
    call_command("migrate", verbosity=0)
    return app


def test_added_field(app):
    """A new nullable field gives AddField in 0002, named after it."""
    app.write_models(BASE + "    email = models.EmailField(null=True)\n")
    out = make(app, app.label)
    assert "0002_author_email.py" in out
    assert "migrations.AddField(" in latest(app)
    assert "model_name='author'" in latest(app)


def test_removed_field(app):
    """A removed field gives RemoveField."""
    app.write_models(BASE.replace("    age = models.IntegerField(null=True)\n", ""))
    make(app, app.label)
    assert "migrations.RemoveField(" in latest(app)
    assert "name='age'" in latest(app)


def test_altered_field(app):
    """A changed max_length gives AlterField."""
    app.write_models(BASE.replace("max_length=100", "max_length=150"))
    make(app, app.label)
    source = latest(app)
    assert "migrations.AlterField(" in source
    assert "max_length=150" in source


def test_renamed_field_answered_yes(app, mig_db):
    """Answering yes to 'Was Author.age renamed to Author.years?' gives RenameField."""
    from framework.apps import apps

    apps.get_model(app.label, "Author").objects.create(name="Ann", age=30)
    app.write_models(BASE.replace("age =", "years ="))
    out = make(app, app.label, answers=["y"])
    assert "Was author.age renamed to author.years (a IntegerField)? [y/N]" in out
    source = latest(app)
    assert "migrations.RenameField(" in source
    assert "RemoveField" not in source
    call_command("migrate", verbosity=0)
    Author = apps.get_model(app.label, "Author")
    assert Author.objects.get(name="Ann").years == 30


def test_renamed_field_answered_no(app):
    """Answering no gives RemoveField plus AddField."""
    app.write_models(BASE.replace("age =", "years ="))
    make(app, app.label, answers=["n"])
    source = latest(app)
    assert "migrations.RemoveField(" in source
    assert "migrations.AddField(" in source
    assert "RenameField" not in source


def test_noinput_never_guesses_a_rename(app):
    """With --noinput a possible rename is written as remove + add, never as a rename."""
    app.write_models(BASE.replace("age =", "years ="))
    make(app, app.label, interactive=False)
    source = latest(app)
    assert "RenameField" not in source
    assert "migrations.RemoveField(" in source and "migrations.AddField(" in source


def test_renamed_model_answered_yes(app):
    """Answering yes to the model rename question gives RenameModel."""
    app.write_models(BASE.replace("class Author", "class Writer"))
    out = make(app, app.label, answers=["y"])
    assert "renamed to Writer?" in out
    source = latest(app)
    assert "migrations.RenameModel(" in source
    assert "old_name='Author'" in source and "new_name='Writer'" in source


def test_non_nullable_field_without_default_noinput_exits(app):
    """--noinput refuses to invent a default for a NOT NULL field: exit 3, nothing written."""
    app.write_models(BASE + "    rank = models.IntegerField()\n")
    with pytest.raises(SystemExit) as exc:
        make(app, app.label, interactive=False)
    assert exc.value.code == 3
    assert app.migration_files() == ["0001_initial.py"]


def test_non_nullable_field_with_one_off_default(app, mig_db):
    """Interactively, a one-off default fills existing rows (preserve_default=False)."""
    from framework.apps import apps

    apps.get_model(app.label, "Author").objects.create(name="Ann")
    app.write_models(BASE + "    rank = models.IntegerField()\n")
    make(app, app.label, answers=["1", "7"])
    source = latest(app)
    assert "preserve_default=False" in source
    assert "default=7" in source
    call_command("migrate", verbosity=0)
    assert apps.get_model(app.label, "Author").objects.get(name="Ann").rank == 7


def test_indexes_and_constraints(app):
    """New Meta.indexes and Meta.constraints give AddIndex and AddConstraint."""
    app.write_models(
        BASE
        + """
    class Meta:
        indexes = [models.Index(fields=["name"], name="author_name_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(age__gte=0), name="age_gte_0")]
"""
    )
    make(app, app.label)
    source = latest(app)
    assert "migrations.AddIndex(" in source
    assert "migrations.AddConstraint(" in source
    call_command("migrate", verbosity=0)
    app.write_models(BASE)
    make(app, app.label)
    source = latest(app)
    assert "migrations.RemoveIndex(" in source and "migrations.RemoveConstraint(" in source
    call_command("migrate", verbosity=0)


def test_many_to_many_and_circular_foreign_keys(make_app, mig_db):
    """New models with FKs to each other are created first and linked by AddField."""
    app = make_app(
        """
class Team(models.Model):
    captain = models.ForeignKey("Player", models.SET_NULL, null=True, related_name="+")

class Player(models.Model):
    team = models.ForeignKey(Team, models.CASCADE)
    friends = models.ManyToManyField("self")
"""
    )
    make(app, app.label)
    source = latest(app)
    assert source.count("migrations.CreateModel(") == 2
    # One of the two links waits until both tables exist.
    assert source.count("migrations.AddField(") == 1
    assert source.index("migrations.AddField(") > source.rindex("migrations.CreateModel(")
    out = io.StringIO()
    call_command("migrate", stdout=out)
    assert f"{app.label}_player_friends" in mig_db.introspection.table_names()


def test_dependencies_across_apps(make_app, mig_db):
    """A FK to another app's model makes the migration depend on that app's migration."""
    library = make_app("class Shelf(models.Model):\n    code = models.CharField(max_length=5)\n")
    make(library, library.label)
    shop = make_app(
        f"class Item(models.Model):\n    shelf = models.ForeignKey('{library.label}.Shelf', "
        f"models.CASCADE)\n"
    )
    make(shop, shop.label)
    assert f"('{library.label}', '0001_initial')" in latest(shop)
    call_command("migrate", verbosity=0)


def test_swappable_user_model_dependency(make_app, mig_db):
    """A FK to AUTH_USER_MODEL is written as settings.AUTH_USER_MODEL with a swappable dependency."""
    users = make_app(
        "class Person(models.Model):\n    username = models.CharField(max_length=30)\n"
    )
    with override_settings(AUTH_USER_MODEL=f"{users.label}.Person"):
        make(users, users.label)
        blog = make_app(
            "from framework.conf import settings\n\n"
            "class Post(models.Model):\n"
            "    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE)\n"
        )
        make(blog, blog.label)
        source = latest(blog)
        assert "to=settings.AUTH_USER_MODEL" in source
        assert "migrations.swappable_dependency(settings.AUTH_USER_MODEL)" in source
        assert "from framework.conf import settings" in source
        call_command("migrate", verbosity=0)


def test_options_table_unique_together_and_index_rename(app):
    """db_table, unique_together and a renamed index give their own operations."""
    app.write_models(
        BASE
        + """
    class Meta:
        indexes = [models.Index(fields=["name"], name="author_name_idx")]
"""
    )
    make(app, app.label)
    call_command("migrate", verbosity=0)
    app.write_models(
        BASE
        + """
    class Meta:
        db_table = "writers"
        unique_together = [("name", "age")]
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="author_nm_idx")]
"""
    )
    make(app, app.label)
    source = latest(app)
    assert "migrations.AlterModelTable(" in source and "table='writers'" in source
    assert "migrations.AlterUniqueTogether(" in source
    assert "migrations.AlterModelOptions(" in source and "'ordering': ['name']" in source
    assert "migrations.RenameIndex(" in source and "old_name='author_name_idx'" in source
    call_command("migrate", verbosity=0)
    from framework.db import connection

    assert "writers" in connection.introspection.table_names()


def test_proxy_and_unmanaged_models(app, mig_db):
    """Proxy and unmanaged models get CreateModel operations but no tables."""
    app.write_models(
        BASE
        + """
class Senior(Author):
    class Meta:
        proxy = True

class Legacy(models.Model):
    code = models.CharField(max_length=3)

    class Meta:
        managed = False
        db_table = "legacy_codes"
"""
    )
    make(app, app.label)
    source = latest(app)
    assert "'proxy': True" in source and f"bases=('{app.label}.author',)" in source
    assert "'managed': False" in source
    call_command("migrate", verbosity=0)
    tables = mig_db.introspection.table_names()
    assert "legacy_codes" not in tables and f"{app.label}_senior" not in tables
    assert "No changes detected" in make(app, app.label)


def test_multi_table_inheritance(make_app, mig_db):
    """A child model gets its parent link and the parent as base; its rows join the parent."""
    app = make_app(
        BASE
        + """
class Poet(Author):
    style = models.CharField(max_length=20)
"""
    )
    make(app, app.label)
    source = latest(app)
    assert "('author_ptr', models.OneToOneField(" in source
    assert f"bases=('{app.label}.author',)" in source
    call_command("migrate", verbosity=0)
    from framework.apps import apps

    Poet = apps.get_model(app.label, "Poet")
    Poet.objects.create(name="Ode", style="free")
    assert apps.get_model(app.label, "Author").objects.get().name == "Ode"
    assert "No changes detected" in make(app, app.label)


def test_many_to_many_through_model(make_app, mig_db):
    """An M2M with an explicit through model is created after the through model exists."""
    app = make_app(
        """
class Person(models.Model):
    name = models.CharField(max_length=20)

class Club(models.Model):
    members = models.ManyToManyField(Person, through="Membership")

class Membership(models.Model):
    person = models.ForeignKey(Person, models.CASCADE)
    club = models.ForeignKey(Club, models.CASCADE)
    role = models.CharField(max_length=10)
"""
    )
    make(app, app.label)
    assert f"through='{app.label}.membership'" in latest(app)
    call_command("migrate", verbosity=0)
    from framework.apps import apps

    Person = apps.get_model(app.label, "Person")
    Club = apps.get_model(app.label, "Club")
    Membership = apps.get_model(app.label, "Membership")
    ann, club = Person.objects.create(name="Ann"), Club.objects.create()
    Membership.objects.create(person=ann, club=club, role="chair")
    assert list(club.members.values_list("name", flat=True)) == ["Ann"]
    assert "No changes detected" in make(app, app.label)


def test_circular_foreign_keys_across_apps(make_app, mig_db):
    """New apps pointing at each other: one app's link moves to a second migration."""
    first = make_app("class Left(models.Model):\n    name = models.CharField(max_length=5)\n")
    second = make_app(
        f"class Right(models.Model):\n    left = models.ForeignKey('{first.label}.Left', "
        f"models.CASCADE)\n"
    )
    first.write_models(
        "class Left(models.Model):\n    name = models.CharField(max_length=5)\n"
        f"    right = models.ForeignKey('{second.label}.Right', models.SET_NULL, null=True)\n"
    )
    out = io.StringIO()
    call_command("makemigrations", first.label, second.label, stdout=out)
    assert first.migration_files() == ["0001_initial.py", "0002_initial.py"] or (
        second.migration_files() == ["0001_initial.py", "0002_initial.py"]
    )
    call_command("migrate", verbosity=0)
    from framework.apps import apps

    Left = apps.get_model(first.label, "Left")
    Right = apps.get_model(second.label, "Right")
    left = Left.objects.create(name="l")
    right = Right.objects.create(left=left)
    Left.objects.filter(pk=left.pk).update(right=right)
    assert Left.objects.get().right.left == left
