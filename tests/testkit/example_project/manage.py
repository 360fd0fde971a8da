#!/usr/bin/env python
"""Command-line utility for administrative tasks of mysite."""

import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "mysite.settings")
    from framework.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
