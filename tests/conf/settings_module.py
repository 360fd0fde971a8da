SECRET_KEY = "x" * 50
DEBUG = True
INSTALLED_APPS = ["tests.apps.app_one"]
CUSTOM_SETTING = 42
lowercase_is_ignored = True
