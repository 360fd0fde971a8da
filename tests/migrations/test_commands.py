"""makemigrations / migrate / showmigrations / sqlmigrate driven by call_command."""

from __future__ import annotations

import io

import pytest

from framework.core.management import call_command
from framework.core.management.base import CommandError
from framework.db.migrations.recorder import MigrationRecorder

MODELS = """
class Author(models.Model):
    name = models.CharField(max_length=100)

class Book(models.Model):
    title = models.CharField(max_length=200, db_index=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
"""


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out, **options)
    return out.getvalue()


def tables(connection):
    return set(connection.introspection.table_names())


def applied(connection):
    return sorted(MigrationRecorder(connection).applied_migrations())


def test_makemigrations_then_migrate(mig_db, make_app):
    """makemigrations writes 0001_initial; migrate creates the tables and records it."""
    app = make_app(MODELS)
    out = run("makemigrations", app.label)
    assert f"Migrations for '{app.label}':" in out
    assert "- Create model Author" in out
    assert app.migration_files() == ["0001_initial.py"]
    out = run("migrate", app.label)
    assert f"  Applying {app.label}.0001_initial... OK (" in out
    assert {f"{app.label}_author", f"{app.label}_book"} <= tables(mig_db)
    assert applied(mig_db) == [(app.label, "0001_initial")]
    assert "No migrations to apply." in run("migrate")
    assert "No changes detected" in run("makemigrations", app.label)


def test_migrate_backwards_to_named_migration_and_zero(mig_db, make_app):
    """migrate app 0001 unapplies 0002; migrate app zero removes everything."""
    app = make_app(MODELS)
    run("makemigrations", app.label)
    app.write_models(MODELS + "\nclass Review(models.Model):\n    stars = models.IntegerField()\n")
    out = run("makemigrations", app.label, "--name", "add_review")
    assert "0002_add_review.py" in out
    run("migrate")
    assert f"{app.label}_review" in tables(mig_db)
    out = run("migrate", app.label, "0001")
    assert f"  Unapplying {app.label}.0002_add_review... OK" in out
    assert f"{app.label}_review" not in tables(mig_db)
    assert applied(mig_db) == [(app.label, "0001_initial")]
    run("migrate", app.label, "zero")
    assert not {t for t in tables(mig_db) if t.startswith(app.label)}
    assert applied(mig_db) == []


def test_fake_and_fake_initial(mig_db, make_app):
    """--fake records without touching the schema; --fake-initial adopts existing tables."""
    app = make_app(MODELS)
    run("makemigrations", app.label)
    out = run("migrate", app.label, "--fake")
    assert "FAKED" in out
    assert f"{app.label}_author" not in tables(mig_db)
    assert applied(mig_db) == [(app.label, "0001_initial")]
    run("migrate", app.label, "zero", "--fake")
    assert applied(mig_db) == []
    # Create the tables by hand (as a pre-migrations install would have) and adopt them.
    from framework.apps import apps

    with mig_db.schema_editor() as editor:
        for model in apps.get_app_config(app.label).get_models():
            editor.create_model(model)
    out = run("migrate", app.label, "--fake-initial")
    assert "FAKED" in out
    assert applied(mig_db) == [(app.label, "0001_initial")]


def test_plan_lists_operations_without_applying(mig_db, make_app):
    """migrate --plan prints the planned operations and changes nothing."""
    app = make_app(MODELS)
    run("makemigrations", app.label)
    out = run("migrate", "--plan")
    assert "Planned operations:" in out
    assert f"{app.label}.0001_initial" in out
    assert "    Create model Author" in out
    assert f"{app.label}_author" not in tables(mig_db)
    run("migrate")
    assert "No planned migration operations." in run("migrate", "--plan")


def test_showmigrations_list_and_plan(mig_db, make_app):
    """showmigrations marks applied migrations with [X] and pending ones with [ ]."""
    app = make_app(MODELS)
    run("makemigrations", app.label)
    assert f"{app.label}\n [ ] 0001_initial" in run("showmigrations", app.label)
    run("migrate")
    assert f"{app.label}\n [X] 0001_initial" in run("showmigrations", app.label)
    assert f"[X]  {app.label}.0001_initial" in run("showmigrations", "--plan")


def test_sqlmigrate_prints_sql(mig_db, make_app):
    """sqlmigrate shows the CREATE TABLE statements inside a transaction, without running them."""
    app = make_app(MODELS)
    run("makemigrations", app.label)
    out = run("sqlmigrate", app.label, "0001")
    assert "CREATE TABLE" in out
    assert f"{app.label}_book" in out
    assert out.startswith("BEGIN;")
    assert f"{app.label}_book" not in tables(mig_db)
    backwards = run("sqlmigrate", app.label, "0001", "--backwards")
    assert "DROP TABLE" in backwards


def test_migrate_errors_name_the_culprit(mig_db, make_app):
    """Unknown migrations and apps without migrations give clear CommandErrors."""
    unmigrated = make_app(MODELS, migrations=False)
    with pytest.raises(CommandError, match="does not have migrations"):
        run("migrate", unmigrated.label)
    app = make_app(MODELS)
    run("makemigrations", app.label)
    with pytest.raises(CommandError, match="Cannot find a migration matching '0042'"):
        run("migrate", app.label, "0042")


def test_run_syncdb_creates_tables_for_unmigrated_apps(mig_db, make_app):
    """migrate --run-syncdb creates the tables of apps that have no migrations."""
    app = make_app(MODELS, migrations=False)
    out = run("migrate", "--run-syncdb")
    assert f"Creating table {app.label}_author" in out
    assert {f"{app.label}_author", f"{app.label}_book"} <= tables(mig_db)


def test_check_and_dry_run(mig_db, make_app):
    """--check exits 1 on missing migrations without writing; --dry-run writes nothing."""
    app = make_app(MODELS)
    out = run("makemigrations", app.label, "--dry-run")
    assert "0001_initial.py" in out
    assert app.migration_files() == []
    with pytest.raises(SystemExit) as exc:
        run("makemigrations", app.label, "--check")
    assert exc.value.code == 1
    assert app.migration_files() == []
    run("makemigrations", app.label)
    run("makemigrations", app.label, "--check")


def test_empty_migration(mig_db, make_app):
    """--empty writes a migration with no operations, depending on the latest one."""
    app = make_app(MODELS)
    run("makemigrations", app.label)
    run("makemigrations", app.label, "--empty", "--name", "data_fix")
    source = app.read_migration("0002_data_fix.py")
    assert f"('{app.label}', '0001_initial')" in source
    assert "operations = []" in source
    run("migrate")
    assert applied(mig_db)[-1] == (app.label, "0002_data_fix")


def test_migrate_other_database(mig_db, make_app):
    """migrate --database other applies to that alias only; showmigrations reads it too."""
    from framework.db import connections
    from framework.db.backends.sqlite3.base import DatabaseWrapper
    from tests.support.dual_db import settings_dict as _settings_dict

    app = make_app(MODELS)
    run("makemigrations", app.label)
    other = DatabaseWrapper(
        _settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}), "other"
    )
    saved = connections._settings
    connections._settings = {**saved, "other": other.settings_dict}
    connections["other"] = other
    try:
        out = run("migrate", "--database", "other")
        assert f"Applying {app.label}.0001_initial... OK" in out
        assert f"{app.label}_author" in tables(other)
        assert f"{app.label}_author" not in tables(mig_db)
        assert applied(other) == [(app.label, "0001_initial")]
        assert applied(mig_db) == []
        assert " [X] 0001_initial" in run("showmigrations", "--database", "other")
    finally:
        other.close()
        del connections["other"]
        connections._settings = saved


def test_flush_empties_tables_and_keeps_schema(mig_db, make_app):
    """flush --noinput deletes every row but keeps tables; answering 'no' cancels."""
    from framework.apps import apps
    from framework.core.management.commands import flush

    app = make_app(MODELS)
    run("makemigrations", app.label)
    run("migrate")
    Author = apps.get_model(app.label, "Author")
    Author.objects.create(name="Ann")
    command = flush.Command()
    command.prompt_input = lambda prompt: "no"
    assert "Flush cancelled." in run(command)
    assert Author.objects.count() == 1
    run("flush", interactive=False)
    assert Author.objects.count() == 0
    assert f"{app.label}_author" in tables(mig_db)
    # The migration history is not model data: it survives, as in Django.
    assert applied(mig_db) == [(app.label, "0001_initial")]


def test_dumpdata_and_loaddata_round_trip(mig_db, make_app, tmp_path):
    """dumpdata writes JSON that loaddata reads back, foreign keys and all."""
    import json

    from framework.apps import apps

    app = make_app(MODELS)
    run("makemigrations", app.label)
    run("migrate")
    Author = apps.get_model(app.label, "Author")
    Book = apps.get_model(app.label, "Book")
    ann = Author.objects.create(name="Ann")
    Book.objects.create(title="First", author=ann)
    fixture = tmp_path / "books.json"
    run("dumpdata", app.label, "--indent", "2", "-o", str(fixture))
    data = json.loads(fixture.read_text())
    assert data[0] == {"model": f"{app.label}.author", "pk": ann.pk, "fields": {"name": "Ann"}}
    assert data[1]["fields"] == {"title": "First", "author": ann.pk}
    run("flush", interactive=False)
    out = run("loaddata", str(fixture))
    assert "Installed 2 object(s) from 1 fixture(s)" in out
    assert Book.objects.get(title="First").author.name == "Ann"
    # Sequences were reset: new rows do not collide with the loaded primary keys.
    assert Author.objects.create(name="Bob").pk != ann.pk
    with pytest.raises(CommandError, match="No fixture named 'missing' found."):
        run("loaddata", "missing")


def test_loaddata_finds_app_fixtures_and_rejects_unknown_fields(mig_db, make_app):
    """Fixtures in <app>/fixtures/ are found by name; unknown fields name the culprit."""
    from framework.apps import apps

    app = make_app(MODELS)
    run("makemigrations", app.label)
    run("migrate")
    (app.path / "fixtures").mkdir()
    (app.path / "fixtures" / "people.json").write_text(
        f'[{{"model": "{app.label}.author", "pk": 5, "fields": {{"name": "Eve", "age": 3}}}}]'
    )
    with pytest.raises(CommandError, match="has no field named 'age'"):
        run("loaddata", "people")
    assert "Installed 1 object(s)" in run("loaddata", "people", "--ignorenonexistent")
    assert apps.get_model(app.label, "Author").objects.get(pk=5).name == "Eve"


def test_inspectdb_describes_existing_tables(mig_db, make_app):
    """inspectdb prints unmanaged models with the columns, keys and types of the tables."""
    app = make_app(MODELS)
    run("makemigrations", app.label)
    run("migrate")
    out = run("inspectdb", f"{app.label}_author", f"{app.label}_book")
    assert "from framework.db import models" in out
    assert "django" not in out.lower()
    model = "".join(part.title() for part in app.label.split("_")) + "Book"
    assert f"class {model}(models.Model):" in out
    assert "title = models.CharField(max_length=200)" in out
    assert "author = models.ForeignKey(" in out and "models.DO_NOTHING" in out
    assert "managed = False" in out
    assert f"db_table = '{app.label}_book'" in out
    compile(out, "models.py", "exec")


def test_dbshell_runs_the_client(mig_db, make_app, tmp_path, capfd):
    """dbshell runs sqlite3/psql on the configured database, passing extra parameters."""
    from framework.db import connections

    app = make_app(MODELS)
    run("makemigrations", app.label)
    if mig_db.vendor == "sqlite":
        # The client needs a database file: migrate one and point the alias at it.
        from framework.db.backends.sqlite3.base import DatabaseWrapper
        from tests.support.dual_db import settings_dict as _settings_dict

        path = tmp_path / "shell.sqlite3"
        wrapper = DatabaseWrapper(
            _settings_dict({"ENGINE": "framework.db.backends.sqlite3", "NAME": str(path)}),
            "default",
        )
        connections["default"] = wrapper
        run("migrate")
        run("dbshell", "--", ".tables")
        wrapper.close()
    else:
        run("migrate")
        run("dbshell", "--", "-c", r"\dt")
    assert f"{app.label}_author" in capfd.readouterr().out


def test_makemigrations_creates_the_migrations_package(mig_db, make_app):
    """Naming an app without a migrations package creates it with 0001_initial."""
    app = make_app(MODELS, migrations=False)
    assert "No changes detected" in run("makemigrations")
    run("makemigrations", app.label)
    assert (app.migrations_path / "__init__.py").exists()
    assert app.migration_files() == ["0001_initial.py"]
    run("migrate")
    assert applied(mig_db) == [(app.label, "0001_initial")]
