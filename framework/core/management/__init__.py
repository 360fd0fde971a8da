"""Management commands: ``framework-admin``, ``manage.py`` and ``call_command``.

See ``base.BaseCommand`` for writing commands; commands live in
``<app>/management/commands/<name>.py`` or are registered under the
``framework.commands`` entry-point group.
"""

from framework.core.management.base import BaseCommand, CommandError
from framework.core.management.call import call_command
from framework.core.management.discovery import (
    find_commands,
    get_commands,
    load_command_class,
)
from framework.core.management.utility import ManagementUtility, execute_from_command_line

__all__ = [
    "BaseCommand",
    "CommandError",
    "ManagementUtility",
    "call_command",
    "execute_from_command_line",
    "find_commands",
    "get_commands",
    "load_command_class",
]
