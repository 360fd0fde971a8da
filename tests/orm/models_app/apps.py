from framework.apps import AppConfig


class ModelsAppConfig(AppConfig):
    name = "tests.orm.models_app"
    label = "orm"
    default_auto_field = "framework.db.models.BigAutoField"
