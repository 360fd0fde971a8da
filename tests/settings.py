"""Settings for the framework's own test suite."""

SECRET_KEY = "tests-only-secret-key-not-for-production"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "[::1]"]
INSTALLED_APPS = []
ROOT_URLCONF = "tests.urls"
MIDDLEWARE = []
USE_TZ = True
TIME_ZONE = "UTC"
DATABASES = {
    "default": {"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"},
}
