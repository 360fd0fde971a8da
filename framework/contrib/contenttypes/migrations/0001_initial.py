import framework.contrib.contenttypes.models
from framework.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentType",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("app_label", models.CharField(max_length=100)),
                (
                    "model",
                    models.CharField(max_length=100, verbose_name="python model class name"),
                ),
            ],
            options={
                "verbose_name": "content type",
                "verbose_name_plural": "content types",
                "db_table": "framework_content_type",
                "unique_together": {("app_label", "model")},
            },
            managers=[
                ("objects", framework.contrib.contenttypes.models.ContentTypeManager()),
            ],
        ),
    ]
