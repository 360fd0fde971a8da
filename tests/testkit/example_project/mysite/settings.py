"""Settings of the example project used by the test toolkit's tests.

EXAMPLE_DB=postgresql selects PostgreSQL (EXAMPLE_PG_* give the server and database
name); otherwise SQLite.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "example-project-secret-key-for-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["localhost"]

INSTALLED_APPS = [
    "framework.contrib.contenttypes",
    "framework.contrib.auth",
    "framework.contrib.sessions",
    "blog",
    "notes",
]
MIDDLEWARE = [
    "framework.contrib.sessions.middleware.SessionMiddleware",
    "framework.middleware.common.CommonMiddleware",
    "framework.middleware.csrf.CsrfViewMiddleware",
    "framework.contrib.auth.middleware.AuthenticationMiddleware",
]
# Fast hashing for the tests' users (never in production).
PASSWORD_HASHERS = ["framework.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/login/"
ROOT_URLCONF = "mysite.urls"
WSGI_APPLICATION = "mysite.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {},
    },
]

if os.environ.get("EXAMPLE_DB") == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "framework.db.backends.postgresql",
            "NAME": os.environ["EXAMPLE_PG_NAME"],
            "USER": os.environ.get("EXAMPLE_PG_USER", "postgres"),
            "PASSWORD": os.environ.get("EXAMPLE_PG_PASSWORD", ""),
            "HOST": os.environ.get("EXAMPLE_PG_HOST", "127.0.0.1"),
            "PORT": os.environ.get("EXAMPLE_PG_PORT", "5432"),
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "framework.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }

USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "framework.db.models.BigAutoField"
