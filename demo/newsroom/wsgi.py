"""WSGI entry point of the newsroom demo (``application``), loaded by Apache/mod_wsgi."""

import os

from framework.core.wsgi import get_wsgi_application

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()
