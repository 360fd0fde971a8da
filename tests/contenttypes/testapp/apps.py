from framework.apps import AppConfig


class ContribTestAppConfig(AppConfig):
    name = "tests.contenttypes.testapp"
    label = "contrib_testapp"
    default_auto_field = "framework.db.models.BigAutoField"
