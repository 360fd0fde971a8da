"""Deployment checks run by ``manage.py check --deploy`` (ids security.W001 ...)."""
