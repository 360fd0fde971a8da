from framework.apps import AppConfig


class ModelFormsAppConfig(AppConfig):
    name = "tests.forms.modelforms_app"
    label = "modelforms"
    default_auto_field = "framework.db.models.AutoField"
