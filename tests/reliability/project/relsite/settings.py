"""The demo's settings plus the reliability app; values of the run come from relsite/local.py."""

import sys

from relsite import local

sys.path.insert(0, local.DEMO_DIR)

from newsroom.settings import *  # noqa: E402,F403
from newsroom.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "relapp"]
ROOT_URLCONF = "relsite.urls"
WSGI_APPLICATION = "relsite.wsgi.application"
DEBUG = False
DATABASES = {"default": local.DATABASE}
STATIC_ROOT = local.STATIC_ROOT
MEDIA_ROOT = local.MEDIA_ROOT
APACHE_SERVER_ROOT = local.SERVER_ROOT
APACHE_PROCESSES = 2
APACHE_THREADS = local.THREADS
APACHE_QUEUE_TIMEOUT = local.QUEUE_TIMEOUT
APACHE_REQUEST_TIMEOUT = local.REQUEST_TIMEOUT
APACHE_MAXIMUM_REQUESTS = local.MAXIMUM_REQUESTS
APACHE_EVICTION_TIMEOUT = 10
APACHE_GRACEFUL_TIMEOUT = 10
