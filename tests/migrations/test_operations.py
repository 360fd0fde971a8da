"""Each operation forwards and backwards on real tables with rows in them."""

from __future__ import annotations

import pytest

from framework.db import migrations, models
from framework.db.migrations.migration import Migration
from framework.db.migrations.state import ProjectState

APP = "opsapp"


def apply(connection, state, *operations):
    """Apply operations as one migration; return (state before, state after)."""
    migration = Migration("0001", APP)
    migration.operations = list(operations)
    before = state.clone()
    with connection.schema_editor() as editor:
        after = migration.apply(state.clone(), editor)
    return before, after


def unapply(connection, before, after, *operations):
    migration = Migration("0001", APP)
    migration.operations = list(operations)
    with connection.schema_editor() as editor:
        migration.unapply(before.clone(), editor)
    return before


def columns(connection, table):
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def constraints(connection, table):
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def tables(connection):
    return set(connection.introspection.table_names())


def pony_ops():
    return [
        migrations.CreateModel(
            "Stable",
            [
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=50)),
            ],
        ),
        migrations.CreateModel(
            "Pony",
            [
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=50, db_index=True)),
                ("weight", models.FloatField(null=True)),
                ("stable", models.ForeignKey("opsapp.Stable", models.CASCADE, null=True)),
            ],
        ),
    ]


@pytest.fixture
def ponies(mig_db):
    """Tables Stable and Pony with two ponies in one stable; returns the state."""
    _, state = apply(mig_db, ProjectState(), *pony_ops())
    Stable = state.apps.get_model(APP, "Stable")
    Pony = state.apps.get_model(APP, "Pony")
    stable = Stable.objects.create(name="north")
    Pony.objects.create(name="Spot", weight=1.5, stable=stable)
    Pony.objects.create(name="Dash", weight=2.0, stable=stable)
    return state


def names(state, model="Pony"):
    return sorted(state.apps.get_model(APP, model).objects.values_list("name", flat=True))


def test_create_and_delete_model(mig_db):
    """CreateModel makes the table, backwards drops it; DeleteModel the reverse."""
    ops = pony_ops()
    before, after = apply(mig_db, ProjectState(), *ops)
    assert {"opsapp_stable", "opsapp_pony"} <= tables(mig_db)
    assert columns(mig_db, "opsapp_pony") == ["id", "name", "weight", "stable_id"]
    unapply(mig_db, before, after, *ops)
    assert not {"opsapp_stable", "opsapp_pony"} & tables(mig_db)
    _, created = apply(mig_db, ProjectState(), *ops)
    delete = migrations.DeleteModel("Pony")
    before, after = apply(mig_db, created, delete)
    assert "opsapp_pony" not in tables(mig_db)
    assert (APP, "pony") not in after.models
    unapply(mig_db, before, after, delete)
    assert "opsapp_pony" in tables(mig_db)


def test_add_field_fills_rows_and_reverses(mig_db, ponies):
    """AddField with a default fills existing rows; backwards drops the column."""
    op = migrations.AddField("Pony", "height", models.IntegerField(default=4))
    before, after = apply(mig_db, ponies, op)
    Pony = after.apps.get_model(APP, "Pony")
    assert sorted(Pony.objects.values_list("height", flat=True)) == [4, 4]
    unapply(mig_db, before, after, op)
    assert "height" not in columns(mig_db, "opsapp_pony")
    assert names(before) == ["Dash", "Spot"]


def test_add_field_without_preserving_default(mig_db, ponies):
    """preserve_default=False fills rows but leaves the state's field without default."""
    op = migrations.AddField(
        "Pony", "colour", models.CharField(max_length=10, default="grey"), preserve_default=False
    )
    _, after = apply(mig_db, ponies, op)
    assert not after.models[APP, "pony"].fields["colour"].has_default()
    Pony = after.apps.get_model(APP, "Pony")
    assert set(Pony.objects.values_list("colour", flat=True)) == {"grey"}


def test_remove_field_keeps_rows(mig_db, ponies):
    """RemoveField drops the column and keeps rows; backwards restores the column."""
    op = migrations.RemoveField("Pony", "weight")
    before, after = apply(mig_db, ponies, op)
    assert "weight" not in columns(mig_db, "opsapp_pony")
    assert names(after) == ["Dash", "Spot"]
    unapply(mig_db, before, after, op)
    assert "weight" in columns(mig_db, "opsapp_pony")


def test_remove_foreign_key_field(mig_db, ponies):
    """Removing a ForeignKey (rebuilt on SQLite) keeps the other data and indexes."""
    op = migrations.RemoveField("Pony", "stable")
    before, after = apply(mig_db, ponies, op)
    assert "stable_id" not in columns(mig_db, "opsapp_pony")
    assert names(after) == ["Dash", "Spot"]
    unapply(mig_db, before, after, op)
    assert "stable_id" in columns(mig_db, "opsapp_pony")


def test_alter_field_type_null_and_unique_preserves_data(mig_db, ponies):
    """AlterField changes type, nullability and uniqueness without losing rows."""
    op = migrations.AlterField("Pony", "name", models.CharField(max_length=80, unique=True))
    before, after = apply(mig_db, ponies, op)
    assert names(after) == ["Dash", "Spot"]
    unique = [
        c
        for c in constraints(mig_db, "opsapp_pony").values()
        if c["unique"] and c["columns"] == ["name"]
    ]
    assert unique
    Pony = after.apps.get_model(APP, "Pony")
    from framework.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Pony.objects.create(name="Spot")
    unapply(mig_db, before, after, op)
    assert names(before) == ["Dash", "Spot"]


def test_alter_field_null_to_not_null(mig_db, ponies):
    """Making a nullable column NOT NULL keeps the rows (values are all set)."""
    op = migrations.AlterField("Pony", "weight", models.FloatField(default=0.0))
    before, after = apply(mig_db, ponies, op)
    Pony = after.apps.get_model(APP, "Pony")
    assert sorted(Pony.objects.values_list("weight", flat=True)) == [1.5, 2.0]
    from framework.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        with mig_db.cursor() as cursor:
            cursor.execute("INSERT INTO opsapp_pony (name, weight) VALUES ('x', NULL)")
    unapply(mig_db, before, after, op)


def test_sqlite_remake_preserves_rows_indexes_and_foreign_keys(mig_db, ponies):
    """A table rebuild (SQLite) or ALTER (PostgreSQL) keeps rows, the index and the FK."""
    op = migrations.AlterField(
        "Pony", "weight", models.DecimalField(max_digits=5, decimal_places=2, default=0)
    )
    _, after = apply(mig_db, ponies, op)
    found = constraints(mig_db, "opsapp_pony")
    assert any(c["index"] and c["columns"] == ["name"] for c in found.values())
    assert any(c["index"] and c["columns"] == ["stable_id"] for c in found.values())
    assert any(c["foreign_key"] == ("opsapp_stable", "id") for c in found.values())
    assert names(after) == ["Dash", "Spot"]
    Pony = after.apps.get_model(APP, "Pony")
    assert Pony.objects.filter(stable__name="north").count() == 2
    from framework.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Pony.objects.create(name="Ghost", stable_id=999)
        mig_db.check_constraints() if hasattr(mig_db, "check_constraints") else None


def test_rename_field(mig_db, ponies):
    """RenameField renames the column and keeps data; backwards renames it back."""
    op = migrations.RenameField("Pony", "name", "nickname")
    before, after = apply(mig_db, ponies, op)
    assert "nickname" in columns(mig_db, "opsapp_pony")
    Pony = after.apps.get_model(APP, "Pony")
    assert sorted(Pony.objects.values_list("nickname", flat=True)) == ["Dash", "Spot"]
    unapply(mig_db, before, after, op)
    assert "name" in columns(mig_db, "opsapp_pony")


def test_rename_model_keeps_foreign_keys(mig_db, ponies):
    """RenameModel renames the table; foreign keys to it still work."""
    op = migrations.RenameModel("Stable", "Barn")
    before, after = apply(mig_db, ponies, op)
    assert "opsapp_barn" in tables(mig_db) and "opsapp_stable" not in tables(mig_db)
    Pony = after.apps.get_model(APP, "Pony")
    assert Pony.objects.filter(stable__name="north").count() == 2
    unapply(mig_db, before, after, op)
    assert "opsapp_stable" in tables(mig_db)


def test_alter_model_table(mig_db, ponies):
    """AlterModelTable renames the table both ways."""
    op = migrations.AlterModelTable("Pony", "horse_table")
    before, after = apply(mig_db, ponies, op)
    assert "horse_table" in tables(mig_db)
    assert names(after) == ["Dash", "Spot"]
    unapply(mig_db, before, after, op)
    assert "opsapp_pony" in tables(mig_db)


def test_alter_model_options_and_managers_change_state_only(mig_db, ponies):
    """AlterModelOptions/AlterModelManagers change the state, not the schema."""
    ops = [
        migrations.AlterModelOptions("Pony", {"ordering": ["-name"], "verbose_name": "pony"}),
        migrations.AlterModelManagers("Pony", [("ponies", models.Manager())]),
    ]
    _, after = apply(mig_db, ponies, *ops)
    Pony = after.apps.get_model(APP, "Pony")
    assert Pony._meta.ordering == ["-name"]
    assert list(Pony.ponies.values_list("name", flat=True)) == ["Spot", "Dash"]


def test_add_remove_rename_index(mig_db, ponies):
    """AddIndex, RenameIndex and RemoveIndex each work forwards and backwards."""
    add = migrations.AddIndex("Pony", models.Index(fields=["weight"], name="pony_weight_idx"))
    before, after = apply(mig_db, ponies, add)
    assert "pony_weight_idx" in constraints(mig_db, "opsapp_pony")
    rename = migrations.RenameIndex("Pony", new_name="pony_w_idx", old_name="pony_weight_idx")
    b2, a2 = apply(mig_db, after, rename)
    assert "pony_w_idx" in constraints(mig_db, "opsapp_pony")
    unapply(mig_db, b2, a2, rename)
    assert "pony_weight_idx" in constraints(mig_db, "opsapp_pony")
    remove = migrations.RemoveIndex("Pony", "pony_weight_idx")
    b3, a3 = apply(mig_db, after, remove)
    assert "pony_weight_idx" not in constraints(mig_db, "opsapp_pony")
    unapply(mig_db, b3, a3, remove)
    assert "pony_weight_idx" in constraints(mig_db, "opsapp_pony")
    unapply(mig_db, before, after, add)
    assert "pony_weight_idx" not in constraints(mig_db, "opsapp_pony")


def test_add_remove_check_constraint(mig_db, ponies):
    """AddConstraint enforces a check on existing tables; RemoveConstraint lifts it."""
    from framework.db import IntegrityError, transaction

    check = models.CheckConstraint(condition=models.Q(weight__gte=0), name="pony_weight_gte_0")
    add = migrations.AddConstraint("Pony", check)
    before, after = apply(mig_db, ponies, add)
    Pony = after.apps.get_model(APP, "Pony")
    with pytest.raises(IntegrityError), transaction.atomic():
        Pony.objects.create(name="Neg", weight=-1)
    assert names(after) == ["Dash", "Spot"]
    unapply(mig_db, before, after, add)
    Pony = before.apps.get_model(APP, "Pony")
    Pony.objects.create(name="Neg", weight=-1)
    remove = migrations.RemoveConstraint("Pony", "pony_weight_gte_0")
    Pony.objects.filter(name="Neg").delete()
    _, with_check = apply(mig_db, before, add)
    b2, a2 = apply(mig_db, with_check, remove)
    a2.apps.get_model(APP, "Pony").objects.create(name="Neg2", weight=-2)
    a2.apps.get_model(APP, "Pony").objects.filter(name="Neg2").delete()
    unapply(mig_db, b2, a2, remove)
    with pytest.raises(IntegrityError), transaction.atomic():
        b2.apps.get_model(APP, "Pony").objects.create(name="Neg", weight=-1)


def test_alter_unique_together(mig_db, ponies):
    """AlterUniqueTogether adds and removes a composite unique constraint."""
    from framework.db import IntegrityError, transaction

    op = migrations.AlterUniqueTogether("Pony", {("name", "stable")})
    before, after = apply(mig_db, ponies, op)
    Pony = after.apps.get_model(APP, "Pony")
    stable = Pony.objects.get(name="Spot").stable
    with pytest.raises(IntegrityError), transaction.atomic():
        Pony.objects.create(name="Spot", stable=stable)
    unapply(mig_db, before, after, op)
    before.apps.get_model(APP, "Pony").objects.create(name="Spot", stable_id=stable.pk)


def test_many_to_many_field(mig_db, ponies):
    """AddField of a ManyToManyField creates the join table; backwards drops it."""
    op = migrations.AddField("Pony", "friends", models.ManyToManyField("opsapp.Pony"))
    before, after = apply(mig_db, ponies, op)
    assert "opsapp_pony_friends" in tables(mig_db)
    Pony = after.apps.get_model(APP, "Pony")
    spot, dash = Pony.objects.get(name="Spot"), Pony.objects.get(name="Dash")
    spot.friends.add(dash)
    assert list(spot.friends.values_list("name", flat=True)) == ["Dash"]
    unapply(mig_db, before, after, op)
    assert "opsapp_pony_friends" not in tables(mig_db)


def test_run_sql_with_reverse(mig_db, ponies):
    """RunSQL runs a script of several statements; reverse_sql undoes it."""
    op = migrations.RunSQL(
        "INSERT INTO opsapp_pony (name) VALUES ('Sql1'); INSERT INTO opsapp_pony (name) VALUES ('Sql2');",
        reverse_sql="DELETE FROM opsapp_pony WHERE name LIKE 'Sql%'",
    )
    before, after = apply(mig_db, ponies, op)
    assert names(after) == ["Dash", "Spot", "Sql1", "Sql2"]
    unapply(mig_db, before, after, op)
    assert names(before) == ["Dash", "Spot"]


def test_run_sql_without_reverse_is_irreversible(mig_db, ponies):
    """Unapplying a RunSQL without reverse_sql raises IrreversibleError."""
    from framework.db.migrations.exceptions import IrreversibleError

    op = migrations.RunSQL("SELECT 1")
    before, after = apply(mig_db, ponies, op)
    with pytest.raises(IrreversibleError, match="not reversible"):
        unapply(mig_db, before, after, op)


def _forwards(apps, schema_editor):
    Pony = apps.get_model(APP, "Pony")
    Pony.objects.filter(name="Spot").update(weight=10.0)


def _backwards(apps, schema_editor):
    Pony = apps.get_model(APP, "Pony")
    Pony.objects.filter(name="Spot").update(weight=1.5)


def test_run_python_uses_historical_models(mig_db, ponies):
    """RunPython gets the historical app registry; reverse_code undoes its change."""
    op = migrations.RunPython(_forwards, _backwards)
    before, after = apply(mig_db, ponies, op)
    Pony = after.apps.get_model(APP, "Pony")
    assert Pony.objects.get(name="Spot").weight == 10.0
    unapply(mig_db, before, after, op)
    assert Pony.objects.get(name="Spot").weight == 1.5


def test_separate_database_and_state(mig_db, ponies):
    """SeparateDatabaseAndState runs its database operations and records its state ones."""
    op = migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(
                "ALTER TABLE opsapp_pony ADD COLUMN age integer NULL",
                reverse_sql="ALTER TABLE opsapp_pony DROP COLUMN age",
            )
        ],
        state_operations=[migrations.AddField("Pony", "age", models.IntegerField(null=True))],
    )
    before, after = apply(mig_db, ponies, op)
    assert "age" in columns(mig_db, "opsapp_pony")
    assert "age" in after.models[APP, "pony"].fields
    after.apps.get_model(APP, "Pony").objects.filter(name="Spot").update(age=3)
    unapply(mig_db, before, after, op)
    assert "age" not in columns(mig_db, "opsapp_pony")


def test_add_unique_and_foreign_key_columns_to_filled_table(mig_db, ponies):
    """Unique and NOT NULL foreign key columns can be added to a table with rows."""
    Stable = ponies.apps.get_model(APP, "Stable")
    barn = Stable.objects.create(name="barn")
    ops = [
        migrations.AddField("Pony", "code", models.CharField(max_length=5, null=True, unique=True)),
        migrations.AddField(
            "Pony",
            "home",
            models.ForeignKey("opsapp.Stable", models.CASCADE, default=barn.pk, related_name="+"),
            preserve_default=False,
        ),
    ]
    before, after = apply(mig_db, ponies, *ops)
    Pony = after.apps.get_model(APP, "Pony")
    assert sorted(Pony.objects.values_list("home__name", flat=True)) == ["barn", "barn"]
    assert names(after) == ["Dash", "Spot"]
    assert any(
        c["unique"] and c["columns"] == ["code"]
        for c in constraints(mig_db, "opsapp_pony").values()
    )
    unapply(mig_db, before, after, *ops)
    assert "home_id" not in columns(mig_db, "opsapp_pony")


def test_alter_field_to_not_null_fills_nulls_with_default(mig_db, ponies):
    """A one-off default (preserve_default=False) replaces NULLs before NOT NULL applies."""
    Pony = ponies.apps.get_model(APP, "Pony")
    Pony.objects.create(name="Blank", weight=None)
    op = migrations.AlterField(
        "Pony", "weight", models.FloatField(default=9.5), preserve_default=False
    )
    _, after = apply(mig_db, ponies, op)
    Pony = after.apps.get_model(APP, "Pony")
    assert Pony.objects.get(name="Blank").weight == 9.5
    assert Pony.objects.get(name="Spot").weight == 1.5
    assert not after.models[APP, "pony"].fields["weight"].has_default()


def test_alter_foreign_key_target(mig_db, ponies):
    """Pointing a ForeignKey at another model moves the FOREIGN KEY constraint with it."""
    create = migrations.CreateModel(
        "Barn", [("id", models.AutoField(primary_key=True)), ("size", models.IntegerField())]
    )
    _, with_barn = apply(mig_db, ponies, create)
    with_barn.apps.get_model(APP, "Pony").objects.update(stable=None)
    op = migrations.AlterField(
        "Pony", "stable", models.ForeignKey("opsapp.Barn", models.CASCADE, null=True)
    )
    before, after = apply(mig_db, with_barn, op)
    foreign_keys = [
        c["foreign_key"] for c in constraints(mig_db, "opsapp_pony").values() if c["foreign_key"]
    ]
    assert foreign_keys == [("opsapp_barn", "id")]
    barn = after.apps.get_model(APP, "Barn").objects.create(size=3)
    after.apps.get_model(APP, "Pony").objects.filter(name="Spot").update(stable=barn)
    assert after.apps.get_model(APP, "Pony").objects.get(stable__size=3).name == "Spot"
    after.apps.get_model(APP, "Pony").objects.update(stable=None)
    unapply(mig_db, before, after, op)
    foreign_keys = [
        c["foreign_key"] for c in constraints(mig_db, "opsapp_pony").values() if c["foreign_key"]
    ]
    assert foreign_keys == [("opsapp_stable", "id")]


def test_remove_field_named_by_meta_index_and_constraint(mig_db, ponies):
    """A hand-written RemoveField of a column that an index and a unique constraint name
    drops them with it (SQLite rebuilds, PostgreSQL's DROP COLUMN cascades)."""
    add_index = migrations.AddIndex(
        "Pony", models.Index(fields=["name", "-weight"], name="pony_name_weight_idx")
    )
    add_unique = migrations.AddConstraint(
        "Pony", models.UniqueConstraint(fields=["stable", "weight"], name="pony_stable_weight_uq")
    )
    _, state = apply(mig_db, ponies, add_index, add_unique)
    found = constraints(mig_db, "opsapp_pony")
    assert "pony_name_weight_idx" in found and "pony_stable_weight_uq" in found
    remove = migrations.RemoveField("Pony", "weight")
    before, after = apply(mig_db, state, remove)
    assert "weight" not in columns(mig_db, "opsapp_pony")
    found = constraints(mig_db, "opsapp_pony")
    assert "pony_name_weight_idx" not in found
    assert "pony_stable_weight_uq" not in found
    assert names(after) == ["Dash", "Spot"]
    # The other indexes survive (name's db_index, the foreign key's index).
    assert any(c["columns"] == ["name"] and c["index"] for c in found.values())
    unapply(mig_db, before, after, remove)
    assert "weight" in columns(mig_db, "opsapp_pony")
    assert names(before) == ["Dash", "Spot"]


def _column_type(connection, table, column):
    with connection.cursor() as cursor:
        for info in connection.introspection.get_table_description(cursor, table):
            if info.name == column:
                return info.type_code
    raise AssertionError(f"{table}.{column} not found")


def _fk_columns(connection, table):
    return sorted(
        tuple(c["columns"]) for c in constraints(connection, table).values() if c["foreign_key"]
    )


@pytest.mark.parametrize(
    "new_pk",
    [
        pytest.param(lambda: models.CharField(max_length=10, primary_key=True), id="to-char"),
        pytest.param(lambda: models.BigIntegerField(primary_key=True), id="to-bigint"),
    ],
)
def test_alter_primary_key_type_carries_foreign_keys(mig_db, new_pk):
    """Changing a pk's type alters every FK/O2O/M2M column pointing at it, keeping rows
    and constraints, forwards and backwards."""
    create = [
        migrations.CreateModel(
            "Owner",
            [
                ("code", models.IntegerField(primary_key=True)),
                ("name", models.CharField(max_length=20)),
            ],
        ),
        migrations.CreateModel(
            "Pet",
            [
                ("id", models.AutoField(primary_key=True)),
                ("owner", models.ForeignKey("opsapp.Owner", models.CASCADE)),
                ("friends", models.ManyToManyField("opsapp.Owner", related_name="pals")),
            ],
        ),
        migrations.CreateModel(
            "Passport",
            [
                ("id", models.AutoField(primary_key=True)),
                ("owner", models.OneToOneField("opsapp.Owner", models.CASCADE)),
            ],
        ),
    ]
    _, state = apply(mig_db, ProjectState(), *create)
    Owner = state.apps.get_model(APP, "Owner")
    Pet = state.apps.get_model(APP, "Pet")
    Passport = state.apps.get_model(APP, "Passport")
    ann = Owner.objects.create(code=7, name="Ann")
    bob = Owner.objects.create(code=42, name="Bob")
    pet = Pet.objects.create(owner=ann)
    pet.friends.add(bob)
    Passport.objects.create(owner=bob)
    fks_before = {t: _fk_columns(mig_db, t) for t in ("opsapp_pet", "opsapp_passport")}
    through = Pet._meta.get_field("friends").remote_field.through._meta.db_table
    fks_before[through] = _fk_columns(mig_db, through)

    alter = migrations.AlterField("Owner", "code", new_pk())
    before, after = apply(mig_db, state, alter)
    for table, column in (
        ("opsapp_pet", "owner_id"),
        ("opsapp_passport", "owner_id"),
        (through, "owner_id"),
    ):
        assert _column_type(mig_db, table, column) == _column_type(
            mig_db, "opsapp_owner", "code"
        ), table
    for table, fks in fks_before.items():
        assert _fk_columns(mig_db, table) == fks
    Pet2 = after.apps.get_model(APP, "Pet")
    Passport2 = after.apps.get_model(APP, "Passport")
    Owner2 = after.apps.get_model(APP, "Owner")
    pet2 = Pet2.objects.get()
    assert pet2.owner.name == "Ann"
    assert [o.name for o in pet2.friends.all()] == ["Bob"]
    assert Passport2.objects.get().owner.name == "Bob"
    # The constraint still holds after the change.
    from framework.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic(using=mig_db.alias):
        Pet2.objects.create(owner_id=Owner2._meta.pk.to_python("999"))

    unapply(mig_db, before, after, alter)
    assert _column_type(mig_db, "opsapp_pet", "owner_id") == _column_type(
        mig_db, "opsapp_owner", "code"
    )
    for table, fks in fks_before.items():
        assert _fk_columns(mig_db, table) == fks
    pet = before.apps.get_model(APP, "Pet").objects.get()
    assert pet.owner.code == 7 and [o.code for o in pet.friends.all()] == [42]
