"""The newsroom demo project: settings, URLs and the WSGI entry point."""
