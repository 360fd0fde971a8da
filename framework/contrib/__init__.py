"""The contrib apps shipped with the framework (auth, sessions, messages, staticfiles, ...)."""
