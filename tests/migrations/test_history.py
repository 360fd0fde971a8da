"""The migration graph: conflicts and merges, missing dependencies, inconsistent history,
failing migrations, squashing and optimizing, and the migrate signals."""

from __future__ import annotations

import io

import pytest

from framework.core.management import call_command
from framework.core.management.base import CommandError
from framework.db.migrations.exceptions import InconsistentMigrationHistory, NodeNotFoundError
from framework.db.migrations.recorder import MigrationRecorder
from framework.db.models.signals import post_migrate, pre_migrate

MODELS = "class Note(models.Model):\n    text = models.CharField(max_length=50)\n"

INITIAL = """
from framework.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Note",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("text", models.CharField(max_length=50)),
            ],
        ),
    ]
"""


def add_field(label, parent, field, extra=""):
    return f"""
from framework.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("{label}", "{parent}")]
    operations = [
        migrations.AddField("note", "{field}", models.IntegerField(null=True)),{extra}
    ]
"""


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out, **options)
    return out.getvalue()


def applied(connection):
    return sorted(MigrationRecorder(connection).applied_migrations())


def columns(connection, table):
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def test_conflict_is_reported_and_merge_fixes_it(make_app, mig_db):
    """Two leaves: migrate suggests makemigrations --merge, which writes a merge migration."""
    app = make_app(MODELS)
    app.write_migration("0001_initial", INITIAL)
    app.write_migration("0002_a", add_field(app.label, "0001_initial", "a"))
    app.write_migration("0002_b", add_field(app.label, "0001_initial", "b"))
    with pytest.raises(CommandError) as exc:
        run("migrate")
    message = str(exc.value)
    assert "Conflicting migrations detected" in message
    assert f"0002_a, 0002_b in {app.label}" in message
    assert "makemigrations --merge" in message
    with pytest.raises(CommandError, match="makemigrations --merge"):
        run("makemigrations", app.label)
    out = run("makemigrations", "--merge", interactive=False)
    assert "Created new merge migration" in out
    assert "0003_merge_0002_a_0002_b.py" in app.migration_files()
    run("migrate")
    assert {"a", "b"} <= set(columns(mig_db, f"{app.label}_note"))
    assert "No conflicts detected to merge." in run("makemigrations", "--merge")


def test_missing_dependency_is_named(make_app, mig_db):
    """A dependency on a migration that does not exist names both migrations."""
    app = make_app(MODELS)
    app.write_migration("0001_initial", INITIAL)
    app.write_migration("0002_a", add_field(app.label, "0001_nope", "a"))
    with pytest.raises(NodeNotFoundError) as exc:
        run("migrate")
    assert f"Migration {app.label}.0002_a dependencies reference nonexistent parent node" in str(
        exc.value
    )
    assert "0001_nope" in str(exc.value)


def test_inconsistent_history(make_app, mig_db):
    """A migration recorded as applied before its dependency is refused."""
    app = make_app(MODELS)
    app.write_migration("0001_initial", INITIAL)
    app.write_migration("0002_a", add_field(app.label, "0001_initial", "a"))
    recorder = MigrationRecorder(mig_db)
    recorder.record_applied(app.label, "0002_a")
    with pytest.raises(InconsistentMigrationHistory) as exc:
        run("migrate")
    assert (
        f"Migration {app.label}.0002_a is applied before its dependency {app.label}.0001_initial"
        in str(exc.value)
    )


def test_failing_migration_is_rolled_back_and_not_recorded(make_app, mig_db):
    """A migration failing midway leaves neither schema changes nor a history record."""
    app = make_app(MODELS)
    app.write_migration("0001_initial", INITIAL)
    app.write_migration(
        "0002_broken",
        add_field(
            app.label,
            "0001_initial",
            "a",
            extra='\n        migrations.RunSQL("INSERT INTO no_such_table VALUES (1)"),',
        ),
    )
    with pytest.raises(CommandError) as exc:
        run("migrate")
    message = str(exc.value)
    assert f"migration {app.label}.0002_broken, operation 2 (Raw SQL operation)" in message
    assert "rolled back" in message
    assert applied(mig_db) == [(app.label, "0001_initial")]
    assert "a" not in columns(mig_db, f"{app.label}_note")
    out = run("showmigrations", app.label)
    assert " [X] 0001_initial" in out and " [ ] 0002_broken" in out


def test_squash_and_migrate_fresh_database(make_app, mig_db):
    """squashmigrations folds 0001-0003 into one optimized migration used on new databases."""
    app = make_app(MODELS)
    app.write_migration("0001_initial", INITIAL)
    app.write_migration("0002_a", add_field(app.label, "0001_initial", "a"))
    app.write_migration(
        "0003_remove_a",
        f"""
from framework.db import migrations


class Migration(migrations.Migration):
    dependencies = [("{app.label}", "0002_a")]
    operations = [migrations.RemoveField("note", "a")]
""",
    )
    out = run("squashmigrations", app.label, "0003", interactive=False)
    assert "Optimized from 3 operations to 1 operations." in out
    name = "0001_squashed_0003_remove_a.py"
    assert name in app.migration_files()
    source = app.read_migration(name)
    assert "replaces = [" in source
    assert source.count("migrations.CreateModel(") == 1
    assert "AddField" not in source and "RemoveField" not in source
    assert "(3 squashed migrations)" in run("showmigrations", app.label)
    out = run("migrate")
    assert f"Applying {app.label}.0001_squashed_0003_remove_a... OK" in out
    # The replaced migrations are recorded too, so old and new installs agree.
    assert set(applied(mig_db)) == {
        (app.label, "0001_initial"),
        (app.label, "0002_a"),
        (app.label, "0003_remove_a"),
        (app.label, "0001_squashed_0003_remove_a"),
    }
    assert columns(mig_db, f"{app.label}_note") == ["id", "text"]


def test_optimizemigration(make_app, mig_db):
    """optimizemigration rewrites a migration with its operations reduced."""
    app = make_app(MODELS)
    app.write_migration(
        "0001_initial",
        INITIAL.replace(
            "        ),\n    ]\n",
            '        ),\n        migrations.AddField("note", "a", models.IntegerField(null=True)),\n    ]\n',
        ),
    )
    out = run("optimizemigration", app.label, "0001")
    assert "Optimizing from 2 operations to 1 operations." in out
    source = app.read_migration("0001_initial.py")
    assert "AddField" not in source and "('a', models.IntegerField(null=True))" in source
    assert "No optimizations possible." in run("optimizemigration", app.label, "0001")


def test_pre_and_post_migrate_signals(make_app, mig_db):
    """migrate sends pre_migrate and post_migrate once per app, with the plan and apps."""
    app = make_app(MODELS)
    app.write_migration("0001_initial", INITIAL)
    received = []

    def receiver(signal_name):
        def handler(sender, app_config, using, plan, apps, **kwargs):
            received.append((signal_name, app_config.label, using, len(plan)))
            if signal_name == "post":
                assert apps.get_model(app.label, "Note")._meta.db_table == f"{app.label}_note"

        return handler

    pre, post = receiver("pre"), receiver("post")
    pre_migrate.connect(pre)
    post_migrate.connect(post)
    try:
        run("migrate", verbosity=0)
    finally:
        pre_migrate.disconnect(pre)
        post_migrate.disconnect(post)
    assert received == [("pre", app.label, "default", 1), ("post", app.label, "default", 1)]
