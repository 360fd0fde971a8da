import os

from framework.core.wsgi import get_wsgi_application

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "mnsite.settings")
application = get_wsgi_application()
