"""A data migration: the row that serialized_rollback must bring back after a flush."""

from framework.db import migrations


def add_note(apps, schema_editor):
    Note = apps.get_model("notes", "Note")
    Note.objects.using(schema_editor.connection.alias).create(text="from a data migration")


class Migration(migrations.Migration):
    dependencies = [("notes", "0001_initial")]

    operations = [migrations.RunPython(add_note, migrations.RunPython.noop)]
