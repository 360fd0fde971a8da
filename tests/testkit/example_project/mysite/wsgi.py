"""WSGI entry point of mysite."""

import os

from framework.core.wsgi import get_wsgi_application

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "mysite.settings")

application = get_wsgi_application()
