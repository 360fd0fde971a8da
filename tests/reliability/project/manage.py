import os
import sys

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "relsite.settings")
from framework.core.management import execute_from_command_line

execute_from_command_line(sys.argv)
