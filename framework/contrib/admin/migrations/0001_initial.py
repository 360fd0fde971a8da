import framework.contrib.admin.models
import framework.db.models.deletion
from framework.conf import settings
from framework.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="LogEntry",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action_time",
                    models.DateTimeField(
                        default=framework.contrib.admin.models.now,
                        editable=False,
                        verbose_name="action time",
                    ),
                ),
                ("object_id", models.TextField(blank=True, null=True, verbose_name="object id")),
                ("object_repr", models.CharField(max_length=200, verbose_name="object repr")),
                (
                    "action_flag",
                    models.PositiveSmallIntegerField(
                        choices=[(1, "Addition"), (2, "Change"), (3, "Deletion")],
                        verbose_name="action flag",
                    ),
                ),
                ("change_message", models.TextField(blank=True, verbose_name="change message")),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=framework.db.models.deletion.SET_NULL,
                        to="contenttypes.contenttype",
                        verbose_name="content type",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=framework.db.models.deletion.CASCADE,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "log entry",
                "verbose_name_plural": "log entries",
                "db_table": "framework_admin_log",
                "ordering": ["-action_time"],
            },
            managers=[
                ("objects", framework.contrib.admin.models.LogEntryManager()),
            ],
        ),
    ]
