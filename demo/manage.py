#!/usr/bin/env python
"""Command-line utility for administrative tasks of the newsroom demo."""

import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "newsroom.settings")
    try:
        from framework.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import framework. Are you sure it's installed and available on your "
            "PYTHONPATH environment variable? Did you forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
