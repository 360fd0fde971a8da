"""E-mail backends; EMAIL_BACKEND names one ``EmailBackend`` class."""
