from framework.apps import AppConfig

READY_CALLS = []


class AppOneConfig(AppConfig):
    name = "tests.apps.app_one"
    label = "app_one"
    verbose_name = "App number one"

    def ready(self):
        READY_CALLS.append(self.label)
