"""Settings of the newsroom demo: a small news publication serving two sites.

Environment variables (all optional):

- ``DEMO_DATABASE_URL``: ``postgresql://USER@HOST:PORT/NAME`` or ``sqlite:////path``
  (default: SQLite in ``demo/var/db.sqlite3``);
- ``DEMO_DATA_DIR``: where the SQLite database and collected static files live
  (default ``demo/var``; Apache's www-data must be able to write it);
- ``DEMO_DEBUG=1``: turn DEBUG on; ``DEMO_SECRET_KEY``: the secret key;
- ``DEMO_ALLOWED_HOSTS``: extra host names, comma-separated.

The site a request belongs to is chosen from its host (contrib.sites, no SITE_ID):
``seed_demo`` creates 127.0.0.1 (the news site) and localhost (the sport site).
"""

import os
from pathlib import Path

from newsroom.database import database_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DEMO_DATA_DIR") or BASE_DIR / "var")

# A demo: the key only protects sessions of a local server. Set DEMO_SECRET_KEY elsewhere.
SECRET_KEY = os.environ.get("DEMO_SECRET_KEY", "newsroom-demo-insecure-key-change-me-0123456789")
DEBUG = os.environ.get("DEMO_DEBUG", "") in ("1", "true", "yes")

# Each allowed host needs a Site (seed_demo creates these two), or its pages are 404s.
ALLOWED_HOSTS = [
    "127.0.0.1",
    "localhost",
    *filter(None, os.environ.get("DEMO_ALLOWED_HOSTS", "").split(",")),
]

INSTALLED_APPS = [
    "framework.contrib.admin",
    "framework.contrib.auth",
    "framework.contrib.contenttypes",
    "framework.contrib.sessions",
    "framework.contrib.messages",
    "framework.contrib.sites",
    "framework.contrib.staticfiles",
    "framework.contrib.syndication",
    "news",
]

MIDDLEWARE = [
    "framework.middleware.security.SecurityMiddleware",
    "framework.contrib.sessions.middleware.SessionMiddleware",
    "framework.middleware.common.CommonMiddleware",
    "framework.middleware.csrf.CsrfViewMiddleware",
    "framework.contrib.auth.middleware.AuthenticationMiddleware",
    "framework.contrib.messages.middleware.MessageMiddleware",
    "framework.middleware.clickjacking.XFrameOptionsMiddleware",
    "news.middleware.CurrentSiteMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "framework.template.context_processors.request",
                "framework.contrib.auth.context_processors.auth",
                "framework.contrib.messages.context_processors.messages",
                "news.context_processors.newsroom",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": database_from_url(os.environ.get("DEMO_DATABASE_URL"), DATA_DIR / "db.sqlite3")
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

DEFAULT_AUTO_FIELD = "framework.db.models.BigAutoField"

LOGIN_URL = "/admin/login/"

# Apache: `manage.py runserver` and `manage.py apache ...` listen here by default.
APACHE_HOST = os.environ.get("DEMO_HOST", "127.0.0.1")
APACHE_PORT = int(os.environ.get("DEMO_PORT", "8000"))
if os.environ.get("DEMO_SERVER_ROOT"):
    APACHE_SERVER_ROOT = os.environ["DEMO_SERVER_ROOT"]
