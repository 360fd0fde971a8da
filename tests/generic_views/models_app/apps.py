from framework.apps import AppConfig


class GenericViewsAppConfig(AppConfig):
    name = "tests.generic_views.models_app"
    label = "generic_views"
    default_auto_field = "framework.db.models.AutoField"
