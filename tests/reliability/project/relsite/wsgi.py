"""WSGI entry point of the reliability project."""

import os

from framework.core.wsgi import get_wsgi_application

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "relsite.settings")

application = get_wsgi_application()
