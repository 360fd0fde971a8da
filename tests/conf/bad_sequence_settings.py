SECRET_KEY = "x" * 50
INSTALLED_APPS = "tests.apps.app_one"
