"""Models used by the ORM tests (installed by tests/orm/conftest.py)."""
