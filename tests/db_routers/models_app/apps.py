from framework.apps import AppConfig


class RoutersAppConfig(AppConfig):
    name = "tests.db_routers.models_app"
    label = "db_routers"
    default_auto_field = "framework.db.models.BigAutoField"
