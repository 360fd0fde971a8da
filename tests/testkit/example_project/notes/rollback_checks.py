"""serialized_rollback and available_apps, run by the toolkit's tests with
``manage.py test notes.rollback_checks``. The classes run in name order (A, B, ...)."""

from blog.models import Post

from framework.apps import apps
from framework.contrib.contenttypes.models import ContentType
from framework.test import TransactionTestCase
from notes.models import Note

MIGRATED = ["from a data migration"]


def note_texts():
    return list(Note.objects.values_list("text", flat=True))


class A_SerializedRollbackFirst(TransactionTestCase):
    serialized_rollback = True

    def test_sees_the_migration_row_and_replaces_it(self):
        self.assertEqual(note_texts(), MIGRATED)
        Note.objects.all().delete()
        Note.objects.create(text="made by a test")


class B_SerializedRollbackAgain(TransactionTestCase):
    serialized_rollback = True

    def test_migration_row_is_back_after_the_flush(self):
        self.assertEqual(note_texts(), MIGRATED)

    def test_new_rows_do_not_collide_with_restored_keys(self):
        Note.objects.create(text="another")
        self.assertEqual(note_texts(), [*MIGRATED, "another"])


class C_PlainTransactionTestCase(TransactionTestCase):
    def test_flushed_tables_are_empty(self):
        # Without serialized_rollback, the previous flush removed the migration's row.
        self.assertEqual(note_texts(), [])


class D_AvailableApps(TransactionTestCase):
    available_apps = ["framework.contrib.contenttypes", "notes"]

    def test_registry_is_restricted(self):
        labels = [app_config.label for app_config in apps.get_app_configs()]
        self.assertEqual(labels, ["contenttypes", "notes"])
        # post_migrate ran for the available apps only.
        self.assertTrue(ContentType.objects.filter(app_label="notes").exists())
        # A table outside the available apps is not flushed after the test.
        Post.objects.create(title="outside available_apps")
        Note.objects.create(text="inside available_apps")


class E_AfterAvailableApps(TransactionTestCase):
    def test_registry_is_restored(self):
        labels = [app_config.label for app_config in apps.get_app_configs()]
        self.assertEqual(labels, ["contenttypes", "auth", "sessions", "blog", "notes"])
        self.assertEqual(
            list(Post.objects.values_list("title", flat=True)), ["outside available_apps"]
        )
        self.assertEqual(note_texts(), [])
